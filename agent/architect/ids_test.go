package architect

import (
	"slices"
	"testing"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/requirements"
)

// TestIdsSurviveRecordingAgain: requirements are recorded, a workload is
// added in the middle and they are recorded again; every row of the first
// design keeps its id, and the new rows take ids no row had.
func TestIdsSurviveRecordingAgain(t *testing.T) {
	first, err := requirements.ParseRequirements([]byte(reqYAML), "req.yaml")
	if err != nil {
		t.Fatal(err)
	}
	second := first
	second.Workloads = slices.Insert(slices.Clone(first.Workloads), 1, requirements.Workload{Name: "search products", Kind: "search", Rate: first.Workloads[1].Rate})
	s := &Session{}
	a, err := s.Record(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Record(second)
	if err != nil {
		t.Fatal(err)
	}
	type what struct{ workload, horizon, tool, quantity string }
	ids := func(d *design.Design) map[what]string {
		m := map[what]string{}
		for _, r := range slices.Concat(d.Capacity, d.Derived) {
			m[what{r.Workload, r.Horizon, r.Tool, r.Quantity}] = r.ID
		}
		return m
	}
	before, after := ids(a), ids(b)
	used := map[string]bool{}
	for _, id := range before {
		used[id] = true
	}
	kept, added := 0, 0
	for w, id := range after {
		if old, ok := before[w]; ok {
			kept++
			if old != id {
				t.Errorf("%v was %s and is now %s", w, old, id)
			}
		} else {
			added++
			if used[id] {
				t.Errorf("the new row %v took %s, an id of the first design", w, id)
			}
		}
	}
	if kept == 0 || added == 0 {
		t.Fatalf("kept %d rows and added %d: the test needs both", kept, added)
	}
	// Offline, the same requirements are numbered from 1 by position, so
	// the added workload moves the rows after it.
	plain, err := design.Build(second, design.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if moved := ids(plain); slices.Equal(sortedIDs(moved), sortedIDs(after)) && moved[what{"browse", "", "throughput", "peak_per_second"}] == after[what{"browse", "", "throughput", "peak_per_second"}] {
		t.Error("a design built on its own numbers its rows as the session does; the test shows nothing")
	}
}

func sortedIDs[K comparable](m map[K]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	slices.Sort(out)
	return out
}
