package design

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/quantity"
)

func storageTotal(t *testing.T, d *Design, flow string) CapacityRow {
	t.Helper()
	for _, r := range d.Capacity {
		if r.Workload == flow && r.Tool == "storage" && r.Quantity == "total_bytes" && r.Horizon == "" {
			return r
		}
	}
	t.Fatalf("no storage row for %q", flow)
	return CapacityRow{}
}

// TestShortLivedRecordsAreKeptForTheirTTL keeps holds, sessions and carts
// for their TTL, not the storage tool's default year: the prose's TTL
// where it gives one, else the kind's usual one, and a stated retention
// always.
func TestShortLivedRecordsAreKeptForTheirTTL(t *testing.T) {
	cases := []struct {
		name, flow, extra, summary string
		want                       string // the storage formula's retention
	}{
		{"hold, TTL in the prose", "hold seat", "", "Holds expire after 10 minutes.", "× 10m ("},
		{"hold, usual TTL", "hold seat", "", "Fans buy seats.", "× 15m ("},
		{"session", "create session", "", "Sessions last 30 minutes.", "× 30m ("},
		{"stated retention wins", "hold seat", ", retention: 2y", "Holds expire after 10 minutes.", "24 months retention"},
		{"not short-lived", "place order", "", "Orders are kept.", "12 months retention"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := buildText(t, "title: T\nsummary: "+c.summary+"\nworkloads:\n  - {name: "+c.flow+", kind: write, rate: 3k/s, item_size: 500B"+c.extra+"}\n")
			if r := storageTotal(t, d, c.flow); !strings.Contains(r.Formula, c.want) {
				t.Errorf("storage formula %q, want %q", r.Formula, c.want)
			}
		})
	}
}

func TestTTLNear(t *testing.T) {
	hold, _ := shortLived("hold seat")
	cases := []struct {
		text string
		want float64
	}{
		{"A seat is held for 8 minutes while the fan pays.", 480},
		{"Holds expire after 90 seconds. Tickets are kept for 7 days.", 90},
		{"Tickets are kept for 7 days.", 0},
		{"The household holds 3 accounts.", 0},
	}
	for _, c := range cases {
		if got, _, _ := ttlNear(c.text, hold); got != c.want {
			t.Errorf("ttlNear(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	if _, ok := shortLived("update holdings"); ok {
		t.Error(`"update holdings" is not a hold`)
	}
}

// TestTransactionalRecordsStayRelational keeps the records of an
// archetype whose correctness rests on transactions and unique
// constraints (reservations) in the relational store, sharded, however
// many there are; the same volume of plain append-only records goes to a
// wide-column store.
func TestTransactionalRecordsStayRelational(t *testing.T) {
	const flows = "workloads:\n  - {name: %s, kind: write, rate: 400/s, item_size: 2KB, retention: 7y}\n"
	booking := buildText(t, "title: Stadium tickets\nsummary: Fans hold a seat for ten minutes while they pay; never sell the same seat twice.\n"+strings.Replace(flows, "%s", "buy ticket", 1))
	if c := booking.component("database"); c == nil || !strings.Contains(c.Choice, "PostgreSQL") {
		t.Fatalf("database %+v, want sharded PostgreSQL", c)
	}
	if c := wideColumnPart(booking); c != nil {
		t.Errorf("tickets moved to %s; the unique constraint needs them in PostgreSQL", c.Choice)
	}
	if !slicesContainsSub(booking.Assumptions, "stay in the relational database although they outgrow one node") {
		t.Error("no assumption says why the tickets stay relational")
	}
	plain := buildText(t, "title: Click log\nsummary: Every click is recorded.\n"+strings.Replace(flows, "%s", "record click", 1))
	if c := wideColumnPart(plain); c == nil {
		t.Error("plain append-only records of the same volume should move to the wide-column store")
	}
}

func slicesContainsSub(lines []string, sub string) bool {
	for _, l := range lines {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

func wideColumnPart(d *Design) *Component {
	for i, c := range d.Components {
		if strings.Contains(c.Choice, "wide-column") {
			return &d.Components[i]
		}
	}
	return nil
}

func TestReleasedAfter(t *testing.T) {
	cases := []struct {
		text, name string
		want       float64
	}{
		{"Reserved units are released after 24 hours if they are not issued.", "reserve unit", 86400},
		{"Sessions expire after 30 minutes.", "create quote", 0},
		{"Quotes expire after 30 days.", "create quote", 30 * 86400},
		{"Units are issued to patients. Reservations are kept for 7 days.", "reserve unit", 0},
	}
	for _, c := range cases {
		if got, _, _ := releasedAfter(c.text, c.name); got != c.want {
			t.Errorf("releasedAfter(%q, %q) = %v, want %v", c.text, c.name, got, c.want)
		}
	}
}

// TestStadiumOnSaleIsSizedByWhatExists is the ask that came to $478k a
// month: a seat-map cache of 13.8 TB counted from a day's reads, seat
// holds kept a year in a wide-column store beside the reservations'
// unique constraint. The seats bound the cache, holds live ten minutes,
// and the records stay in PostgreSQL.
func TestStadiumOnSaleIsSizedByWhatExists(t *testing.T) {
	d := buildText(t, `title: Stadium ticket on-sale
summary: Fans buy the 62,000 seats of a stadium's events; when an on-sale opens, a flash crowd holds seats and pays. Holds expire after 10 minutes.
functional:
  - show the seat map of an event with live availability
  - hold a seat for a few minutes while the fan pays
  - take payment and issue the ticket; never sell the same seat twice
workloads:
  - {name: view seat map, kind: read, rate: 20k/s, item_size: 40KB, cacheable: true, latency_p99: 300ms}
  - {name: hold seat, kind: write, rate: 3k/s, item_size: 500B}
  - {name: pay and issue ticket, kind: write, rate: 400/s, item_size: 2KB, retention: 7y}
availability: 99.95%
constraints: {budget: 15000 USD/month, existing: [PostgreSQL, AWS]}
`)
	if r := cacheRow(t, d, "view seat map"); r.Value > 1e9 {
		t.Errorf("seat-map cache %s: %s", quantity.FormatBytes(r.Value), r.Formula)
	}
	if r := storageTotal(t, d, "hold seat"); r.Value > 1e9 {
		t.Errorf("seat holds keep %s: %s", quantity.FormatBytes(r.Value), r.Formula)
	}
	if c := wideColumnPart(d); c != nil {
		t.Errorf("records moved to %s beside the reservations' unique constraint", c.Choice)
	}
	for _, l := range d.Cost {
		if strings.Contains(l.Component, "Cache") && l.MonthlyUSD > 1000 {
			t.Errorf("%s costs $%.0f a month", l.Component, l.MonthlyUSD)
		}
	}
}
