package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
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
	// recordWords spare most sentences the recordOf regexps.
	recordWords = []string{"truth", "of record", "authoritative", "only in", "live"}
	// genericEntity are words too vague to be an entity.
	genericEntity = map[string]bool{"data": true, "everything": true, "all": true, "state": true, "write": true, "record": true, "truth": true, "it": true, "them": true, "this": true, "that": true, "which": true, "what": true}
	neverRe       = lazyre.New(`\b(?:never|do not|don't|does not|doesn't|no longer|must not|cannot)\s+(?:reach|reaches|touch|touches|hit|hits|go to|goes to|query|queries|read from|reads from|load from|wait on)\s+(?:the\s+)?` + storeAlt)
	readSubject   = lazyre.New(`\b(reads?|requests?|queries|lookups?|gets|traffic|views?|redirects?|page loads?)\b`)
	flowTo        = lazyre.New(`(?:→|->|=>|⟶)\s*(?:the\s+)?` + storeAlt + `|\b(?:reads?|queries|query|looks? up|fetch\w*|selects?|loads?|falls? back to|goes to|go to|served from|hits?|read by)\b[^.;]{0,40}?\b(?:(?:from|in|to|against|on|of)\s+)?(?:the\s+)?` + storeAlt)
	writeOnly     = lazyre.New(`\b(writes?|inserts?|updates?|stores?|persists?|appends?|commits?)\b`)
)

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

// entityKey reduces "entries" and "entry" to one key.
func entityKey(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "ss"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return strings.TrimSuffix(w, "s")
	}
	return w
}

// storeWord finds a store in an ownership table's store column
// (storeColumn, as the checklist reads it).
var storeWord = lazyre.New(`\b` + storeAlt)

// storesOfRecord finds an entity the document gives two stores of record:
// in its prose ("PostgreSQL is the source of truth for entries"), or in
// its ownership tables (one dataset in two rows with different stores).
func (rv *reviewer) storesOfRecord() {
	type place struct {
		store string
		line  int
	}
	seen := map[string]place{}
	raised := map[string]bool{}
	for _, t := range rv.ownershipTables() {
		col := -1
		for k, h := range t.Header {
			if k > 0 && storeColumn.in(h) {
				col = k
				break
			}
		}
		if col < 0 || derivedTable(t) {
			continue
		}
		for _, r := range t.Rows {
			if col >= len(r.Cells) || len(r.Cells) == 0 {
				continue
			}
			m := storeWord.FindStringSubmatch(strings.ToLower(r.Cells[col]))
			if m == nil {
				continue
			}
			entity, store := strings.ToLower(strings.Trim(r.Cells[0], " *_`")), canonicalStore(m[1])
			p, ok := seen[entity]
			if !ok {
				seen[entity] = place{store, r.Line}
				continue
			}
			if p.store != store && !raised[entity] {
				raised[entity] = true
				rv.raise(rTwoStoresOfRecord, rv.ref(r.Line),
					fmt.Sprintf("The ownership table puts %s in %s at line %d and in %s at line %d: two copies written as records drift apart, and nobody can say which one a dispute is settled by.", r.Cells[0], p.store, p.line, store, r.Line),
					r.Cells[0], p.store, p.line, store, r.Line)
			}
		}
	}
	seen = map[string]place{}
	for _, s := range rv.sents {
		if !s.proposed || s.negated || s.future || !hasAny(s.lower, recordWords) {
			continue
		}
		for k, re := range recordOf {
			for _, m := range re.FindAllStringSubmatch(s.lower, -1) {
				store, entity := m[1], m[2]
				if k > 0 {
					store, entity = m[2], m[1]
				}
				key := entityKey(entity)
				if genericEntity[key] || raised[key] {
					continue
				}
				store = canonicalStore(store)
				p, ok := seen[key]
				if !ok {
					seen[key] = place{store, s.Line}
					continue
				}
				if p.store != store {
					raised[key] = true
					rv.raise(rTwoStoresOfRecord, rv.ref(s.Line),
						fmt.Sprintf("Line %d makes %s the record of %s, and line %d makes it %s: two writers' truths drift apart, and nobody can say which one a dispute is settled by.", p.line, p.store, entity, s.Line, store),
						entity, p.store, p.line, store, s.Line)
				}
			}
		}
	}
}

// neverReached finds a store a sentence says a path never reaches, and a
// flow elsewhere that reaches it.
func (rv *reviewer) neverReached() {
	for _, s := range rv.sents {
		if !s.proposed || !s.negated {
			continue
		}
		m := neverRe.FindStringSubmatchIndex(s.lower)
		if m == nil {
			continue
		}
		store := canonicalStore(captured(s.lower, m, 1))
		subject := s.lower[:m[0]]
		reads := readSubject.MatchString(subject)
		onHits := (strings.Contains(subject, "cached") && !strings.Contains(subject, "uncached")) || strings.Contains(subject, "hit")
		for _, f := range rv.sents {
			if f.Line == s.Line || f.negated || !f.proposed {
				continue
			}
			for _, fm := range flowTo.FindAllStringSubmatch(f.lower, -1) {
				if canonicalStore(cmpOr(fm[1], fm[2])) != store {
					continue
				}
				if onHits && strings.Contains(f.lower, "miss") || reads && writeOnly.MatchString(f.lower) && !readSubject.MatchString(f.lower) && !strings.Contains(f.lower, "index") {
					continue
				}
				rv.raise(rNeverReachedContradicted, rv.ref(s.Line),
					fmt.Sprintf("Line %d says %q, but line %d has a flow to %s: %q. Capacity, failure handling and cost follow one of them.", s.Line, clip(s.Text), f.Line, store, clip(f.Text)),
					store, s.Line, f.Line)
				return
			}
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
	type answer struct {
		choice string
		line   int
	}
	seen := map[string]answer{}
	for _, t := range rv.d.Tables {
		key, val := -1, -1
		for i, h := range t.Header {
			switch {
			case key < 0 && decisionColumn.in(h) && !choiceColumn.in(h):
				key = i
			case val < 0 && choiceColumn.in(h):
				val = i
			}
		}
		if key < 0 || val < 0 || rv.d.within(t.Section, discussTitles) {
			continue
		}
		for _, r := range t.Rows {
			if key >= len(r.Cells) || val >= len(r.Cells) {
				continue
			}
			k := strings.ToLower(strings.Trim(r.Cells[key], " *_`"))
			c := strings.Trim(r.Cells[val], " *_`")
			if k == "" || c == "" {
				continue
			}
			a, ok := seen[k]
			if !ok {
				seen[k] = answer{c, r.Line}
				continue
			}
			if !strings.EqualFold(a.choice, c) {
				rv.raise(rDecisionTwice, rv.ref(r.Line),
					fmt.Sprintf("The decision %q is answered %q at line %d and %q at line %d: a reader builds one, a reviewer approved the other.", r.Cells[key], a.choice, a.line, c, r.Line),
					r.Cells[key], a.choice, a.line, c, r.Line)
				return
			}
		}
	}
}
