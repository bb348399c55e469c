package design

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/requirements"
)

// hotPaths lists every workload with a rate as a path, busiest first,
// with its budget and the optimisations that keep it inside the budget.
func (b *builder) hotPaths(fig figures, vd *verdicts) {
	var paths []HotPath
	for _, l := range b.loads {
		if l.peak.Ref == "" {
			continue
		}
		b.relied = nil
		opts, kinds := b.optimizations(fig, vd, l)
		paths = append(paths, HotPath{
			Name: l.Name, RatePerSecond: l.peak.Value, RateRef: l.peak.Ref,
			LatencyBudgetS: l.budget, BudgetFrom: l.budgetFrom,
			Critical:      l.kind == requirements.Write || l.budgetFrom != "assumed",
			DurationS:     float64(l.Duration),
			Optimizations: opts,
			kinds:         kinds,
			Relies:        b.takeRelied(),
		})
	}
	slices.SortStableFunc(paths, func(x, y HotPath) int { return cmp.Compare(y.RatePerSecond, x.RatePerSecond) })
	b.d.HotPaths = append(b.d.HotPaths, paths...)
}

// optimizations are a path's optimisations and, for the first of them,
// their kinds.
func (b *builder) optimizations(fig figures, vd *verdicts, l *load) ([]string, []string) {
	var opts, kinds []string
	switch {
	case absorbed(l) && (!kindIs(requirements.Job, requirements.Message)(l) || b.deliveredByPart(l)):
		// The archetype's own hot path says how its store serves the flow;
		// messages its workers deliver are handled as workers handle any.
		opts = []string{fmt.Sprintf("served by %s (%s), never by the database", l.into, l.by)}
		if l.kind == requirements.Message && keepsRecords(l) {
			// Kept as history: one insert, then the part delivers it.
			opts = []string{fmt.Sprintf("one insert into %s for its history, then delivered by %s (%s)", b.choiceOf(vd, qDatabase, "PostgreSQL"), l.into, l.by)}
		}
	case l.kind == requirements.Read:
		opts = b.readOptimizations(fig, vd, l)
	case l.kind == requirements.Write:
		opts, kinds = b.writeOptimizations(fig, vd)
	case l.kind == requirements.Event:
		opts = b.eventOptimizations(vd, l)
	case l.kind == requirements.Search:
		opts = b.searchOptimizations(fig, vd)
	default:
		opts = []string{
			"idempotent handler keyed by the job or message id, so a retry never acts twice",
			"at most 3 retries with exponential backoff and jitter, then the dead-letter list",
		}
		kinds = []string{patterns.OptIdempotency}
		if l.kind == requirements.Message {
			opts = append(opts, "deliver in batches per recipient shard, so one message is not one round trip per recipient")
		}
	}
	if l.backlog.Ref != "" {
		opts = append(opts, fmt.Sprintf("alert when more than %s are pending [%s]: past that depth one waits longer than its budget", formatNum(l.backlog.Value), l.backlog.Ref))
	}
	if l.inFlight.Ref != "" {
		opts = append(opts, fmt.Sprintf("size the connection or worker pool for %s in flight at peak [%s], with headroom", formatNum(l.inFlight.Value), l.inFlight.Ref))
	}
	return opts, kinds
}

// The read path's generic optimisation, in two clauses: a functional line
// that names the index replaces the first and keeps the second.
const (
	lookupIndex = "an index on the lookup key"
	lookupOnce  = "; one query per request, never one per item (N+1)"
)

func (b *builder) readOptimizations(fig figures, vd *verdicts, l *load) []string {
	var opts []string
	if c, ok := vd.by[qCache]; ok && fig.cacheable[l] {
		opts = append(opts, "read-through "+c.Choice+" with a TTL: no database call on a hit")
	}
	opts = append(opts, lookupIndex+lookupOnce)
	if fig.cacheable[l] {
		opts = append(opts, "Cache-Control headers so clients and a CDN can reuse responses")
	}
	// Replicas only where the database verdict sized them; a sharded
	// store spreads reads by key instead.
	switch db := vd.by[qDatabase]; {
	case hasReplicas(db) && vd.by[qCache] != nil && fig.cacheable[l]:
		opts = append(opts, "read replicas take the reads that miss the cache")
		b.relied = append(b.relied, factReplicas)
	case hasReplicas(db):
		opts = append(opts, "read replicas take these reads off the primary")
		b.relied = append(b.relied, factReplicas)
	case db != nil && db.Option == capacity.OptionShardedPostgres:
		opts = append(opts, "each read goes to the shard that owns its key, never to every shard")
	}
	return opts
}

func (b *builder) writeOptimizations(fig figures, vd *verdicts) ([]string, []string) {
	opts := []string{"one short transaction per request", "an idempotency key so a retried request cannot write twice"}
	kinds := []string{patterns.OptShortTransaction, patterns.OptIdempotency}
	if _, ok := vd.by[qQueue]; ok {
		opts = append(opts, "side effects (emails, indexing, fan-out) are enqueued after commit through an outbox row, not done inline")
		kinds = append(kinds, patterns.OptOutbox)
	}
	if fig.writes.Value > capacity.PostgresEasyWrites {
		opts = append(opts, "batch inserts and partition the hot tables by time")
	}
	return opts, kinds
}

func (b *builder) eventOptimizations(vd *verdicts, l *load) []string {
	opts := []string{"accept events in batches and answer 202 once they are appended; no database call on the ingest path"}
	if b.ingestSeparate(vd) {
		opts = append(opts, "partition the log by device or user id so each key's order holds")
	}
	if l.Window > 0 {
		opts = append(opts, "aggregate inside the window and write only closed windows, never one row per event")
	}
	return opts
}

func (b *builder) searchOptimizations(fig figures, vd *verdicts) []string {
	opts := []string{"cap the result count and paginate by cursor"}
	if c, ok := vd.by[qSearch]; ok && isElastic(c) {
		// The index follows the store the records live in, as the
		// State Ownership and Data Flow say.
		src := b.sourceStore(fig, vd, b.choiceOf(vd, qDatabase, "PostgreSQL"))
		return append([]string{"query Elasticsearch; index from " + src + " changes asynchronously, so writes never wait for it"}, opts...)
	}
	return append([]string{"a tsvector column with a GIN index, updated in the writing transaction"}, opts...)
}

// isElastic says whether the search verdict is a search cluster.
func isElastic(c *Component) bool { return c != nil && c.Option == capacity.OptionSearchCluster }
