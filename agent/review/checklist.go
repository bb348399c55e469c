package review

import (
	"fmt"
	"regexp"
	"strings"
)

// checkItem is one item of the quality checklist and the rule that judges
// it. A rule adds its findings and returns whether the item is met and the
// evidence: where it was found, or what was looked for.
type checkItem struct {
	id, item string
	rule     func(*reviewer) (bool, string)
}

// checklist is the architect's quality checklist, in its order.
var checklist = []checkItem{
	{"state-ownership", "State ownership clear (a single writer per dataset)", (*reviewer).checkState},
	{"hot-paths", "Hot paths identified, with rates and latency budgets", (*reviewer).checkHotPaths},
	{"indexes", "Database queries indexed for the access patterns", (*reviewer).checkIndexes},
	{"background-jobs", "Slow work moved to background jobs", (*reviewer).checkBackground},
	{"failure-handling", "Failure handling explicit (timeouts, retries, circuit breakers)", (*reviewer).checkFailure},
	{"monitoring", "Monitoring defined (logs, metrics, alerts)", (*reviewer).checkMonitoring},
	{"scaling-path", "Scaling path documented", (*reviewer).checkScaling},
	{"debuggable", "The team can debug it at 3am (runbooks, rollback, tracing)", (*reviewer).checkDebuggable},
	{"no-premature-optimisation", "No premature optimisation or distribution", (*reviewer).checkPremature},
	{"boring-choices", "Boring technology choices justified", (*reviewer).checkDecisions},
}

// State ownership: a section about state or data (by title) naming owners,
// or a table with an owner or writer column. Several writers to one
// dataset are found by distributedMonolith and fail the item too.
var (
	stateTitles    = newTerms("state", "states", "stateful", "ownership", "owner*", "data model*", "data ownership", "source of truth", "data stor*", "storage", "datastore*", "data management", "persistence", "database*", "data layer", "schema*")
	notStateTitles = newTerms("current state", "state of the art", "state assumption*", "state the", "state your", "problem statement", "statement*", "use case*", "constraints and assumptions")
	ownerWords     = newTerms("owner*", "owned by", "owns", "its own key*", "its own shard*", "its own partition*", "single writer*", "sole writer*", "only writer*", "writer*", "written by", "writes only", "source of truth", "system of record", "single source")
)

func (rv *reviewer) checkState() (bool, string) {
	d := rv.d
	secs := rv.titled(stateTitles, notStateTitles)
	evidence := ""
	if t, row, ok := rv.realStateRow(); ok {
		evidence = fmt.Sprintf("owner and store named in the table at %s (row at line %d)", rv.at(t.Line), row.Line)
	} else if s, ok := rv.ownerSentence(secs); ok {
		evidence = fmt.Sprintf("%q at %s", clip(s.Text), rv.at(s.Line))
	}
	if unnamed := rv.has("state-owner-unnamed"); evidence == "" && len(unnamed) > 0 {
		// The table's own finding says what is missing.
		return false, fmt.Sprintf("an ownership table, but: %s (%s)", unnamed[0].Title, unnamed[0].Ref)
	}
	if evidence == "" {
		f := Finding{ID: "state-ownership-missing", Severity: High,
			Title:  "No owner named for the state",
			Detail: "The document does not say which service is the single writer of each dataset and where it is stored, so two services can end up writing the same data and disagreeing about it.",
			Ref:    rv.whole(),
			Fix:    "Add a State Ownership section: a table with one row per dataset (sessions, orders, …) giving its single owner (writer), its readers, its storage and whether it is hot, warm, cold or transient.",
		}
		if len(secs) > 0 {
			f.Ref = rv.sectionRef(secs[0])
			f.Detail = fmt.Sprintf("Section %q describes data but names no owner with its store: nothing says which service is the single writer of each dataset and where it lives.", d.Sections[secs[0]].Title)
		}
		rv.add(f)
		return false, "not found: no table row or sentence names a dataset's owner (single writer) and its store"
	}
	if shared := rv.has("shared-writer"); len(shared) > 0 {
		return false, fmt.Sprintf("%s; but: %s (%s)", evidence, shared[0].Title, shared[0].Ref)
	}
	if unnamed := rv.has("state-owner-unnamed"); len(unnamed) > 0 {
		return false, fmt.Sprintf("%s; but: %s (%s)", evidence, unnamed[0].Title, unnamed[0].Ref)
	}
	return true, evidence
}

var (
	storeTerms  = newTerms("postgres*", "mysql", "mariadb", "sql", "database*", "db", "redis", "memcache*", "s3", "object stor*", "bucket*", "blob*", "gcs", "dynamodb", "mongo*", "cassandra", "scylla*", "kafka", "elasticsearch", "opensearch", "sqlite", "disk", "memory", "in-memory", "file*", "table", "tables", "cache", "etcd", "consul", "zookeeper", "bigtable", "spanner", "cockroach*", "clickhouse", "warehouse", "hdfs", "tsdb", "ledger", "log", "topic*", "parquet")
	storeColumn = newTerms("storage", "store*", "database*", "db", "where", "location", "persist*", "backend", "kept in", "lives in", "technology")
)

// realStateRow returns the first row of an ownership table that names a
// real owner and a store (in a storage column or anywhere in the row).
func (rv *reviewer) realStateRow() (Table, Row, bool) {
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
			if oc >= len(r.Cells) || placeholder(r.Cells[oc]) || noOwner.MatchString(strings.TrimSpace(parenRe.ReplaceAllString(r.Cells[oc], ""))) {
				continue
			}
			if sc >= 0 && sc < len(r.Cells) && !placeholder(r.Cells[sc]) || sc < 0 && (storeTerms.in(strings.Join(r.Cells, " ")) || storeNamed) {
				return t, r, true
			}
		}
	}
	return Table{}, Row{}, false
}

// ownerSentence returns a sentence of the proposal that names an owner
// (single writer): under a state heading, or anywhere when two do.
func (rv *reviewer) ownerSentence(secs []int) (sentence, bool) {
	var found []sentence
	for _, s := range rv.sents {
		if !s.proposed || s.Column != "" || !ownerWords.in(s.lower) || placeholder(s.Text) {
			continue
		}
		if rv.d.inAny(s.Line, secs) {
			return s, true
		}
		found = append(found, s)
	}
	if len(found) >= 2 {
		return found[0], true
	}
	return sentence{}, false
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
		rv.add(Finding{ID: "hot-paths-unquantified", Severity: Medium,
			Title:  "Hot paths named without their numbers",
			Detail: "The hot paths are named but given no " + strings.Join(lacks, " and no ") + ", so nobody can tell whether the design meets them or which optimisation pays.",
			Ref:    ref,
			Fix:    "For each hot path give its peak rate (requests/s) and its latency budget (p99), and the optimisations that keep it inside the budget.",
		})
		return false, "named at " + where + " but without " + strings.Join(lacks, " or ")
	case rate > 0 && len(latency) > 0:
		rv.add(Finding{ID: "hot-paths-unnamed", Severity: Low,
			Title:  "Targets stated but no hot path singled out",
			Detail: fmt.Sprintf("A rate (line %d) and a latency target (line %d) are given, but not which paths carry most of the traffic or the revenue, so it is unclear where the effort should go.", rate, latency[0].Line),
			Ref:    rv.ref(rate),
			Fix:    "Name the two or three hottest paths (for example the redirect or the checkout) with their rate, latency budget and the optimisations that serve them.",
		})
		return false, fmt.Sprintf("a rate at line %d and a latency target at line %d, but no path named as hot", rate, latency[0].Line)
	}
	rv.add(Finding{ID: "hot-paths-missing", Severity: Medium,
		Title:  "No hot paths identified",
		Detail: "The document does not say which requests are the hot ones, how often they come or how fast they must be answered.",
		Ref:    rv.whole(),
		Fix:    "Add a Hot Paths section: each path with its peak requests per second, its latency budget (p99) and how it stays inside it (memory, cache, no database call on the happy path).",
	})
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
			latencyFigs.in(s.lower) && !notLatency.in(s.lower) {
			out = append(out, hit{Line: s.Line, Section: s.Section, Text: s.Text})
		}
	}
	return out
}

var (
	latencyColumn = newTerms("latency", "budget*", "p99", "p95", "p50", "response time*", "slo*")
	durationRe    = regexp.MustCompile(`\d+(?:\.\d+)?\s*(?:ms|µs|us|s|sec|seconds?|milliseconds?|m|mins?|minutes?|h|hours?)\b`)
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

func (rv *reviewer) checkIndexes() (bool, string) {
	// The database the design uses: a sentence of the proposal naming
	// one, not one that rejects it ("don't use a graph database").
	db := rv.claims(dbWords.pattern, true)
	if len(db) == 0 {
		return true, "no database in the design"
	}
	if hits := rv.d.searchAll(indexWords); len(hits) > 0 {
		return true, fmt.Sprintf("%q at %s", hits[0].Text, rv.at(hits[0].Line))
	}
	rv.add(Finding{ID: "indexes-missing", Severity: Medium,
		Title:  "No indexes for the access patterns",
		Detail: "A database is used but the document never says how it is queried or which indexes serve those queries; a missing index is the most common cause of a slow hot path.",
		Ref:    rv.ref(db[0].Line),
		Fix:    "List the access patterns of each table (lookup by key, range by time, …) and the index that serves each one; check the hot queries with EXPLAIN.",
	})
	return false, "not found: a database at " + rv.at(db[0].Line) + " but no index or access pattern"
}

// Background jobs: asked only when the document names slow work (email,
// images, reports, exports, notifications…).
var (
	backgroundWords = newTerms("background*", "async*", "asynchronous*", "queue*", "worker*", "job", "jobs", "batch*", "cron*", "scheduled", "scheduler*", "deferred", "out of band", "out-of-band", "fire and forget", "outbox", "offline processing", "sidekiq", "celery", "resque", "mapreduce", "map reduce", "map-reduce", "hadoop", "spark", "offline", "nightly", "hourly", "periodically")
	slowWork        = newTerms("email*", "image*", "video*", "thumbnail*", "transcod*", "report*", "export*", "import", "imports", "importing", "importer*", "bulk import*", "pdf*", "notification*", "image resiz*", "resize image*", "resizing image*", "webhook*", "reconcil*", "aggregat*", "analytics", "machine learning", "recommendation*", "sms", "encod*", "crawl*", "fan-out", "fanout", "fan out")
)

func (rv *reviewer) checkBackground() (bool, string) {
	if hits := rv.d.searchAll(backgroundWords); len(hits) > 0 {
		return true, fmt.Sprintf("%q at %s", hits[0].Text, rv.at(hits[0].Line))
	}
	var slow []hit
	for _, h := range rv.d.searchAll(slowWork) {
		if !rv.d.within(h.Section, discussTitles) {
			slow = append(slow, h)
		}
	}
	if len(slow) == 0 {
		return true, "no slow work named that would need a background job"
	}
	rv.add(Finding{ID: "background-jobs-missing", Severity: Medium,
		Title:  "Slow work not moved to background jobs",
		Detail: fmt.Sprintf("The document mentions %q but no queue, worker or background job: done inside the request, slow work eats the latency budget and fails with it.", slow[0].Text),
		Ref:    rv.ref(slow[0].Line),
		Fix:    "Answer the request with only what the user needs now and push the slow part to a queue (Redis and workers is enough below 1M messages/hour), with retries, a timeout and an idempotency key.",
	})
	return false, "not found: slow work at " + rv.at(slow[0].Line) + " but no background job"
}

// Boring choices justified: a decision log (by title), a table with a
// justification column, or reasons given in the prose.
var (
	decisionTitles = newTerms("decision*", "adr*", "alternative*", "trade-off*", "tradeoff*", "trade off*", "rationale", "justification*", "why", "options considered", "technology choice*", "tech choice*", "technology selection", "design choice*", "considered")
	justifyColumns = newTerms("justification*", "reason*", "rationale", "why", "trade-off*", "tradeoff*")
	justifyWords   = newTerms("because", "chosen for", "we chose", "we picked", "rather than", "instead of", "trade-off*", "tradeoff*", "battle-tested", "boring", "team knows", "team expertise", "team knowledge", "familiar", "well understood", "well-understood", "proven", "simplest",
		"simpler", "simplicity", "i propose", "we propose", "would allow", "allows us", "allow us", "so that", "in order to", "to avoid", "the reason*", "benefit*", "advantage*", "drawback*", "downside*", "we decided", "decided to", "we opted", "opted for", "we prefer", "preferred")
	wordCharRe = regexp.MustCompile(`\w`)
)

func (rv *reviewer) checkDecisions() (bool, string) {
	d := rv.d
	for _, i := range rv.titled(decisionTitles, terms{}) {
		s := d.Sections[i]
		for l := s.Line + 1; l <= s.SubtreeEnd; l++ {
			if wordCharRe.MatchString(d.Evidence(l)) {
				return true, rv.at(s.Line)
			}
		}
	}
	for _, t := range d.Tables {
		for _, h := range t.Header {
			if justifyColumns.in(h) && len(t.Rows) > 0 {
				return true, fmt.Sprintf("%q column in the table at %s", h, rv.at(t.Line))
			}
		}
	}
	if hits := d.searchAll(justifyWords); len(hits) >= 2 {
		return true, fmt.Sprintf("reasons given, e.g. %q at %s", hits[0].Text, rv.at(hits[0].Line))
	}
	rv.add(Finding{ID: "choices-unjustified", Severity: Medium,
		Title:  "Technology choices not justified",
		Detail: "The components are listed without the options that were weighed or why they won, so the next engineer cannot tell a deliberate choice from an accident.",
		Ref:    rv.whole(),
		Fix:    "Add a Decision Log: per decision, the options considered, the choice and the reason; prefer the boring default (PostgreSQL, Redis, object storage) and say which threshold would change it.",
	})
	return false, "not found: no decision log, no justification column, no reasons in the text"
}
