package design

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
)

// unsizedCarriers are the absorbing parts of kinds the engine cannot size
// yet (a store's disks, a queue's brokers): the flow must still reach
// them, and the model must say they are not sized. Every other carrier
// is priced.
var unsizedCarriers = []string{"store", "queue", "object-storage", "edge"}

// TestEveryAbsorbRoutesAndSizes builds, for each archetype that absorbs
// flows, a requirements file from its own first match case with one
// workload per absorbs entry, named with one of the entry's words: the
// archetype is recognised from the case alone, each workload's flow ends
// at the entry's part, never at the database, and the part is priced
// unless its kind has no sizing rule.
func TestEveryAbsorbRoutesAndSizes(t *testing.T) {
	n := 0
	for _, a := range patterns.All() {
		if len(a.Absorbs) == 0 {
			continue
		}
		n++
		t.Run(a.ID, func(t *testing.T) {
			var wl strings.Builder
			names := make([]string, len(a.Absorbs))
			for i, ab := range a.Absorbs {
				word := "traffic"
				if len(ab.Words) > 0 {
					word = ab.Words[i%len(ab.Words)]
				}
				names[i] = fmt.Sprintf("%s %s %d", ab.Kind, word, i)
				fmt.Fprintf(&wl, "  - {name: %s, kind: %s, rate: 2k/second}\n", strconv.Quote(names[i]), ab.Kind)
			}
			// One plain write beside them, so the design has requests of
			// its own to size (a limit check alone runs inside others).
			wl.WriteString("  - {name: save settings, kind: write, rate: 10/second}\n")
			text := "---\ntitle: " + strconv.Quote(a.Cases.Match[0]) + "\nsummary: " + strconv.Quote(a.Cases.Match[0]) +
				"\nworkloads:\n" + wl.String() + "users: {dau: 1M}\n---\n"
			_, d, err := FromText([]byte(text), "req.md", Options{})
			if err != nil {
				t.Fatalf("%v\n%s", err, text)
			}
			if !slices.ContainsFunc(d.Patterns, func(p PatternUse) bool { return p.ID == a.ID }) {
				t.Fatalf("%s is not recognised from its own case %q", a.ID, a.Cases.Match[0])
			}
			for i, ab := range a.Absorbs {
				if ab.To == "" {
					continue
				}
				part, ok := modelPart(d, ab.To)
				if !ok {
					t.Errorf("%q: the part %q is not in the model", names[i], ab.To)
					continue
				}
				f, ok := flowOf(d, names[i])
				if !ok {
					t.Errorf("%q has no flow", names[i])
					continue
				}
				if ab.Also {
					// It keeps its own path and store of record, and says
					// it then updates the part.
					if slices.Contains(f.Path, part.ID) || !strings.Contains(f.Detail, "also updates the "+ab.To) {
						t.Errorf("%q runs %v — %s; want its own path, then an update of %s", names[i], f.Path, f.Detail, ab.To)
					}
				} else if !slices.Contains(f.Path, part.ID) {
					t.Errorf("%q runs %v, not through %s (%s)", names[i], f.Path, ab.To, part.ID)
				}
				if !ab.Also && f.Path[len(f.Path)-1] == "db" && part.ID != "db" {
					t.Errorf("%q ends at the database, not at %s", names[i], ab.To)
				}
				switch {
				case len(part.Cost) > 0 || part.Existing:
				case slices.Contains(unsizedCarriers, part.Kind):
					if part.Unpriced == "" && part.CostNote == "" {
						t.Errorf("%s (%s) is neither priced nor said to be unpriced", ab.To, part.Kind)
					}
				default:
					t.Errorf("%s (%s) carries %q and is not priced (%s)", ab.To, part.Kind, names[i], part.Unpriced)
				}
			}
		})
	}
	if n < 19 {
		t.Errorf("%d archetypes absorb flows, want at least 19", n)
	}
}

// modelPart is the model's part of an archetype component, by its name
// or a name it refines.
func modelPart(d *Design, name string) (ModelComponent, bool) {
	for _, c := range d.Model.Components {
		if c.Name == name || slices.Contains(c.Refined, name) {
			return c, true
		}
	}
	return ModelComponent{}, false
}

// flowOf is the model flow a workload runs on.
func flowOf(d *Design, workload string) (Flow, bool) {
	for _, f := range d.Model.Flows {
		if slices.Contains(f.Workloads, workload) {
			return f, true
		}
	}
	return Flow{}, false
}
