package review

import (
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
		{"servers right", "40,000 requests/s at 2,000 per server needs 29 servers.", ""},
		{"percent product is not checked", "10M rows × 1 KB × 30% overhead = 3 GB.", ""},
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
