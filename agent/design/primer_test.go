package design

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// The requirement files of testdata/primer restate the use cases and
// constraints of the system-design-primer's solved problems. Their
// designs must reproduce the primer's figures and put each data set in a
// store sized for it.

func buildPrimer(t *testing.T, name string, opts Options) *Design {
	t.Helper()
	path := filepath.Join("testdata", "primer", name+".md")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	req, err := requirements.ParseRequirements(data, path)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(req, opts)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// figure returns the value of the first row of a workload's tool output
// today (no horizon).
func rowValue(t *testing.T, d *Design, workload, tool, quantity string) float64 {
	t.Helper()
	for _, rows := range [][]CapacityRow{d.Capacity, d.Derived} {
		for _, r := range rows {
			if r.Workload == workload && r.Tool == tool && r.Quantity == quantity && r.Horizon == "" {
				return r.Value
			}
		}
	}
	t.Fatalf("no %s %s: %s row", workload, tool, quantity)
	return 0
}

func TestPrimerFiguresReproduce(t *testing.T) {
	type want struct {
		workload, tool, quantity string
		value                    float64
	}
	cases := map[string][]want{
		"pastebin": {
			{"create paste", "throughput", "per_second", 4}, {"view paste", "throughput", "per_second", 40},
			{"create paste", "storage", "bytes_per_month", 12.7e9}, {"create paste", "storage", "total_bytes", 457.2e9},
		},
		"twitter": {
			{"post tweet", "throughput", "per_second", 6000}, {"deliver tweet to followers", "throughput", "per_second", 60000},
			{"view timeline", "throughput", "per_second", 100000}, {"search tweets", "throughput", "per_second", 4000},
			{"post tweet", "storage", "bytes_per_month", 150e12}, {"post tweet", "storage", "total_bytes", 5.4e15},
		},
		"web_crawler": {
			{"crawl page", "throughput", "per_second", 1600}, {"search pages", "throughput", "per_second", 40000},
			{"crawl page", "storage", "bytes_per_month", 2e15}, {"crawl page", "storage", "total_bytes", 72e15},
		},
		"mint": {
			{"record transaction", "throughput", "per_second", 2000}, {"view spending", "throughput", "per_second", 200},
			{"record transaction", "storage", "bytes_per_month", 250e9}, {"record transaction", "storage", "total_bytes", 9e12},
		},
		"social_graph": {{"shortest path lookup", "throughput", "per_second", 400}},
		"query_cache":  {{"search query", "throughput", "per_second", 4000}},
		"sales_rank": {
			{"sales", "throughput", "per_second", 400}, {"view popular products", "throughput", "per_second", 40000},
			{"sales", "storage", "bytes_per_month", 40e9}, {"sales", "storage", "total_bytes", 1.44e12},
			{"rank products", "window", "events_in_window", 241.92e6},
		},
		"scaling_aws": {
			{"write user data", "throughput", "per_second", 400}, {"read user data", "throughput", "per_second", 40000},
			{"write user data", "storage", "bytes_per_month", 1e12}, {"write user data", "storage", "total_bytes", 36e12},
		},
	}
	for name, wants := range cases {
		t.Run(name, func(t *testing.T) {
			d := buildPrimer(t, name, Options{})
			for _, w := range wants {
				got := rowValue(t, d, w.workload, w.tool, w.quantity)
				if math.Abs(got-w.value) > 0.001*w.value {
					t.Errorf("%s %s %s = %v, want %v", w.workload, w.tool, w.quantity, got, w.value)
				}
			}
		})
	}
}

// horizonValue returns the value of the derived row of a workload at a
// horizon.
func horizonValue(t *testing.T, d *Design, workload, horizon string) float64 {
	t.Helper()
	for _, r := range d.Derived {
		if r.Workload == workload && r.Horizon == horizon {
			return r.Value
		}
	}
	t.Fatalf("no %s row at %s", workload, horizon)
	return 0
}

// stateStorage returns the storage of the named piece of state.
func stateStorage(t *testing.T, d *Design, name string) string {
	t.Helper()
	for _, s := range d.State {
		if s.Name == name || slices.Contains(s.Workloads, name) {
			return s.Storage
		}
	}
	t.Fatalf("no state %q in %v", name, d.State)
	return ""
}

func component(d *Design, need string) []Component {
	var cs []Component
	for _, c := range d.Components {
		if c.Need == need {
			cs = append(cs, c)
		}
	}
	return cs
}

func TestPrimerStoresHoldTheirData(t *testing.T) {
	crawler := buildPrimer(t, "web_crawler", Options{})
	if s := stateStorage(t, crawler, "crawl page files"); !strings.Contains(s, "Object storage") {
		t.Errorf("crawled pages are stored in %s, want object storage", s)
	}
	if c := component(crawler, "search"); len(c) != 1 || c[0].Choice != "Elasticsearch" {
		t.Errorf("40,000 searches/s are served by %v, want a search cluster", c)
	}
	twitter := buildPrimer(t, "twitter", Options{})
	if s := stateStorage(t, twitter, "post tweet"); strings.Contains(s, "PostgreSQL") || !strings.Contains(s, "wide-column") {
		t.Errorf("the tweets' records are stored in %s, want a wide-column store", s)
	}
	if c := component(twitter, "search"); len(c) != 1 || !strings.Contains(c[0].Reason, "primary shards") {
		t.Errorf("search over the tweets' text = %v, want a shard count", c)
	}
	// The index holds the 140 bytes of text of each tweet kept by the
	// first horizon, never the media.
	corpus := horizonValue(t, twitter, "the search index", "6mo")
	if n := rowValue(t, twitter, "Search: primary shards (40 GB each)", "choose_component", "nodes"); n != math.Ceil(corpus/40e9) {
		t.Errorf("search shards = %v, want ceil(%v / 40 GB)", n, corpus)
	}
	if n := rowValue(t, twitter, `Store for "post tweet": wide-column nodes (3 replicas, 2 TB each)`, "choose_component", "nodes"); n <= 0 {
		t.Errorf("wide-column nodes = %v, want them sized", n)
	}
	mint := buildPrimer(t, "mint", Options{})
	if c := component(mint, "batch"); len(c) != 1 || c[0].Choice != "Spark (distributed batch)" {
		t.Errorf("a 250 GB monthly scan runs on %v, want a distributed batch engine", c)
	}
	social := buildPrimer(t, "social_graph", Options{})
	if c := component(social, "database"); len(c) != 1 || !strings.HasPrefix(c[0].Choice, "Sharded") {
		t.Errorf("a graph that does not fit on one machine is stored in %v", c)
	}
}

func TestPrimerQueryCacheIsSized(t *testing.T) {
	d := buildPrimer(t, "query_cache", Options{})
	if c := component(d, "cache"); len(c) != 1 {
		t.Fatalf("the query cache has no cache tier: %v", d.Components)
	}
	if mem := rowValue(t, d, "search query", "cache", "memory_bytes"); mem <= 0 {
		t.Errorf("cache memory = %v, want it sized", mem)
	}
}

func TestPrimerScalingAWS(t *testing.T) {
	d := buildPrimer(t, "scaling_aws", Options{})
	if c := component(d, "cache"); len(c) != 1 {
		t.Errorf("80,000 reads/s at peak get no cache: %v", d.Decisions)
	}
	db := component(d, "database")
	if len(db) != 1 || !strings.Contains(db[0].Choice, "3 read replicas") {
		t.Errorf("database = %v, want PostgreSQL with 3 read replicas for 16,000 uncached reads/s", db)
	}
	if replicas := rowValue(t, d, "database reads", "servers", "servers"); replicas != 3 {
		t.Errorf("the servers tool counts %v replicas, want 3", replicas)
	}
	ten := buildPrimer(t, "scaling_aws", Options{Scale: 10})
	if c := component(ten, "cache"); len(c) != 1 || c[0].Choice != "Redis Cluster" {
		t.Errorf("at 10x the cache is %v, want a Redis Cluster", c)
	}
	if c := component(ten, "database"); len(c) != 1 || strings.HasPrefix(c[0].Choice, "PostgreSQL") {
		t.Errorf("at 10x the database is %v, want the next step past one primary", c)
	}
}

// TestPrimerBatchJobsAreBatch checks a scheduled job gets runs, a scan
// and an engine, never a per-second rate or a queue.
func TestPrimerBatchJobsAreBatch(t *testing.T) {
	d := buildPrimer(t, "sales_rank", Options{})
	if rowValue(t, d, "rank products", "schedule", "runs per day") != 24 {
		t.Error("an hourly job does not run 24 times a day")
	}
	for _, r := range d.Capacity {
		if r.Workload == "rank products" && r.Tool == "throughput" {
			t.Errorf("a scheduled job has a throughput row: %+v", r)
		}
	}
	for _, h := range d.HotPaths {
		if h.Name == "rank products" {
			t.Errorf("a scheduled job is a hot path with a rate: %+v", h)
		}
	}
	if c := component(d, "queue"); len(c) != 0 {
		t.Errorf("a scheduled job got a queue: %v", c)
	}
	var derivedOK bool
	for _, s := range d.State {
		if s.Name == "rank products results" && s.DerivedFrom == "sales records" && s.Rebuild != "" {
			derivedOK = true
		}
	}
	if !derivedOK {
		t.Errorf("the rank job's output is not derived state with a source and a rebuild path: %+v", d.State)
	}
}

// TestPrimerClientLoadOnly checks fan-out is sized on the workers and
// not added to the client load that picks the phase.
func TestPrimerClientLoadOnly(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	if d.Scaling[0].PeakRPS != 220000 {
		t.Errorf("client peak = %v, want 220,000/s (12,000 posts + 200,000 reads + 8,000 searches; no fan-out)", d.Scaling[0].PeakRPS)
	}
	if rowValue(t, d, "workers tier", "servers", "servers") <= 0 {
		t.Error("the fan-out workers are not sized")
	}
}

// TestPrimerConsistentAtScale builds every primer file at 1x, 10x and
// 100x: Build runs the consistency check, so a contradiction at any
// scale fails here.
func TestPrimerConsistentAtScale(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "primer", "*.md"))
	if err != nil || len(files) < 8 {
		t.Fatalf("primer files: %v, %v", files, err)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".md")
		for _, scale := range []float64{1, 10, 100} {
			buildPrimer(t, name, Options{Scale: scale})
		}
	}
}

// Twitter's derived state is one row per record set: full-text search's
// inverted index is the engine's search index, and the documents it is
// built from are the posts in their store, not a second store of them.
func TestTwitterDerivedStateIsOneRow(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	var index, written []StateRecord
	for _, s := range d.State {
		if s.StorePart == "search" {
			index = append(index, s)
		}
		if slices.Contains(s.Workloads, "post tweet") {
			written = append(written, s)
		}
	}
	if len(index) != 1 {
		t.Fatalf("the search part keeps %d state rows, want 1: %+v", len(index), index)
	}
	if len(written) != 1 || written[0].StorePart != "records" {
		t.Fatalf("the tweets are in %d rows, want one in the record store: %+v", len(written), written)
	}
	if index[0].DerivedFrom != written[0].Name {
		t.Errorf("the index is built from %q, want the tweets' row %q", index[0].DerivedFrom, written[0].Name)
	}
	for _, s := range d.State {
		if s.arch == "full-text-search" && s.DerivedFrom == "" {
			t.Errorf("full-text search keeps a source row of its own: %+v", s)
		}
	}
	// Breaking it: a second derived row in the same part is refused.
	dup := index[0]
	dup.Name, dup.Owner = "second index", "another indexer"
	d.State = append(d.State, dup)
	if !hasRule(d.Check(), "no records owned twice", "derived state rows") {
		t.Errorf("two derived rows in one part passed the check: %v", d.Check())
	}
}

// A row an archetype keeps a write's records in keeps the requirements'
// word for them: Twitter's posts are "tweets", and a row named by the
// catalogue alone is refused.
func TestMergedRecordsKeepTheUsersWord(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	i := slices.IndexFunc(d.State, func(s StateRecord) bool { return slices.Contains(s.Workloads, "post tweet") })
	if i < 0 {
		t.Fatal("no state row keeps the tweets")
	}
	if got := d.State[i].Name; got != "tweets" {
		t.Errorf("the tweets' row is %q, want the record type in the user's word", got)
	}
	d.State[i].Name = "posts"
	if !hasRule(d.Check(), "records keep the user's word", "post tweet") {
		t.Errorf("a row without the user's word passed the check: %v", d.Check())
	}
}
