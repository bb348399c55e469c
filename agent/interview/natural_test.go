package interview

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/quantity"
)

func TestGrowthForms(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want map[string]quantity.Factor
	}{
		{"6mo 2x, 1y 4x, 3y 20x", map[string]quantity.Factor{"6mo": 2, "1y": 4, "3y": 20}},
		{"6mo: 2x", map[string]quantity.Factor{"6mo": 2}},
		{"1y 4", map[string]quantity.Factor{"1y": 4}},
		{"2x in 1 year, 5x in 3 years", map[string]quantity.Factor{"1y": 2, "3y": 5}},
		{"2x in 1 year and 5x in 3 years", map[string]quantity.Factor{"1y": 2, "3y": 5}},
		{"x3 within 18 months", map[string]quantity.Factor{"18mo": 3}},
		{"5 times in 3 years", map[string]quantity.Factor{"3y": 5}},
		{"doubles in a year", map[string]quantity.Factor{"1y": 2}},
		{"about 2x by next year", map[string]quantity.Factor{"1y": 2}},
		{"none", map[string]quantity.Factor{"3y": 1}},
		{"None.", map[string]quantity.Factor{"3y": 1}},
	} {
		iv := New()
		if _, err := parseGrowth(iv, 0, tt.in); err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, iv.req.Growth); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.in, diff)
		}
	}
	for _, bad := range []string{"lots", "2x", "in a year", "fast in 1y"} {
		if _, err := parseGrowth(New(), 0, bad); err == nil || !strings.Contains(err.Error(), "like 4x in 1y") {
			t.Errorf("%q: error %v, want one asking for a multiplier and a horizon", bad, err)
		}
	}
}

func TestPeakForms(t *testing.T) {
	for in, want := range map[string]quantity.Factor{"3x": 3, "3": 3, "3 times": 3, "about 2.5x": 2.5, "×4": 4, "3x the average": 3, "none": 0, "default": 0, "1x": 1} {
		iv := New()
		iv.Answer("t")
		iv.Answer("f")
		iv.Answer("w")
		iv.Answer("read")
		iv.Answer("1k/s")
		if q, _ := iv.Current(); q.ID != "workload.peak" {
			t.Fatalf("asked %s, want workload.peak", q.ID)
		}
		if r := iv.Answer(in); strings.Contains(strings.Join(r.Say, " "), "Could not read") {
			t.Errorf("%q: %q", in, r.Say)
			continue
		}
		if got := iv.Requirements().Workloads[0].PeakFactor; got != want {
			t.Errorf("%q: peak factor %v, want %v", in, got, want)
		}
	}
}

// A flow whose rate was skipped has no peak to ask about.
func TestNoPeakWithoutRate(t *testing.T) {
	_, asked, _ := run(t, "t", "f", "w", "read", "skip", "1KB")
	if diff := cmp.Diff([]string{"title", "functional", "workload.name", "workload.kind", "workload.rate", "workload.size"}, asked); diff != "" {
		t.Errorf("asked (-want +got):\n%s", diff)
	}
}

func TestYesNoReadsTheFirstWord(t *testing.T) {
	for in, want := range map[string]bool{"yes": true, "Yes, for an hour": true, "no": false, "no, just the one": false, "Nope.": false, "n": false, "sure thing": true} {
		got, err := parseYesNo(in)
		if err != nil || got != want {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"perhaps", "nothing yet", "maybe, no"} {
		if _, err := parseYesNo(in); err == nil {
			t.Errorf("parseYesNo(%q): no error", in)
		}
	}
}

// Every question reads as a sentence whatever the flow is called: no
// "How often does reads happen", no "How big is one location updates".
func TestQuestionsAreGrammatical(t *testing.T) {
	for id, q := range questions {
		text := strings.ReplaceAll(q.text, "{name}", "driver location updates")
		for _, bad := range []string{"does driver location updates", "one driver location updates", "Is driver location updates", "driver location updates answers", "driver location updates records"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s: %q", id, text)
			}
		}
	}
}
