package design

import (
	"strings"
	"testing"
)

// costOf builds text and returns its cost lines by component and the
// model's parts by id.
func costOf(t *testing.T, text string) (map[string]CostLine, map[string]ModelComponent) {
	t.Helper()
	_, d, err := FromText([]byte(text), "req.yaml", Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]CostLine{}
	for _, l := range d.Cost {
		lines[l.Component] = l
	}
	parts := map[string]ModelComponent{}
	for _, c := range d.Model.Components {
		parts[c.ID] = c
	}
	return lines, parts
}

func TestExistingPostgreSQLIsNotPricedAsNew(t *testing.T) {
	const req = "title: Claims\nworkloads:\n  - {name: submit claim, kind: write, rate: 6000/month, item_size: 2KB}\n  - {name: list claims, kind: read, rate: 50k/month}\n"
	lines, parts := costOf(t, req+"constraints: {existing: [PostgreSQL]}\n")
	for name := range lines {
		if strings.HasPrefix(name, "Database") {
			t.Errorf("an existing PostgreSQL is priced as a new primary: %s", name)
		}
	}
	if db := parts["db"]; !db.Existing || db.CostNote == "" {
		t.Errorf("the database part is not marked existing with a reason: %+v", db)
	}
	lines, _ = costOf(t, req)
	if _, ok := lines["Database (PostgreSQL)"]; !ok {
		t.Error("without the constraint the primary is not priced")
	}
}

func TestExistingAPIFleetIsReused(t *testing.T) {
	const req = "title: Partner quotas\nworkloads:\n  - {name: list orders, kind: read, rate: 20k/second}\n  - {name: place order, kind: write, rate: 100/second}\n"
	lines, parts := costOf(t, req+"constraints: {existing: [40 API servers]}\n")
	if _, ok := lines["API servers"]; ok {
		t.Error("40 existing servers carry the load, yet new API servers are priced")
	}
	if !parts["api"].Existing {
		t.Errorf("the API part is not marked existing: %+v", parts["api"])
	}
	lines, _ = costOf(t, req+"constraints: {existing: [2 API servers]}\n")
	extra, ok := lines["API servers beyond the 2 existing"]
	if !ok {
		t.Fatalf("a fleet too small for the load prices no extra servers: %v", lines)
	}
	all, _ := costOf(t, req)
	if extra.Count != all["API servers"].Count-2 {
		t.Errorf("extra servers = %v, want the %v needed less the 2 in place", extra.Count, all["API servers"].Count)
	}
}

// TestRateLimiterPricesItsCounterStore: the limiter's checks run inside
// requests already served, so they size no API fleet, and the counter
// store that carries them is sized by its operations and priced.
func TestRateLimiterPricesItsCounterStore(t *testing.T) {
	d := buildExample(t, "../../examples/rate-limiter.md")
	var counters *CostLine
	for i, l := range d.Cost {
		if l.part == "counter_store" {
			counters = &d.Cost[i]
		}
		if l.part == "api" && l.Count > 10 {
			t.Errorf("the checks size an API fleet of %v servers", l.Count)
		}
	}
	if counters == nil || counters.Count < 2 {
		t.Fatalf("the counter store is not priced by its operations: %+v", d.Cost)
	}
	for _, h := range d.CostSummary.Horizons {
		if h.TotalUSD <= d.CostSummary.TotalUSD {
			t.Errorf("at %s (×%v) the cost does not grow with the counter store: %v", h.Horizon, h.Growth, h.TotalUSD)
		}
	}
}
