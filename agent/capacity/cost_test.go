package capacity

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/quantity"
)

// costOf calls the cost tool and returns its monthly figure and formula.
func costOf(t *testing.T, args string) (float64, Result) {
	t.Helper()
	r, err := Default().Call("cost", json.RawMessage(args))
	if err != nil {
		t.Fatalf("cost %s: %v", args, err)
	}
	return r.Outputs["monthly_usd"].(float64), r
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.005*math.Max(1, math.Abs(b)) }

// TestCostRecomputesFromTheTable prices each component and checks the
// figure against the table's own numbers, computed here by hand.
// Storage and transfer are billed in GB of 2^30 bytes, as the clouds bill
// them: 3 TB (decimal) is 2,793.97 billed GB.
func TestCostRecomputesFromTheTable(t *testing.T) {
	const gib = 1 << 30
	p := DefaultPrices()
	tests := []struct {
		name, args string
		want       float64
		size       string
	}{
		{"three API servers", `{"component":"compute","vcpu":4,"memory":"16GiB","count":3}`, 3 * 0.2016 * 730, "m7i.xlarge"},
		{"database with standby and 3 TB", `{"component":"database","instance":"db.m6i.large","standby":true,"storage":"3TB"}`, 2*0.178*730 + 3e12/gib*0.115*2, "db.m6i.large"},
		{"33 GB of cache on one node", `{"component":"cache","memory":"33GB"}`, 0.873 * 730, "cache.r7g.2xlarge"},
		{"33 GB of cache on three nodes", `{"component":"cache","memory":"33GB","count":3}`, 3 * 0.219 * 730, "cache.r7g.large"},
		{"5 TB of egress", `{"component":"egress","transfer_per_month":"5TB"}`, 5e12 / gib * 0.09, ""},
		{"80 TB of egress crosses three tiers", `{"component":"egress","transfer_per_month":"80TB"}`, 10000*0.09 + 40000*0.085 + (80e12/gib-50000)*0.07, ""},
		{"1 PB in object storage", `{"component":"object_storage","storage":"1PB"}`, 50000*0.023 + 450000*0.022 + (1e15/gib-500000)*0.021, ""},
		{"object storage, half cold, with requests", `{"component":"object_storage","storage":"10TB","cold_fraction":0.5,"writes_per_month":"1M","reads_per_month":"10M"}`, 5e12/gib*0.023 + 5e12/gib*0.004 + 1000*0.005 + 10000*0.0004, ""},
		{"a load balancer", `{"component":"load_balancer","lcu":10}`, 730 * (0.0225 + 10*0.008), ""},
		{"committed compute", `{"component":"compute","instance":"m7i.large","commitment":true}`, 0.1008 * (1 - 0.28) * 730, "m7i.large"},
		{"egress after 40 TB already billed starts in the second tier", `{"component":"egress","transfer_per_month":"30TB","transfer_after":"40TB"}`,
			(50000-40e12/gib)*0.085 + (70e12/gib-50000)*0.07, ""},
		{"egress after bytes past every tier", `{"component":"egress","transfer_per_month":"1TB","transfer_after":"1PB"}`, 1e12 / gib * 0.05, ""},
		{"three NAT gateways processing 6 TB", `{"component":"nat_gateway","count":3,"transfer_per_month":"6TB"}`, 3*730*0.045 + 6e12/gib*0.045, ""},
		{"10 TB across zones, billed out and in", `{"component":"cross_az","transfer_per_month":"10TB"}`, 10e12 / gib * 0.01 * 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, r := costOf(t, tt.args)
			if !near(got, tt.want) {
				t.Errorf("monthly = %v, want %v (%s)", got, tt.want, r.Formula)
			}
			if tt.size != "" && r.Outputs["size"] != tt.size {
				t.Errorf("size = %v, want %s", r.Outputs["size"], tt.size)
			}
			if !strings.Contains(r.Formula, "$") || !strings.Contains(strings.Join(r.Notes, " "), p.Date) {
				t.Errorf("formula %q or notes %v lack the prices and their date", r.Formula, r.Notes)
			}
		})
	}
}

func TestCostRefusesWhatItCannotPrice(t *testing.T) {
	for _, args := range []string{
		`{}`,
		`{"component":"mainframe"}`,
		`{"component":"compute","instance":"m9.huge"}`,
		`{"component":"cache","memory":"10TB"}`,
		`{"component":"compute","count":2.5}`,
		`{"component":"compute","hours":1000}`,
		`{"component":"object_storage","storage":"1TB","cold_fraction":2}`,
	} {
		if _, err := Default().Call("cost", json.RawMessage(args)); err == nil {
			t.Errorf("cost %s: accepted", args)
		}
	}
}

func TestPriceTable(t *testing.T) {
	p := DefaultPrices()
	if p.Date == "" || len(p.Sources) < 5 {
		t.Fatalf("the table must state its date and sources: %+v", p)
	}
	if p.Age(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)) < StaleAfterDays {
		t.Error("a table read in 2100 should be stale")
	}
	for _, bad := range []string{"", "date: 2025-01-01\n", "date: nope\nsources: [x]\n", "date: 2025-01-01\nsources: [x]\nprices: 1\n"} {
		if _, err := ParsePrices([]byte(bad)); err == nil {
			t.Errorf("ParsePrices(%q) accepted", bad)
		}
	}
	own, err := ParsePrices(defaultPricesYAML)
	if err != nil {
		t.Fatal(err)
	}
	own.Instances["compute"][0].Hourly = 1
	r, err := WithPrices(own).Call("cost", json.RawMessage(`{"component":"compute","instance":"m7i.large"}`))
	if err != nil || r.Outputs["monthly_usd"].(float64) != 730 {
		t.Errorf("a registry with its own prices: %v %v", r.Outputs, err)
	}
}

func TestPriceTableStale(t *testing.T) {
	p := &Prices{Date: "2025-06-01"}
	for _, tt := range []struct {
		now    string
		months int
		stale  bool
	}{
		{"2025-06-01", 0, false},
		{"2026-06-01", 0, false}, // 365 days: not yet past the limit
		{"2026-06-02", 12, true},
		{"2026-11-01", 17, true},
		{"2026-11-30", 17, true},
		{"2026-12-01", 18, true},
		{"2026-12-06", 18, true},
		{"2027-12-06", 30, true},
	} {
		now, _ := time.Parse(time.DateOnly, tt.now)
		months, stale := p.Stale(now)
		if months != tt.months || stale != tt.stale {
			t.Errorf("Stale(%s) = %d, %v; want %d, %v", tt.now, months, stale, tt.months, tt.stale)
		}
	}
	if _, stale := (&Prices{Date: "not a date"}).Stale(time.Now()); stale {
		t.Error("a table without a readable date is not judged")
	}
}

// TestTransferAfterSplitsOneBill: two lines of one account's egress, the
// second priced after the first, add up to the bill of both together,
// wherever the split falls among the tiers.
func TestTransferAfterSplitsOneBill(t *testing.T) {
	for _, kind := range []string{"egress", "cdn"} {
		for _, split := range []string{"3TB", "10TB", "47TB", "200TB", "2PB"} {
			whole, _ := costOf(t, `{"component":"`+kind+`","transfer_per_month":"2.5PB"}`)
			first, _ := costOf(t, `{"component":"`+kind+`","transfer_per_month":"`+split+`"}`)
			r, err := Default().Call("cost", json.RawMessage(`{"component":"`+kind+`","transfer_after":"`+split+`","transfer_per_month":"`+restOf(t, "2.5PB", split)+`"}`))
			if err != nil {
				t.Fatal(err)
			}
			after := r.Outputs["monthly_usd"].(float64)
			if math.Abs(first+after-whole) > 0.01 {
				t.Errorf("%s split at %s: $%v + $%v, the whole is $%v (%s)", kind, split, first, after, whole, r.Formula)
			}
		}
	}
}

// restOf is whole minus part, in bytes, as the cost tool reads it.
func restOf(t *testing.T, whole, part string) string {
	t.Helper()
	w, err := quantity.ParseBytes(whole)
	if err != nil {
		t.Fatal(err)
	}
	p, err := quantity.ParseBytes(part)
	if err != nil {
		t.Fatal(err)
	}
	return strconv.FormatFloat(w-p, 'f', -1, 64)
}
