package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// The circuit-breaker settings every dependency call uses: open after 5
// consecutive failures, stay open 60 s, then let 3 trial calls through.
const (
	BreakerFailures       = 5
	BreakerOpenSeconds    = 60
	BreakerHalfOpenProbes = 3
	RetryAttempts         = 3
	RollbackMinutes       = 5
)

// failures lists how each part fails, the rules every call follows, and
// what each feature falls back to. Each row is tied to a component or a
// requirement the design has.
func (b *builder) failures(fig figures, vd *verdicts, dr *drawing) {
	db := b.choiceOf(vd, qDatabase, "PostgreSQL")
	add := func(failure, prob, impact, mitigation string) {
		b.d.FailureScenarios = append(b.d.FailureScenarios, FailureScenario{Failure: failure, Probability: prob, Impact: impact, Mitigation: mitigation})
	}
	crash := "The platform restarts it; requests fail until it is back, and the health check says so."
	if b.partRow("lb") != nil {
		crash = "Several stateless servers behind the load balancer; health checks take a failed one out and the platform restarts it."
	}
	add("API server crash or bad host", "High", "Low", crash)
	b.lastFailure(dr, "api", false)
	if b.light() {
		budget := "its downtime budget"
		if fig.downtime.Ref != "" {
			budget = fmt.Sprintf("the %s of downtime a month the target allows [%s]", quantity.FormatDuration(fig.downtime.Value), fig.downtime.Ref)
		}
		add(db+" down", "Low", "High",
			"The managed database restarts or fails over; requests fail fast with 503 meanwhile, within "+budget+"; point-in-time backups for the worst case.")
		b.lastFailure(dr, "db", false)
	} else {
		add(db+" primary down", "Low", "High",
			"Managed failover to a synchronous standby; writes fail fast with 503 and Retry-After while it promotes; point-in-time backups for the worst case.")
		b.lastFailure(dr, "db", false)
	}
	b.componentFailures(vd, dr, add, db)
	if !b.light() {
		add("Traffic spike above the planned peak", "Medium", "High",
			"Rate limits per client, load shedding of non-critical paths (429), autoscaling of the stateless tiers.")
		add("Bad deploy", "Medium", "High",
			fmt.Sprintf("Blue-green deploy with the previous version kept warm: rollback in under %d minutes; risky changes behind feature flags.", RollbackMinutes))
	} else {
		add("Bad deploy", "Medium", "Medium",
			fmt.Sprintf("Redeploy the previous build: rollback in under %d minutes; schema changes expand then contract, so the old code still runs.", RollbackMinutes))
	}
	add("Data corruption by a bug or an operator", "Low", "Critical", "Point-in-time recovery, backups restored and checked on a schedule, least-privilege access.")
	b.policies(vd)
	b.degradation(vd)
}

// componentFailures are the rows of the components only some designs have.
func (b *builder) componentFailures(vd *verdicts, dr *drawing, add func(string, string, string, string), db string) {
	if c, ok := vd.by[qRecords]; ok {
		add(c.Choice+" node down", "High", "Low",
			"Three replicas of every partition with quorum writes and reads: one node down loses nothing and serves on; the node is replaced and repaired (hints, then anti-entropy); writes are idempotent by key, so a retry after a timeout cannot duplicate a record.")
		b.lastFailure(dr, "records", false)
	}
	if c, ok := vd.by[qStorage]; ok {
		reads := "reads of files fail fast with 503 and Retry-After"
		if b.usesCDN(vd) {
			reads = "reads of public files are served from the CDN's cache meanwhile"
		}
		add(c.Choice+" unavailable in the region", "Low", "Medium",
			"Writes of files fail fast and are retried later with the same key, with backoff; "+reads+"; the metadata in "+db+" never points at a file until it is written whole.")
		b.lastFailure(dr, "blob", b.usesCDN(vd))
	}
	if c, ok := vd.by[qCache]; ok {
		add(c.Choice+" down or flushed", "Medium", "Medium",
			"Reads fall through to "+db+" behind a circuit breaker and a concurrency limit, so a cold cache cannot stampede the database.")
		b.lastFailure(dr, "cache", false)
	}
	if c, ok := vd.by[qQueue]; ok {
		add(c.Choice+" unavailable", "Medium", "Medium",
			"Side effects wait in the outbox table of "+db+"; the relay drains it when the queue is back. No request fails because of the queue.")
		b.lastFailure(dr, "queue", false)
		add("Poison job failing on every attempt", "Medium", "Low",
			fmt.Sprintf("At most %d attempts with exponential backoff, then the dead-letter list with an alert; handlers are idempotent.", RetryAttempts))
	}
	if c, ok := vd.by[qEvents]; ok {
		mit := "Outbox table plus LISTEN/NOTIFY: a missed notification is caught up from the table, so no event is lost."
		if isLog(c) {
			mit = "Replication factor 3 with acks from the in-sync replicas; producers buffer and retry; consumers resume from committed offsets."
		}
		add(c.Choice+" broker or channel down", "Medium", "Medium", mit)
		b.lastFailure(dr, b.verdictPartOf(dr, c), false)
	}
	if svc := b.windowService(); svc != "" {
		add(svc+" crash mid-window", "Medium", "Medium",
			"Restart from the last checkpoint and the matching log offsets; a window's results are written once, keyed by window, so a replay overwrites rather than doubles.")
	}
	if c, ok := vd.by[qSearch]; ok {
		add(c.Choice+" behind or broken", "Medium", "Low", "Search answers from the last good index; rebuild it from "+db+", the source of truth.")
		b.lastFailure(dr, b.verdictPartOf(dr, c), false)
	}
}

// verdictPartOf is the model part a verdict is: its own, or the database's for
// the verdicts that live inside it (LISTEN/NOTIFY, full-text search).
func (b *builder) verdictPartOf(dr *drawing, c *Component) string {
	if p := verdictParts[c.key]; dr.graph != nil && dr.graph.has(p) {
		return p
	}
	return "db"
}

// lastFailure ties the failure row just added to its part of the model,
// and, when its mitigation serves from the CDN, says it relies on one.
func (b *builder) lastFailure(dr *drawing, part string, cdn bool) {
	f := &b.d.FailureScenarios[len(b.d.FailureScenarios)-1]
	if dr.graph != nil && dr.graph.has(part) {
		f.Part = part // a verdict the data flow does not draw has no part yet
	}
	if cdn {
		f.Relies = append(f.Relies, factCDN)
	}
}

// dependencies names the remote parts every request may call.
func (b *builder) dependencies(vd *verdicts) []string {
	deps := []string{b.choiceOf(vd, qDatabase, "PostgreSQL")}
	for _, q := range []questionID{qCache, qQueue, qSearch, qStorage, qEvents} {
		if c, ok := vd.by[q]; ok && !slices.Contains(deps, c.Choice) {
			deps = append(deps, c.Choice)
		}
	}
	return deps
}

// hasBreakers says whether circuit breakers earn their place: with one
// remote dependency, when it is down the system is down whatever a
// breaker does; a light plan adds them only with a second one.
func (b *builder) hasBreakers(vd *verdicts) bool {
	return !b.light() || len(b.dependencies(vd)) > 1
}

// durationTimeout is the timeout of a path whose requests last longer
// than its latency target (a streamed response, a long job): the target
// bounds the first response, and the whole gives up at twice the stated
// duration, so a normal long request is never cut off.
func durationTimeout(h HotPath) string {
	return fmt.Sprintf("the first response within its budget of %s (%s); the whole request, which lasts %s, gives up at %s (twice its duration); each downstream call gets its own timeout",
		quantity.FormatDuration(h.LatencyBudgetS), h.BudgetFrom, quantity.FormatDuration(h.DurationS), quantity.FormatDuration(2*h.DurationS))
}

// policies are the timeouts, retries and circuit breakers.
func (b *builder) policies(vd *verdicts) {
	add := func(mech, applies, setting string) {
		b.d.Resilience = append(b.d.Resilience, Policy{mech, applies, setting})
	}
	if b.light() && len(b.d.HotPaths) > 1 {
		// One row: with a single dependency the rule is the same on every path.
		var budgets []string
		for _, h := range b.d.HotPaths {
			if h.DurationS > h.LatencyBudgetS {
				budgets = append(budgets, fmt.Sprintf("%q %s to its first response, %s in all (twice its duration)", h.Name, quantity.FormatDuration(h.LatencyBudgetS), quantity.FormatDuration(2*h.DurationS)))
				continue
			}
			budgets = append(budgets, fmt.Sprintf("%q %s", h.Name, quantity.FormatDuration(h.LatencyBudgetS)))
		}
		add("Timeout", "every request and every call it makes",
			"the request gives up at its path's budget ("+strings.Join(budgets, ", ")+"); each database call gets a statement timeout inside what is left")
	} else {
		for _, h := range b.d.HotPaths {
			if h.DurationS > h.LatencyBudgetS {
				add("Timeout", fmt.Sprintf("%q and every call it makes", h.Name), durationTimeout(h))
				continue
			}
			add("Timeout", fmt.Sprintf("%q and every call it makes", h.Name),
				fmt.Sprintf("the whole request gives up at its budget of %s (%s); each downstream call gets a timeout that fits inside what is left", quantity.FormatDuration(h.LatencyBudgetS), h.BudgetFrom))
		}
	}
	add("Retry", "idempotent calls only (reads, writes with an idempotency key, jobs)",
		fmt.Sprintf("at most %d attempts, exponential backoff with jitter, never past the caller's timeout", RetryAttempts))
	deps := b.dependencies(vd)
	if !b.hasBreakers(vd) {
		add("Circuit breaker", "none", fmt.Sprintf("one remote dependency (%s): when it is down the system is down, and the health check says so; add breakers with a second dependency", deps[0]))
		return
	}
	add("Circuit breaker", "each dependency: "+strings.Join(deps, ", ")+", and any external API",
		fmt.Sprintf("opens after %d consecutive failures, stays open %d s, then lets %d trial calls through (half-open) before closing",
			BreakerFailures, BreakerOpenSeconds, BreakerHalfOpenProbes))
	if len(deps) > 1 {
		add("Bulkhead", "each dependency's connection pool", "separate, bounded pools so one slow dependency cannot take every thread")
	}
}

// degradation lists each feature's fallback, switched by a flag.
func (b *builder) degradation(vd *verdicts) {
	add := func(feature, fallback, flag string) {
		b.d.Degradation = append(b.d.Degradation, Fallback{feature, fallback, flag})
	}
	if _, ok := vd.by[qCache]; ok {
		add("cached reads", "read from the database with a concurrency limit; shed the least important reads first", "cache_enabled")
	}
	if c, ok := vd.by[qSearch]; ok {
		add("search", "serve recent or popular items when "+c.Choice+" is down", "search_enabled")
	}
	if _, ok := vd.by[qQueue]; ok {
		add("background side effects", "keep them in the outbox and deliver late rather than fail the request", "async_relay_enabled")
	}
	if svc := b.windowService(); svc != "" {
		add("window analytics", "show the last closed window with its timestamp while "+svc+" catches up", "live_windows_enabled")
	}
	if b.d.Kind == KindPerformance && b.req.Current != nil {
		for _, c := range b.req.Current.Changes {
			add(c, "switch it off or serve a precomputed default while the regression is fixed", "a flag per change")
		}
	}
	if !b.light() {
		add("non-critical features", "switched off by flag under load so the critical paths keep their budget", "per feature")
	}
}
