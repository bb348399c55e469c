package design

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// suspect is a usual cause of a latency regression, with the words in
// stage names and change descriptions that point at it.
type suspect struct {
	// id names the cause for the rest of the engine (Cause.ID).
	id          string
	cause       string
	stageWords  []string
	changeWords []string
	measure     string
	fix         string
}

var suspects = []suspect{
	{
		id:          "n-plus-one",
		cause:       "N+1 queries: a new feature loads related rows one query per item",
		stageWords:  []string{"query", "db", "sql", "orm", "repository", "database", "load", "fetch"},
		changeWords: []string{"widget", "recommend", "related", "line-item", "line item", "per item", "feed", "comment", "tag", "badge", "orm", "relation"},
		measure:     "Count SQL queries per request (log the count with the request id); compare before and after the release.",
		fix:         "Load related rows in one query (a JOIN, or WHERE id = ANY($1)) or eager-load them in the ORM.",
	},
	{
		id:          "missing-index",
		cause:       "a missing or unused index for a new access pattern",
		stageWords:  []string{"query", "db", "sql", "database", "search", "filter", "sort", "lookup"},
		changeWords: []string{"filter", "sort", "column", "migration", "schema", "field", "search", "report", "order by"},
		measure:     "Run EXPLAIN (ANALYZE, BUFFERS) on the slowest queries from pg_stat_statements; look for sequential scans and large row estimates.",
		fix:         "Add the index the new pattern needs (CREATE INDEX CONCURRENTLY) and check the plan uses it.",
	},
	{
		id:          "sync-call",
		cause:       "synchronous calls to a new dependency on the request path",
		stageWords:  []string{"external", "api", "http", "service", "call", "recommend", "payment", "grpc", "remote", "third"},
		changeWords: []string{"integrat", "widget", "recommend", "personaliz", "service", "third-party", "api", "provider", "call"},
		measure:     "Trace the new calls: how many per request, their p95/p99, and whether they run one after another.",
		fix:         "Take the call off the critical path: precompute or cache its result, load it in a separate request, or call it in parallel with a tight timeout, a circuit breaker and a default fallback.",
	},
	{
		id:          "cache-miss",
		cause:       "cache misses: a changed key or per-user responses defeat the cache",
		stageWords:  []string{"cache", "redis", "memcache"},
		changeWords: []string{"cache", "key", "invalidat", "ttl", "personaliz", "per-user", "per user"},
		measure:     "Compare the cache hit ratio and key count before and after the release.",
		fix:         "Restore a shared key scheme (cache per segment, not per user) with simple TTLs; if misses are slow, fix the query first.",
	},
	{
		id:          "payload",
		cause:       "a larger payload to build, serialize and send",
		stageWords:  []string{"render", "serializ", "json", "template", "response", "transfer", "network", "marshal", "encode"},
		changeWords: []string{"field", "include", "widget", "image", "payload", "embed", "response", "more data", "detail"},
		measure:     "Compare response size (p95 bytes) and serialization time per request before and after.",
		fix:         "Return only the fields the screen uses, paginate, compress; fetch a new widget's data in its own request.",
	},
	{
		id:          "contention",
		cause:       "lock or connection-pool contention",
		stageWords:  []string{"lock", "pool", "wait", "connection", "transaction", "queue"},
		changeWords: []string{"transaction", "lock", "batch", "cron", "migration", "job", "traffic"},
		measure:     "Watch connection-pool wait time and in-use connections; check pg_stat_activity for lock waits.",
		fix:         "Shorten transactions, size the pool by Little's law, and move batch work off the peak hours.",
	},
	{
		id:          "sync-logging",
		cause:       "synchronous logging, auditing or tracking on the request path",
		stageWords:  []string{"log", "audit", "track", "analytics"},
		changeWords: []string{"log", "audit", "tracking", "analytics", "telemetry"},
		measure:     "Measure the time each request spends writing logs, audit rows and analytics events.",
		fix:         "Buffer logs and send audit and analytics events through the outbox, off the request path.",
	},
}

// rankCauses scores each suspect by its evidence: the stage that took the
// most time counts most, then the changes, then the other stages.
func (b *builder) rankCauses(p *PerformanceAnalysis) {
	for _, s := range suspects {
		c := Cause{ID: s.id, Cause: s.cause, Measure: s.measure, Fix: s.fix}
		var ev []string
		for _, st := range p.Stages {
			if !hasWord(st.Name, s.stageWords) {
				continue
			}
			if st.Name == p.Culprit {
				c.score += 3
				ev = append(ev, fmt.Sprintf("the stage that took the largest share, %q [%s], is where this cause shows", st.Name, p.CulpritRef))
			} else {
				c.score++
				ev = append(ev, fmt.Sprintf("stage %q could show it", st.Name))
			}
		}
		for _, ch := range p.Changes {
			if hasWord(ch, s.changeWords) {
				c.score += 2
				ev = append(ev, fmt.Sprintf("the change %q fits it", ch))
			}
		}
		c.Likelihood = likelihood(c.score)
		c.Evidence = strings.Join(ev, "; ")
		if c.Evidence == "" {
			c.Evidence = "no stage or change points at it; a usual suspect worth ruling out"
		}
		p.Causes = append(p.Causes, c)
	}
	slices.SortStableFunc(p.Causes, func(x, y Cause) int { return cmp.Compare(y.score, x.score) })
}

func likelihood(score int) string {
	switch {
	case score >= 4:
		return "high"
	case score >= 2:
		return "medium"
	}
	return "low"
}
