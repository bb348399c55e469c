package design

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// The engine's own rules for when a need exists at all. The decision
// matrix (choose_component) says which component serves a need; these
// say whether the requirements create the need.
const (
	// CacheReadsPerSecond is the peak of cacheable reads below which
	// indexed PostgreSQL reads serve them without a cache.
	CacheReadsPerSecond = 1_000
	// CacheLatencySeconds is the p99 target below which a database round
	// trip leaves no room, so a cache is justified whatever the rate.
	CacheLatencySeconds = 0.010
	// BlobBytes is the item size from which records are files, not rows.
	BlobBytes = 1_000_000
	// AssumedEventBytes sizes partitions when a flow has no item_size.
	AssumedEventBytes = 1_000
)

var blobWords = []string{"upload", "image", "photo", "video", "file", "attachment", "media", "document", "blob", "avatar", "audio"}

// components asks the decision matrix for every need the workloads imply,
// and records each need they do not imply with the reason it is absent.
func (b *builder) components() error {
	for _, step := range []func() error{b.database, b.cache, b.queue, b.search, b.blobs, b.eventBus} {
		if err := step(); err != nil {
			return err
		}
	}
	for _, need := range capacity.Needs() {
		if c, ok := b.comps[need]; ok {
			b.d.Components = append(b.d.Components, *c)
		}
	}
	return nil
}

// choose calls choose_component and keeps the verdict and its decision.
func (b *builder) choose(need, purpose string, basis figure, args map[string]any) error {
	args["need"] = need
	r, err := b.call("choose_component", args)
	if err != nil {
		return err
	}
	c := &Component{
		Need: need, Choice: r.Outputs["choice"].(string), Alternative: r.Outputs["alternative"].(string),
		Reason: r.Outputs["reason"].(string), Threshold: r.Outputs["threshold"].(string),
		Purpose: purpose, Notes: r.Notes, Basis: basis.Ref, Inputs: r.args,
	}
	b.comps[need] = c
	reasoning := c.Reason + " Threshold: " + c.Threshold + "."
	if basis.Ref != "" {
		reasoning += " Figure: " + basis.Ref + "."
	}
	if b.existing(c.Choice) {
		reasoning += " Already in place, so nothing new to run."
	}
	b.decide(title(need), []string{c.Choice, c.Alternative}, c.Choice, reasoning)
	return nil
}

func (b *builder) decide(decision string, options []string, choice, reasoning string) {
	b.d.Decisions = append(b.d.Decisions, Decision{Decision: decision, Options: options, Choice: choice, Reasoning: reasoning})
}

// decline records a need the requirements do not create: restraint is
// part of the design.
func (b *builder) decline(decision string, options []string, reasoning string) {
	b.decide(decision, append([]string{"none"}, options...), "none", reasoning+" Boring always wins ties.")
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (b *builder) database() error {
	args := map[string]any{}
	switch {
	case b.writes.Ref != "":
		args["writes_per_second"] = b.writes.Value
	case b.hasWindows():
		b.assume("The database takes only the results of closed windows, a small write load; no write workload is given.")
	default:
		b.ask("What does the system write, and how often? No write workload is given; the database is sized for reads and the state the other flows keep.")
	}
	return b.choose("database", "system of record: every durable write lands here first", b.writes, args)
}

// cache adds a cache only for cacheable reads that justify one.
func (b *builder) cache() error {
	if b.cacheReads.Ref == "" {
		b.decline("Cache", []string{"Redis"}, "No workload is marked cacheable: reads go to indexed PostgreSQL queries, and there is no cache to invalidate or keep warm.")
		return nil
	}
	fast := false
	for _, l := range b.loads {
		if l.Cacheable && l.budgetFrom != "assumed" && l.budget < CacheLatencySeconds {
			fast = true
		}
	}
	if b.cacheReads.Value < CacheReadsPerSecond && !fast {
		b.decline("Cache", []string{"Redis"}, fmt.Sprintf("Cacheable reads peak at %s/s [%s], below the %s/s at which a cache earns its keep: indexed PostgreSQL reads serve them, and a cache would add state to invalidate. Add one when the figure grows past it (see Scaling Strategy).",
			formatNum(b.cacheReads.Value), b.cacheReads.Ref, formatNum(CacheReadsPerSecond)))
		return nil
	}
	args := map[string]any{"ops_per_second": b.cacheReads.Value}
	if b.req.Features != nil && b.req.Features.ComplexInvalidation {
		args["complex_invalidation"] = true
	}
	if err := b.choose("cache", "read-through cache for the cacheable reads, simple TTLs, never the source of truth", b.cacheReads, args); err != nil {
		return err
	}
	return b.cacheMemory()
}

// cacheMemory sizes the cache for each cacheable read.
func (b *builder) cacheMemory() error {
	for _, l := range b.loads {
		if !l.Cacheable || l.perDay.Ref == "" {
			continue
		}
		if l.ItemSize == 0 {
			b.ask("How large is one response of %q? Without item_size the cache's memory is not computed.", l.Name)
			continue
		}
		args := map[string]any{"items": l.perDay.Value, "item_bytes": float64(l.ItemSize), "read_per_second": l.peak.Value}
		if _, _, err := b.measure(l.Name, "cache", args, "memory_bytes", "backend_reads_per_second"); err != nil {
			return fmt.Errorf("%s: %w", l.field(), err)
		}
		b.assume("The cache for %q holds the hottest 20%% of the items one day's reads touch, counting each read as a distinct item (an upper bound), with a hit ratio of 0.8 (the cache tool's defaults).", l.Name)
	}
	return nil
}

// queue adds a queue for background jobs and messages.
func (b *builder) queue() error {
	if b.queued.Ref == "" {
		b.decline("Queue", []string{"Redis + workers", "Kafka/Pulsar"}, "No job or message workload is given: nothing needs to run in the background yet. Move slow work behind a queue when it appears.")
		return nil
	}
	args := map[string]any{"count": b.queued.Value, "per": "second", "peak_factor": 1}
	f, _, err := b.measure("job and message workloads at peak", "throughput", args, "per_hour")
	if err != nil {
		return err
	}
	b.messagesPerHour = f
	if err := b.choose("queue", "background work: the request path hands slow work to workers and returns", f, map[string]any{"messages_per_hour": f.Value}); err != nil {
		return err
	}
	if isLog(b.comps["queue"].Choice) {
		return b.partitions(kindIs(requirements.Job, requirements.Message))
	}
	return nil
}

func (b *builder) search() error {
	if !b.has(requirements.Search) {
		b.decline("Search engine", []string{"PostgreSQL full-text search", "Elasticsearch"}, "No search workload is given: lookups by key or index need no search engine.")
		return nil
	}
	args := map[string]any{}
	if b.req.Features != nil && b.req.Features.FacetedSearch {
		args["faceted_search"] = true
	}
	return b.choose("search", "text search over the records the database owns; rebuildable from it", b.sum("peak searches", "search workloads", kindIs(requirements.Search)), args)
}

// blobs adds object storage when records are files.
func (b *builder) blobs() error {
	var names []string
	for _, l := range b.loads {
		switch {
		case l.kind == requirements.Event && l.Retention > 0:
			names = append(names, fmt.Sprintf("the raw archive of %q", l.Name))
		case isFile(l):
			names = append(names, fmt.Sprintf("the files of %q", l.Name))
		}
	}
	if len(names) == 0 {
		return nil
	}
	return b.choose("storage", "holds "+strings.Join(names, " and ")+"; the database keeps only metadata", figure{}, map[string]any{})
}

// eventBus adds an event channel for event workloads.
func (b *builder) eventBus() error {
	if b.events.Ref == "" {
		b.decline("Event streaming", []string{"PostgreSQL LISTEN/NOTIFY", "Kafka/NATS"}, "No event workload is given: modules call each other in process, and integration events are not needed yet.")
		return nil
	}
	if err := b.choose("events", "carries the event flows from producers to their consumers", b.events, map[string]any{"events_per_second": b.events.Value}); err != nil {
		return err
	}
	if isLog(b.comps["events"].Choice) {
		return b.partitions(kindIs(requirements.Event))
	}
	return nil
}

// partitions sizes the log's partitions for each flow that goes through it.
func (b *builder) partitions(keep func(*load) bool) error {
	for _, l := range b.loads {
		if !keep(l) || l.peak.Ref == "" {
			continue
		}
		size := float64(l.ItemSize)
		if size == 0 {
			size = AssumedEventBytes
			b.assume("Events of %q are taken as 1 KB each to size partitions; give item_size for a better figure.", l.Name)
		}
		args := map[string]any{"rate_per_second": l.peak.Value, "item_bytes": size}
		if _, _, err := b.measure(l.Name, "partitions", args, "partitions", "bytes_per_second"); err != nil {
			return fmt.Errorf("%s: %w", l.field(), err)
		}
		b.assume("One partition sustains 10 MB/s of writes (the partitions tool's default); measure it on the chosen cluster.")
	}
	return nil
}

// isFile says whether a workload's records are files rather than rows.
func isFile(l *load) bool {
	return l.kind != requirements.Event && (l.ItemSize >= BlobBytes || hasWord(l.Name, blobWords))
}

// hasFiles says whether any workload handles files.
func (b *builder) hasFiles() bool {
	for _, l := range b.loads {
		if isFile(l) {
			return true
		}
	}
	return false
}

// isLog says whether a choice is a partitioned log.
func isLog(choice string) bool { return strings.Contains(choice, "Kafka") }

func (b *builder) hasWindows() bool {
	for _, l := range b.loads {
		if l.Window > 0 {
			return true
		}
	}
	return false
}

func (b *builder) has(kind requirements.Kind) bool {
	for _, l := range b.loads {
		if l.kind == kind {
			return true
		}
	}
	return false
}

func hasWord(s string, words []string) bool {
	s = strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
