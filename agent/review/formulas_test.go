package review

import (
	"slices"
	"strings"
	"testing"
)

// TestFormulas checks each formula the review recomputes, on a statement
// that is wrong (a finding with the right figure) and one that is right
// (none).
func TestFormulas(t *testing.T) {
	for _, c := range []struct {
		name, text, want string // want: "" for no finding, else words of the title
	}{
		{"storage product wrong", "3,000 users × 250 entries a year × 200 bytes = 1.5 TB a year.", "150 MB per year"},
		{"storage product right", "3,000 users × 250 entries a year × 200 bytes = 150 MB a year.", ""},
		{"storage over a span wrong", "10M writes a month of 1 KB for 3 years is 5 TB.", "360 GB"},
		{"storage over a span right", "10M writes a month of 1 KB for 3 years is 360 GB.", ""},
		{"bandwidth wrong", "100 requests/s of 10 KB is 100 MB/s.", "1 MB per second"},
		{"bandwidth right", "100 requests/s of 10 KB is 1 MB/s.", ""},
		{"downtime wrong", "99.9% allows 5 hours of downtime a month.", "43.8"},
		{"downtime right", "99.9% allows about 44 minutes of downtime a month.", ""},
		{"little wrong", "At 2,000 requests/s and 300 ms each, that is 60 requests in flight.", "600 in flight"},
		{"little right", "At 2,000 requests/s and 300 ms each, that is 600 requests in flight.", ""},
		{"servers wrong", "40,000 requests/s at 2,000 per server needs 5 servers.", "servers"},
		{"servers right", "40,000 requests/s at 2,000 per server needs 30 servers.", ""},
		{"servers far too many", "40,000 requests/s at 2,000 per server needs 100 servers.", "30 servers, not 100"},
		{"bandwidth in qps wrong", "1,000 QPS × 2 KB = 2 GB/s.", "2 MB per second"},
		{"bandwidth in qps right", "1,000 QPS × 2 KB = 2 MB/s.", ""},
		{"little in words wrong", "At 10k requests per second with 50 ms latency we need about 5,000 concurrent connections.", "500 in flight"},
		{"downtime a year right", "Our 99.99% target means we can be down 52 minutes a year.", ""},
		{"percent product is not checked", "10M rows × 1 KB × 30% overhead = 3 GB.", ""},
		{"bandwidth after so wrong", "Load: 50 orders/s at peak, each row about 2 KB, so the workers read 1 GB/s.", "100 KB per second"},
		{"bandwidth after so right", "Load: 50 orders/s at peak, each row about 2 KB, so the workers read 100 KB/s.", ""},
		{"little across a semicolon wrong", "Peak is 2,000 requests/s; each takes 200 ms, so about 4,000 requests are in flight.", "400 in flight"},
		{"little across a semicolon right", "Peak is 2,000 requests/s; each takes 200 ms, so about 400 requests are in flight.", ""},
		{"little with two rates before is not read", "Reads are 2,000 requests/s and writes 300 requests/s; each takes 200 ms, so about 4,000 are in flight.", ""},
		{"servers handled per server wrong", "Peak is 6,000 requests/s and one server handles about 500 requests/s, so we need 4 servers.", "servers"},
		{"servers handled per server right", "Peak is 6,000 requests/s and one server handles about 500 requests/s, so we need 19 servers.", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Review([]byte("# Sizing\n\n"+c.text+"\n"), "doc.md")
			var got []Finding
			for _, f := range r.Findings {
				if f.ID == "arithmetic-off" {
					got = append(got, f)
				}
			}
			switch {
			case c.want == "" && len(got) > 0:
				t.Errorf("unexpected finding: %s: %s", got[0].Title, got[0].Detail)
			case c.want != "" && len(got) != 1:
				t.Errorf("got %d arithmetic findings, want 1: %+v", len(got), got)
			case c.want != "" && !strings.Contains(got[0].Title, c.want):
				t.Errorf("title %q does not say %q (%s)", got[0].Title, c.want, got[0].Detail)
			}
		})
	}
}

// TestThresholdOnRecomputedRate: a write rate miscomputed upwards does
// not justify sharding; the recomputed one is judged.
func TestThresholdOnRecomputedRate(t *testing.T) {
	doc := "# Orders\n\nWe expect 100 million writes per month, which is 400,000 writes per second.\n\nOrders are sharded across 8 PostgreSQL primaries.\n"
	r := Review([]byte(doc), "doc.md")
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.ID)
	}
	for _, want := range []string{"arithmetic-off", "premature-sharding"} {
		if !strings.Contains(strings.Join(ids, " "), want) {
			t.Errorf("findings %v lack %s", ids, want)
		}
	}
}

// TestVolumeOnRecomputedSize: a size miscomputed upwards does not make a
// store too small; the recomputed size is judged.
func TestVolumeOnRecomputedSize(t *testing.T) {
	for doc, want := range map[string]bool{
		"# Entries\n\nEntries are stored in Redis: 3,000 users × 250 entries × 200 bytes = 1.5 TB.\n": false,
		"# Entries\n\nEntries are stored in Redis: 3,000 users × 250 entries × 2 MB = 1.5 TB.\n":      true,
	} {
		got := slices.Contains(findingIDsOf(Review([]byte(doc), "d.md")), "data-volume")
		if got != want {
			t.Errorf("%q: data-volume %v, want %v", doc, got, want)
		}
	}
}

// TestProductInTableCell: a sizing table's cell is recomputed too.
func TestProductInTableCell(t *testing.T) {
	doc := "# Sizing\n\n| Figure | Working |\n| --- | --- |\n| Storage | 10M writes a month of 1 KB for 3 years is 5 TB |\n"
	if !slices.Contains(findingIDsOf(Review([]byte(doc), "d.md")), "arithmetic-off") {
		t.Errorf("the wrong product in a table cell is not found")
	}
}

// TestBudgetAgainstTotalRow: a cost table's total above the budget
// contradicts the claim.
func TestBudgetAgainstTotalRow(t *testing.T) {
	doc := "# Video\n\nThe design stays within the $20,000 a month budget.\n\n## Cost\n\n| Item | Monthly |\n| --- | --- |\n| Compute | $9,000/month |\n| Egress | $25,000/month |\n| Total | $34,000/month |\n"
	if !slices.Contains(findingIDsOf(Review([]byte(doc), "d.md")), "budget-contradicted") {
		t.Errorf("a total above the budget is not found")
	}
}

func findingIDsOf(r Report) []string {
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.ID)
	}
	return ids
}
