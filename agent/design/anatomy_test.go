package design

import (
	"strings"
	"testing"
)

// TestTwitterBytesInTheRightStore checks the anatomy of a tweet: the media
// in object storage behind a CDN, the records in the store of record, the
// index sized from the text alone, and a total a principal would accept
// for 500 million tweets a day (a few hundred thousand dollars a month).
func TestTwitterBytesInTheRightStore(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	media := rowValue(t, d, "post tweet: files", "storage", "bytes_per_month")
	records := rowValue(t, d, "post tweet: records", "storage", "bytes_per_month")
	text := rowValue(t, d, "post tweet: indexed text", "storage", "bytes_per_month")
	if media != 15e9*9.7e3 || records != 15e9*300 || text != 15e9*140 {
		t.Errorf("a month of tweets: media %v, records %v, text %v; want 145.5 TB, 4.5 TB, 2.1 TB", media, records, text)
	}
	lines := map[string]CostLine{}
	for _, l := range d.Cost {
		lines[l.Component] = l
	}
	for _, want := range []string{"Object storage", "CDN", "Search cluster"} {
		if _, ok := lines[want]; !ok {
			t.Errorf("no %s line in %v", want, d.Cost)
		}
	}
	if c := component(d, "storage"); len(c) != 1 || !strings.Contains(c[0].Choice, "CDN") {
		t.Errorf("media are served by %v, want object storage behind a CDN", c)
	}
	if obj := horizonValue(t, d, "object storage", "6mo"); obj < 6*media || obj > 1.5*6*media {
		t.Errorf("object storage at 6 months holds %v, want six months of media grown at most ×1.5", obj)
	}
	if total := d.CostSummary.TotalUSD; total < 100_000 || total > 600_000 {
		t.Errorf("total = $%v/month, want within 3× of a principal's ~$200k", total)
	}
}
