package review

import (
	"testing"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/patterns"
)

// TestEngineDesignsOfEveryArchetypePass designs an ask named after each
// archetype with the engine and reviews the design: sysarch's own designs
// must not fail its review, whatever archetype they are built on.
func TestEngineDesignsOfEveryArchetypePass(t *testing.T) {
	if testing.Short() {
		t.Skip("designs 35 systems")
	}
	for _, a := range patterns.All() {
		t.Run(a.ID, func(t *testing.T) {
			text := []byte("---\ntitle: " + a.Recognise.Strong[0] + "\n" +
				"workloads:\n  - {name: write records, kind: write, rate: 1M/day, item_size: 2KB, retention: 1y}\n" +
				"  - {name: read records, kind: read, rate: 10M/day, item_size: 2KB}\n" +
				"users: {dau: 1M}\n---\n")
			_, d, err := design.FromText(text, "req.md", design.Options{})
			if err != nil {
				t.Fatal(err)
			}
			md, err := design.RenderMarkdown(d)
			if err != nil {
				t.Fatal(err)
			}
			r := Review(md, a.ID+".design.md")
			for _, f := range r.Findings {
				if f.Severity == High {
					t.Errorf("high finding %s at %s: %s", f.ID, f.Ref, f.Detail)
				}
			}
		})
	}
}
