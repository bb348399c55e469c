package review

import (
	"slices"
	"strings"
	"sync"
)

// Model is what the review read of the design itself, as far as the
// document's words allow: the same kinds of things the design engine's
// model holds (components, stores, flows, figures, decisions), each with
// the line it was read from. The checks that compare two places of a
// document read it, not the text: a contradiction is two entries of the
// model that cannot both hold. The report shows it under "model".
type Model struct {
	// Components are the parts the document's components section lists
	// (a table's first column, or list items opening with a name).
	Components []ModelComponent `json:"components"`
	// Stores are the stores named as a record or reached by a flow, by
	// their makers' names, in order of first mention.
	Stores []string `json:"stores"`
	// Records give the store of record the document names for an entity,
	// in its prose or its ownership tables.
	Records []ModelRecord `json:"records"`
	// Flows are the sentences that send a read or a write to a store.
	Flows []ModelFlow `json:"flows"`
	// Unreached are the stores a sentence says a path never reaches.
	Unreached []ModelUnreached `json:"unreached"`
	// Figures are the rows of the document's Capacity tables (an ID and a
	// Value column).
	Figures []ModelFigure `json:"figures"`
	// Decisions are the rows of the decision tables: a question and the
	// answer chosen.
	Decisions []ModelDecision `json:"decisions"`
	// Timeouts are the timeouts the proposal sets, Durations how long it
	// says long-running work takes.
	Timeouts  []ModelDuration `json:"timeouts"`
	Durations []ModelDuration `json:"durations"`
	// Budget is the budget the document states or says it meets, a
	// month's sum; nil when it states none.
	Budget *ModelBudget `json:"budget,omitempty"`

	// componentsSection is the section the components were read from, -1
	// when none.
	componentsSection int
}

// ModelComponent is a listed part, with the technology its row gives.
type ModelComponent struct {
	Name       string `json:"name"`
	Technology string `json:"technology,omitempty"`
	Line       int    `json:"line"`
}

// ModelRecord says which store holds the record of an entity. From is
// "prose" or "table": an ownership table and the prose are each checked
// for two stores of one entity.
type ModelRecord struct {
	Entity string `json:"entity"`
	Store  string `json:"store"`
	Line   int    `json:"line"`
	From   string `json:"from"`
}

// ModelFlow is a sentence of the proposal that reaches a store.
type ModelFlow struct {
	Store string `json:"store"`
	Line  int    `json:"line"`
	Text  string `json:"text"`
	// OnMiss: the flow runs on a cache miss; WriteOnly: it only writes.
	OnMiss    bool `json:"on_miss,omitempty"`
	WriteOnly bool `json:"write_only,omitempty"`

	sentence string // the whole sentence, for the finding
}

// ModelUnreached is a store a sentence says some path never reaches.
type ModelUnreached struct {
	Store string `json:"store"`
	Line  int    `json:"line"`
	Text  string `json:"text"`
	// Reads: the path is the reads; OnHits: the cache hits.
	Reads  bool `json:"reads,omitempty"`
	OnHits bool `json:"on_hits,omitempty"`

	sentence string
}

// ModelFigure is a row of a Capacity table.
type ModelFigure struct {
	ID      string `json:"id"`
	Value   string `json:"value"`
	Formula string `json:"formula,omitempty"`
	Line    int    `json:"line"`
}

// ModelDecision is one answer a decision table gives.
type ModelDecision struct {
	Question string `json:"question"`
	Choice   string `json:"choice"`
	Line     int    `json:"line"`
}

// ModelDuration is a timeout or how long some work runs, in seconds, with
// the words that say what it applies to.
type ModelDuration struct {
	Seconds float64 `json:"seconds"`
	Text    string  `json:"text"`
	Line    int     `json:"line"`

	words    []string
	sentence string
}

// ModelBudget is the budget, a month's sum in dollars.
type ModelBudget struct {
	PerMonth float64 `json:"per_month,omitempty"`
	Line     int     `json:"line"`
	// Claimed: the document says the design stays within it.
	Claimed bool   `json:"claimed"`
	Text    string `json:"text"`

	claimLine int    // the sentence that claims it is met, 0 for none
	claimText string // that sentence, clipped
	claimAt   int    // its index in the sentences
	stated    bool   // PerMonth holds a sum
	per       string // the period the sum was given in, "" for none
}

// readModel reads the document's model; the checks of contradictions.go
// and records.go compare its entries.
func (rv *reviewer) readModel() *Model {
	m := &Model{componentsSection: -1}
	rv.readComponents(m)
	rv.readRecords(m)
	rv.readFlows(m)
	m.Figures = rv.capacityFigures()
	rv.readDecisions(m)
	rv.readTimeouts(m)
	m.Durations = rv.longSpans()
	m.Budget = rv.readBudget()
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			m.Stores = append(m.Stores, s)
		}
	}
	for _, r := range m.Records {
		add(r.Store)
	}
	for _, f := range m.Flows {
		add(f.Store)
	}
	for _, u := range m.Unreached {
		add(u.Store)
	}
	for _, c := range m.Components {
		if s := storeWord.FindStringSubmatch(strings.ToLower(c.Technology + " " + c.Name)); s != nil {
			add(canonicalStore(s[1]))
		}
	}
	m.Components = cmpSlice(m.Components)
	m.Stores = cmpSlice(m.Stores)
	m.Records = cmpSlice(m.Records)
	m.Flows = cmpSlice(m.Flows)
	m.Unreached = cmpSlice(m.Unreached)
	m.Figures = cmpSlice(m.Figures)
	m.Decisions = cmpSlice(m.Decisions)
	m.Timeouts = cmpSlice(m.Timeouts)
	m.Durations = cmpSlice(m.Durations)
	return m
}

// cmpSlice makes a nil list an empty one, so the JSON shows [], and
// clips the others.
func cmpSlice[T any](l []T) []T {
	if l == nil {
		return []T{}
	}
	return slices.Clip(l)
}

// readComponents reads the components the first components section
// lists.
func (rv *reviewer) readComponents(m *Model) {
	for _, i := range rv.d.titled(componentTitles, discussTitles) {
		if rv.d.Sections[i].Level > 3 || rv.sectionsOutside(i) < 3 {
			continue
		}
		m.componentsSection = i
		for _, c := range rv.componentsIn(i) {
			m.Components = append(m.Components, ModelComponent{Name: c.name, Technology: c.tech, Line: c.line})
		}
		return
	}
}

// readRecords reads the stores of record: the ownership tables' store
// column, then the prose.
func (rv *reviewer) readRecords(m *Model) {
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
			s := storeWord.FindStringSubmatch(strings.ToLower(r.Cells[col]))
			if s == nil {
				continue
			}
			m.Records = append(m.Records, ModelRecord{Entity: r.Cells[0], Store: canonicalStore(s[1]), Line: r.Line, From: "table"})
		}
	}
	for _, s := range rv.sents {
		if !s.proposed || s.negated || s.future || !s.grams.anyOf(s.lower, recordWords) {
			continue
		}
		for k, re := range recordOf {
			if !recordFilters()[k].holds(s.lower, s.grams) {
				continue // spared the regexp, and its compiling
			}
			for _, sm := range re.FindAllStringSubmatch(s.lower, -1) {
				store, entity := sm[1], sm[2]
				if k > 0 {
					store, entity = sm[2], sm[1]
				}
				if genericEntity[entityKey(entity)] {
					continue
				}
				m.Records = append(m.Records, ModelRecord{Entity: entity, Store: canonicalStore(store), Line: s.Line, From: "prose"})
			}
		}
	}
}

// storeLiterals are literals one of which every name of storeAlt holds:
// a sentence without one names no store, and flowTo need not run on it.
var storeLiterals = []string{"postgres", "mysql", "mariadb", "aurora", "dynamodb", "mongo", "cassandra", "scylla", "redis", "memcached",
	"elasticsearch", "opensearch", "s3", "object storage", "kafka", "spanner", "cockroach", "sqlite", "firestore", "bigtable", "clickhouse", "timescale"}

// sievedTimeout and sievedNever are timeoutRe and neverRe with their
// filters: most sentences that say "time" set no timeout, most negated
// ones reach no store.
var sievedTimeout, sievedNever = sieve(timeoutRe), sieve(neverRe)

// flowLits are the literals every flow holds (requiredLiterals).
var flowLits = sync.OnceValue(func() []string { return requiredLiterals(flowTo.String()) })

// readFlows reads the stores said never to be reached, and the flows of
// the proposal to a store.
func (rv *reviewer) readFlows(m *Model) {
	for _, s := range rv.sents {
		if !s.proposed {
			continue
		}
		if s.negated {
			sm := sievedNever.findIndex(s)
			if sm == nil {
				continue
			}
			subject := s.lower[:sm[0]]
			m.Unreached = append(m.Unreached, ModelUnreached{Store: canonicalStore(captured(s.lower, sm, 1)), Line: s.Line, Text: clip(s.Text), sentence: s.Text,
				Reads:  readSubject.MatchString(subject),
				OnHits: (strings.Contains(subject, "cached") && !strings.Contains(subject, "uncached")) || strings.Contains(subject, "hit")})
			continue
		}
		if !s.grams.anyOf(s.lower, storeLiterals) || !s.grams.anyOf(s.lower, flowLits()) {
			continue // no store named, or no way to reach one
		}
		for _, fm := range flowTo.FindAllStringSubmatch(s.lower, -1) {
			m.Flows = append(m.Flows, ModelFlow{Store: canonicalStore(cmpOr(fm[1], fm[2])), Line: s.Line, Text: clip(s.Text), sentence: s.Text,
				OnMiss:    strings.Contains(s.lower, "miss"),
				WriteOnly: writeOnly.MatchString(s.lower) && !readSubject.MatchString(s.lower) && !strings.Contains(s.lower, "index")})
		}
	}
}

// capacityFigures reads the rows of the capacity tables.
func (rv *reviewer) capacityFigures() []ModelFigure {
	var out []ModelFigure
	for _, t := range rv.d.Tables {
		id, val, formula := -1, -1, -1
		for i, h := range t.Header {
			switch strings.ToLower(h) {
			case "id":
				id = i
			case "value":
				val = i
			case "formula":
				formula = i
			}
		}
		if id < 0 || val < 0 {
			continue
		}
		for _, r := range t.Rows {
			if id < len(r.Cells) && val < len(r.Cells) && figureID.MatchString(r.Cells[id]) {
				f := ModelFigure{ID: r.Cells[id], Value: r.Cells[val], Line: r.Line}
				if formula >= 0 && formula < len(r.Cells) {
					f.Formula = r.Cells[formula]
				}
				out = append(out, f)
			}
		}
	}
	return out
}

// readDecisions reads the answers of the decision tables (a question and
// a choice column), outside sections that only discuss alternatives.
func (rv *reviewer) readDecisions(m *Model) {
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
			q := strings.Trim(r.Cells[key], " *_`")
			c := strings.Trim(r.Cells[val], " *_`")
			if q == "" || c == "" {
				continue
			}
			m.Decisions = append(m.Decisions, ModelDecision{Question: q, Choice: c, Line: r.Line})
		}
	}
}

// readTimeouts reads the timeouts the proposal sets.
func (rv *reviewer) readTimeouts(m *Model) {
	for _, s := range rv.sents {
		if !s.proposed || !strings.Contains(s.lower, "time") {
			continue
		}
		if tm := sievedTimeout.findIndex(s); tm != nil {
			if secs, text := timeoutValue(s.lower, tm); secs > 0 {
				m.Timeouts = append(m.Timeouts, ModelDuration{Seconds: secs, Text: text, Line: s.Line, words: workWords(s.lower), sentence: s.Text})
			}
		}
	}
}
