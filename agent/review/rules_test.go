package review

import (
	"slices"
	"testing"
)

// TestRules reviews small documents and checks which findings they raise.
func TestRules(t *testing.T) {
	tests := []struct {
		name, doc string
		want      []string // finding IDs that must be raised
		notWant   []string // finding IDs that must not be raised
	}{
		{"shared database rejected", "We avoid a shared database; each service owns its tables.", nil, []string{"shared-writer"}},
		{"shared database written", "Both services write to the shared database.", []string{"shared-writer"}, nil},
		{"many writers in prose", "The orders table is written by several services.", []string{"shared-writer"}, nil},
		{"owner missing in table", "## State\n\n| Data | Owner |\n| --- | --- |\n| carts | TBD |\n", []string{"state-owner-unnamed"}, []string{"state-ownership-missing"}},
		{"two owners in a cell", "## State\n\n| Data | Writer |\n| --- | --- |\n| carts | cart service / checkout service |\n", []string{"shared-writer"}, nil},
		{"one owner with and in its name", "## State\n\n| Data | Owner |\n| --- | --- |\n| index | search and indexing service |\n", nil, []string{"shared-writer"}},
		{"two services joined by and", "## State\n\n| Data | Owner |\n| --- | --- |\n| orders | order service and payment service |\n", []string{"shared-writer"}, nil},
		{"shared writers only in the current state", "## Current State\n\n| Data | Owner |\n| --- | --- |\n| orders | A service, B service |\n\n## State Ownership\n\n| Data | Owner |\n| --- | --- |\n| orders | order service |\n", nil, []string{"shared-writer"}},
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
		{"checklist is no evidence", "## Quality Checklist\n\n- [ ] Monitoring defined (logs, metrics, alerts)\n- [ ] Failure handling (timeouts, retries)", []string{"monitoring-missing", "failure-handling-missing"}, nil},
	}
	for _, tt := range tests {
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
