package design

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
)

// sizedPart maps a sizing row of today (servers or nodes) to the model
// part it sizes; "" when the row sizes no part of its own.
func sizedPart(d *Design, r CapacityRow) string {
	w := r.Workload
	switch {
	case w == "API tier":
		return "api"
	case w == "ingest tier":
		return "ingest"
	case w == "workers tier":
		return "workers"
	case w == "database reads" || strings.HasPrefix(w, "Database: "):
		return "db"
	case strings.HasPrefix(w, "Cache: "):
		return "cache"
	case strings.HasPrefix(w, "Search: "):
		return "search"
	case strings.HasPrefix(w, "Store for "):
		return "records"
	case strings.HasSuffix(w, ": in-memory nodes"):
		name := strings.TrimSuffix(w, ": in-memory nodes")
		for _, c := range d.Model.Components {
			if c.Name == name {
				return c.ID
			}
		}
	}
	return ""
}

// assertSizedPriced fails for every part a figure sizes (servers or
// nodes, today) that has no cost line and is not already in place.
func assertSizedPriced(t *testing.T, name string, d *Design) {
	t.Helper()
	if d.CostSummary == nil {
		return
	}
	parts := map[string]ModelComponent{}
	for _, c := range d.Model.Components {
		parts[c.ID] = c
	}
	for _, r := range d.Capacity {
		if r.Horizon != "" || (r.Quantity != "servers" && r.Quantity != "nodes") || r.Value <= 0 {
			continue
		}
		id := sizedPart(d, r)
		c, ok := parts[id]
		if id == "" || !ok {
			continue
		}
		if len(c.Cost) == 0 && !strings.HasPrefix(c.CostNote, "already in place") {
			t.Errorf("%s: %s is sized [%s: %s %s] but has no cost line (note: %q)", name, c.Name, r.ID, formatNum(r.Value), r.Quantity, c.CostNote)
		}
	}
}

// TestEverySizedPartIsPriced: in every example, primer problem, paper
// estimate and archetype, a part the design counts in servers or nodes
// has a cost line, or is already in place.
func TestEverySizedPartIsPriced(t *testing.T) {
	var files []string
	for _, g := range []string{"../../examples/*.md", "testdata/primer/*.md", "testdata/sizing/*.md"} {
		fs, _ := filepath.Glob(g)
		for _, f := range fs {
			if !strings.HasSuffix(f, ".design.md") && !strings.HasSuffix(f, ".estimate.md") {
				files = append(files, f)
			}
		}
	}
	for _, f := range files {
		assertSizedPriced(t, f, buildExample(t, f))
	}
	for _, a := range patterns.All() {
		text := []byte("---\ntitle: Service\npatterns: [" + a.ID + "]\n" +
			"workloads:\n  - {name: write records, kind: write, rate: 1M/day, item_size: 2KB, retention: 1y}\n" +
			"  - {name: read records, kind: read, rate: 10M/day, item_size: 2KB, cacheable: true}\n" +
			"  - {name: search records, kind: search, rate: 1M/day}\n" +
			"  - {name: ingest events, kind: event, rate: 5k/second, item_size: 200B}\n" +
			"users: {dau: 1M}\n---\n")
		_, d, err := FromText(text, "req.md", Options{})
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		assertSizedPriced(t, a.ID, d)
		if d.CostSummary != nil {
			assertHorizonsAddUp(t, a.ID, d)
		}
	}
}

// TestReconcileAndBudgetRisk: a total far off the playbook's figure names
// its dominant line, and one more than twice the budget is a High-impact
// risk that says whether the changes bring it under.
func TestReconcileAndBudgetRisk(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	s := d.CostSummary
	if s.TotalUSD > 3*s.PhaseUSD && !strings.Contains(s.Reconcile, "dominates") {
		t.Errorf("$%v against the playbook's $%v with no reconciliation: %q", s.TotalUSD, s.PhaseUSD, s.Reconcile)
	}
	if got := reconcile(100, 90, nil); got != "" {
		t.Errorf("a total near the playbook's is reconciled: %q", got)
	}
	text, err := os.ReadFile("testdata/sizing/podcast-hosting.md")
	if err != nil {
		t.Fatal(err)
	}
	text = []byte(strings.Replace(string(text), "availability: 99.9%\n", "availability: 99.9%\nconstraints: {budget: 20000 USD/month}\n", 1))
	_, ev, err := FromText(text, "podcast.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if ev.CostSummary.TotalUSD <= 2*ev.CostSummary.BudgetUSD {
		t.Fatalf("podcast hosting is not twice over a $20k budget: %v", ev.CostSummary.TotalUSD)
	}
	found := false
	for _, r := range ev.Risks {
		if strings.HasPrefix(r.Risk, "Running cost now") {
			found = true
			if r.Impact != "High" || !strings.Contains(r.Mitigation, "saves $") || !strings.Contains(r.Mitigation, "Together they bring it to") {
				t.Errorf("a cost twice the budget is %+v", r)
			}
		}
	}
	if !found {
		t.Error("no running-cost risk")
	}
}
