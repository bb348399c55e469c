package design

import (
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/requirements"
)

// TestArchetypeMerged checks that a recognised archetype's mechanism
// lands in the design: named in Patterns, its components, state, decisions
// and figures present, the same way on every run.
func TestArchetypeMerged(t *testing.T) {
	text := []byte("---\ntitle: URL shortener\nfunctional: [create short links, redirect a short link to its target]\n" +
		"workloads:\n  - {name: create link, kind: write, rate: 100M/month, item_size: 500B, retention: 5y}\n" +
		"  - {name: redirect, kind: read, rate: 10B/month, cacheable: true, item_size: 500B}\n---\n")
	_, first, err := FromText(text, "req.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(first.Patterns) == 0 || first.Patterns[0].ID != "short-links" {
		t.Fatalf("patterns = %+v, want short-links first", first.Patterns)
	}
	md, err := RenderMarkdown(first)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"## Patterns", "base62", "Id allocator", "Id generation"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("document lacks %q", want)
		}
	}
	for range 3 {
		_, again, _ := FromText(text, "req.md", Options{})
		a, _ := RenderJSON(first)
		b, _ := RenderJSON(again)
		if string(a) != string(b) {
			t.Fatal("the same requirements gave two different designs")
		}
	}
}

// TestPatternsKeyExcludes checks that `patterns: [-id]` keeps an
// archetype out and `patterns: [id]` brings one in.
func TestPatternsKeyExcludes(t *testing.T) {
	req := requirements.Requirements{Title: "URL shortener", Functional: []string{"create short links"}, Patterns: []string{"-short-links", "leaderboard"}}
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range d.Patterns {
		ids = append(ids, p.ID)
	}
	if strings.Join(ids, ",") != "leaderboard" {
		t.Errorf("patterns = %v, want only the forced leaderboard", ids)
	}
}

// TestEveryArchetypeDesignsConsistently forces each archetype of the
// catalogue onto one ask with every kind of workload, so that its text and
// figures pass the design's own consistency check (no exponent forms, no
// contradicting figures) even when no example file recognises it.
func TestEveryArchetypeDesignsConsistently(t *testing.T) {
	for _, a := range patterns.All() {
		t.Run(a.ID, func(t *testing.T) {
			text := []byte("---\ntitle: Service\npatterns: [" + a.ID + "]\n" +
				"workloads:\n  - {name: write records, kind: write, rate: 1M/day, item_size: 2KB, retention: 1y}\n" +
				"  - {name: read records, kind: read, rate: 10M/day, item_size: 2KB}\n" +
				"  - {name: find records, kind: search, rate: 1M/day}\n" +
				"  - {name: ingest events, kind: event, rate: 5k/second, item_size: 200B}\n" +
				"users: {dau: 1M}\n---\n")
			_, d, err := FromText(text, "req.md", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Patterns) == 0 || d.Patterns[0].ID != a.ID {
				t.Fatalf("patterns = %+v, want %s first", d.Patterns, a.ID)
			}
		})
	}
}

// fitted is the archetype as the design d fitted it to its load: without
// the parts its Patterns entry says are left out.
func fitted(a *patterns.Archetype, d *Design) *patterns.Archetype {
	var gone []string
	for _, p := range d.Patterns {
		if p.ID != a.ID {
			continue
		}
		for _, l := range p.LeftOut {
			if name, _, ok := strings.Cut(l, ": left out — "); ok {
				gone = append(gone, name)
			}
		}
	}
	return a.Without(gone...)
}

// TestEveryArchetypeStepLandsOnItsFlow forces each archetype onto an ask
// with a workload of every kind: each step that names the kind it runs on
// sits under a flow of that kind, and moving one to a flow of another
// kind is refused by the check.
func TestEveryArchetypeStepLandsOnItsFlow(t *testing.T) {
	typed := 0
	for _, a := range patterns.All() {
		t.Run(a.ID, func(t *testing.T) {
			text := []byte("---\ntitle: Service\npatterns: [" + a.ID + "]\n" +
				"workloads:\n  - {name: write records, kind: write, rate: 1M/day, item_size: 2KB, retention: 1y}\n" +
				"  - {name: read records, kind: read, rate: 10M/day, item_size: 2KB}\n" +
				"  - {name: find records, kind: search, rate: 1M/day}\n" +
				"  - {name: deliver records, kind: message, rate: 1M/day}\n" +
				"  - {name: export records, kind: job, rate: 10k/day}\n" +
				"  - {name: ingest events, kind: event, rate: 5k/second, item_size: 200B}\n" +
				"users: {dau: 1M}\n---\n")
			_, d, err := FromText(text, "req.md", Options{})
			if err != nil {
				t.Fatal(err)
			}
			kinds := workloadKinds(&d.Requirements)
			want := 0
			for _, st := range fitted(a, d).Steps {
				if slices.Contains(workloadKindNames, st.On) {
					want++
				}
			}
			got := 0
			for fi, f := range d.Model.Flows {
				for si, st := range f.Mechanism {
					if st.On == "" {
						continue
					}
					got++
					if !flowRuns(f, st.On, kinds) {
						t.Errorf("%q runs on %s, yet sits under the %s flow %v", st.Step, st.On, f.Kind, f.Workloads)
					}
					typed++
					if si == 0 {
						// Breaking it: the step moved to a flow of another kind.
						other := slices.IndexFunc(d.Model.Flows, func(o Flow) bool { return !flowRuns(o, st.On, kinds) })
						if other < 0 {
							continue
						}
						broken := *d
						broken.Model = &Model{Components: d.Model.Components, Links: d.Model.Links, Flows: slices.Clone(d.Model.Flows)}
						broken.Model.Flows[other].Mechanism = append(slices.Clone(broken.Model.Flows[other].Mechanism), st)
						if !hasRule(broken.Check(), "steps run on their flow", st.On) {
							t.Errorf("a %s step under flow %d passed the check", st.On, fi)
						}
					}
				}
			}
			if got != want {
				t.Errorf("%d of its %d typed steps reached a flow", got, want)
			}
		})
	}
	if typed == 0 {
		t.Fatal("no archetype names the flow of a step")
	}
}
