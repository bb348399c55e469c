package review

import (
	"fmt"
	"strings"
)

// The catalogue lists every finding the review can raise: its ID (what a
// report and a CI gate name), its severity, its category, its title and
// its fix. The code raises a finding by naming its rule and giving the
// detail (which quotes the document) and the arguments the templates
// take; the words a report says about each kind of problem live here.
//
// One ID can have several rules: the same problem in different forms
// ("Microservices from day one", "Microservices without a stated load")
// or at different severities, each with its own title and fix. The
// severity policy is therefore this table too: failure handling missing
// timeouts or retries is medium, missing only circuit breakers or
// scenarios is low.
//
// Titles and fixes are fmt templates with explicit argument indexes
// ("%[1]q"), so that a title and a fix can use different arguments of
// one list.

// rule names one form of finding in the catalogue.
type rule int

// entry is a rule's row in the catalogue.
type entry struct {
	id       string
	severity Severity
	category string
	title    string
	fix      string
}

// The categories: the quality checklist, the four anti-patterns, and the
// checks beyond the checklist.
const (
	checklistCat        = "checklist"
	distributedMonolith = "distributed monolith"
	cacheBandAid        = "cache band-aid"
	eventSoup           = "event soup"
	prematureDist       = "premature distribution"
	archetypeCat        = "archetype"
	arithmeticCat       = "arithmetic"
	dataVolumeCat       = "data volume"
	consistencyCat      = "consistency"
	requestPathCat      = "request path"
)

const (
	rPlaceholderSection rule = iota
	rStateOwnershipMissing
	rStateOwnerUnnamed
	rHotPathsUnquantified
	rHotPathsUnnamed
	rHotPathsMissing
	rIndexesMissing
	rBackgroundJobsMissing
	rFailureMissing
	rFailureIncomplete
	rFailureIncompleteMinor
	rMonitoringMissing
	rMonitoringIncomplete
	rMonitoringIncompleteLogs
	rScalingMissing
	rDebuggabilityThin
	rDebuggabilityMissing
	rChoicesUnjustified

	rDeployTogether
	rSyncCallChain
	rSharedWriterDataset
	rSharedWriterProse
	rSharedDatabase
	rSharedDatabaseWritten
	rCacheHidesSlowQuery
	rSlowWorkInRequest
	rDualWrite
	rComplexInvalidation
	rCacheSourceOfTruth
	rEverythingAnEvent
	rThinEvents
	rEventOwnershipUnclear

	rMicroservicesDayOne
	rMicroservicesNoLoad
	rMicroservicesCount
	rKafkaNoRate
	rKafkaSmall
	rSearchNoFacets
	rShardingSmall
	rShardingNoRate
	rInfrastructureSmall

	rArchetypeCoreMissing
	rArithmeticRate
	rArithmeticStorage
	rArithmeticServers
	rArithmeticFigure
	rVolumeRedis
	rVolumeRedisFar
	rVolumeRelational
	rVolumeRelationalFar
	rFigureUnknownRow
	rFigureMismatch
	rTimeoutShorterThanWork
	rBudgetContradicted
	rTwoStoresOfRecord
	rNeverReachedContradicted
	rDecisionTwice
	rComponentUnmentioned
	rArchetypeUnfit

	numRules
)

var catalogue = [numRules]entry{
	rPlaceholderSection: {"placeholder-section", High, checklistCat,
		"Section %[1]q is a placeholder",
		"Write the section's content (see the checklist finding for what it needs), or remove the heading and list the gap under Open Questions with an owner and a date."},
	rStateOwnershipMissing: {"state-ownership-missing", High, checklistCat,
		"No owner named for the state",
		"Add a State Ownership section: a table with one row per dataset (sessions, orders, …) giving its single owner (writer), its readers, its storage and whether it is hot, warm, cold or transient."},
	rStateOwnerUnnamed: {"state-owner-unnamed", Medium, checklistCat,
		"Dataset %[1]q has no owner",
		"Name the one service that writes this dataset; every other service reads it or asks the owner through its API."},
	rHotPathsUnquantified: {"hot-paths-unquantified", Medium, checklistCat,
		"Hot paths named without their numbers",
		"For each hot path give its peak rate (requests/s) and its latency budget (p99), and the optimisations that keep it inside the budget."},
	rHotPathsUnnamed: {"hot-paths-unnamed", Low, checklistCat,
		"Targets stated but no hot path singled out",
		"Name the two or three hottest paths (for example the redirect or the checkout) with their rate, latency budget and the optimisations that serve them."},
	rHotPathsMissing: {"hot-paths-missing", Medium, checklistCat,
		"No hot paths identified",
		"Add a Hot Paths section: each path with its peak requests per second, its latency budget (p99) and how it stays inside it (memory, cache, no database call on the happy path)."},
	rIndexesMissing: {"indexes-missing", Medium, checklistCat,
		"No indexes for the access patterns",
		"List the access patterns of each table (lookup by key, range by time, …) and the index that serves each one; check the hot queries with EXPLAIN."},
	rBackgroundJobsMissing: {"background-jobs-missing", Medium, checklistCat,
		"Slow work not moved to background jobs",
		"Answer the request with only what the user needs now and push the slow part to a queue (Redis and workers is enough below 1M messages/hour), with retries, a timeout and an idempotency key."},
	rFailureMissing: {"failure-handling-missing", High, checklistCat,
		"No failure handling",
		"Add a Failure Scenarios section: a table of failures (database down, cache down, a slow dependency, a crash) with probability, impact and mitigation; a timeout on every network call, retries with backoff on idempotent operations only, a circuit breaker around each remote dependency, and what degrades gracefully."},
	// The fix of an incomplete item is made of the fixes of the kinds
	// of evidence it lacks (see the coverage checks).
	rFailureIncomplete: {"failure-handling-incomplete", Medium, checklistCat,
		"Failure handling without %[1]s", "%[2]s"},
	rFailureIncompleteMinor: {"failure-handling-incomplete", Low, checklistCat,
		"Failure handling without %[1]s", "%[2]s"},
	rMonitoringMissing: {"monitoring-missing", High, checklistCat,
		"No monitoring",
		"Add a Monitoring section: the golden signals per hot path (latency p50/p95/p99, traffic, errors, saturation), structured logs with a request id, and alerts on SLO breaches and error spikes that page a person."},
	rMonitoringIncomplete: {"monitoring-incomplete", Medium, checklistCat,
		"Monitoring without %[1]s", monitoringFix},
	rMonitoringIncompleteLogs: {"monitoring-incomplete", Low, checklistCat,
		"Monitoring without %[1]s", monitoringFix},
	rScalingMissing: {"scaling-path-missing", Medium, checklistCat,
		"No scaling path",
		"Add a Scaling Strategy: phases by peak load (one big server below 10k rps, then replicas and more app servers to 100k, then sharding), the growth expected at 6 months, 1 and 3 years, and the threshold that triggers each step."},
	rDebuggabilityThin: {"debuggability-thin", Low, checklistCat,
		"Little to debug with at 3am",
		"Give the person on call a runbook per alert, a rollback that takes minutes, and a request id carried through every log line."},
	rDebuggabilityMissing: {"debuggability-missing", Medium, checklistCat,
		"Not debuggable at 3am",
		"Add runbooks for each alert, a rollback that takes minutes (blue-green or a feature flag), and a request id carried through every log line; keep the design simple enough to explain on one page."},
	rChoicesUnjustified: {"choices-unjustified", Medium, checklistCat,
		"Technology choices not justified",
		"Add a Decision Log: per decision, the options considered, the choice and the reason; prefer the boring default (PostgreSQL, Redis, object storage) and say which threshold would change it."},

	rDeployTogether: {"deploy-together", Medium, distributedMonolith,
		"Services that must deploy together",
		"Give each service a versioned, backward-compatible interface so it ships alone; or, if they always change together, merge them into one deployable (a modular monolith)."},
	rSyncCallChain: {"sync-call-chain", Medium, distributedMonolith,
		"Synchronous call chain between services",
		"Keep one synchronous hop on the request path; move the rest to a queue or to events the next service consumes, or fold the chain into one service. Put timeouts and a circuit breaker on the hop that remains."},
	rSharedWriterDataset: {"shared-writer", High, distributedMonolith,
		"Dataset %[1]q has several writers", sharedWriterFix},
	rSharedWriterProse: {"shared-writer", High, distributedMonolith,
		"Several services write the same data", sharedWriterFix},
	rSharedDatabase: {"shared-writer", Medium, distributedMonolith,
		"Several services write the same data", sharedWriterFix},
	rSharedDatabaseWritten: {"shared-writer", High, distributedMonolith,
		"Several services write the same data", sharedWriterFix},
	rCacheHidesSlowQuery: {"cache-hides-slow-query", Medium, cacheBandAid,
		"A cache hiding a slow query",
		"Fix the query first (an index, a narrower select, no N+1); add a cache afterwards only as an optimisation, with a simple TTL."},
	rSlowWorkInRequest: {"slow-work-in-request", Medium, requestPathCat,
		"Slow work inside the request",
		"Answer the request with what the user needs now and enqueue the slow part (Redis and workers, or a jobs table), with retries, a timeout and an idempotency key; tell the user when it is done."},
	rDualWrite: {"dual-write", Medium, requestPathCat,
		"A write and a publish that can fail apart",
		"Write the event into an outbox table in the same transaction as the data and relay it to the broker (or stream the table's changes with CDC), so the two cannot disagree."},
	rComplexInvalidation: {"complex-cache-invalidation", Medium, cacheBandAid,
		"Complex cache invalidation",
		"Prefer short TTLs and cache only what tolerates staleness; if the data must be fresh, read it from the database (a replica) instead of inventing an invalidation protocol."},
	rCacheSourceOfTruth: {"cache-source-of-truth", High, cacheBandAid,
		"A cache used as the source of truth",
		"Keep the durable record in the database (PostgreSQL) and treat the cache as derived data that can be rebuilt from it at any time."},
	rEverythingAnEvent: {"everything-an-event", Medium, eventSoup,
		"Everything is an event",
		"Use APIs for operations (a caller that needs an answer calls the owner) and events for integration (facts other services may react to)."},
	rThinEvents: {"thin-events", Medium, eventSoup,
		"Thin events that force lookups",
		"Publish self-contained events: the full record, a version and metadata (source, timestamp, trace id), so consumers need no lookup."},
	rEventOwnershipUnclear: {"event-ownership-unclear", Medium, eventSoup,
		"Events without a clear owner",
		"Give each event type one producing service that owns its schema and versions it; other services consume."},

	rMicroservicesDayOne: {"premature-microservices", Medium, prematureDist,
		"Microservices from day one",
		"Start with a modular monolith with clear module boundaries and one database owner per module; extract a service when a module needs to scale or deploy on its own."},
	rMicroservicesNoLoad: {"premature-microservices", Low, prematureDist,
		"Microservices without a stated load",
		"State the peak requests per second and team size that justify separate services; below 10k requests/s one deployable is simpler to run and debug."},
	rMicroservicesCount: {"premature-microservices", Medium, prematureDist,
		"%[1]d services for %[2]s",
		"Merge the services that share data or always change together into one deployable with modules; keep a separate service only where its load or its team demands one."},
	rKafkaNoRate: {"premature-kafka", Low, prematureDist,
		"Event streaming without a stated event rate",
		"State the event rate: below 10k events/s PostgreSQL LISTEN/NOTIFY (or Redis and workers below 1M messages/hour) does the job with one less cluster to run."},
	rKafkaSmall: {"premature-kafka", Medium, prematureDist,
		"%[1]s at %[2]s",
		"Use PostgreSQL LISTEN/NOTIFY for events below 10k/s, or Redis and workers for a queue below 1M messages/hour; move to Kafka when the measured rate approaches those thresholds."},
	rSearchNoFacets: {"premature-search-engine", Medium, prematureDist,
		"%[1]s without faceted search",
		"Use PostgreSQL full-text search (tsvector with a GIN index) until faceted search or relevance tuning is a stated need."},
	rShardingSmall: {"premature-sharding", Medium, prematureDist,
		"Sharding at %[1]s",
		"Stay on one %[2]s primary with read replicas and partitioned tables; shard (or move to Vitess/CockroachDB) beyond about 100k writes/s."},
	rShardingNoRate: {"premature-sharding", Low, prematureDist,
		"Sharding without a stated write rate",
		"State the peak writes per second; below about 100k writes/s one %[2]s primary with replicas is enough."},
	rInfrastructureSmall: {"premature-infrastructure", Low, prematureDist,
		"%[1]s at %[2]s",
		"Run one region with a warm standby and plain service-to-service calls; add a mesh or a second active region beyond 100k requests/s or for a stated regulatory need."},

	rArchetypeCoreMissing: {"archetype-core-missing", Medium, archetypeCat,
		"%[1]s design that never says %[2]s",
		"Say %[2]s, with the figures that size it."},
	rArithmeticRate: {"arithmetic-off", Medium, arithmeticCat,
		"%[1]q is %[2]s per %[3]s, not %[4]s",
		"Write %[2]s per %[3]s, and recompute what depends on it."},
	rArithmeticStorage: {"arithmetic-off", Medium, arithmeticCat,
		"%[1]s %[2]s, not %[3]s",
		"Write %[1]s %[2]s, and size the storage from it."},
	rArithmeticServers: {"arithmetic-off", Medium, arithmeticCat,
		"%[1]s %[2]s for %[3]s/s: %[4]s needed",
		"Plan %[4]s %[2]s (70%% utilisation at peak, one spare), or state the per-server rate a load test measured."},
	rArithmeticFigure: {"arithmetic-off", Medium, arithmeticCat,
		"%[1]s, not %[2]s",
		"Write %[1]s, and recompute what depends on it."},
	rVolumeRedis: {"data-volume", Medium, dataVolumeCat,
		"%[1]s in %[2]s", redisVolumeFix},
	rVolumeRedisFar: {"data-volume", High, dataVolumeCat,
		"%[1]s in %[2]s", redisVolumeFix},
	rVolumeRelational: {"data-volume", Medium, dataVolumeCat,
		"%[1]s in %[2]s", relationalVolumeFix},
	rVolumeRelationalFar: {"data-volume", High, dataVolumeCat,
		"%[1]s in %[2]s", relationalVolumeFix},
	rFigureUnknownRow: {"figure-unknown-row", High, consistencyCat,
		"Figure cites %[1]s, which the Capacity table does not have",
		"Cite the row the figure comes from, or add the row with its formula."},
	rFigureMismatch: {"figure-mismatch", High, consistencyCat,
		"%[1]s cites %[2]s, whose value is %[3]s",
		"Quote %[3]s as the table computes it, or fix the row's inputs and recompute."},
	rTimeoutShorterThanWork: {"timeout-shorter-than-work", High, consistencyCat,
		"Timeout of %[1]s shorter than the %[2]s the work takes (line %[3]d)",
		"Set the timeout above the longest the work may take, with headroom, or change the work: stream it with an idle timeout per chunk, or run it as a job the client polls."},
	rBudgetContradicted: {"budget-contradicted", High, consistencyCat,
		"Budget said to be met (line %[1]d) and exceeded (line %[2]d)",
		"Add up the costs the document states; either change the design until the total fits the budget, or say the budget is exceeded and by how much."},
	rTwoStoresOfRecord: {"two-stores-of-record", High, consistencyCat,
		"Two stores of record for %[1]s: %[2]s (line %[3]d) and %[4]s (line %[5]d)",
		"Name one store of record for %[1]s; every other copy is derived from it (a cache, an index, a replica) and says how it is rebuilt."},
	rNeverReachedContradicted: {"flow-contradicted", High, consistencyCat,
		"%[1]s said never to be reached (line %[2]d), yet a flow reaches it (line %[3]d)",
		"Make the flow and the claim agree: either the path reads %[1]s (then size it for those reads) or it does not (then remove the flow)."},
	rDecisionTwice: {"decision-twice", High, consistencyCat,
		"Decision %[1]q answered twice: %[2]q (line %[3]d) and %[4]q (line %[5]d)",
		"Keep one answer to each decision; record the other as a rejected option with the reason it lost."},
	rComponentUnmentioned: {"component-unmentioned", Medium, consistencyCat,
		"%[1]q appears only in %[2]q",
		"Say where %[1]q sits in the data flow, what happens when it fails and what it costs, or remove it from the design."},
	rArchetypeUnfit: {"archetype-unfit", High, archetypeCat,
		"Built on %[1]s, which %[2]q does not call for",
		"Design from the ask: drop the %[1]s archetype and its components, or, if the ask really is one, say so in the requirements (patterns: [%[1]s]) with the workloads that make it one."},
}

// Fixes shared by several rules of one ID.
const (
	monitoringFix       = "Define logs (structured, with a request id), metrics (the golden signals: latency, traffic, errors, saturation) and alerts (on SLO breaches, paging a person), each for the hot paths first."
	sharedWriterFix     = "Give the dataset one owner that writes it; the others call the owner's API or react to the events it publishes. Readers may read a replica."
	redisVolumeFix      = "Keep only the hot part in Redis (a TTL, an eviction policy) with the durable record elsewhere, or shard it across a Redis Cluster sized from the data set."
	relationalVolumeFix = "Keep large objects in object storage with their metadata in the database, partition by time and drop old partitions, or shard the data when it must stay relational."
)

// raise adds a finding of rule r at ref: the catalogue's ID, severity,
// category, and title and fix filled with args.
func (rv *reviewer) raise(r rule, ref Ref, detail string, args ...any) {
	e := catalogue[r]
	rv.findings = append(rv.findings, Finding{ID: e.id, Severity: e.severity, Category: e.category,
		Title: fill(e.title, args), Detail: detail, Ref: ref, Fix: fill(e.fix, args)})
	rv.raised = append(rv.raised, r)
}

// fill fills a template; one without verbs is used as it is, whatever
// the arguments (the other rules of its ID may need them).
func fill(template string, args []any) string {
	if !strings.Contains(template, "%") {
		return template
	}
	return fmt.Sprintf(template, args...)
}
