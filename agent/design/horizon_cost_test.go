package design

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// TestHorizonStorageIsTheStoresOwn checks that every horizon's cost prices
// the bytes each store holds at that horizon, as the design prints them
// (the "stored in …" rows), so growth is applied once: never today's
// bytes times the growth factor on top of a figure already grown.
func TestHorizonStorageIsTheStoresOwn(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.md")
	files = append(files, "testdata/primer/twitter.md", "testdata/primer/pastebin.md", "testdata/primer/web_crawler.md")
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".design.md") {
			continue
		}
		d := buildExample(t, f)
		if d.CostSummary == nil {
			continue
		}
		for _, h := range d.CostSummary.Horizons {
			for _, s := range []struct{ line, store string }{{"Object storage", "object storage"}} {
				got, ok := h.StoredBytes[s.line]
				if !ok {
					continue
				}
				want := derivedAt(d, "stored in "+s.store, h.Horizon)
				if math.Abs(got-want) > 1e-6*want {
					t.Errorf("%s: %s at %s prices %v bytes, the design holds %v", f, s.line, h.Horizon, got, want)
				}
				checked++
			}
			for comp, got := range h.StoredBytes {
				if strings.HasPrefix(comp, "Database (") {
					if want := derivedAt(d, "stored in the database", h.Horizon); math.Abs(got-want) > 1e-6*want {
						t.Errorf("%s: %s at %s prices %v bytes, the database holds %v", f, comp, h.Horizon, got, want)
					}
					checked++
				}
			}
		}
	}
	if checked < 6 {
		t.Errorf("only %d horizon storage figures were checked", checked)
	}
}

// derivedAt is the value of the derived row with the quantity at a horizon.
func derivedAt(d *Design, quantity, horizon string) float64 {
	for _, r := range d.Derived {
		if r.Quantity == quantity && r.Horizon == horizon {
			return r.Value
		}
	}
	return math.NaN()
}

// TestShortRetentionIsAFractionOfAMonth checks a flow kept 7 days holds
// 7 days of bytes, not a whole month, and that the month-by-month search
// for a crossing agrees with the direct sum.
func TestShortRetentionIsAFractionOfAMonth(t *testing.T) {
	curve := []horizon{{"6mo", 6, 1.5}, {"1y", 12, 2}, {"3y", 36, 5}}
	week := 7 * 86400 / 2_629_746.0
	flat := []horizon{{"3y", 36, 1}}
	p := []storedPart{{name: "clicks", monthly: figure{1e12, "C1"}, keep: week}}
	if got := storedAt(p, 12, flat); math.Abs(got-1e12*week) > 1 {
		t.Errorf("7 days kept holds %v, want %v", got, 1e12*week)
	}
	for _, keep := range []float64{week, 2.96, 12, 12.5, 36} {
		parts := []storedPart{{name: "a", monthly: figure{1e12, "C1"}, keep: keep}, {name: "b", monthly: figure{3e11, "C2"}, keep: 1.5}}
		for m := 1.0; m <= 36; m++ {
			limit := storedAt(parts, m, curve)
			d, crossed := storedMonth(parts, limit*0.999999, "limit", curve)
			if !crossed || d.Value > m {
				t.Errorf("keep %v: the store passes %v by month %v, storedMonth says month %v", keep, limit, m, d.Value)
			}
		}
	}
}

// TestLedgerTiersByAge: the ledger keeps its recent entries in the
// sharded relational store and its whole history in the archive in object
// storage, so the serving store holds at most the hot window at any
// horizon while the archive holds the retention.
func TestLedgerTiersByAge(t *testing.T) {
	d := buildExample(t, "../../examples/payments-ledger.md")
	if c := component(d, "database"); len(c) != 1 || !strings.Contains(c[0].Choice, "PostgreSQL") {
		t.Fatalf("the ledger's entries are in %v, want a relational store", c)
	}
	monthly := rowValue(t, d, "post transfer", "storage", "bytes_per_month")
	db3y := derivedAt(d, "stored in the database", "3y")
	archive3y := derivedAt(d, "stored in object storage", "3y")
	if db3y > 12*monthly*5 {
		t.Errorf("the database holds %v at 3y, more than 12 months of entries at ×5", db3y)
	}
	if archive3y < 36*monthly || archive3y <= db3y {
		t.Errorf("the archive holds %v at 3y, want the whole three years (> %v) and more than the database's %v", archive3y, 36*monthly, db3y)
	}
	if !strings.Contains(strings.Join(d.Assumptions, " "), "move nightly to the archive") {
		t.Error("the design does not say when entries move to the archive")
	}
}
