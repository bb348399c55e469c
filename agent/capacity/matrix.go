package capacity

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// The decision matrix's thresholds: above each, the scale alternative wins.
const (
	DatabaseWritesPerSecond = 100_000   // PostgreSQL → Vitess/CockroachDB
	PostgresEasyWrites      = 10_000    // what one PostgreSQL primary handles easily
	QueueMessagesPerHour    = 1_000_000 // Redis + workers → Kafka/Pulsar
	EventsPerSecond         = 10_000    // PostgreSQL LISTEN/NOTIFY → Kafka/NATS
	RedisOpsPerSecond       = 100_000   // one Redis instance
	VerticalMaxRPS          = 10_000    // vertical → horizontal
	HorizontalMaxRPS        = 100_000   // horizontal → distributed
	// LargeServerRPS is what one large server (32 cores) running a
	// stateless API takes at full load: the vertical phase's ceiling.
	LargeServerRPS = VerticalMaxRPS
	// PostgresComfortableBytes is the data one PostgreSQL (or MySQL)
	// primary holds comfortably: past it, backups, restores, replica
	// rebuilds and vacuum take hours, and the data is partitioned, sharded
	// or moved to object storage.
	PostgresComfortableBytes = 5_000_000_000_000 // 5 TB
	// RedisComfortableBytes is the data set one Redis instance holds
	// comfortably: it lives in memory, and a snapshot or a failover
	// resynchronisation copies all of it.
	RedisComfortableBytes = 25_000_000_000 // 25 GB
)

// Needs returns the needs choose_component knows.
func Needs() []string {
	return []string{"database", "cache", "queue", "search", "storage", "events"}
}

// ChooseComponentInput is the input of the choose_component tool.
type ChooseComponentInput struct {
	Need                string         `json:"need" jsonschema:"what the component is for: database, cache, queue, search, storage or events"`
	WritesPerSecond     quantity.Rate  `json:"writes_per_second,omitempty" jsonschema:"peak database writes per second (database)"`
	MessagesPerHour     quantity.Count `json:"messages_per_hour,omitempty" jsonschema:"queued messages per hour at peak (queue), e.g. 2M"`
	EventsPerSecond     quantity.Rate  `json:"events_per_second,omitempty" jsonschema:"peak events per second published (events)"`
	OpsPerSecond        quantity.Rate  `json:"ops_per_second,omitempty" jsonschema:"peak cache operations per second (cache)"`
	FacetedSearch       bool           `json:"faceted_search,omitempty" jsonschema:"whether search needs facets, aggregations or relevance tuning (search)"`
	ComplexInvalidation bool           `json:"complex_invalidation,omitempty" jsonschema:"whether cached data needs complex invalidation logic (cache)"`
}

// choice is one verdict of the decision matrix.
type choice struct {
	choice, alternative, reason, threshold string
	notes                                  []string
}

func chooseComponentTool() Tool {
	return define("choose_component", "The decision matrix: the boring default component for a need, or the scale alternative once a threshold is crossed, with the threshold that decided.",
		func(in ChooseComponentInput) (Result, error) {
			c := check{tool: "choose_component"}
			need := strings.ToLower(strings.TrimSpace(in.Need))
			writes := c.nonNegative("writes_per_second", float64(in.WritesPerSecond), quantity.RateForm)
			msgs := c.nonNegative("messages_per_hour", float64(in.MessagesPerHour), quantity.CountForm)
			events := c.nonNegative("events_per_second", float64(in.EventsPerSecond), quantity.RateForm)
			ops := c.nonNegative("ops_per_second", float64(in.OpsPerSecond), quantity.RateForm)
			var ch choice
			switch need {
			case "database":
				ch = chooseDatabase(writes)
			case "cache":
				ch = chooseCache(ops, in.ComplexInvalidation)
			case "queue":
				ch = chooseQueue(msgs)
			case "search":
				ch = chooseSearch(in.FacetedSearch)
			case "storage":
				ch = choice{"Object storage (S3/GCS)", "CDN for static assets", "Files and blobs go to object storage behind a CDN for static assets; never local disk, which dies with its server and does not scale out.", "never local disk", nil}
			case "events":
				ch = chooseEvents(events)
			case "":
				c.fail("need", "is required; expected one of %s", strings.Join(Needs(), ", "))
			default:
				c.fail("need", "unknown need %q; expected one of %s", in.Need, strings.Join(Needs(), ", "))
			}
			if err := c.error(); err != nil {
				return Result{}, err
			}
			inputs := map[string]any{"need": need, "writes_per_second": writes, "messages_per_hour": msgs, "events_per_second": events,
				"ops_per_second": ops, "faceted_search": in.FacetedSearch, "complex_invalidation": in.ComplexInvalidation}
			o := newResult(inputs).
				add("choice", ch.choice, "").
				add("alternative", ch.alternative, "").
				add("reason", ch.reason, "").
				add("threshold", ch.threshold, "")
			for _, n := range ch.notes {
				o.note("%s", n)
			}
			return o.done(fmt.Sprintf("%s: %s (threshold: %s)", need, ch.choice, ch.threshold))
		})
}

func chooseDatabase(writes float64) choice {
	const th = "more than 100,000 writes/s"
	if writes > DatabaseWritesPerSecond {
		return choice{"Vitess/CockroachDB", "PostgreSQL", fmt.Sprintf("%s writes/s is above the 100,000 writes/s one PostgreSQL primary can take: shard (Vitess) or use a distributed SQL database (CockroachDB).", num(writes)), th, nil}
	}
	ch := choice{"PostgreSQL", "Vitess/CockroachDB", fmt.Sprintf("%s writes/s is within what PostgreSQL handles (10,000 writes/s easily); ACID, well known, boring.", num(writes)), th, nil}
	if writes > PostgresEasyWrites {
		ch.notes = append(ch.notes, "above 10,000 writes/s: batch writes, partition hot tables, and watch WAL and replication lag")
	}
	return ch
}

func chooseCache(ops float64, complexInvalidation bool) choice {
	ch := choice{"Redis", "Memcached for simple key-value", fmt.Sprintf("%s ops/s fits one Redis instance (about 100,000 ops/s, under 5 ms); simple TTLs.", num(ops)), "more than 100,000 ops/s per instance; complex invalidation is a warning sign", nil}
	if ops > RedisOpsPerSecond {
		shards := math.Ceil(ops / RedisOpsPerSecond)
		ch.choice = "Redis Cluster"
		ch.alternative = "Redis"
		ch.reason = fmt.Sprintf("%s ops/s is above the 100,000 ops/s of one Redis instance: shard across at least %s primaries.", num(ops), num(shards))
	}
	if complexInvalidation {
		ch.notes = append(ch.notes, "complex invalidation is a warning sign: the cache may be hiding slow queries; fix the queries, keep simple TTLs, and never make the cache the source of truth")
	}
	return ch
}

func chooseQueue(msgs float64) choice {
	const th = "more than 1,000,000 messages/hour"
	if msgs > QueueMessagesPerHour {
		return choice{"Kafka/Pulsar", "Redis + workers", fmt.Sprintf("%s messages/hour is above 1M/hour: a partitioned log (Kafka or Pulsar) keeps order, replays and scales consumers.", num(msgs)), th, nil}
	}
	return choice{"Redis + workers", "Kafka/Pulsar", fmt.Sprintf("%s messages/hour is within 1M/hour: a Redis-backed job queue with workers is enough, with retries and a dead-letter list.", num(msgs)), th, nil}
}

func chooseSearch(faceted bool) choice {
	const th = "faceted search needs"
	if faceted {
		return choice{"Elasticsearch", "PostgreSQL full-text search", "Faceted search (aggregations, relevance tuning) is what Elasticsearch is for; keep PostgreSQL as the source of truth and index from it.", th, nil}
	}
	return choice{"PostgreSQL full-text search", "Elasticsearch", "No faceted search needed: PostgreSQL full-text search (tsvector + GIN index) avoids a second store to keep in sync.", th, nil}
}

func chooseEvents(events float64) choice {
	const th = "more than 10,000 events/s"
	if events > EventsPerSecond {
		return choice{"Kafka/NATS", "PostgreSQL LISTEN/NOTIFY", fmt.Sprintf("%s events/s is above 10,000 events/s: use a streaming platform (Kafka for a durable ordered log, NATS for light pub/sub).", num(events)), th, nil}
	}
	return choice{"PostgreSQL LISTEN/NOTIFY", "Kafka/NATS", fmt.Sprintf("%s events/s is within 10,000 events/s: PostgreSQL LISTEN/NOTIFY (with an outbox table for durability) needs no new infrastructure.", num(events)), th, nil}
}

// ScalingPhaseInput is the input of the scaling_phase tool.
type ScalingPhaseInput struct {
	PeakRPS quantity.Rate `json:"peak_rps" jsonschema:"peak requests per second, e.g. 3200"`
}

// Phase is one step of the scaling playbook.
type Phase struct {
	Name    string
	Range   string
	CostUSD float64
	Changes []string
}

// Playbook returns the scaling playbook: vertical first, horizontal next,
// distributed when required.
func Playbook() []Phase {
	return []Phase{
		{"vertical", "0-10K RPS", 500, []string{"one large server (32 cores, 128 GB RAM)", "PostgreSQL on the same machine or managed (RDS)", "Redis for sessions and cache", "simple and debuggable"}},
		{"horizontal", "10K-100K RPS", 5000, []string{"load balancer with 3-5 stateless app servers", "PostgreSQL read replicas", "Redis cluster for cache", "background job workers", "CDN for static assets"}},
		{"distributed", "100K+ RPS", 50000, []string{"auto-scaling groups", "database sharding or NewSQL", "event streaming (Kafka/Kinesis)", "service mesh only if truly needed", "multi-region active-passive"}},
	}
}

// PhaseFor returns the playbook phase for a peak rate.
func PhaseFor(peakRPS float64) Phase {
	p := Playbook()
	switch {
	case peakRPS < VerticalMaxRPS:
		return p[0]
	case peakRPS <= HorizontalMaxRPS:
		return p[1]
	}
	return p[2]
}

func scalingPhaseTool() Tool {
	return define("scaling_phase", "The scaling playbook phase for a peak rate: vertical below 10K RPS (~$500/month), horizontal to 100K RPS (~$5K/month), distributed beyond (~$50K+/month).",
		func(in ScalingPhaseInput) (Result, error) {
			c := check{tool: "scaling_phase"}
			peak := c.positive("peak_rps", float64(in.PeakRPS), quantity.RateForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			p := PhaseFor(peak)
			o := newResult(map[string]any{"peak_rps": peak}).
				add("phase", p.Name, "").
				add("range", p.Range, "").
				add("monthly_cost_usd", p.CostUSD, "usd")
			for _, ch := range p.Changes {
				o.note("%s", ch)
			}
			th := "below 10,000 rps"
			switch p.Name {
			case "horizontal":
				th = "10,000 to 100,000 rps"
			case "distributed":
				th = "above 100,000 rps"
			}
			return o.done(fmt.Sprintf("%s rps is %s: %s phase (%s), about $%s/month", num(peak), th, p.Name, p.Range, num(p.CostUSD)))
		})
}
