package review

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestLoadsIn(t *testing.T) {
	tests := []struct {
		line string
		want []Load
	}{
		{"Process 1M events/sec from mobile apps", []Load{{Kind: "events", Subject: "events", PerSecond: 1e6, Text: "1M events/sec"}}},
		{"100M/month new links", []Load{{PerSecond: 100e6 / 2629746, Text: "100M/month"}}},
		{"peaks at 5k rps", []Load{{PerSecond: 5000, Text: "5k rps"}}},
		{"10,000 QPS at lunch", []Load{{PerSecond: 10000, Text: "10,000 QPS"}}},
		{"2M messages per hour", []Load{{Kind: "messages", Subject: "messages", PerSecond: 2e6 / 3600, Text: "2M messages per hour"}}},
		{"1.5k writes per second", []Load{{Kind: "writes", Subject: "writes", PerSecond: 1500, Text: "1.5k writes per second"}}},
		{"50 requests a minute", []Load{{Kind: "reads", Subject: "requests", PerSecond: 50.0 / 60, Text: "50 requests a minute"}}},
		{"4B/month page views", []Load{{PerSecond: 4e9 / 2629746, Text: "4B/month"}}},
		{"40 read requests per second and 1,600 write requests per second", []Load{
			{Kind: "reads", Subject: "read requests", PerSecond: 40, Text: "40 read requests per second"},
			{Kind: "writes", Subject: "write requests", PerSecond: 1600, Text: "1,600 write requests per second"}}},
		{"4,000 search requests per second", []Load{{Kind: "searches", Subject: "search requests", PerSecond: 4000, Text: "4,000 search requests per second"}}},
		{"300 signups per minute", []Load{{Kind: "users", Subject: "signups", PerSecond: 5, Text: "300 signups per minute"}}},
		// Byte rates, time conversions and limits are not loads.
		{"Egress peaks at 400,000 B/s", nil},
		{"10 MB/s of logs", nil},
		{"2 Gbit/s of uplink", nil},
		{"2.5 million seconds per month", nil},
		{"deploys 3 times a week", nil},
		{"PostgreSQL handles 10k writes/s", nil},
		{"Kafka above 10k events/s", nil},
		{"one Redis does 100k ops/s per instance", nil},
		{"10k writes/s is far above what we need", nil},
		{"p99 of 500 ms", nil},
		{"no digits here / per second", nil},
	}
	for _, tt := range tests {
		got := loadsIn(tt.line)
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(1e-9, 0)); diff != "" {
			t.Errorf("loadsIn(%q) (-want +got):\n%s", tt.line, diff)
		}
	}
}

func TestConversionsAreNotLoads(t *testing.T) {
	for _, s := range []string{
		"1 request per second = 2.5 million requests per month",
		"250 billion read requests per month * (400 requests per second / 1 billion requests per month)",
		"10 KB per tweet * 500 million tweets per day * 30 days per month",
		"For example, 100 requests per second.",
	} {
		if !notALoad(strings.ToLower(s)) {
			t.Errorf("%q is read as a load, want a conversion or example", s)
		}
	}
	for _, s := range []string{"100 thousand read requests per second", "40 read requests per second on average", "Egress 400 KB/s"} {
		if notALoad(strings.ToLower(s)) {
			t.Errorf("%q is taken for a conversion", s)
		}
	}
}

func TestReadScale(t *testing.T) {
	doc := "# D\nToday 300 requests/s and 40 events/s.\n\n## Scaling\n\nIn 3 years 90k requests/s.\n\n## Decision Log\n\n| Decision | Options | Choice | Reasoning |\n| --- | --- | --- | --- |\n| Events | NOTIFY, Kafka | NOTIFY | Kafka past 10k events/s; we have 40 |\n"
	d := Parse([]byte(doc))
	got := readScale(d, d.sentences())
	want := Scale{PeakPerSecond: 300, PeakLine: 2, EventsPerSecond: 40, EventsLine: 2, MessagesPerSecond: -1, WritesPerSecond: -1,
		ReadsPerSecond: 300, ReadsLine: 2, SearchesPerSecond: -1, UsersPerSecond: -1,
		Loads: []Load{{Kind: "reads", Subject: "requests", PerSecond: 300, Line: 2, Text: "300 requests/s"},
			{Kind: "events", Subject: "events", PerSecond: 40, Line: 2, Text: "40 events/s"}}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("readScale (-want +got):\n%s", diff)
	}
}

// TestOwnDesignLoad reviews sysarch's own design for a 50/s system: its
// byte rates (B/s) are not billions of requests a second.
func TestOwnDesignLoad(t *testing.T) {
	doc, err := os.ReadFile("../../examples/internal-crud.design.md")
	if err != nil {
		t.Fatal(err)
	}
	r := Review(doc, "internal-crud.design.md")
	if r.Scale.PeakPerSecond > 1000 || r.Scale.PeakPerSecond < 1 {
		t.Errorf("peak = %g/s, want the design's own tens per second; loads %+v", r.Scale.PeakPerSecond, r.Scale.Loads)
	}
	if d := r.Scale.describe(); strings.Contains(d, "5,000,000,000,000") || strings.Contains(d, "e+") {
		t.Errorf("stated load %q", d)
	}
}

// TestByteRateDoesNotHideKafka: a byte rate once read as billions of
// requests made a premature Kafka finding disappear.
func TestByteRateDoesNotHideKafka(t *testing.T) {
	base := "# Design\n\n## Architecture\n\nEvents go through Kafka at a peak of 200 events/s.\n"
	for _, doc := range []string{base, base + "\nEgress peaks at 400,000 B/s.\n", base + "\nUplink is 2 Gbit/s and 400 KB/s of logs.\n"} {
		r := Review([]byte(doc), "d.md")
		if !slicesContainsID(r.Findings, "premature-kafka") {
			t.Errorf("no premature-kafka finding for:\n%s\nscale %+v", doc, r.Scale)
		}
	}
}

func slicesContainsID(fs []Finding, id string) bool {
	for _, f := range fs {
		if f.ID == id {
			return true
		}
	}
	return false
}

// TestPrimerLoads reads the load of the system-design-primer solutions:
// the document's real peak of each kind, never a conversion-table figure.
func TestPrimerLoads(t *testing.T) {
	tests := []struct {
		file            string
		minPeak, maxPk  float64
		minReads        float64
		minWrites       float64
		maxWrites       float64
		wantLoadInclude string
	}{
		{"primer-twitter.md", 1e5, 2e5, 1e5, 5000, 1e4, "100 thousand read requests per second"},
		{"primer-pastebin.md", 10, 100, 38, 3, 10, "40 read requests per second"},
		{"primer-sales_rank.md", 4e4, 5e4, 4e4, 380, 1000, "40,000 read requests per second"},
	}
	for _, tt := range tests {
		doc, err := os.ReadFile("testdata/public/" + tt.file)
		if err != nil {
			t.Fatal(err)
		}
		d := Parse(doc)
		s := readScale(d, d.sentences())
		if s.PeakPerSecond < tt.minPeak || s.PeakPerSecond > tt.maxPk {
			t.Errorf("%s: peak %g/s (line %d), want %g to %g", tt.file, s.PeakPerSecond, s.PeakLine, tt.minPeak, tt.maxPk)
		}
		if s.ReadsPerSecond < tt.minReads {
			t.Errorf("%s: reads %g/s, want at least %g", tt.file, s.ReadsPerSecond, tt.minReads)
		}
		if s.WritesPerSecond < tt.minWrites || s.WritesPerSecond > tt.maxWrites {
			t.Errorf("%s: writes %g/s (line %d), want %g to %g", tt.file, s.WritesPerSecond, s.WritesLine, tt.minWrites, tt.maxWrites)
		}
		found := false
		for _, l := range s.Loads {
			line := d.Lines[l.Line-1]
			if strings.Contains(line, "=") || strings.Contains(l.Text, "seconds per month") || strings.Contains(line, " * ") {
				t.Errorf("%s: load %q read from a conversion, line %d: %s", tt.file, l.Text, l.Line, line)
			}
			found = found || l.Text == tt.wantLoadInclude
		}
		if !found {
			t.Errorf("%s: loads %+v, want %q among them", tt.file, s.Loads, tt.wantLoadInclude)
		}
	}
}

// TestMayLimitSparesNoMatch checks that the test that spares the words
// after a figure the limitAfter regexp never says no to words it matches.
func TestMayLimitSparesNoMatch(t *testing.T) {
	pieces := []string{"per instance", "per server", " ", "  ", "\t", "—", "(", ")", ",", "is far above", "are well below", "is plenty", "easily", "with ease", "of headroom", "capacity", "ceiling", "limit", "maximum", "max", "at most", "threshold", "x", "1", "_", "é", "is", "per", "are", "far", "well", "above", "below", "more than", "beyond", "plenty", "\n", "instance", "broker", "iss", "pers"}
	rng := rand.New(rand.NewPCG(30, 29))
	matched := 0
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); limitAfter.MatchString(s) {
			matched++
			if !mayLimit(s) {
				t.Fatalf("limitAfter matches %q, mayLimit says no", s)
			}
		}
	}
	if matched < 1000 {
		t.Errorf("only %d matches checked", matched)
	}
	if mayLimit(" writes a second at peak") {
		t.Error("mayLimit lets through words that cannot match")
	}
}
