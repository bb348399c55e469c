package design

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/capacity"
)

// TestCapacityRowsMatchTheTools checks that every capacity row is what a
// direct registry call with the row's inputs gives: the figure `sysarch
// calc` would print. It reads the rows back from the JSON, as an outside
// check would.
func TestCapacityRowsMatchTheTools(t *testing.T) {
	for _, path := range exampleFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			js, err := RenderJSON(buildExample(t, path))
			if err != nil {
				t.Fatal(err)
			}
			var doc struct {
				Capacity []CapacityRow `json:"capacity"`
			}
			if err := json.Unmarshal(js, &doc); err != nil {
				t.Fatal(err)
			}
			if len(doc.Capacity) == 0 {
				t.Fatal("no capacity rows")
			}
			for _, row := range doc.Capacity {
				checkRow(t, row)
			}
		})
	}
}

func checkRow(t *testing.T, row CapacityRow) {
	t.Helper()
	args, err := json.Marshal(row.Inputs)
	if err != nil {
		t.Fatal(err)
	}
	r, err := capacity.Default().Call(row.Tool, args)
	if err != nil {
		t.Errorf("%s: %s %s: %v", row.ID, row.Tool, args, err)
		return
	}
	got, ok := r.Outputs[row.Quantity].(float64)
	if !ok {
		t.Errorf("%s: %s has no numeric output %q", row.ID, row.Tool, row.Quantity)
		return
	}
	if got != row.Value || r.Formula != row.Formula || r.Units[row.Quantity] != row.Unit {
		t.Errorf("%s: %s %s gives %v %q (%s), the row says %v %q (%s)", row.ID, row.Tool, args, got, r.Units[row.Quantity], r.Formula, row.Value, row.Unit, row.Formula)
	}
}

// TestEveryCitationResolves checks that each [C…] or [D…] in a rendered
// document names a row of its Capacity section.
func TestEveryCitationResolves(t *testing.T) {
	for _, path := range exampleFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			d := buildExample(t, path)
			md, err := RenderMarkdown(d)
			if err != nil {
				t.Fatal(err)
			}
			refs := citations(string(md))
			if len(refs) == 0 {
				t.Fatal("no citations in the document")
			}
			for _, id := range refs {
				if _, ok := d.row(id); !ok {
					t.Errorf("[%s] is cited but no row has that ID", id)
				}
			}
		})
	}
}

// citations finds the IDs written as [C12] or [D3].
func citations(s string) []string {
	var ids []string
	for {
		i := strings.Index(s, "[")
		if i < 0 {
			return ids
		}
		s = s[i+1:]
		j := strings.Index(s, "]")
		if j < 2 || (s[0] != 'C' && s[0] != 'D') || strings.Trim(s[1:j], "0123456789") != "" {
			continue
		}
		ids = append(ids, s[:j])
	}
}
