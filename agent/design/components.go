package design

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
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
	// BlobBytes is the item size from which records are files, not rows:
	// the decision matrix's object threshold.
	BlobBytes = capacity.ObjectItemBytes
	// RowBytes is the stated item size below which a flow's items are
	// rows, whatever its name says: a database row or a wide-column cell
	// holds them better than an object each.
	RowBytes = 16e3
	// AssumedEventBytes sizes partitions when a flow has no item_size.
	AssumedEventBytes = 1_000
)

var blobWords = []string{"upload", "image", "photo", "video", "file", "attachment", "media", "document", "blob", "avatar", "audio"}

// components asks the decision matrix for every need the workloads imply,
// and records each need they do not imply with the reason it is absent.
// Where each flow's records live is settled first, since the stores are
// sized by what they hold.
func (b *builder) components(t totals) (*verdicts, stored, error) {
	vd, s := newVerdicts(), stored{}
	for _, step := range []func() error{
		func() error { return b.stores(&s) },
		func() error { return b.cache(vd, &s) },
		func() error { return b.search(vd, &s) },
		func() error { return b.database(vd, t, &s) },
		func() error { return b.records(vd, &s) },
		func() error { return b.blobs(vd, &s) },
		func() error { return b.queue(vd, t, &s) },
		func() error { return b.eventBus(vd, t) },
		func() error { return b.batchJobs(vd) },
	} {
		if err := step(); err != nil {
			return vd, s, err
		}
	}
	b.d.Components = vd.ordered()
	return vd, s, nil
}

// choose calls choose_component for the need of question q (the two are
// spelled alike) and keeps the verdict and its decision.
func (b *builder) choose(vd *verdicts, q questionID, purpose string, basis figure, args map[string]any) error {
	return b.chooseAs(vd, q, string(q), title(string(q)), purpose, basis, args)
}

// chooseAs calls choose_component for a need and keeps the verdict under
// key: a design may need two components of one need (a relational
// primary and a wide-column store, one batch engine per job).
func (b *builder) chooseAs(vd *verdicts, key questionID, need, decision, purpose string, basis figure, args map[string]any) error {
	args["need"] = need
	r, err := b.call("choose_component", args)
	if err != nil {
		return err
	}
	c := &Component{
		Need: need, Choice: r.Outputs["choice"].(string), Option: r.Outputs["option"].(string), Alternative: r.Outputs["alternative"].(string),
		Reason: r.Outputs["reason"].(string), Threshold: r.Outputs["threshold"].(string),
		Purpose: purpose, Notes: r.Notes, Basis: basis.Ref, Inputs: r.args, Source: SourceMatrix, key: key,
	}
	if what, ok := r.Outputs["nodes_are"].(string); ok && what != "read replicas" { // replicas get the servers tool's row
		// The count the verdict sized (replicas, shards, nodes) is a
		// figure like any other: a row with its formula.
		ids := b.record(decision+": "+what, "", r, "nodes")
		c.Basis = ids["nodes"]
	}
	vd.put(key, c)
	reasoning := c.Reason + " Threshold: " + c.Threshold + "."
	if basis.Ref != "" {
		reasoning += " Figure: " + basis.Ref + "."
	}
	if b.existing(c.Choice) {
		reasoning += " Already in place, so nothing new to run."
	}
	b.decide(key, decision, []string{c.Choice, c.Alternative}, c.Choice, reasoning)
	return nil
}

// decide logs the answer to a question. A question already answered is
// a bug in the engine's passes, which the consistency check reports.
func (b *builder) decide(question questionID, decision string, options []string, choice, reasoning string) {
	b.d.Decisions = append(b.d.Decisions, Decision{Question: string(question), Decision: decision, Options: options, Choice: choice, Reasoning: reasoning})
}

// decline records a need the requirements do not create: restraint is
// part of the design.
func (b *builder) decline(question questionID, decision string, options []string, reasoning string) {
	b.decide(question, decision, append([]string{"none"}, options...), "none", reasoning+" Boring always wins ties.")
}

// decision returns the logged answer to a question, or nil.
func (b *builder) decision(question questionID) *Decision {
	for i := range b.d.Decisions {
		if b.d.Decisions[i].Question == string(question) {
			return &b.d.Decisions[i]
		}
	}
	return nil
}

// title upper-cases the first letter of s.
func title(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

func (b *builder) database(vd *verdicts, t totals, s *stored) error {
	args := map[string]any{}
	switch {
	case s.dbWrites.Ref != "":
		args["writes_per_second"] = s.dbWrites.Value
	case t.writes.Ref != "":
		b.assume("The relational database takes no write flow: every written flow lives in another store, so it keeps accounts, metadata and configuration.")
	case b.hasWindows():
		b.assume("The database takes only the results of closed windows, a small write load; no write workload is given.")
	default:
		b.ask("What does the system write, and how often? No write workload is given; the database is sized for reads and the state the other flows keep.")
	}
	if s.dbStored.Ref != "" {
		args["stored_bytes"] = s.dbStored.Value
	}
	switch {
	case s.dbReads.Ref == "":
	case s.recordsStored.Ref != "" && s.dbStored.Ref == "":
		// Every written flow lives in the wide-column store, so the reads
		// are of its records: it spreads them over its nodes.
		b.assume("Reads are of the records the bulk record store holds [%s]; it spreads them over its nodes, so they do not count against the relational database.", s.dbReads.Ref)
		s.dbReads = figure{}
	default:
		args["reads_per_second"] = s.dbReads.Value
	}
	basis := s.dbWrites
	switch {
	case s.dbStored.Ref != "" && s.dbStored.Value > capacity.PostgresMaxBytes:
		basis = s.dbStored
	case args["reads_per_second"] != nil && (basis.Ref == "" || s.dbReads.Value > capacity.PostgresReadsPerNode):
		basis = s.dbReads
	}
	if err := b.choose(vd, qDatabase, "system of record: every durable write lands here first", basis, args); err != nil {
		return err
	}
	if s.dbWrites.Ref == "" && t.writes.Ref != "" && args["reads_per_second"] == nil {
		c := vd.by[qDatabase]
		verdict := c.Reason
		c.Purpose = "accounts, metadata and configuration; the written flows live in the stores below"
		c.Reason = "Every written flow lives in another store (see the record store and object storage): one PostgreSQL primary, the boring default, keeps accounts, metadata and configuration."
		if d := b.decision(qDatabase); d != nil && len(d.Reasoning) >= len(verdict) {
			// The logged reasoning is the verdict's reason, then the
			// threshold and figure chooseAs added: the reason changes.
			d.Reasoning = c.Reason + d.Reasoning[len(verdict):]
		}
	}
	if s.dbStored.Ref != "" && s.dbStored.Ref != basis.Ref {
		dec := &b.d.Decisions[len(b.d.Decisions)-1]
		dec.Reasoning += fmt.Sprintf(" Stored: %s at %s [%s], the first growth horizon.", quantity.FormatBytes(s.dbStored.Value), s.curve[0].Name, s.dbStored.Ref)
	}
	b.notOnOneMachine(vd)
	return b.replicas(vd, s)
}

// replicas records, with the servers tool, the read replicas the
// database verdict sized, so the count cites its formula.
func (b *builder) replicas(vd *verdicts, s *stored) error {
	c := vd.by[qDatabase]
	if c.Option != capacity.OptionPostgresReplicas {
		return nil
	}
	args := map[string]any{"peak_rps": s.dbReads.Value, "per_server_rps": capacity.PostgresReadsPerNode}
	f, _, err := b.measure("database reads", "servers", args, "servers", "utilization_at_peak")
	if err != nil {
		return err
	}
	c.Basis = f.Ref
	b.assume("The read replicas are counted at %s simple indexed reads/s a node, the decision matrix's planning figure; measure it on the real queries.", formatNum(capacity.PostgresReadsPerNode))
	return nil
}

// notOnOneMachine honours requirements that say the data does not fit
// on one machine: one node would contradict them, so the data is sharded.
func (b *builder) notOnOneMachine(vd *verdicts) {
	c := vd.by[qDatabase]
	if !b.saysNotOneMachine() || !isPostgres(c) {
		return
	}
	c.Alternative, c.Choice, c.Option = c.Choice, "Sharded PostgreSQL (Citus/Vitess)", capacity.OptionShardedPostgres
	c.Reason = "The requirements say the data does not fit on one machine: it is sharded by its owning key from the start (Citus or Vitess), each shard a PostgreSQL primary with a standby. " + c.Reason
	b.decide(qPlacement, "Data placement", []string{"Sharded PostgreSQL (Citus/Vitess)", "one PostgreSQL node"}, c.Choice, "The requirements rule out one machine for the data; sharding by the owning key keeps each lookup on one shard and a path search to one query per hop.")
}

// isPostgres says whether a database verdict is a single PostgreSQL
// primary (with or without replicas).
func isPostgres(c *Component) bool {
	return c != nil && (c.Option == capacity.OptionPostgres || c.Option == capacity.OptionPostgresReplicas)
}

// hasReplicas says whether a database verdict sized read replicas.
func hasReplicas(c *Component) bool { return c != nil && c.Option == capacity.OptionPostgresReplicas }

// isSharded says whether a database verdict spreads the data over nodes
// (sharded, distributed SQL or wide-column): anything but one primary.
func isSharded(c *Component) bool { return c != nil && c.Option != "" && !isPostgres(c) }

// behindCDN says whether the storage verdict puts a CDN in front.
func behindCDN(c *Component) bool { return c != nil && c.Option == capacity.OptionObjectStorageCDN }

// queue adds a queue for background jobs and messages.
func (b *builder) queue(vd *verdicts, t totals, s *stored) error {
	if t.queued.Ref == "" {
		for _, l := range b.loads {
			if kindIs(requirements.Job, requirements.Message)(l) && b.deliveredByPart(l) {
				b.decline(qQueue, "Queue", []string{"Redis + workers", "Kafka/Pulsar"}, fmt.Sprintf("%s delivers %q through %s, not through a queue and workers: a worker pool on its path would be sized for deliveries it never makes. No other job or message workload is given.", l.by, l.Name, l.into))
				return nil
			}
		}
		b.decline(qQueue, "Queue", []string{"Redis + workers", "Kafka/Pulsar"}, "No job or message workload is given: nothing needs to run in the background yet. Move slow work behind a queue when it appears.")
		return nil
	}
	args := map[string]any{"count": t.queued.Value, "per": "second", "peak_factor": 1}
	f, _, err := b.measure("job and message workloads at peak", "throughput", args, "per_hour")
	if err != nil {
		return err
	}
	s.messagesPerHour = f
	if err := b.choose(vd, qQueue, "background work: the request path hands slow work to workers and returns", f, map[string]any{"messages_per_hour": f.Value}); err != nil {
		return err
	}
	if isLog(vd.by[qQueue]) {
		return b.partitions(kindIs(requirements.Job, requirements.Message))
	}
	return nil
}

// search sizes the search need by what it indexes and how often it is
// queried after any cache.
func (b *builder) search(vd *verdicts, s *stored) error {
	if !b.has(requirements.Search) {
		b.decline(qSearch, "Search engine", []string{"PostgreSQL full-text search", "Elasticsearch"}, "No search workload is given: lookups by key or index need no search engine.")
		return nil
	}
	own := func(l *load) bool { return l.kind == requirements.Search && !absorbed(l) }
	if i := slices.IndexFunc(b.loads, func(l *load) bool { return l.kind == requirements.Search && absorbed(l) }); i >= 0 && !slices.ContainsFunc(b.loads, own) {
		l := b.loads[i]
		b.decline(qSearch, "Search engine", []string{"PostgreSQL full-text search", "Elasticsearch"}, fmt.Sprintf("The searches (%s) are answered by %s (%s), not by a search engine over the records: none is sized for them.", b.namesOf(func(l *load) bool { return l.kind == requirements.Search && absorbed(l) }), l.into, l.by))
		return nil
	}
	args := map[string]any{}
	if b.req.Features != nil && b.req.Features.FacetedSearch {
		args["faceted_search"] = true
	}
	s.searchQueries = b.sumOf("peak search queries", "searches that reach the index", "per_second", own, func(l *load) figure {
		if miss := s.backend[l]; s.cacheable[l] && miss.Ref != "" {
			return miss
		}
		return l.peak
	})
	if s.searchQueries.Ref != "" {
		args["queries_per_second"] = s.searchQueries.Value
	}
	corpus := b.corpus(s)
	if corpus.Ref != "" {
		args["corpus_bytes"] = corpus.Value
	}
	basis := s.searchQueries
	if basis.Ref == "" {
		basis = corpus
	}
	return b.choose(vd, qSearch, "text search over the records the database owns; rebuildable from it", basis, args)
}

// corpus is the bytes the search index covers: corpus_size where given,
// else what the row stores keep.
func (b *builder) corpus(s *stored) figure {
	var parts []part
	for _, l := range b.loads {
		if l.kind == requirements.Search && l.CorpusSize > 0 {
			parts = append(parts, part{Name: l.Name + " corpus_size", Value: float64(l.CorpusSize), Ref: "given"})
		}
	}
	if len(parts) > 0 {
		return b.derive("search workloads", "", total("search corpus", "bytes", parts))
	}
	if f := b.indexedCorpus(s.hot, s.curve); f.Ref != "" {
		return f
	}
	// What the row stores hold at the first horizon, as the stores
	// themselves are judged.
	var held []part
	for _, f := range []struct {
		name string
		f    figure
	}{{"the database", s.dbStored}, {"the bulk record store", s.recordsStored}} {
		if f.f.Ref != "" {
			held = append(held, part{Name: f.name, Value: f.f.Value, Ref: f.f.Ref})
		}
	}
	var rows figure
	switch len(held) {
	case 1:
		rows = figure{held[0].Value, held[0].Ref}
	case 2:
		rows = b.derive("row stores", "", total("search corpus", "bytes", held))
	}
	if f := b.keySpaceCorpus(rows); f.Ref != "" {
		return f
	}
	if rows.Ref == "" {
		b.ask("How much text does search index (corpus_size)? No write workload keeps rows to index, so the search shards are not sized.")
		return rows
	}
	b.assume("Search indexes everything the row stores keep [%s]; give corpus_size on the search workload if it indexes less.", rows.Ref)
	s.corpusFromStores = rows
	return rows
}

// eventBus adds an event channel for event workloads.
func (b *builder) eventBus(vd *verdicts, t totals) error {
	if t.events.Ref == "" {
		b.decline(qEvents, "Event streaming", []string{"PostgreSQL LISTEN/NOTIFY", "Kafka/NATS"}, "No event workload is given: modules call each other in process, and integration events are not needed yet.")
		return nil
	}
	if err := b.choose(vd, qEvents, "carries the event flows from producers to their consumers", t.events, map[string]any{"events_per_second": t.events.Value}); err != nil {
		return err
	}
	if isLog(vd.by[qEvents]) {
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
		} else if size > AssumedEventBytes && (l.kind == requirements.Job || l.kind == requirements.Message) {
			// A job or a message on the queue names its work (a URL to
			// fetch, a recipient and an issue); the page it fetches or the
			// body it renders is kept where it is stored, not on the log.
			size = AssumedEventBytes
			b.assume("The queue carries a reference of about 1 KB for each %q, not its %s item, which is stored or rendered where the work runs.", l.Name, quantity.FormatBytes(float64(l.ItemSize)))
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
	if l.kind == requirements.Event || l.BlobSize != 0 {
		return false
	}
	// A name that speaks of files ("upload run", "store document") makes a
	// file of an item whose size is not given, never of one stated small
	// enough to be a row: 500 bytes in object storage pay a request fee
	// per item and buy nothing.
	return l.ItemSize >= BlobBytes || hasWordStart(l.Name, blobWords) && (l.ItemSize == 0 || l.ItemSize >= RowBytes)
}

// hasWordStart says whether a word of s starts with one of words: "photos"
// and "uploaded" have them, "profile" does not have "file".
func hasWordStart(s string, words []string) bool {
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		for _, w := range words {
			if strings.HasPrefix(f, w) {
				return true
			}
		}
	}
	return false
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

// isLog says whether a verdict is a partitioned log.
func isLog(c *Component) bool { return c != nil && c.Option == capacity.OptionLog }

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
