// Package review checks a Markdown design document — one sysarch wrote or
// any other — against the architect's quality checklist, the anti-patterns
// it warns about, its own arithmetic and its own other sections, offline
// and in milliseconds.
//
// The document is read with goldmark: sections with their text, tables,
// lists, code, links and front matter told apart. Only prose and table
// cells are evidence; headings, code, link text, reading lists and front
// matter never are. Each checklist item has heading keywords and evidence
// keywords; a rule looks in the sections whose titles match first, and in
// the whole text second, and is met only by substance: a section holding
// only placeholders ("TBD", "n/a", empty cells) counts as missing and gets
// a high finding of its own. Anti-patterns are phrases read sentence by
// sentence, skipping sentences that reject them ("no shared database")
// and sections that only list risks or alternatives; technology choices
// are weighed against the load the document itself states, and sharding
// against what it shards for.
//
// Beyond the checklist, the review recomputes the document's
// back-of-the-envelope arithmetic with the capacity tools, checks a
// document recognisably of a known archetype (a feed, a crawler, a rate
// limiter…) for that archetype's core mechanisms, weighs the data volume
// against the store that holds it, and, on a sysarch document, checks
// every figure's citation against its Capacity table.
//
// Every finding the review can raise is a row of one catalogue (rules.go):
// its ID, severity, category, title and fix; the rules raise a row by name
// with the detail that quotes the document. Most checklist items are
// coverage checks, tables of headings, kinds of evidence and a substance
// rule run by one evaluator (coverage.go).
//
// It also reads the document's own model as far as its words allow and
// compares its places: a timeout against the work it cuts, a budget claim
// against the costs, the store of record of each entity, a store said
// never to be reached against the flows, each decision's answers.
// Anti-patterns in ordinary wording are phrase rules kept as data, with
// the sentences each must report and pass (data/antipatterns.yaml).
//
// Severity: a missing failure plan, missing monitoring, unclear state
// ownership, a placeholder section, several writers to one dataset, a
// cache used as the source of truth and a document contradicting itself
// (including a figure its Capacity table does not hold) are high; a missing scaling path, an
// arithmetic error, a missing core mechanism and most anti-patterns are
// medium; gaps that matter less on a small system are low. A report with
// a high finding fails (Report.Failed), so a CI can gate on it.
package review

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/phrase"
)

// Severity ranks a finding.
type Severity string

// The severities, from most to least urgent.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

func (s Severity) rank() int {
	switch s {
	case High:
		return 0
	case Medium:
		return 1
	}
	return 2
}

// Report is the outcome of a review.
type Report struct {
	Document  string    `json:"document"`
	Title     string    `json:"title,omitempty"`
	Findings  []Finding `json:"findings"`
	Checklist []Check   `json:"checklist"`
	Summary   Summary   `json:"summary"`
	Scale     Scale     `json:"scale"`
	// Archetypes names the kinds of system the document is recognisably
	// (a news feed, a web crawler…), whose core mechanisms it was checked
	// for.
	Archetypes []string `json:"archetypes,omitempty"`
	// Model is what the review read of the design: its components,
	// stores, records, flows, figures, decisions, timeouts and budget.
	Model *Model `json:"model"`
}

// Finding is one thing missing or wrong, where, and how to fix it.
type Finding struct {
	ID       string   `json:"id"`
	Severity Severity `json:"severity"`
	// Category is "checklist" or the anti-pattern the finding belongs to.
	Category string `json:"category"`
	Title    string `json:"title"`
	Detail   string `json:"detail"`
	Ref      Ref    `json:"ref"`
	Fix      string `json:"fix"`
}

// Ref points at the heading and line a finding is about. A finding about
// something missing points at the document's title.
type Ref struct {
	Heading string `json:"heading"`
	Line    int    `json:"line"`
}

func (r Ref) String() string {
	switch {
	case r.Heading == "" && r.Line == 0:
		return "whole document"
	case r.Heading == "":
		return fmt.Sprintf("line %d", r.Line)
	}
	return fmt.Sprintf("%q, line %d", r.Heading, r.Line)
}

// Check is one checklist item, met or not, with the evidence.
type Check struct {
	ID       string `json:"id"`
	Item     string `json:"item"`
	OK       bool   `json:"ok"`
	Evidence string `json:"evidence"`
}

// Summary counts the findings per severity.
type Summary struct {
	High   int `json:"high"`
	Medium int `json:"medium"`
	Low    int `json:"low"`
}

// Failed reports whether the review found a high-severity issue.
func (r Report) Failed() bool { return r.Summary.High > 0 }

// Review reads a Markdown design document and reviews it. name is how the
// report refers to the document (a file name, or "-" for standard input).
func Review(doc []byte, name string) Report {
	r, _ := review(doc, name)
	return r
}

// review is Review that also returns the catalogue's rules it raised.
func review(doc []byte, name string) (Report, []rule) {
	d := Parse(doc)
	sents := d.sentences()
	annotate(d, sents)
	rv := &reviewer{d: d, scale: readScale(d, sents), sents: sents}
	rv.title, rv.titleLine = d.Title()
	rv.model = rv.readModel()
	rv.startRecognition()

	rv.placeholders()
	// Anti-patterns first: the checklist items about state ownership and
	// premature optimisation read their findings.
	rv.distributedMonolith()
	rv.cacheBandAid()
	rv.eventSoup()
	// The arithmetic runs before the thresholds are weighed, so that a
	// load the document miscomputed is judged at its recomputed value.
	rv.arithmetic()
	rv.formulas()
	rv.archetypes() // before the thresholds: an archetype's own technology is not premature
	rv.archetypeFit()
	rv.prematureDistribution()
	rv.phrases()
	rv.dataVolume()
	rv.consistency()
	rv.contradictions()
	for _, c := range checklist {
		ok, evidence := c.judge(rv)
		rv.checks = append(rv.checks, Check{ID: c.id, Item: c.item, OK: ok, Evidence: evidence})
	}
	rv.antiPatternChecks()

	slices.SortStableFunc(rv.findings, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity.rank(), b.Severity.rank()),
			cmp.Compare(a.Ref.Line, b.Ref.Line), cmp.Compare(a.ID, b.ID))
	})
	r := Report{Document: name, Title: rv.title, Findings: capPerID(rv.findings, maxFor), Checklist: rv.checks, Scale: rv.scale, Archetypes: rv.archetypeNames, Model: rv.model}
	if r.Findings == nil {
		r.Findings = []Finding{}
	}
	for _, f := range r.Findings {
		switch f.Severity {
		case High:
			r.Summary.High++
		case Medium:
			r.Summary.Medium++
		default:
			r.Summary.Low++
		}
	}
	return r, rv.raised
}

// maxPerID is how many findings of one kind a report lists: a table with
// a hundred unowned datasets needs fixing, not a hundred paragraphs.
// Placeholder sections are listed one by one up to maxPlaceholders: each
// is a heading someone has to fill.
const (
	maxPerID        = 5
	maxPlaceholders = 30
)

func maxFor(id string) int {
	if id == "placeholder-section" {
		return maxPlaceholders
	}
	return maxPerID
}

// capPerID keeps the first limit(ID) findings of each ID, saying on the
// last one kept how many more there were.
func capPerID(fs []Finding, limit func(string) int) []Finding {
	count := map[string]int{}
	for _, f := range fs {
		count[f.ID]++
	}
	var out []Finding
	kept := map[string]int{}
	for _, f := range fs {
		m := limit(f.ID)
		if kept[f.ID] == m {
			continue
		}
		kept[f.ID]++
		if kept[f.ID] == m && count[f.ID] > m {
			f.Detail += fmt.Sprintf(" (%d more like this not listed.)", count[f.ID]-m)
		}
		out = append(out, f)
	}
	return out
}

// reviewer holds what the rules share while they run.
type reviewer struct {
	d         *Document
	scale     Scale
	sents     []sentence
	title     string
	titleLine int
	findings  []Finding
	checks    []Check
	// empty marks the checklist sections that hold only placeholders.
	empty map[int]bool
	// archetypeNames are the archetypes the document was recognised as.
	archetypeNames []string
	// wrongBytes are the sizes the arithmetic recomputed.
	wrongBytes []correction
	// matches caches catalogueMatches.
	matches []patterns.Match
	// recognised delivers the recognition startRecognition started, once.
	recognised chan recognition
	// allEvidence and intro cache evidenceText and introText.
	allEvidence, intro *string
	// evTokens are evidenceText's words (evidenceTokens).
	evTokens, titleToks, introToks []phrase.Token
	// said[l] counts the lines up to l that say something (substantive).
	said []int
	// model is the document's model, read once before the checks.
	model *Model
	// raised lists the rules raised, in order, for the catalogue's tests.
	raised []rule
}

// has returns the findings whose ID is one of ids.
func (rv *reviewer) has(ids ...string) []Finding {
	var out []Finding
	for _, f := range rv.findings {
		if slices.Contains(ids, f.ID) {
			out = append(out, f)
		}
	}
	return out
}

// whole is the reference for something the document lacks.
func (rv *reviewer) whole() Ref {
	return Ref{Heading: rv.title, Line: rv.titleLine}
}

// ref points at a line under its section's heading.
func (rv *reviewer) ref(line int) Ref {
	s := rv.d.Sections[rv.d.SectionOf(line)]
	return Ref{Heading: s.Title, Line: line}
}

// at describes a hit for a checklist's evidence: the heading and the line.
func (rv *reviewer) at(line int) string {
	return rv.ref(line).String()
}

// sectionRef points at a section's heading.
func (rv *reviewer) sectionRef(i int) Ref {
	s := rv.d.Sections[i]
	return Ref{Heading: s.Title, Line: s.Line}
}
