package design

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/requirements"
)

var update = flag.Bool("update", false, "rewrite the generated designs in examples/ and the golden files in testdata/")

// exampleFiles lists the requirement files of examples/.
func exampleFiles(t testing.TB) []string {
	t.Helper()
	all, err := filepath.Glob("../../examples/*.md")
	if err != nil {
		t.Fatal(err)
	}
	var reqs []string
	for _, f := range all {
		if !strings.HasSuffix(f, ".design.md") {
			reqs = append(reqs, f)
		}
	}
	if len(reqs) < 6 {
		t.Fatalf("found %d requirement files in examples/, want at least 6", len(reqs))
	}
	return reqs
}

func buildExample(t testing.TB, path string) *Design {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	req, err := requirements.ParseRequirements(data, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(req, Options{Now: goldenNow})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// goldenDate is the day the checked-in designs are dated by, so they do
// not drift with the wall clock; the price table is 17 months old then.
var goldenDate = time.Date(2026, time.November, 1, 12, 0, 0, 0, time.UTC)

func goldenNow() time.Time { return goldenDate }

// TestExamples regenerates each example's design and compares it with
// the one checked in beside it; -update rewrites them.
func TestExamples(t *testing.T) {
	for _, path := range exampleFiles(t) {
		base := strings.TrimSuffix(path, ".md")
		t.Run(filepath.Base(base), func(t *testing.T) {
			d := buildExample(t, path)
			md, err := RenderMarkdown(d)
			if err != nil {
				t.Fatal(err)
			}
			js, err := RenderJSON(d)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, base+".design.md", md)
			golden(t, base+".design.json", js)
		})
	}
}

// golden compares got with the file at path, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./agent/design -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s drifted (-want +got):\n%s\nrun go test ./agent/design -update if the change is intended", path, diff)
	}
}
