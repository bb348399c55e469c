package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// checkItem is one item of the quality checklist: judged by evidence (a
// coverage check, run by evaluate), or by its own rule. A rule adds its
// findings and returns whether the item is met and the evidence: where it
// was found, or what was looked for.
type checkItem struct {
	id, item string
	cover    *coverCheck
	rule     func(*reviewer) (bool, string)
}

// checklist is the architect's quality checklist, in its order.
var checklist = []checkItem{
	{id: "state-ownership", item: "State ownership clear (a single writer per dataset)", cover: stateCheck},
	{id: "hot-paths", item: "Hot paths identified, with rates and latency budgets", rule: (*reviewer).checkHotPaths},
	{id: "indexes", item: "Database queries indexed for the access patterns", cover: indexCheck},
	{id: "background-jobs", item: "Slow work moved to background jobs", cover: backgroundCheck},
	{id: "failure-handling", item: "Failure handling explicit (timeouts, retries, circuit breakers)", cover: failureCheck},
	{id: "monitoring", item: "Monitoring defined (logs, metrics, alerts)", cover: monitoringCheck},
	{id: "scaling-path", item: "Scaling path documented", cover: scalingCheck},
	{id: "debuggable", item: "The team can debug it at 3am (runbooks, rollback, tracing)", cover: debuggabilityCheck},
	{id: "no-premature-optimisation", item: "No premature optimisation or distribution", rule: (*reviewer).checkPremature},
	{id: "boring-choices", item: "Boring technology choices justified", cover: choicesCheck},
}

// judge runs an item's check.
func (c checkItem) judge(rv *reviewer) (bool, string) {
	if c.cover != nil {
		return rv.evaluate(c.cover)
	}
	return c.rule(rv)
}

// State ownership: a section about state or data (by title) naming owners,
// or a table with an owner or writer column. Several writers to one
// dataset are found by distributedMonolith and fail the item too.
var (
	stateTitles    = newTerms("state", "states", "stateful", "ownership", "owner*", "data model*", "data ownership", "source of truth", "data stor*", "storage", "datastore*", "data management", "persistence", "database*", "data layer", "schema*")
	notStateTitles = newTerms("current state", "state of the art", "state assumption*", "state the", "state your", "problem statement", "statement*", "use case*", "constraints and assumptions")
	ownerWords     = newTerms("owner*", "owned by", "owns", "its own key*", "its own shard*", "its own partition*", "single writer*", "sole writer*", "only writer*", "writer*", "written by", "writes only", "source of truth", "system of record", "single source")
)

// A several-writers finding fails the item even with an owner named;
// without one, it or an unnamed owner says what is wrong in place of "no
// owner named".
var stateCheck = &coverCheck{
	substance: anyKind,
	titles:    stateTitles, notTitles: notStateTitles,
	kinds: []kind{
		{name: "an ownership table row", find: (*reviewer).stateRow},
		{name: "a sentence naming an owner", find: (*reviewer).ownerSentence},
	},
	spoiledBy: []string{"shared-writer", "state-owner-unnamed"},
	standIn: []standIn{
		{"state-owner-unnamed", "an ownership table, but: %s (%s)"},
		{"shared-writer", "several writers, no single owner: %s (%s)"},
	},
	missing:       rStateOwnershipMissing,
	detail:        "The document does not say which service is the single writer of each dataset and where it is stored, so two services can end up writing the same data and disagreeing about it.",
	sectionDetail: "Section %q describes data but names no owner with its store: nothing says which service is the single writer of each dataset and where it lives.",
	missingText:   "not found: no table row or sentence names a dataset's owner (single writer) and its store",
}

var (
	storeTerms  = newTerms("postgres*", "mysql", "mariadb", "sql", "database*", "db", "redis", "memcache*", "s3", "object stor*", "bucket*", "blob*", "gcs", "dynamodb", "mongo*", "cassandra", "scylla*", "kafka", "elasticsearch", "opensearch", "sqlite", "disk", "memory", "in-memory", "file*", "table", "tables", "cache", "etcd", "consul", "zookeeper", "bigtable", "spanner", "cockroach*", "clickhouse", "warehouse", "hdfs", "tsdb", "ledger", "log", "topic*", "parquet")
	storeColumn = newTerms("storage", "store*", "database*", "db", "where", "location", "persist*", "backend", "kept in", "lives in", "technology")
)

// stateRow quotes the first row of an ownership table that names a real
// owner and a store (in a storage column or anywhere in the row).
func (rv *reviewer) stateRow(_ []int) (string, bool) {
	for _, t := range rv.ownershipTables() {
		oc, sc := ownerCol(t), -1
		for i, h := range t.Header {
			if i != oc && storeColumn.in(h) {
				sc = i
				break
			}
		}
		// Without a storage column, the store may be named in the header
		// ("Table") or around the table in its section.
		sec := rv.d.Sections[t.Section]
		storeNamed := storeTerms.in(strings.Join(t.Header, " ")) || len(rv.d.search(storeTerms, sec.Line, sec.End)) > 0
		for _, r := range t.Rows {
			if oc >= len(r.Cells) || placeholder(r.Cells[oc]) || nobody(r.Cells[oc]) {
				continue
			}
			if sc >= 0 && sc < len(r.Cells) && !placeholder(r.Cells[sc]) || sc < 0 && (storeTerms.in(strings.Join(r.Cells, " ")) || storeNamed) {
				return fmt.Sprintf("owner and store named in the table at %s (row at line %d)", rv.at(t.Line), r.Line), true
			}
		}
	}
	return "", false
}

// ownerSentence quotes a sentence of the proposal that names an owner
// (single writer): under a state heading, or anywhere when two do.
func (rv *reviewer) ownerSentence(secs []int) (string, bool) {
	var found []sentence
	for _, s := range rv.sents {
		if !s.proposed || s.Column != "" || !ownerWords.inG(s.lower, s.grams) || placeholder(s.Text) {
			continue
		}
		if rv.d.inAny(s.Line, secs) {
			return rv.quote(s.Text, s.Line), true
		}
		found = append(found, s)
	}
	if len(found) >= 2 {
		return rv.quote(found[0].Text, found[0].Line), true
	}
	return "", false
}

// quote is a sentence as a checklist item's evidence.
func (rv *reviewer) quote(text string, line int) string {
	return fmt.Sprintf("%q at %s", clip(text), rv.at(line))
}

// Hot paths: named as such (by title or in the text), with a rate and a
// latency figure in the same part of the document.
var (
	hotTitles   = newTerms("hot path*", "critical path*", "request path*", "hot spot*", "hotspot*")
	perfTitles  = newTerms("performance", "latency", "throughput", "slo*", "sla*", "service level*", "load", "traffic", "workload*", "non-functional", "nfr*", "capacity", "scale")
	hotWords    = newTerms("hot path*", "critical path*", "request path*", "hot spot*", "hotspot*", "hottest", "busiest", "fast path*", "hot endpoint*", "critical endpoint*", "critical flow*")
	latencyFigs = newTerms(`~\d+(?:\.\d+)?\s*(?:ms|µs|us|milliseconds?)\b`, "p50", "p90", "p95", "p99", "p999", "latency budget*", "latency target*", "response time*")
	rateWords   = newTerms("rps", "qps", "requests per second", "per second", "~\\d\\s*/\\s*s\\b")
)

func (rv *reviewer) checkHotPaths() (bool, string) {
	d := rv.d
	// Where to look for the numbers: under a hot-path heading; else, when
	// the text names a hot path, anywhere; else under a performance
	// heading, or anywhere.
	scope, named := rv.titled(hotTitles, terms{}), true
	if len(scope) == 0 {
		named = len(d.searchAll(hotWords)) > 0
		if scope = rv.titled(perfTitles, terms{}); named || len(scope) == 0 {
			scope = d.topSections()
		}
	}
	where := rv.at(d.Sections[scope[0]].Line)
	ref := rv.sectionRef(scope[0])
	if len(scope) > 1 || d.Sections[scope[0]].Level == 0 {
		where, ref = "the text", rv.whole()
		if h := d.searchAll(hotWords); len(h) > 0 {
			where, ref = rv.at(h[0].Line), rv.ref(h[0].Line)
		}
	}
	rate, latency := rv.firstRate(scope), rv.latencyTargets(scope)
	switch {
	case named && rate > 0 && len(latency) > 0:
		return true, fmt.Sprintf("%s, with a rate at line %d and a latency figure at line %d", where, rate, latency[0].Line)
	case named:
		var lacks []string
		if rate == 0 {
			lacks = append(lacks, "a request rate")
		}
		if len(latency) == 0 {
			lacks = append(lacks, "a latency budget")
		}
		rv.raise(rHotPathsUnquantified, ref,
			"The hot paths are named but given no "+strings.Join(lacks, " and no ")+", so nobody can tell whether the design meets them or which optimisation pays.")
		return false, "named at " + where + " but without " + strings.Join(lacks, " or ")
	case rate > 0 && len(latency) > 0:
		rv.raise(rHotPathsUnnamed, rv.ref(rate),
			fmt.Sprintf("A rate (line %d) and a latency target (line %d) are given, but not which paths carry most of the traffic or the revenue, so it is unclear where the effort should go.", rate, latency[0].Line))
		return false, fmt.Sprintf("a rate at line %d and a latency target at line %d, but no path named as hot", rate, latency[0].Line)
	}
	rv.raise(rHotPathsMissing, rv.whole(),
		"The document does not say which requests are the hot ones, how often they come or how fast they must be answered.")
	return false, "not found: no hot or critical path, no rate with a latency budget"
}

// latencyTargets returns the latency targets in the subtrees of secs: a
// latency figure in a sentence that is not about timeouts, TTLs or retry
// intervals (whose durations are not targets), or a duration in a table
// column about latency.
func (rv *reviewer) latencyTargets(secs []int) []hit {
	var out []hit
	for _, s := range rv.sents {
		if !rv.d.inAny(s.Line, secs) {
			continue
		}
		if s.Column != "" && latencyColumn.in(s.Column) && durationRe.MatchString(s.lower) ||
			latencyFigs.inG(s.lower, s.grams) && !notLatency.inG(s.lower, s.grams) {
			out = append(out, hit{Line: s.Line, Section: s.Section, Text: s.Text})
		}
	}
	return out
}

var (
	latencyColumn = newTerms("latency", "budget*", "p99", "p95", "p50", "response time*", "slo*")
	durationRe    = lazyre.New(`\d+(?:\.\d+)?\s*(?:ms|µs|us|s|sec|seconds?|milliseconds?|m|mins?|minutes?|h|hours?)\b`)
)

var notLatency = newTerms("timeout*", "time out", "timed out", "ttl", "retr*", "backoff", "interval*", "refresh*", "every")

// firstRate returns the first line in the subtrees of secs that states a
// rate, or 0.
func (rv *reviewer) firstRate(secs []int) int {
	for _, i := range secs {
		s := rv.d.Sections[i]
		for l := s.Line; l <= s.SubtreeEnd; l++ {
			if len(ratesIn(rv.d.Evidence(l))) > 0 || rateWords.in(rv.d.Evidence(l)) {
				return l
			}
		}
	}
	return 0
}

// Indexes: only asked of a design with a database in it.
var (
	dbWords    = newTerms("postgres*", "mysql", "mariadb", "sql", "database*", "db", "rds", "aurora", "dynamodb", "mongodb", "mongo", "cassandra", "sqlite", "cockroach*", "vitess", "spanner", "oracle")
	indexWords = newTerms("index", "indexes", "indexed", "indices", "indexing", "access pattern*", "query pattern*", "primary key*", "partition key*", "sort key*", "composite key*", "clustering key*", "covering", "b-tree", "btree")
)

var indexCheck = &coverCheck{
	substance: anyKind,
	onlyIf:    (*reviewer).database, skip: "no database in the design",
	kinds:       []kind{{name: "indexes", find: databaseIndexes}},
	missing:     rIndexesMissing,
	detail:      "A database is used but the document never says how it is queried or which indexes serve those queries; a missing index is the most common cause of a slow hot path.",
	missingText: "not found: a database at %[1]s but no index or access pattern",
}

// databaseIndexes finds an index word about the database: "indexed into
// an Elasticsearch cluster" or "the search index" names a search engine's
// index, which serves no database query.
func databaseIndexes(rv *reviewer, _ []int) (string, bool) {
	for _, h := range rv.d.searchAll(indexWords) {
		e := rv.d.Evidence(h.Line)
		at := strings.Index(e, h.Text)
		if at >= 0 {
			after, before := e[at+len(h.Text):min(len(e), at+len(h.Text)+40)], e[max(0, at-20):at]
			if searchTerms.in(after) || strings.Contains(before, "search") {
				continue
			}
		}
		return fmt.Sprintf("%q at %s", h.Text, rv.at(h.Line)), true
	}
	return "", false
}

// database finds the database the design uses: a sentence of the proposal
// naming one, not one that rejects it ("don't use a graph database").
func (rv *reviewer) database() (hit, bool) {
	db := rv.claims(dbWords.get().pattern, true)
	if len(db) == 0 {
		return hit{}, false
	}
	return hit{Line: db[0].Line, Section: db[0].Section, Text: db[0].match}, true
}

// Background jobs: asked only when the document names slow work (email,
// images, reports, exports, notifications…).
var (
	backgroundWords = newTerms("background*", "async*", "asynchronous*", "queue*", "worker*", "job", "jobs", "batch*", "cron*", "scheduled", "scheduler*", "deferred", "out of band", "out-of-band", "fire and forget", "outbox", "offline processing", "sidekiq", "celery", "resque", "mapreduce", "map reduce", "map-reduce", "hadoop", "spark", "offline", "nightly", "hourly", "periodically")
	slowWork        = newTerms("email*", "image*", "video*", "thumbnail*", "transcod*", "report*", "export*", "import", "imports", "importing", "importer*", "bulk import*", "pdf*", "notification*", "image resiz*", "resize image*", "resizing image*", "webhook*", "reconcil*", "aggregat*", "analytics", "machine learning", "recommendation*", "sms", "encod*", "crawl*", "fan-out", "fanout", "fan out")
)

var backgroundCheck = &coverCheck{
	substance: anyKind,
	kinds:     []kind{{name: "background jobs", terms: backgroundWords, proof: "%q at %s"}},
	neededIf:  (*reviewer).slowWork, unneeded: "no slow work named that would need a background job",
	missing:     rBackgroundJobsMissing,
	detail:      "The document mentions %[1]q but no queue, worker or background job: done inside the request, slow work eats the latency budget and fails with it.",
	missingText: "not found: slow work at %[1]s but no background job",
}

// slowWork finds slow work the proposal names, outside the sections that
// only discuss.
func (rv *reviewer) slowWork() (hit, bool) {
	for _, h := range rv.d.searchAll(slowWork) {
		if !rv.d.within(h.Section, discussTitles) {
			return h, true
		}
	}
	return hit{}, false
}

// Boring choices justified: a decision log (by title), a table with a
// justification column, or reasons given in the prose.
var (
	decisionTitles = newTerms("decision*", "adr*", "alternative*", "trade-off*", "tradeoff*", "trade off*", "rationale", "justification*", "why", "options considered", "technology choice*", "tech choice*", "technology selection", "design choice*", "considered")
	justifyColumns = newTerms("justification*", "reason*", "rationale", "why", "trade-off*", "tradeoff*")
	justifyWords   = newTerms("because", "chosen for", "we chose", "we picked", "rather than", "instead of", "trade-off*", "tradeoff*", "battle-tested", "boring", "team knows", "team expertise", "team knowledge", "familiar", "well understood", "well-understood", "proven", "simplest",
		"simpler", "simplicity", "i propose", "we propose", "would allow", "allows us", "allow us", "so that", "in order to", "to avoid", "the reason*", "benefit*", "advantage*", "drawback*", "downside*", "we decided", "decided to", "we opted", "opted for", "we prefer", "preferred")
	wordCharRe = lazyre.New(`\w`)
)

var choicesCheck = &coverCheck{
	substance: anyKind,
	titles:    decisionTitles,
	kinds: []kind{
		{name: "a decision section", find: sectionSaying(terms{})},
		{name: "a justification column", find: columnNamed(justifyColumns)},
		{name: "reasons in the text", find: words(justifyWords, 2, false, "reasons given, e.g. %q at %s")},
	},
	missing:     rChoicesUnjustified,
	detail:      "The components are listed without the options that were weighed or why they won, so the next engineer cannot tell a deliberate choice from an accident.",
	missingText: "not found: no decision log, no justification column, no reasons in the text",
}
