package capacity

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// Needs returns the needs choose_component knows.
func Needs() []string {
	return []string{"database", "cache", "queue", "search", "storage", "events", "batch"}
}

// ChooseComponentInput is the input of the choose_component tool. Every
// figure but need is optional: the verdict weighs the figures it is given.
type ChooseComponentInput struct {
	Need                string            `json:"need" jsonschema:"what the component is for: database, cache, queue, search, storage, events or batch"`
	WritesPerSecond     quantity.Rate     `json:"writes_per_second,omitempty" jsonschema:"peak database writes per second (database)"`
	MessagesPerHour     quantity.Count    `json:"messages_per_hour,omitempty" jsonschema:"queued messages per hour at peak (queue), e.g. 2M"`
	EventsPerSecond     quantity.Rate     `json:"events_per_second,omitempty" jsonschema:"peak events per second published (events)"`
	OpsPerSecond        quantity.Rate     `json:"ops_per_second,omitempty" jsonschema:"peak cache operations per second (cache)"`
	FacetedSearch       bool              `json:"faceted_search,omitempty" jsonschema:"facets, aggregations or relevance tuning needed (search)"`
	ComplexInvalidation bool              `json:"complex_invalidation,omitempty" jsonschema:"complex invalidation needed (cache)"`
	StoredBytes         quantity.Size     `json:"stored_bytes,omitempty" jsonschema:"bytes the store holds at the horizon planned for, e.g. 36TB (database)"`
	ItemBytes           quantity.Size     `json:"item_bytes,omitempty" jsonschema:"bytes per stored item; 100 KB and more are objects (database, storage)"`
	AppendOnly          bool              `json:"append_only,omitempty" jsonschema:"records appended, rarely updated, e.g. posts, readings (database)"`
	ReadsPerSecond      quantity.Rate     `json:"reads_per_second,omitempty" jsonschema:"peak reads per second that reach the database, after any cache (database)"`
	CorpusBytes         quantity.Size     `json:"corpus_bytes,omitempty" jsonschema:"bytes of text indexed for search (search)"`
	QueriesPerSecond    quantity.Rate     `json:"queries_per_second,omitempty" jsonschema:"peak search queries per second that reach the index (search)"`
	MemoryBytes         quantity.Size     `json:"memory_bytes,omitempty" jsonschema:"memory the cache must hold (cache)"`
	EgressBytesPerMonth quantity.Size     `json:"egress_bytes_per_month,omitempty" jsonschema:"bytes served to clients a month (storage)"`
	Public              bool              `json:"public,omitempty" jsonschema:"files read by the public (storage)"`
	ScanBytes           quantity.Size     `json:"scan_bytes,omitempty" jsonschema:"bytes one run of a scheduled job scans (batch)"`
	IntervalSeconds     quantity.Duration `json:"interval,omitempty" jsonschema:"time between two runs of a scheduled job, its time budget, e.g. 1h (batch)"`
}

// The verdicts of the decision matrix, by id: the "option" output of
// choose_component. Each names one shape of component, whatever the
// sentence that explains it.
const (
	OptionPostgres         = "postgres"          // one PostgreSQL primary with a standby
	OptionPostgresReplicas = "postgres-replicas" // PostgreSQL with read replicas
	OptionShardedPostgres  = "sharded-postgres"  // PostgreSQL sharded by key (Citus/Vitess)
	OptionDistributedSQL   = "distributed-sql"   // Vitess or CockroachDB
	OptionWideColumn       = "wide-column"       // Cassandra/DynamoDB
	OptionObjectStorage    = "object-storage"    // S3/GCS
	OptionObjectStorageCDN = "object-storage-cdn"
	OptionRedis            = "redis"
	OptionRedisCluster     = "redis-cluster"
	OptionRedisQueue       = "redis-queue" // a Redis-backed job queue with workers
	OptionLog              = "log"         // a partitioned log (Kafka, Pulsar, NATS)
	OptionListenNotify     = "listen-notify"
	OptionFullText         = "postgres-fts"
	OptionSearchCluster    = "search-cluster" // Elasticsearch/OpenSearch
	OptionCron             = "cron"
	OptionSpark            = "spark"
)

// choice is one verdict of the decision matrix; nodes is the count of
// nodes, replicas or shards the verdict sizes (0 when it sizes none).
type choice struct {
	// option is the verdict's stable id (OptionPostgres…): programs and
	// the engine branch on it, never on the wording of choice.
	option                                 string
	choice, alternative, reason, threshold string
	notes                                  []string
	nodes                                  float64
	nodesWhat                              string
	// sizing is the formula of nodes.
	sizing string
}

// figures are ChooseComponentInput's quantities, checked.
type figures struct {
	writes, msgs, events, ops, stored, item, reads, corpus, queries, memory, egress, scan, interval float64
}

func chooseComponentTool() Tool {
	return define("choose_component", "The decision matrix: the boring default for a need, or its scale alternative once a threshold is crossed, with the threshold that decided.",
		func(in ChooseComponentInput) (Result, error) {
			c := check{tool: "choose_component"}
			need := strings.ToLower(strings.TrimSpace(in.Need))
			f := figures{
				writes:   c.nonNegative("writes_per_second", float64(in.WritesPerSecond), quantity.RateForm),
				msgs:     c.nonNegative("messages_per_hour", float64(in.MessagesPerHour), quantity.CountForm),
				events:   c.nonNegative("events_per_second", float64(in.EventsPerSecond), quantity.RateForm),
				ops:      c.nonNegative("ops_per_second", float64(in.OpsPerSecond), quantity.RateForm),
				stored:   c.nonNegative("stored_bytes", float64(in.StoredBytes), quantity.SizeForm),
				item:     c.nonNegative("item_bytes", float64(in.ItemBytes), quantity.SizeForm),
				reads:    c.nonNegative("reads_per_second", float64(in.ReadsPerSecond), quantity.RateForm),
				corpus:   c.nonNegative("corpus_bytes", float64(in.CorpusBytes), quantity.SizeForm),
				queries:  c.nonNegative("queries_per_second", float64(in.QueriesPerSecond), quantity.RateForm),
				memory:   c.nonNegative("memory_bytes", float64(in.MemoryBytes), quantity.SizeForm),
				egress:   c.nonNegative("egress_bytes_per_month", float64(in.EgressBytesPerMonth), quantity.SizeForm),
				scan:     c.nonNegative("scan_bytes", float64(in.ScanBytes), quantity.SizeForm),
				interval: c.nonNegative("interval", float64(in.IntervalSeconds), quantity.DurationForm),
			}
			var ch choice
			switch need {
			case "database":
				ch = chooseDatabase(f, in.AppendOnly)
			case "cache":
				ch = chooseCache(f, in.ComplexInvalidation)
			case "queue":
				ch = chooseQueue(f.msgs)
			case "search":
				ch = chooseSearch(f, in.FacetedSearch)
			case "storage":
				ch = chooseStorage(f, in.Public)
			case "events":
				ch = chooseEvents(f.events)
			case "batch":
				ch = chooseBatch(f)
			case "":
				c.fail("need", "is required; expected one of %s", strings.Join(Needs(), ", "))
			default:
				c.fail("need", "unknown need %q; expected one of %s", in.Need, strings.Join(Needs(), ", "))
			}
			if err := c.error(); err != nil {
				return Result{}, err
			}
			inputs := map[string]any{"need": need, "writes_per_second": f.writes, "messages_per_hour": f.msgs, "events_per_second": f.events,
				"ops_per_second": f.ops, "faceted_search": in.FacetedSearch, "complex_invalidation": in.ComplexInvalidation,
				"stored_bytes": f.stored, "item_bytes": f.item, "append_only": in.AppendOnly, "reads_per_second": f.reads,
				"corpus_bytes": f.corpus, "queries_per_second": f.queries, "memory_bytes": f.memory,
				"egress_bytes_per_month": f.egress, "public": in.Public, "scan_bytes": f.scan, "interval": f.interval}
			o := newResult(inputs).
				add("choice", ch.choice, "").
				add("option", ch.option, "").
				add("alternative", ch.alternative, "").
				add("reason", ch.reason, "").
				add("threshold", ch.threshold, "")
			if ch.nodes > 0 {
				o.add("nodes", ch.nodes, "count")
				o.add("nodes_are", ch.nodesWhat, "")
			}
			for _, n := range ch.notes {
				o.note("%s", n)
			}
			formula := fmt.Sprintf("%s: %s (threshold: %s)", need, ch.choice, ch.threshold)
			if ch.sizing != "" {
				formula += "; " + ch.sizing
			}
			return o.done(formula)
		})
}

// bytesText writes a byte figure for a reason: "36 TB".
func bytesText(b float64) string { return quantity.FormatBytes(Tidy(b)) }

func chooseDatabase(f figures, appendOnly bool) choice {
	th := fmt.Sprintf("more than %s writes/s, %s on one node, or reads beyond %s replicas", num(DatabaseWritesPerSecond), quantity.FormatBytes(PostgresMaxBytes), num(PostgresMaxReplicas))
	switch {
	case f.item >= ObjectItemBytes:
		return choice{option: OptionObjectStorage, choice: "Object storage (S3/GCS)", alternative: "PostgreSQL", threshold: "items of 100 KB and more",
			reason: fmt.Sprintf("Items of %s are objects, not rows (at least %s): they go to object storage and the database keeps their metadata.", bytesText(f.item), bytesText(ObjectItemBytes))}
	case f.stored > PostgresMaxBytes && appendOnly:
		n := math.Ceil(Tidy(f.stored * 3 / WideColumnNodeBytes))
		return choice{option: OptionWideColumn, choice: "Cassandra/DynamoDB (wide-column)", alternative: "PostgreSQL", threshold: "more than 10 TB on one node",
			reason: fmt.Sprintf("%s of append-heavy records is above the %s one PostgreSQL node holds: a wide-column store partitioned by key and time spreads it over nodes; with 3 replicas at %s per node that is %s nodes.",
				bytesText(f.stored), bytesText(PostgresMaxBytes), bytesText(WideColumnNodeBytes), num(n)),
			nodes: n, nodesWhat: "wide-column nodes (3 replicas, 2 TB each)",
			sizing: fmt.Sprintf("ceil(%s × 3 replicas / %s per node) = %s nodes", bytesText(f.stored), bytesText(WideColumnNodeBytes), num(n))}
	case f.stored > PostgresMaxBytes:
		n := math.Ceil(Tidy(f.stored / PostgresComfortableBytes))
		// The shard count ends the reason: it is the figure the reason
		// is cited for.
		reason := fmt.Sprintf("%s is above the %s one PostgreSQL node holds.", bytesText(f.stored), bytesText(PostgresMaxBytes))
		if f.reads > 0 {
			per := Tidy(f.reads / n)
			reason += fmt.Sprintf(" The %s uncached reads/s spread over the shards at %s/s each", num(f.reads), num(per))
			if per > PostgresReadsPerNode {
				reason += fmt.Sprintf(", above the %s one node serves, so each shard gets read replicas", num(PostgresReadsPerNode))
			}
			reason += "."
		}
		reason += fmt.Sprintf(" Shard by the owning key, at most %s a shard: %s shards.", bytesText(PostgresComfortableBytes), num(n))
		return choice{option: OptionShardedPostgres, choice: "Sharded PostgreSQL (Citus/Vitess)", alternative: "PostgreSQL", threshold: "more than 10 TB on one node",
			reason: reason, nodes: n, nodesWhat: "shards",
			sizing: fmt.Sprintf("ceil(%s / %s per shard) = %s shards", bytesText(f.stored), bytesText(PostgresComfortableBytes), num(n))}
	case f.writes > DatabaseWritesPerSecond:
		return choice{option: OptionDistributedSQL, choice: "Vitess/CockroachDB", alternative: "PostgreSQL", threshold: th,
			reason: fmt.Sprintf("%s writes/s is above the %s writes/s one PostgreSQL primary can take: shard (Vitess) or use a distributed SQL database (CockroachDB).", num(f.writes), num(DatabaseWritesPerSecond))}
	}
	// Replicas as the servers tool counts them: enough at 70% busy, plus
	// one spare, so losing a replica does not overload the rest.
	replicas := 0.0
	if f.reads > PostgresReadsPerNode {
		replicas = math.Ceil(Tidy(f.reads/(PostgresReadsPerNode*0.7))) + 1
	}
	if replicas > PostgresMaxReplicas {
		return choice{option: OptionDistributedSQL, choice: "Vitess/CockroachDB", alternative: "PostgreSQL with read replicas", threshold: th,
			reason: fmt.Sprintf("%s uncached reads/s would need %s read replicas at %s reads/s each (70%% busy, one spare), more than the %s replication serves well: shard the reads (Vitess) or raise the cache hit ratio.",
				num(f.reads), num(replicas), num(PostgresReadsPerNode), num(PostgresMaxReplicas)),
			nodes: replicas, nodesWhat: "read replicas it would take",
			sizing: fmt.Sprintf("ceil(%s / (%s × 0.7)) + 1 spare = %s read replicas", num(f.reads), num(PostgresReadsPerNode), num(replicas))}
	}
	ch := choice{option: OptionPostgres, choice: "PostgreSQL", alternative: "Vitess/CockroachDB", threshold: th}
	var why []string
	if f.writes > PostgresEasyWrites {
		why = append(why, fmt.Sprintf("%s writes/s is above the %s writes/s one primary takes easily but below its %s writes/s ceiling: batch writes and partition the hot tables", num(f.writes), num(PostgresEasyWrites), num(DatabaseWritesPerSecond)))
		ch.notes = append(ch.notes, "above "+num(PostgresEasyWrites)+" writes/s: batch writes, partition hot tables, and watch WAL and replication lag")
	} else if f.writes > 0 {
		why = append(why, fmt.Sprintf("%s writes/s is within the %s writes/s one PostgreSQL primary takes easily", num(f.writes), num(PostgresEasyWrites)))
	} else if f.stored == 0 && f.reads == 0 {
		why = append(why, "No write or read load given: one PostgreSQL primary, the boring default, keeps accounts, metadata and configuration")
	}
	if f.stored > PostgresComfortableBytes {
		why = append(why, fmt.Sprintf("%s stored is above the %s one node holds comfortably and below its %s ceiling: partition tables by time and archive old partitions", bytesText(f.stored), bytesText(PostgresComfortableBytes), bytesText(PostgresMaxBytes)))
	} else if f.stored > 0 {
		why = append(why, fmt.Sprintf("%s stored is within the %s one node holds comfortably", bytesText(f.stored), bytesText(PostgresComfortableBytes)))
	}
	if replicas > 0 {
		ch.option, ch.choice = OptionPostgresReplicas, fmt.Sprintf("PostgreSQL with %s read replicas", num(replicas))
		ch.nodes, ch.nodesWhat = replicas, "read replicas"
		ch.sizing = fmt.Sprintf("ceil(%s / (%s × 0.7)) + 1 spare = %s read replicas", num(f.reads), num(PostgresReadsPerNode), num(replicas))
		why = append(why, fmt.Sprintf("%s uncached reads/s is above the %s reads/s one node serves: ceil(%s / (%s × 0.7)) + 1 spare = %s read replicas take them", num(f.reads), num(PostgresReadsPerNode), num(f.reads), num(PostgresReadsPerNode), num(replicas)))
	} else if f.reads > 0 {
		why = append(why, fmt.Sprintf("%s uncached reads/s is within the %s reads/s one node serves", num(f.reads), num(PostgresReadsPerNode)))
	}
	ch.reason = strings.Join(why, "; ") + ". ACID, well known, boring."
	return ch
}

func chooseCache(f figures, complexInvalidation bool) choice {
	ch := choice{option: OptionRedis, choice: "Redis", alternative: "Memcached for simple key-value", threshold: fmt.Sprintf("more than %s ops/s or %s per instance; complex invalidation is a warning sign", num(RedisOpsPerSecond), quantity.FormatBytes(RedisNodeBytes))}
	ch.reason = fmt.Sprintf("%s ops/s fits one Redis instance (about %s ops/s, under 5 ms)", num(f.ops), num(RedisOpsPerSecond))
	if f.memory > 0 {
		ch.reason += fmt.Sprintf(" and %s fits its %s of usable memory", bytesText(f.memory), bytesText(RedisNodeBytes))
	}
	ch.reason += "; simple TTLs."
	byOps := math.Ceil(Tidy(f.ops / RedisOpsPerSecond))
	byMem := math.Ceil(Tidy(f.memory / RedisNodeBytes))
	if n := math.Max(byOps, byMem); n > 1 {
		ch.option, ch.choice, ch.alternative = OptionRedisCluster, "Redis Cluster", "Redis"
		ch.nodes, ch.nodesWhat = n, "Redis primaries"
		ch.sizing = fmt.Sprintf("max(ceil(%s / %s ops/s), ceil(%s / %s)) = %s primaries", num(f.ops), num(RedisOpsPerSecond), bytesText(f.memory), bytesText(RedisNodeBytes), num(n))
		ch.reason = fmt.Sprintf("%s ops/s over %s ops/s per instance needs %s primaries", num(f.ops), num(RedisOpsPerSecond), num(byOps))
		if f.memory > 0 {
			ch.reason += fmt.Sprintf("; %s over %s per node needs %s", bytesText(f.memory), bytesText(RedisNodeBytes), num(byMem))
		}
		ch.reason += fmt.Sprintf(": a Redis Cluster of %s primaries, each with a replica.", num(n))
	}
	if complexInvalidation {
		ch.notes = append(ch.notes, "complex invalidation is a warning sign: the cache may be hiding slow queries; fix the queries, keep simple TTLs, and never make the cache the source of truth")
	}
	return ch
}

func chooseQueue(msgs float64) choice {
	th := "more than " + num(QueueMessagesPerHour) + " messages/hour"
	if msgs > QueueMessagesPerHour {
		return choice{option: OptionLog, choice: "Kafka/Pulsar", alternative: "Redis + workers", threshold: th, reason: fmt.Sprintf("%s messages/hour is above %s/hour: a partitioned log (Kafka or Pulsar) keeps order, replays and scales consumers.", num(msgs), quantity.FormatCount(QueueMessagesPerHour))}
	}
	return choice{option: OptionRedisQueue, choice: "Redis + workers", alternative: "Kafka/Pulsar", threshold: th, reason: fmt.Sprintf("%s messages/hour is within %s/hour: a Redis-backed job queue with workers is enough, with retries and a dead-letter list.", num(msgs), quantity.FormatCount(QueueMessagesPerHour))}
}

func chooseSearch(f figures, faceted bool) choice {
	const th = "faceted search, a corpus above 100 GB, or more than 1,000 queries/s"
	var over []string
	if faceted {
		over = append(over, "faceted search (aggregations, relevance tuning) is what a search engine is for")
	}
	if f.corpus > SearchFTSBytes {
		over = append(over, fmt.Sprintf("a corpus of %s is above the %s PostgreSQL full-text search serves well", bytesText(f.corpus), bytesText(SearchFTSBytes)))
	}
	if f.queries > SearchFTSQueries {
		over = append(over, fmt.Sprintf("%s queries/s is above the %s queries/s PostgreSQL full-text search serves beside its other work", num(f.queries), num(SearchFTSQueries)))
	}
	if len(over) == 0 {
		reason := "No faceted search needed: PostgreSQL full-text search (tsvector + GIN index) avoids a second store to keep in sync."
		if f.queries > 0 || f.corpus > 0 {
			reason = fmt.Sprintf("No faceted search needed, and %s queries/s over a corpus of %s stay within the %s queries/s and %s PostgreSQL full-text search serves: a tsvector column with a GIN index, no second store to keep in sync.",
				num(f.queries), orUnknown(f.corpus), num(SearchFTSQueries), bytesText(SearchFTSBytes))
		}
		return choice{option: OptionFullText, choice: "PostgreSQL full-text search", alternative: "Elasticsearch", threshold: th, reason: reason}
	}
	ch := choice{option: OptionSearchCluster, choice: "Elasticsearch", alternative: "PostgreSQL full-text search", threshold: th,
		reason: capitalize(strings.Join(over, "; ")) + ": a search cluster (Elasticsearch or OpenSearch), indexed from the source of truth and rebuildable from it."}
	if f.corpus > 0 {
		ch.nodes, ch.nodesWhat = math.Max(1, math.Ceil(Tidy(f.corpus/SearchShardBytes))), "primary shards (40 GB each)"
		ch.sizing = fmt.Sprintf("ceil(%s / %s per shard) = %s primary shards", bytesText(f.corpus), bytesText(SearchShardBytes), num(ch.nodes))
		ch.reason += fmt.Sprintf(" ceil(%s / %s) = %s primary shards.", bytesText(f.corpus), bytesText(SearchShardBytes), num(ch.nodes))
	}
	if f.queries > 0 {
		ch.notes = append(ch.notes, fmt.Sprintf("query load: %s queries/s at about %s per node (70%% busy) needs %s nodes holding replicas", num(f.queries), num(SearchNodeQueries), num(math.Ceil(Tidy(f.queries/(SearchNodeQueries*0.7))))))
	}
	return ch
}

func orUnknown(b float64) string {
	if b == 0 {
		return "unknown size"
	}
	return bytesText(b)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func chooseStorage(f figures, public bool) choice {
	ch := choice{option: OptionObjectStorage, choice: "Object storage (S3/GCS)", alternative: "CDN for static assets", threshold: "never local disk; a CDN above 10 TB/month of egress or for public reads",
		reason: "Files and blobs go to object storage; never local disk, which dies with its server and does not scale out."}
	if f.item >= ObjectItemBytes {
		ch.reason = fmt.Sprintf("Items of %s are objects (at least %s): object storage, never table rows or local disk.", bytesText(f.item), bytesText(ObjectItemBytes))
	}
	switch {
	case f.egress > CDNEgressBytesPerMonth:
		ch.option, ch.choice, ch.alternative = OptionObjectStorageCDN, "Object storage (S3/GCS) behind a CDN", "Object storage (S3/GCS) served from the origin"
		ch.reason += fmt.Sprintf(" %s a month of egress is above %s: a CDN serves it nearer the readers and cheaper per GB.", bytesText(f.egress), bytesText(CDNEgressBytesPerMonth))
	case public:
		ch.option, ch.choice, ch.alternative = OptionObjectStorageCDN, "Object storage (S3/GCS) behind a CDN", "Object storage (S3/GCS) served from the origin"
		ch.reason += " The public reads them: a CDN in front caches them near the readers."
	}
	return ch
}

func chooseEvents(events float64) choice {
	th := "more than " + num(EventsPerSecond) + " events/s"
	if events > EventsPerSecond {
		return choice{option: OptionLog, choice: "Kafka/NATS", alternative: "PostgreSQL LISTEN/NOTIFY", threshold: th, reason: fmt.Sprintf("%s events/s is above %s events/s: use a streaming platform (Kafka for a durable ordered log, NATS for light pub/sub).", num(events), num(EventsPerSecond))}
	}
	return choice{option: OptionListenNotify, choice: "PostgreSQL LISTEN/NOTIFY", alternative: "Kafka/NATS", threshold: th, reason: fmt.Sprintf("%s events/s is within %s events/s: PostgreSQL LISTEN/NOTIFY (with an outbox table for durability) needs no new infrastructure.", num(events), num(EventsPerSecond))}
}

// chooseBatch picks the engine for a scheduled job from the bytes one run
// scans and the time between runs.
func chooseBatch(f figures) choice {
	const th = "more than 100 GB per run, or a scan longer than half the interval"
	scanTime := f.scan / BatchWorkerBytesPerSec
	budget := f.interval / 2
	over := f.scan > BatchWorkerScanBytes || budget > 0 && scanTime > budget
	if !over {
		reason := fmt.Sprintf("%s per run is within the %s one scheduled worker scans", bytesText(f.scan), bytesText(BatchWorkerScanBytes))
		if f.scan > 0 {
			reason += fmt.Sprintf(" (about %s at %s/s)", quantity.FormatDuration(Tidy(scanTime)), bytesText(BatchWorkerBytesPerSec))
		}
		return choice{option: OptionCron, choice: "Scheduled worker (cron)", alternative: "Spark (distributed batch)", threshold: th,
			reason: reason + ": a cron-triggered worker of the same codebase runs it, idempotently, with a lock so two runs never overlap."}
	}
	n := math.Ceil(Tidy(f.scan / BatchWorkerScanBytes))
	if budget > 0 {
		n = math.Max(n, math.Ceil(Tidy(scanTime/budget)))
	}
	return choice{option: OptionSpark, choice: "Spark (distributed batch)", alternative: "Scheduled worker (cron)", threshold: th,
		reason: fmt.Sprintf("%s per run takes one worker about %s at %s/s, above the %s one worker scans per run or half the time between runs: a distributed batch engine (Spark, or MapReduce) splits it over %s workers.",
			bytesText(f.scan), quantity.FormatDuration(Tidy(scanTime)), bytesText(BatchWorkerBytesPerSec), bytesText(BatchWorkerScanBytes), num(n)),
		nodes: n, nodesWhat: "batch workers",
		sizing: fmt.Sprintf("max(ceil(%s / %s per worker), ceil(%s scan / %s budget)) = %s workers", bytesText(f.scan), bytesText(BatchWorkerScanBytes), quantity.FormatDuration(Tidy(scanTime)), quantity.FormatDuration(Tidy(budget)), num(n))}
}
