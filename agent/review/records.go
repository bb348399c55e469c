package review

import (
	"fmt"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/phrase"
)

// The document's stores and decisions, read as far as its words allow:
// which store it names the record of each entity, which stores it says a
// path never reaches and which flows reach them, and the answer each
// decision table gives. Two answers where one is possible are a
// contradiction.

// storeAlt names the stores a document may make the record of something.
const storeAlt = `(postgres\w*|mysql|mariadb|aurora|dynamodb|mongo\w*|cassandra|scylla\w*|redis|memcached|elasticsearch|opensearch|s3|object storage|kafka|spanner|cockroach\w*|sqlite|firestore|bigtable|clickhouse|timescale\w*)`

var (
	recordOf = []*lazyre.Regexp{
		lazyre.New(`\b` + storeAlt + `\s+(?:is|remains|stays|acts as|serves as|will be)\s+(?:the\s+)?(?:single\s+|only\s+|primary\s+|sole\s+)?(?:source of truth|system of record|store of record|record of truth|authoritative (?:store|copy))\s+(?:for|of)\s+(?:the\s+|all\s+|every\s+)?([a-z][\w-]*)`),
		lazyre.New(`\b(?:source of truth|system of record|store of record|authoritative (?:store|copy))\s+(?:for|of)\s+(?:the\s+|all\s+|every\s+)?([a-z][\w-]*)\s+(?:is|are|lives? in|stays? in|remains?)\s+(?:in\s+)?(?:the\s+|an?\s+)?` + storeAlt),
		lazyre.New(`\b([a-z][\w-]*)\s+(?:are|is)\s+(?:stored|kept|persisted|held)\s+only\s+in\s+(?:the\s+|an?\s+)?` + storeAlt),
		lazyre.New(`\b([a-z][\w-]*)\s+(?:live|lives)\s+(?:only\s+)?in\s+(?:the\s+|an?\s+)?` + storeAlt + `\b[^.]{0,30}\b(?:source of truth|system of record|of record)`),
	}
	// recordWords spare most sentences the recordOf regexps, and each
	// regexp's own filter (recordFilters) most of the rest.
	recordWords = []string{"truth", "of record", "authoritative", "only in", "live"}
	// genericEntity are words too vague to be an entity.
	genericEntity = map[string]bool{"data": true, "everything": true, "all": true, "state": true, "write": true, "record": true, "truth": true, "it": true, "them": true, "this": true, "that": true, "which": true, "what": true}
	neverRe       = lazyre.New(`\b(?:never|do not|don't|does not|doesn't|no longer|must not|cannot)\s+(?:reach|reaches|touch|touches|hit|hits|go to|goes to|query|queries|read from|reads from|load from|wait on)\s+(?:the\s+)?` + storeAlt)
	readSubject   = lazyre.New(`\b(reads?|requests?|queries|lookups?|gets|traffic|views?|redirects?|page loads?)\b`)
	flowTo        = lazyre.New(`(?:→|->|=>|⟶)\s*(?:the\s+)?` + storeAlt + `|\b(?:reads?|queries|query|looks? up|fetch\w*|selects?|loads?|falls? back to|goes to|go to|served from|hits?|read by)\b[^.;]{0,40}?\b(?:(?:from|in|to|against|on|of)\s+)?(?:the\s+)?` + storeAlt)
	writeOnly     = lazyre.New(`\b(writes?|inserts?|updates?|stores?|persists?|appends?|commits?)\b`)
)

// recordFilters are the literals each recordOf regexp needs
// (requiredFilter).
var recordFilters = sync.OnceValue(func() []*filter {
	fs := make([]*filter, len(recordOf))
	for i, re := range recordOf {
		fs[i] = requiredFilter(re.String())
	}
	return fs
})

// canonicalStore names a store the same way however it is written.
func canonicalStore(s string) string {
	switch {
	case strings.HasPrefix(s, "postgres"):
		return "PostgreSQL"
	case strings.HasPrefix(s, "mongo"):
		return "MongoDB"
	case s == "s3" || s == "object storage":
		return "object storage"
	case strings.HasPrefix(s, "cockroach"):
		return "CockroachDB"
	case strings.HasPrefix(s, "scylla"):
		return "ScyllaDB"
	case strings.HasPrefix(s, "timescale"):
		return "TimescaleDB"
	}
	if n, ok := storeNames[s]; ok {
		return n
	}
	return s
}

// storeNames spell the stores as their makers do.
var storeNames = map[string]string{"mysql": "MySQL", "mariadb": "MariaDB", "aurora": "Aurora", "dynamodb": "DynamoDB", "cassandra": "Cassandra",
	"redis": "Redis", "memcached": "Memcached", "elasticsearch": "Elasticsearch", "opensearch": "OpenSearch", "kafka": "Kafka", "spanner": "Spanner",
	"sqlite": "SQLite", "firestore": "Firestore", "bigtable": "Bigtable", "clickhouse": "ClickHouse"}

// entityKey reduces "entries" and "entry" to one key, as the shared
// phrase matcher reads a plural.
func entityKey(w string) string { return phrase.Singular(w) }

// storeWord finds a store in an ownership table's store column
// (storeColumn, as the checklist reads it).
var storeWord = lazyre.New(`\b` + storeAlt)

// tableEntityKey is an ownership table row's dataset as prose names it:
// "unit records" is the unit, as "the source of truth for units" says.
func tableEntityKey(entity string) string {
	w := phrase.Words(entity)
	for len(w) > 1 && tableNounWords[w[len(w)-1]] {
		w = w[:len(w)-1]
	}
	if len(w) != 1 {
		// A dataset of several words ("expiry check job status") is
		// compared with prose only when prose names it whole.
		return strings.Join(w, " ")
	}
	return entityKey(w[0])
}

// tableNounWords are the words a table adds after what it keeps.
var tableNounWords = map[string]bool{"records": true, "record": true, "rows": true, "row": true, "data": true, "table": true}

// storesOfRecord finds an entity the document gives two stores of record:
// in its prose ("PostgreSQL is the source of truth for entries"), in its
// ownership tables (one dataset in two rows with different stores), or a
// sentence of prose that gives a dataset of the table another store.
func (rv *reviewer) storesOfRecord() {
	type place struct {
		store string
		line  int
	}
	raised := map[string]bool{}
	for _, from := range []string{"table", "prose"} {
		seen := map[string]place{}
		for _, r := range rv.model.Records {
			if r.From != from {
				continue
			}
			key := strings.ToLower(strings.Trim(r.Entity, " *_`"))
			if from == "prose" {
				key = entityKey(r.Entity)
			}
			if raised[key] {
				continue
			}
			p, ok := seen[key]
			if !ok {
				seen[key] = place{r.Store, r.Line}
				continue
			}
			if p.store == r.Store {
				continue
			}
			raised[key] = true
			if from == "table" {
				rv.raise(rTwoStoresOfRecord, rv.ref(r.Line),
					fmt.Sprintf("The ownership table puts %s in %s at line %d and in %s at line %d: two copies written as records drift apart, and nobody can say which one a dispute is settled by.", r.Entity, p.store, p.line, r.Store, r.Line),
					r.Entity, p.store, p.line, r.Store, r.Line)
				continue
			}
			rv.raise(rTwoStoresOfRecord, rv.ref(r.Line),
				fmt.Sprintf("Line %d makes %s the record of %s, and line %d makes it %s: two writers' truths drift apart, and nobody can say which one a dispute is settled by.", p.line, p.store, r.Entity, r.Line, r.Store),
				r.Entity, p.store, p.line, r.Store, r.Line)
		}
	}
	// The prose against the table: a sentence that makes another store the
	// record of a dataset the ownership table places.
	table := map[string]ModelRecord{}
	for _, r := range rv.model.Records {
		if k := tableEntityKey(r.Entity); r.From == "table" && k != "" {
			if _, ok := table[k]; !ok {
				table[k] = r
			}
		}
	}
	for _, r := range rv.model.Records {
		key := entityKey(r.Entity)
		t, ok := table[key]
		if r.From != "prose" || !ok || raised[key] || t.Store == r.Store {
			continue
		}
		raised[key] = true
		rv.raise(rTwoStoresOfRecord, rv.ref(r.Line),
			fmt.Sprintf("Line %d makes %s the record of %s, and the ownership table at line %d keeps them in %s: two writers' truths drift apart, and nobody can say which one a dispute is settled by.", r.Line, r.Store, r.Entity, t.Line, t.Store),
			r.Entity, t.Store, t.Line, r.Store, r.Line)
	}
}

// neverReached finds a store a sentence says a path never reaches, and a
// flow elsewhere that reaches it.
func (rv *reviewer) neverReached() {
	for _, u := range rv.model.Unreached {
		for _, f := range rv.model.Flows {
			if f.Line == u.Line || f.Store != u.Store {
				continue
			}
			if u.OnHits && f.OnMiss || u.Reads && f.WriteOnly {
				continue
			}
			rv.raise(rNeverReachedContradicted, rv.ref(u.Line),
				fmt.Sprintf("Line %d says %q, but line %d has a flow to %s: %q. Capacity, failure handling and cost follow one of them.", u.Line, u.Text, f.Line, u.Store, f.Text),
				u.Store, u.Line, f.Line)
			return
		}
	}
}

var (
	decisionColumn = newTerms("decision*", "question*", "concern*", "aspect*", "area")
	choiceColumn   = newTerms("choice*", "chosen", "selected", "selection", "answer*", "we use", "pick*", "outcome")
)

// decisionsAnsweredTwice finds a decision whose rows in the decision
// tables give two different choices.
func (rv *reviewer) decisionsAnsweredTwice() {
	seen := map[string]ModelDecision{}
	for _, d := range rv.model.Decisions {
		k := strings.ToLower(d.Question)
		a, ok := seen[k]
		if !ok {
			seen[k] = d
			continue
		}
		if !strings.EqualFold(a.Choice, d.Choice) {
			rv.raise(rDecisionTwice, rv.ref(d.Line),
				fmt.Sprintf("The decision %q is answered %q at line %d and %q at line %d: a reader builds one, a reviewer approved the other.", d.Question, a.Choice, a.Line, d.Choice, d.Line),
				d.Question, a.Choice, a.Line, d.Choice, d.Line)
			return
		}
	}
}
