package requirements

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestValuesRefusedWhereTheyEnter: each value the engine used to replace
// or misread silently is refused at its file:line:col with what to write.
func TestValuesRefusedWhereTheyEnter(t *testing.T) {
	const flow = "workloads:\n  - {name: read feed, kind: read, rate: 20/s}\n"
	for _, tc := range []struct{ yaml, want string }{
		{"parameters: {followers: \"1e308\"}\n" + flow, `r.yaml:2:25: parameters.followers: average followers per author: expected a count`},
		{"parameters: {followers: many}\n" + flow, `parameters.followers: average followers per author: expected a count like 10M, 4B or 1,000, got "many"`},
		{"parameters: {page_bytes: -10KB}\n" + flow, `r.yaml:2:26: parameters.page_bytes: "-10KB" is below 0`},
		{"parameters: {folowers: 300}\n" + flow, `r.yaml:2:24: parameters.folowers: unknown parameter "folowers"; did you mean followers?`},
		{"parameters: {hit_ratio: \"1.5\"}\n" + flow, `parameters.hit_ratio: "1.5" is beyond 1`},
		{"constraints: {budget: -100 USD/month}\n" + flow, `r.yaml:2:23: constraints.budget: "-100 USD/month" is negative`},
		{"constraints: {budget: 1e300 USD/month}\n" + flow, `constraints.budget: "1e300 USD/month" has an exponent`},
		{"patterns: [news-feed, -news-feed]\n" + flow, `patterns[1]: "-news-feed" contradicts patterns[0]`},
		{"workloads:\n  - {name: read feed, kind: read, rate: 20/s, peak_factor: 0}\n", `r.yaml:3:60: workloads[0].peak_factor: must be at least 1`},
		{"workloads:\n  - {name: post, kind: write, rate: 20/s, item_size: 10KB, blob_size: 10KB}\n", `workloads[0].blob_size: must be less than item_size (10 KB)`},
		{"workloads:\n  - {name: post, kind: write, rate: 20/s, blob_size: 10KB}\n", `workloads[0].item_size: is needed with blob_size or indexed_size`},
		{"workloads:\n  - {name: post, kind: write, rate: 20/s, item_size: 10KB, blob_size: 9.7KB, indexed_size: 1KB}\n", `workloads[0].indexed_size: must be at most the record's bytes`},
		{"workloads:\n  - {name: view seat map, kind: read, rate: 20/s, keys: -5}\n", `workloads[0].keys: must not be negative`},
		{"workloads:\n  - {name: view seat map, kind: read, rate: 20/s, keys: lots}\n", `workloads[0].keys: expected a count like 10M`},
		{"workloads:\n  - {name: hold seat, kind: write, rate: 20/s, keys: 62k}\n", `workloads[0].keys: is the key space of a read or search`},
	} {
		_, err := ParseRequirements([]byte("title: Feed\n"+tc.yaml), "r.yaml")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%.40q: err = %v, want %q", tc.yaml, err, tc.want)
			continue
		}
		if !regexp.MustCompile(`^r\.yaml:\d+:\d+: `).MatchString(err.Error()) {
			t.Errorf("%.40q: %v does not start with file:line:col", tc.yaml, err)
		}
	}
	for _, ok := range []string{
		"parameters: {followers: \"500\", page_bytes: 1MB, hit_ratio: \"0.8\", retention: 2y}\n",
		"constraints: {budget: \"$60k a year\"}\n", "constraints: {budget: 2000 USD/month}\n",
		"patterns: [news-feed, -chat]\n",
	} {
		if _, err := ParseRequirements([]byte("title: Feed\n"+ok+flow), "r.yaml"); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
}

// TestAliasesCountedExpanded: a 500 KB string anchored once and aliased a
// hundred times is a 488 KiB file and 50 MB of requirements; it is refused
// at the first alias past the limit, in well under a second.
func TestAliasesCountedExpanded(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: &big \"" + strings.Repeat("x", 500_000) + "\"\nfunctional:\n")
	for range 100 {
		b.WriteString("  - *big\n")
	}
	start := time.Now()
	_, err := ParseRequirements([]byte(b.String()), "r.yaml")
	if err == nil || !strings.Contains(err.Error(), "r.yaml:4:5: functional[1]: with its aliases written out this file holds more than 1 MiB") {
		t.Errorf("err = %v, want the second alias refused", err)
	}
	if d := time.Since(start); d > 3*time.Second { // 0.1 s; more under the race detector
		t.Errorf("took %v", d)
	}
}

// TestKeysIsTheKeySpaceOfARead: keys: reads as a count, the number of
// distinct items the flow can ask for.
func TestKeysIsTheKeySpaceOfARead(t *testing.T) {
	r, err := ParseRequirements([]byte("title: Seats\nworkloads:\n  - {name: view seat map, kind: read, rate: 20k/s, cacheable: true, keys: 62k}\n"), "r.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := float64(r.Workloads[0].Keys); got != 62000 {
		t.Errorf("keys = %v, want 62,000", got)
	}
}
