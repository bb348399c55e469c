package review

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/phrase"
)

// hit is where a term was found.
type hit struct {
	Line    int    // 1-based line
	Section int    // index of the section holding the line
	Text    string // the matched text
}

// search returns every match of t in lines from..to (1-based, inclusive),
// in order, in the lines' evidence: never in headings, code, links or
// front matter.
func (d *Document) search(t terms, from, to int) []hit {
	var hits []hit
	ts := t.get()
	for l := max(from, 1); l <= to && l <= len(d.Lines); l++ {
		sec := d.SectionOf(l)
		if d.within(sec, notEvidence) {
			continue
		}
		if ts.need != nil && !d.evidenceGrams(l).mayHoldAny(ts.need) {
			continue
		}
		lower := d.evidence[l-1]
		for _, m := range ts.findAll(lower, -1) {
			hits = append(hits, hit{Line: l, Section: sec, Text: lower[m[0]:m[1]]})
		}
	}
	return hits
}

// evidenceGrams returns the byte pairs of line l's evidence, read once.
func (d *Document) evidenceGrams(l int) *grams {
	if d.evGrams == nil {
		d.evGrams = make([]*grams, len(d.evidence))
	}
	if d.evGrams[l-1] == nil {
		d.evGrams[l-1] = gramsOf(d.evidence[l-1])
	}
	return d.evGrams[l-1]
}

// notEvidence are sections whose words prove nothing: a checklist copied
// from a template names every item whether the design meets it or not, and
// an open question is a gap, not an answer.
var notEvidence = newTerms("checklist", "open question*", "unresolved question*", "todo", "to do", "glossary")

// searchAll searches the whole document.
func (d *Document) searchAll(t terms) []hit { return d.search(t, 1, len(d.Lines)) }

// titled returns the sections whose title holds one of t and none of not.
func (d *Document) titled(t terms, not terms) []int {
	var out []int
	for i, s := range d.Sections {
		if s.Level > 0 && t.in(s.Title) && (not.none() || !not.in(s.Title)) && !d.within(i, notEvidence) {
			out = append(out, i)
		}
	}
	return out
}

// inSubtrees searches the subtrees of the given sections below their
// headings: a heading says what a section is about, its text whether it
// delivers ("## Failure Scenarios" over "TBD" names no scenario).
func (d *Document) inSubtrees(t terms, secs []int) []hit {
	var hits []hit
	for _, i := range secs {
		s := d.Sections[i]
		from := s.Line + 1
		if s.Level == 0 {
			from = s.Line
		}
		hits = append(hits, d.search(t, from, s.SubtreeEnd)...)
	}
	return hits
}

// inAny says whether line lies below the heading of one of secs, within
// its subtree.
func (d *Document) inAny(line int, secs []int) bool {
	for _, i := range secs {
		s := d.Sections[i]
		if (line > s.Line || s.Level == 0 && line >= s.Line) && line <= s.SubtreeEnd {
			return true
		}
	}
	return false
}

// topSections returns the sections that no other section encloses; their
// subtrees cover the whole document.
func (d *Document) topSections() []int {
	var out []int
	for i, s := range d.Sections {
		if s.Parent < 0 {
			out = append(out, i)
		}
	}
	return out
}

// within says whether section i lies in the subtree of a section whose
// title holds one of t (the section itself included). The answers are
// kept per term set: rules ask it for every line.
func (d *Document) within(i int, t terms) bool {
	if i < 0 || i >= len(d.Sections) {
		return false
	}
	memo := d.withinMemo[t.get()]
	if memo == nil {
		memo = make([]int8, len(d.Sections))
		if d.withinMemo == nil {
			d.withinMemo = map[*termSet][]int8{}
		}
		d.withinMemo[t.get()] = memo
	}
	if memo[i] == 0 {
		memo[i] = -1
		if t.in(d.Sections[i].Title) || d.Sections[i].Parent >= 0 && d.within(d.Sections[i].Parent, t) {
			memo[i] = 1
		}
	}
	return memo[i] == 1
}

// sentence is a sentence of prose or one table cell, outside code blocks.
type sentence struct {
	Text    string
	lower   string // Text in lower case
	grams   *grams // lower's byte pairs
	Line    int    // where the sentence starts
	Section int
	Column  string // the table column's header, "" for prose
	// Lead is, for a list item, the paragraph that introduces the list
	// ("Handy conversion guide:"): it says what the items are.
	Lead string

	// What the rules ask of every sentence, answered once by annotate.
	proposed    bool // part of the proposal, see proposes
	future      bool // under a heading about scaling phases or the future
	negated     bool // rejects what it names (phrase.Rejects)
	conditional bool // holds a condition
}

// annotate answers, once per sentence, the questions every rule asks.
func annotate(d *Document, sents []sentence) {
	var toks []phrase.Token // one buffer for every sentence's words
	for i := range sents {
		s := &sents[i]
		s.proposed = proposes(d, *s)
		s.future = d.within(s.Section, futureTitles)
		toks = phrase.AppendTokens(toks[:0], s.lower)
		s.negated = phrase.Rejects(toks)
		s.conditional = conditional.inG(s.lower, s.grams)
	}
}

// sentences returns the document's sentences: its prose cut into
// sentences (a wrapped paragraph joined) and every table cell as one
// sentence labelled with its column, in line order. Code, headings, links
// and reading lists hold none.
func (d *Document) sentences() []sentence { return d.sents }

// cut turns the paragraphs and cells into sentences.
func (d *Document) cut() []sentence {
	var out []sentence
	for _, u := range d.units {
		if u.cell {
			out = append(out, sentence{Text: u.text, Line: u.lines[0], Section: d.SectionOf(u.lines[0]), Column: u.column})
			continue
		}
		for _, s := range splitSentences(u.text, u.starts, u.lines, d) {
			s.Lead = u.lead
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Line < out[b].Line })
	for i := range out {
		out[i].Text = oneSpaced(out[i].Text)
		out[i].lower = asciiLower(out[i].Text)
		out[i].grams = gramsOf(out[i].lower)
	}
	return out
}

// sentenceEnds returns where each sentence end is in p: a . ! ? or ;
// followed by white space (regexp's \s: space, tab, newline, form feed,
// carriage return), the mark with all the white space after it, as
// [.!?;]\s+ would find them.
func sentenceEnds(p string) [][2]int {
	var out [][2]int
	for i := 0; i+1 < len(p); i++ {
		switch p[i] {
		case '.', '!', '?', ';':
		default:
			continue
		}
		j := i + 1
		for j < len(p) && isSpaceByte(p[j]) {
			j++
		}
		if j > i+1 {
			out = append(out, [2]int{i, j})
			i = j - 1
		}
	}
	return out
}

// isSpaceByte is a byte of regexp's \s.
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func splitSentences(p string, starts, lines []int, d *Document) []sentence {
	if strings.TrimSpace(p) == "" {
		return nil
	}
	lineAt := func(off int) int {
		k := sort.SearchInts(starts, off+1) - 1
		return lines[max(k, 0)]
	}
	var out []sentence
	from := 0
	for _, loc := range sentenceEnds(p) {
		out = append(out, sentence{Text: p[from : loc[0]+1], Line: lineAt(from)})
		from = loc[1]
	}
	if from < len(p) {
		out = append(out, sentence{Text: p[from:], Line: lineAt(from)})
	}
	for i := range out {
		out[i].Section = d.SectionOf(out[i].Line)
	}
	return out
}

// conditional marks a sentence about a possible future rather than the
// design as proposed: "Kafka once events pass 10k/s".
var conditional = newTerms("if", "when", "once", "until", "unless", "beyond", "above", "exceed*",
	"later", "future", "eventually", "would", "could", "might", "threshold*", "only at", "phase 3")

// oneSpaced is strings.Join(strings.Fields(s), " "): s with its runs of
// white space made one space and its ends trimmed. Most cells and
// sentences already are, and are returned as they are.
func oneSpaced(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			// A dash or an arrow is no space; a no-break space is.
			r, n := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += n - 1
			continue
		}
		if c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') || c != ' ' && c <= ' ' {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}
