package review

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// ruleCase is a small document and the findings it must and must not
// raise.
type ruleCase struct {
	name, doc string
	want      []string // finding IDs that must be raised
	notWant   []string // finding IDs that must not be raised
}

// ruleCases are TestRules' documents; the catalogue's tests read them too.
var ruleCases = []ruleCase{
	{"shared database rejected", "We avoid a shared database; each service owns its tables.", nil, []string{"shared-writer"}},
	{"shared database written", "Both services write to the shared database.", []string{"shared-writer"}, nil},
	{"many writers in prose", "The orders table is written by several services.", []string{"shared-writer"}, nil},
	{"owner missing in table", "## State\n\n| Data | Owner |\n| --- | --- |\n| carts | TBD |\n", []string{"state-owner-unnamed"}, []string{"state-ownership-missing"}},
	{"two owners in a cell", "## State\n\n| Data | Writer |\n| --- | --- |\n| carts | cart service / checkout service |\n", []string{"shared-writer"}, nil},
	{"one owner with and in its name", "## State\n\n| Data | Owner |\n| --- | --- |\n| index | search and indexing service |\n", nil, []string{"shared-writer"}},
	{"two services joined by and", "## State\n\n| Data | Owner |\n| --- | --- |\n| orders | order service and payment service |\n", []string{"shared-writer"}, nil},
	{"shared writers only in the current state", "## Current State\n\n| Data | Owner |\n| --- | --- |\n| orders | A service, B service |\n\n## State Ownership\n\n| Data | Owner |\n| --- | --- |\n| orders | order service |\n", nil, []string{"shared-writer"}},
	{"services keep their own tables", "The order and payment services each write their own tables.", nil, []string{"shared-writer"}},
	{"no owner anywhere", "## Storage\n\nOrders live in PostgreSQL.", []string{"state-ownership-missing"}, nil},

	{"cache as a cache", "Redis is a cache; PostgreSQL is the source of truth.", nil, []string{"cache-source-of-truth"}},
	{"cache in front of the truth", "Redis sits as a cache in front of PostgreSQL, which is the source of truth.", nil, []string{"cache-source-of-truth"}},
	{"cache is the truth", "Redis is the source of truth for sessions.", []string{"cache-source-of-truth"}, nil},
	{"cache never persisted", "Carts are never written to the database; they live in Redis.", []string{"cache-source-of-truth"}, nil},
	{"cache hides a query", "We cache the report in Redis because the query is too slow.", []string{"cache-hides-slow-query"}, nil},
	{"fix before caching", "We fix slow queries with indexes instead of hiding them behind a cache.", nil, []string{"cache-hides-slow-query"}},
	{"simple TTLs", "Cache entries expire after a TTL of 60 s; there is no invalidation logic.", nil, []string{"complex-cache-invalidation"}},

	{"fat events", "Events carry the full order so consumers never call back.", nil, []string{"thin-events"}},
	{"thin events", "The event holds just the user id; subscribers fetch the profile.", []string{"thin-events"}, nil},
	{"events for integration", "Services call each other's APIs for operations and publish events for integration.", nil, []string{"everything-an-event", "event-ownership-unclear"}},

	{"kafka as an option only", "Load: 100 events/s.\n\n| Decision | Options | Choice |\n| --- | --- | --- |\n| Events | NOTIFY, Kafka | NOTIFY |\n", nil, []string{"premature-kafka"}},
	{"kafka later", "Load: 100 events/s. We move to Kafka once events exceed 10k/s.", nil, []string{"premature-kafka"}},
	{"kafka at scale", "Kafka ingests 2M events/s from the apps.", nil, []string{"premature-kafka"}},
	{"kafka for a queue at scale", "Kafka queues 5M messages per hour.", nil, []string{"premature-kafka"}},
	{"kafka at small scale", "Kafka carries the clicks. Load is 100 events/s.", []string{"premature-kafka"}, nil},
	{"kafka in a future phase", "Load is 100 events/s.\n\n## Scaling Strategy\n\nPhase 3: Kafka.", nil, []string{"premature-kafka"}},
	{"microservices at scale", "We run microservices for 50k requests/s across 12 teams.", nil, []string{"premature-microservices"}},
	{"microservices day one", "Microservices from day one.", []string{"premature-microservices"}, nil},
	{"search with facets", "Elasticsearch serves faceted search over 20M products.", nil, []string{"premature-search-engine"}},
	{"search without facets", "Elasticsearch indexes the 300 help pages.", []string{"premature-search-engine"}, nil},

	{"deploy alone", "Each service deploys on its own.", nil, []string{"deploy-together"}},
	{"sync chain", "The gateway synchronously calls the order service, which calls the stock service.", []string{"sync-call-chain"}, nil},
	{"one sync hop", "The API answers synchronously from Redis.", nil, []string{"sync-call-chain"}},

	{"failure section without mechanisms", "## Failure Handling\n\nTBD.", []string{"failure-handling-missing"}, nil},
	{"failure heading alone", "## Failure Scenarios\n\nTBD.", []string{"failure-handling-missing"}, nil},
	{"ownership heading alone", "## State Ownership\n\nTBD.", []string{"state-ownership-missing"}, nil},
	{"one sync hop between two services", "The API service calls the billing service synchronously.", nil, []string{"sync-call-chain"}},
	{"failure in prose", "Calls time out after 2 s and are retried with backoff; a circuit breaker guards the bank.", []string{"failure-handling-incomplete"}, []string{"failure-handling-missing"}},
	{"alerts missing", "## Monitoring\n\nPrometheus metrics and structured logs.", []string{"monitoring-incomplete"}, []string{"monitoring-missing"}},
	{"no state identified", "## State Ownership\n\n_No state identified; see Open Questions._\n", []string{"state-ownership-missing", "placeholder-section"}, nil},
	{"owner without a store", "## State Ownership\n\n| Data | Owner |\n| --- | --- |\n| orders | order service |\n", []string{"state-ownership-missing"}, []string{"placeholder-section"}},
	{"owner with a store", "## State Ownership\n\n| Data | Owner | Storage |\n| --- | --- | --- |\n| orders | order service | PostgreSQL |\n", nil, []string{"state-ownership-missing"}},
	{"decision argued in none", "## Decision Log\n\nNone.\n", []string{"choices-unjustified", "placeholder-section"}, nil},
	{"failure table", "## Failure Scenarios\n\n| Failure | Mitigation |\n| --- | --- |\n| Database unreachable | 2 s timeout, retry with backoff, circuit breaker |\n", nil, []string{"failure-handling-missing", "failure-handling-incomplete"}},
	{"reading list is not a proposal", "## Further reading\n\n* [Microservices](https://example.com/ms)\n* [Sharding](https://example.com/sh)\n", nil, []string{"premature-microservices", "premature-sharding"}},
	{"heading is not evidence", "## Context and Background\n\nThe reports are emailed weekly.\n", []string{"background-jobs-missing"}, nil},
	{"front matter is not evidence", "---\ntitle: Microservices from day one\n---\n# Doc\n\nOne server.\n", nil, []string{"premature-microservices"}},
	{"microservices rejected in prose", "We weighed the options. Microservices from day one are premature for a team of four, so one deployable it is.", nil, []string{"premature-microservices"}},
	{"sharding for tenants", "Load: 80 requests/s. We shard the alert state by tenant ID across replicas.", nil, []string{"premature-sharding"}},
	{"sharding for writes", "Load: 200 writes/s. Orders are sharded across four MySQL primaries.", []string{"premature-sharding"}, nil},
	{"decision argued in prose", "We can either run it as a separate service or embed it. I propose we simply embed it. At its core it will be simpler to operate.", nil, []string{"choices-unjustified"}},
	{"heading is not background work", "## Background\n\nThe service answers lookups from memory.\n", nil, []string{"background-jobs-missing"}},
	{"log analysis is logging", "## Monitoring\n\nCloudWatch metrics and alerts to the on-call engineer.\n\n* **Log analysis** - CloudWatch, Splunk\n", nil, []string{"monitoring-incomplete"}},
	{"checklist is no evidence", "## Quality Checklist\n\n- [ ] Monitoring defined (logs, metrics, alerts)\n- [ ] Failure handling (timeouts, retries)", []string{"monitoring-missing", "failure-handling-missing"}, nil},
}

// TestRules reviews small documents and checks which findings they raise.
func TestRules(t *testing.T) {
	for _, tt := range ruleCases {
		t.Run(tt.name, func(t *testing.T) {
			got := ids(Review([]byte(tt.doc), "t.md"))
			for _, id := range tt.want {
				if !slices.Contains(got, id) {
					t.Errorf("finding %q missing; got %v", id, got)
				}
			}
			for _, id := range tt.notWant {
				if slices.Contains(got, id) {
					t.Errorf("finding %q raised; got %v", id, got)
				}
			}
		})
	}
}

// TestNoPostgresInFindings checks that a finding speaks of the database
// the document has.
func TestNoPostgresInFindings(t *testing.T) {
	r := Review([]byte("# Shop\n\nLoad: 200 writes/s. Orders are sharded across four MySQL primaries.\n"), "t.md")
	if !slices.Contains(ids(r), "premature-sharding") {
		t.Fatalf("no premature-sharding finding: %v", ids(r))
	}
	for _, f := range r.Findings {
		if f.Category == prematureDist && strings.Contains(f.Detail+f.Fix, "PostgreSQL") {
			t.Errorf("%s speaks of PostgreSQL, which the document does not have: %s %s", f.ID, f.Detail, f.Fix)
		}
	}
}

func TestSeverityPolicy(t *testing.T) {
	r := Review([]byte("# Bare\n\nA web app on one server with PostgreSQL.\n"), "bare.md")
	sev := map[string]Severity{}
	for _, f := range r.Findings {
		sev[f.ID] = f.Severity
	}
	want := map[string]Severity{
		"failure-handling-missing": High,
		"monitoring-missing":       High,
		"state-ownership-missing":  High,
		"scaling-path-missing":     Medium,
	}
	for id, s := range want {
		if sev[id] != s {
			t.Errorf("%s has severity %q, want %q", id, sev[id], s)
		}
	}
	if !r.Failed() || r.Summary.High != 3 {
		t.Errorf("Failed() = %v with %d high, want true with 3", r.Failed(), r.Summary.High)
	}
}

func TestTerms(t *testing.T) {
	tm := newTerms("retry", "circuit breaker*", "time-out*", "p99")
	tests := []struct {
		s    string
		want bool
	}{
		{"Retry twice", true},
		{"a Circuit-Breakers list", true},
		{"time-outs of 2 s", true},
		{"retrying", false},
		{"the p99 latency", true},
		{"xp99", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := tm.in(tt.s); got != tt.want {
			t.Errorf("in(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
	if got, want := tm.index("We retry"), 3; got != want {
		t.Errorf("index = %d, want %d", got, want)
	}
}

// TestArithmetic checks that wrong back-of-the-envelope figures get a
// finding with the right figure and its formula, and right ones none.
func TestArithmetic(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string // substrings of the arithmetic findings' titles, in order
	}{
		{"wrong conversion", "Traffic: 1 billion requests per month is 4,000 per second.", []string{"is 380.26 per second, not 4,000"}},
		{"right conversion", "4,000 requests per second = 10 billion per month.", nil},
		{"wrong conversion in parentheses", "We serve 40 requests per second (1 billion per month).", []string{"is 105.19M per month, not 1B"}},
		{"primer conversions", "* 2.5 million seconds per month\n* 1 request per second = 2.5 million requests per month\n* 40 requests per second = 100 million requests per month\n* 400 requests per second = 1 billion requests per month\n", nil},
		{"day and month", "500 million tweets per day or 45 billion tweets per month.", []string{"is 15.22B per month, not 45B"}},
		{"storage over years", "* 12.7 GB of new content per month\n    * ~900 GB of new content in 3 years\n", []string{"457.2 GB in 3 years, not 900 GB"}},
		{"storage right", "* 12.7 GB of new paste content per month\n    * 1.27 KB per paste * 10 million pastes per month\n    * ~450 GB of new paste content in 3 years\n", nil},
		{"storage product", "* 150 TB of new tweet content per month\n    * 10 KB per tweet * 5 million tweets per day * 30 days per month\n", []string{"1.52 TB per month, not 150 TB"}},
		{"servers short", "Three replicas handle 40k reads/s.", []string{"three replicas for 40,000/s: 7 needed"}},
		{"servers enough", "Ten servers handle 40k requests/s.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Review([]byte("# Sizing\n\n"+tt.doc), "t.md")
			var got []string
			for _, f := range r.Findings {
				if f.ID == "arithmetic-off" {
					got = append(got, f.Title)
					if f.Detail == "" || !strings.ContainsAny(f.Detail, "=×") {
						t.Errorf("finding %q gives no formula: %q", f.Title, f.Detail)
					}
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("arithmetic findings %q, want %d like %q", got, len(tt.want), tt.want)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.want[i]) {
					t.Errorf("finding %q, want it to contain %q", got[i], tt.want[i])
				}
			}
		})
	}
}

// TestArchetypes checks that a document recognisably of an archetype is
// checked for its core mechanisms, and only then.
func TestArchetypes(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string // archetypes recognised
		missing   []string // substrings of the archetype findings' titles
	}{
		{"feed without celebrities", "# News feed\n\nEach post fans out on write to the followers' home timelines in Redis.",
			[]string{"news feed"}, []string{"millions of followers"}},
		{"feed with celebrities", "# News feed\n\nPosts fan out on write to home timelines kept in Redis; posts of celebrities are pulled on read instead.",
			[]string{"news feed"}, nil},
		{"crawler", "# Web crawler\n\nThe crawler takes links to crawl from a priority queue and obeys robots.txt.",
			[]string{"web crawler"}, []string{"already crawled", "crawled again"}},
		{"not an archetype", "# Expenses\n\nClaims are filed and approved; a timeline shows each claim's history.", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Review([]byte(tt.doc), "t.md")
			if diff := cmp.Diff(tt.want, r.Archetypes); diff != "" {
				t.Errorf("archetypes (-want +got):\n%s", diff)
			}
			var got []string
			for _, f := range r.Findings {
				if f.ID == "archetype-core-missing" {
					if f.Severity != Medium {
						t.Errorf("%q is %s, want medium", f.Title, f.Severity)
					}
					got = append(got, f.Title)
				}
			}
			if len(got) != len(tt.missing) {
				t.Fatalf("archetype findings %q, want %d like %q", got, len(tt.missing), tt.missing)
			}
			for i := range got {
				if !strings.Contains(got[i], tt.missing[i]) {
					t.Errorf("finding %q, want it to contain %q", got[i], tt.missing[i])
				}
			}
		})
	}
}

// TestDataVolume checks stored bytes against the store the document
// names, with the design engine's thresholds.
func TestDataVolume(t *testing.T) {
	tests := []struct {
		name, doc string
		want      Severity // "" for no finding
	}{
		{"72 PB in PostgreSQL", "Posts live in PostgreSQL. The archive holds 72 PB after five years.", High},
		{"8 TB in PostgreSQL", "Orders are stored in one PostgreSQL database: 8 TB in total.", Medium},
		{"small", "Orders are stored in PostgreSQL: 40 GB in total.", ""},
		{"object storage", "Metadata is stored in PostgreSQL; 72 PB of video is stored in S3.", ""},
		{"sharded", "Posts are stored in MySQL, sharded by user: 300 TB in total.", ""},
		{"a rate is not a volume", "PostgreSQL stores 12 TB per month of logs.", ""},
		{"over years", "PostgreSQL holds it all.\n\n* 2 TB of new content per month\n* 72 TB of new content in 3 years\n", High},
		{"redis", "Sessions are stored in Redis: 400 GB in total.", High},
		{"implied by retention", "Events go to PostgreSQL, 500 GB per month, kept for 5 years.", Medium},
		{"no retention, no volume", "Events go to PostgreSQL, 500 GB per month.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Review([]byte("# Store\n\n"+tt.doc), "t.md")
			var got Severity
			for _, f := range r.Findings {
				if f.ID == "data-volume" {
					got = f.Severity
					if !strings.Contains(f.Detail, "comfortably") {
						t.Errorf("detail gives no threshold: %s", f.Detail)
					}
				}
			}
			if got != tt.want {
				t.Errorf("data-volume severity %q, want %q; findings %v", got, tt.want, ids(r))
			}
		})
	}
}

// TestConsistency checks the citations of a sysarch document against its
// Capacity table: an edited sysarch design is caught.
func TestConsistency(t *testing.T) {
	data, err := os.ReadFile("../../examples/url-shortener.design.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	if got := ids(Review(data, "u.md")); slices.Contains(got, "figure-mismatch") || slices.Contains(got, "figure-unknown-row") {
		t.Fatalf("the generated design is inconsistent: %v", got)
	}
	edited := strings.Replace(doc, "A peak of 11,522.03/s [D1]", "A peak of 1,522.03/s [D1]", 1)
	edited = strings.Replace(edited, "about $5,000/month [C18]", "about $5,000/month [C99]", 1)
	if edited == doc {
		t.Fatal("the example changed; update the figures this test edits")
	}
	r := Review([]byte(edited), "u.md")
	var got []string
	for _, f := range r.Findings {
		if f.Category == "consistency" {
			got = append(got, f.ID+": "+f.Title)
		}
	}
	want := []string{
		"figure-mismatch: 1,522.03/s cites D1, whose value is 11,522.03/s",
		"figure-unknown-row: Figure cites C99, which the Capacity table does not have",
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("consistency findings (-want +got):\n%s", diff)
	}
}
