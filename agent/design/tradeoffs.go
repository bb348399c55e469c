package design

import "fmt"

// ServicesTeamSize is the head count from which a team is several teams
// that need to deploy independently: below it, a modular monolith.
const ServicesTeamSize = 25

// topics are the trade-offs sysarch weighs offline, most specific first.
var topics = []topic{
	{"event sourcing vs CRUD", func(q string) bool {
		return containsAny(q, "event sourc", "event-sourc") || containsAny(q, "crud") && containsAny(q, "event")
	}, []string{"CRUD with an append-only history table", "Event sourcing"}, weighEventSourcing},
	{"monolith vs microservices", func(q string) bool { return containsAny(q, "microservice", "monolith") },
		[]string{"Modular monolith", "Microservices"}, weighMonolith},
	{"cache vs fixing the query", func(q string) bool { return containsAny(q, "cache") },
		[]string{"Fix the query (index, rewrite)", "Add a cache"}, weighCache},
	{"Redis queue vs Kafka", func(q string) bool { return containsAny(q, "kafka", "pulsar", "rabbit", "queue", "sqs", "nats") },
		[]string{"Redis + workers", "Kafka/Pulsar"}, weighQueue},
	{"PostgreSQL vs NoSQL", func(q string) bool {
		return containsAny(q, "nosql", "mongo", "dynamo", "cassandra", "document store", "document database")
	}, []string{"PostgreSQL", "NoSQL store (DynamoDB, Cassandra, MongoDB)"}, weighNoSQL},
	{"synchronous vs background work", func(q string) bool {
		return containsAny(q, "background", "async", "synchronous", "sync ", "job")
	}, []string{"Synchronous in the request", "Background job"}, weighBackground},
}

func weighEventSourcing(b *builder, fig figures, vd *verdicts, s *SelectionAnalysis) {
	history := b.wantsHistory()
	crud, es := s.Options[0], s.Options[1]
	favHistory := crud
	if history {
		favHistory = es
	}
	s.rate("audit and history", crud, "a history table written in the same transaction records every change, who and when", "the event log is the history by construction")
	s.rate("reads and queries", crud, "the row is the current state; plain SQL answers", "every read needs a projection to build, version and rebuild")
	s.rate("write rate", "tie", "one UPDATE per change: "+headroom(fig.writes), "one append per change: no advantage at this rate")
	s.rate("operational burden", crud, "one schema and its migrations", "event store, projections, snapshots, and every event version readable forever")
	s.rate("replay and 'as of' queries", favHistory, "the history table answers them for one entity at a time", "rebuild any state at any moment; fix a projection bug by replaying")
	s.rate("team fit", crud, "every engineer knows it", "needs people who have run it before")
	s.Recommendation = crud + ", and outbox events for integration"
	if history && b.teamSize() >= 5 {
		s.Recommendation = "Event sourcing for the core aggregate only, CRUD for everything around it"
	}
	s.reason("With %s (%s) and %s, the write rate decides nothing; the cost of event sourcing is in the reads and the years of event versions.", b.writeClause(fig), headroom(fig.writes), b.teamClause())
	if history {
		s.reason("The requirements ask for replay or point-in-time history, which is what event sourcing is for; keep it to the aggregate that needs it.")
	} else {
		s.reason("Nothing in the requirements needs replay or point-in-time queries across the domain; a history table gives the audit trail. Boring always wins ties.")
	}
	s.Revisit = "when the business must answer 'what did this look like at time t' across many records, or rebuild state after a bug, and the history table cannot"
}

func weighMonolith(b *builder, fig figures, vd *verdicts, s *SelectionAnalysis) {
	n := b.teamSize()
	mono, svc := s.Options[0], s.Options[1]
	favTeam := mono
	if n >= ServicesTeamSize {
		favTeam = svc
	}
	s.rate("team size", favTeam, "one team ships one deployable", "pays off when several teams must deploy on their own")
	s.rate("failure modes", mono, "in-process calls do not time out", "every call is a network call that can fail, be slow or retry")
	s.rate("data ownership", "tie", "one module owns each table; others go through its interface", "one service owns each database")
	s.rate("scaling", mono, "stateless: add servers behind the load balancer", "scale parts separately, at the price of a platform")
	s.rate("debugging at 3am", mono, "one log, one stack trace", "distributed tracing across services")
	s.Recommendation = "Modular monolith: modules with clear boundaries, extracted when a proven need appears"
	if n >= ServicesTeamSize {
		s.Recommendation = "Microservices along team boundaries, each owning its data, extracted from a modular monolith one at a time"
	}
	s.reason("%s%s; microservices from day one are premature distribution.", title(b.teamClause()), phaseClause(b, fig))
	s.Revisit = fmt.Sprintf("when more than about %d engineers in several teams block each other's deploys, or one module needs a very different scaling or release cadence", ServicesTeamSize)
}

func phaseClause(b *builder, fig figures) string {
	if fig.totalPeak.Ref == "" {
		return ""
	}
	return fmt.Sprintf(", and a peak of %s/s [%s] in the %s phase, which stateless servers of one codebase carry", formatNum(fig.totalPeak.Value), fig.totalPeak.Ref, fig.phase)
}

func weighQueue(b *builder, fig figures, vd *verdicts, s *SelectionAnalysis) {
	redis, kafka := s.Options[0], s.Options[1]
	fav, basis := redis, "no message rate given"
	switch {
	case vd.by[qQueue] != nil:
		c := vd.by[qQueue]
		basis = fmt.Sprintf("%s messages/hour at peak [%s]", formatNum(fig.messagesPerHour.Value), fig.messagesPerHour.Ref)
		if isLog(c) {
			fav = kafka
		}
	case vd.by[qEvents] != nil:
		basis = fmt.Sprintf("%s events/s at peak [%s]", formatNum(fig.events.Value), fig.events.Ref)
		if isLog(vd.by[qEvents]) {
			fav = kafka
		}
	default:
		b.ask("How many messages per hour at peak? The queue choice turns on 1,000,000/hour.")
	}
	s.rate("volume", fav, "up to 1,000,000 messages/hour", "millions of events per second over partitions")
	s.rate("ordering and replay", kafka, "order per list; a consumed job is gone", "ordered per partition; consumers replay from any offset")
	s.rate("operational burden", redis, "one Redis, usually already there", "brokers, partitions, consumer lag, rebalancing")
	s.rate("delivery", "tie", "at least once, with a processing list and retries", "at least once, with committed offsets")
	s.Recommendation = fav
	s.reason("The decision matrix switches from Redis + workers to Kafka/Pulsar above 1,000,000 messages/hour; here: %s. %s", basis, title(b.teamClause())+" runs what it chooses.")
	s.Revisit = "when the rate passes 1,000,000 messages/hour, or several consumers must read the same stream and replay it"
}

func weighNoSQL(b *builder, fig figures, vd *verdicts, s *SelectionAnalysis) {
	pg, nosql := s.Options[0], s.Options[1]
	fav := pg
	if c := vd.by[qDatabase]; c != nil && c.Choice != "PostgreSQL" {
		fav = nosql
	}
	s.rate("write rate", fav, b.writeClause(fig)+": "+headroom(fig.writes), "scales writes out across nodes")
	s.rate("relations and transactions", pg, "joins, constraints and ACID transactions", "denormalised; transactions limited to one item or partition")
	s.rate("flexible documents", "tie", "JSONB columns with GIN indexes", "native")
	s.rate("query flexibility", pg, "ad hoc SQL over any column", "queries designed up front around the keys")
	s.rate("team fit", pg, "well known, boring", "each store has its own modelling rules")
	s.Recommendation = "PostgreSQL, with JSONB where documents vary"
	if fav == nosql {
		s.Recommendation = "A horizontally scaled store: Vitess/CockroachDB to keep SQL, or a NoSQL store where access is by key only"
	}
	s.reason("PostgreSQL is the default until more than 100,000 writes/s; here %s.", b.writeClause(fig))
	s.Revisit = "when writes approach 100,000/s, or the access pattern is purely by key at a volume one primary cannot hold"
}

func weighBackground(b *builder, fig figures, vd *verdicts, s *SelectionAnalysis) {
	sync, bg := s.Options[0], s.Options[1]
	s.rate("the person needs the result now", sync, "answer in the response", "answer 'processing' with an id; notify or poll")
	s.rate("work slower than the latency budget", bg, "holds a connection and a thread for the whole duration", "the request returns at once")
	s.rate("failures and retries", bg, "the person sees the failure", "retries with backoff, dead-letter list")
	s.rate("moving parts", sync, "none", "a queue and workers to run")
	s.Recommendation = "Synchronous for what the person must see now; a background job for anything slower than the budget or calling a third party"
	if c := vd.by[qQueue]; c != nil {
		s.reason("The requirements already have background work, on %s.", c.Choice)
	}
	s.reason("Keep the request path short: only what the user needs immediately runs in it.")
	s.Revisit = "when a step's p95 approaches its path's latency budget"
}

func weighCache(b *builder, fig figures, vd *verdicts, s *SelectionAnalysis) {
	fix, cache := s.Options[0], s.Options[1]
	fav := fix
	s.rate("root cause", fix, "removes the slow query", "hides it; misses are still slow")
	s.rate("new state", fix, "none", "a second copy to invalidate")
	s.Recommendation = "Fix the query first (EXPLAIN ANALYZE, the right index, no N+1); no cache"
	if c := vd.by[qCache]; c != nil {
		fav = cache
		s.Recommendation = fmt.Sprintf("Fix the query first, then the %s cache the read rate justifies", c.Choice)
		s.reason("Cacheable reads peak at %s/s [%s], at or above the %s/s at which a cache earns its keep (or their latency target is under 10 ms).", formatNum(fig.cacheReads.Value), fig.cacheReads.Ref, formatNum(CacheReadsPerSecond))
	} else if fig.cacheReads.Ref != "" {
		s.reason("Cacheable reads peak at %s/s [%s], below the %s/s at which a cache earns its keep.", formatNum(fig.cacheReads.Value), fig.cacheReads.Ref, formatNum(CacheReadsPerSecond))
	}
	s.rate("read rate", fav, "a fast indexed query serves thousands of reads/s", fmt.Sprintf("about 100,000 ops/s per Redis, worth it from %s reads/s", formatNum(CacheReadsPerSecond)))
	s.reason("A cache that hides a bad query is a band-aid: the cold start and every miss still pay for it.")
	s.Revisit = "when the fixed query is fast but the read rate keeps the database busy"
}
