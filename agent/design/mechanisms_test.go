package design

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// mechanismCase is a requirements file written the way users write them
// (front matter and prose, no patterns: key) and what a principal
// engineer expects its design to contain: the archetypes recognised, the
// words that name the mechanism, and words that must not appear because
// the requirements rule them out or the problem does not call for them.
type mechanismCase struct {
	file     string
	patterns []string
	words    [][]string // each entry: any one of these, case-insensitive
	never    []string
}

// primerCases are the system-design-primer problems, written from the
// primer's use cases and constraints only.
var primerCases = []mechanismCase{
	{"testdata/primer/pastebin.md", []string{"paste-storage"},
		[][]string{{"object storage"}, {"expir"}, {"analytics", "mapreduce", "log"}}, nil},
	{"testdata/primer/twitter.md", []string{"news-feed"},
		[][]string{{"fan-out", "fan out"}, {"celebrit", "follower threshold"}, {"home timeline"}, {"search"}}, nil},
	{"testdata/primer/web_crawler.md", []string{"web-crawler"},
		[][]string{{"robots"}, {"duplicate", "dedup"}, {"frontier"}, {"politeness", "per-host", "per host"}, {"re-crawl", "recrawl"}, {"trap", "cycle"}}, nil},
	{"testdata/primer/mint.md", []string{"account-aggregation"},
		[][]string{{"encrypt"}, {"categor"}, {"monthly"}, {"budget"}}, nil},
	{"testdata/primer/social_graph.md", []string{"social-graph"},
		[][]string{{"breadth-first", "bfs"}, {"shard"}, {"lookup"}}, []string{"| Neo4j", "graph database |", "GraphQL |"}},
	{"testdata/primer/query_cache.md", []string{"query-cache"},
		[][]string{{"lru"}, {"ttl"}, {"consistent hashing"}}, nil},
	{"testdata/primer/sales_rank.md", []string{"top-k"},
		[][]string{{"mapreduce", "spark"}, {"rank"}, {"categor"}}, nil},
}

// exampleCases are the classic asks under examples/.
var exampleCases = []mechanismCase{
	{"../../examples/url-shortener.md", []string{"short-links"}, [][]string{{"base62"}, {"collision", "counter"}}, nil},
	{"../../examples/rate-limiter.md", []string{"rate-limiter"}, [][]string{{"token bucket", "sliding window"}, {"redis"}, {"fail-open", "fail open"}}, nil},
	{"../../examples/chat.md", []string{"chat"}, [][]string{{"websocket"}, {"presence"}, {"sequence"}}, nil},
	{"../../examples/ride-hailing.md", []string{"ride-dispatch"}, [][]string{{"geohash", "quadtree", "s2"}, {"nearest"}, {"redis geo"}}, []string{"| Vitess/CockroachDB |"}},
	{"../../examples/video-streaming.md", []string{"video-streaming"}, [][]string{{"transcod"}, {"cdn"}, {"hls", "dash", "adaptive"}}, nil},
	{"../../examples/web-crawler.md", []string{"web-crawler"}, [][]string{{"robots"}, {"frontier"}}, []string{"news-feed"}},
	{"../../examples/ticket-booking.md", []string{"reservations"}, [][]string{{"hold"}, {"expir"}, {"unique", "double"}}, nil},
	{"../../examples/metrics-ingestion.md", []string{"time-series"}, [][]string{{"downsampl", "rollup", "roll-up"}, {"cardinality"}}, nil},
	{"../../examples/payments-ledger.md", []string{"payments-ledger"}, [][]string{{"double-entry"}, {"idempoten"}, {"reconcil"}}, nil},
	{"../../examples/file-sync.md", []string{"file-sync"}, [][]string{{"chunk"}, {"conflict"}, {"hash"}}, nil},
	{"../../examples/spare-parts-typeahead.md", []string{"autocomplete"}, [][]string{{"prefix"}, {"API (modular monolith) → Suggestion servers"}, {"debounce"}}, []string{"| Search | text search"}},
	{"../../examples/internal-crud.md", nil, nil, nil},
}

// TestDesignsNameTheMechanism designs each case offline and checks that
// the document names the mechanism the problem needs.
func TestDesignsNameTheMechanism(t *testing.T) {
	for _, c := range append(slices.Clone(primerCases), exampleCases...) {
		t.Run(strings.TrimSuffix(filepath.Base(c.file), ".md"), func(t *testing.T) {
			text, err := os.ReadFile(c.file)
			if err != nil {
				t.Skipf("no %s yet", c.file)
			}
			_, d, err := FromText(text, c.file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, p := range d.Patterns {
				ids = append(ids, p.ID)
			}
			for _, want := range c.patterns {
				if !slices.Contains(ids, want) {
					t.Errorf("patterns %v lack %s", ids, want)
				}
			}
			if c.patterns == nil && len(ids) > 0 {
				t.Errorf("patterns %v recognised in an ask that poses none", ids)
			}
			md, err := RenderMarkdown(d)
			if err != nil {
				t.Fatal(err)
			}
			doc := strings.ToLower(string(md))
			for _, any := range c.words {
				if !slices.ContainsFunc(any, func(w string) bool { return strings.Contains(doc, strings.ToLower(w)) }) {
					t.Errorf("the design never says %s", strings.Join(any, " or "))
				}
			}
			for _, no := range c.never {
				if slices.Contains(ids, no) || strings.Contains(string(md), no) {
					t.Errorf("the design contains %q, which the requirements rule out or the problem does not call for", no)
				}
			}
		})
	}
}
