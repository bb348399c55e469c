package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// A checklist item is met by what a section says, not by its heading: a
// section whose text is only placeholders ("TBD", "to be decided", "n/a",
// empty cells, "None") counts as missing, and gets a finding of its own,
// since a heading over nothing tells a reader the work is done when it is
// not.

// placeholderRe matches a piece of text that says nothing: a placeholder
// word or a mark, once or repeated, with punctuation around it.
var placeholderRe = lazyre.New(`^[\s\p{P}]*((tbd|tbc|tba|todo|to ?do|fixme|xxx|wip|n/?a|na|none( yet)?|nothing( yet)?|pending|placeholder|coming soon|later|unknown|not applicable|not yet (defined|decided|known|written)|to be (decided|determined|defined|done|confirmed|written|added|agreed|filled in|completed)|fill (this )?in|lorem ipsum\b.*|no state identified|see (the )?open questions?|-+|—|–|\?+|\.\.\.|…)[\s\p{P}]*)*$`)

// placeholder says whether a piece of text (a sentence or a cell) says
// nothing.
func placeholder(s string) bool { return placeholderRe.MatchString(asciiLower(strings.TrimSpace(s))) }

// requiredTitles are the headings under which content is required: the
// checklist's sections.
var requiredTitles = []terms{stateTitles, hotTitles, failureTitles, monitorTitles, scaleTitles, decisionTitles}

// emptySections returns the sections under a checklist heading whose whole
// subtree holds no sentence that says something, and no code. A section
// whose subsections deliver is not empty.
func (rv *reviewer) emptySections() []int {
	d := rv.d
	var out []int
	for i, s := range d.Sections {
		if s.Level == 0 || d.within(i, notEvidence) || d.within(i, discussTitles) || !requiredTitle(s.Title) {
			continue
		}
		if d.Sections[i].Parent >= 0 && containsInt(out, d.Sections[i].Parent) {
			continue // the enclosing section is reported already
		}
		if !rv.substantive(s.Line+1, s.SubtreeEnd) {
			out = append(out, i)
		}
	}
	return out
}

func requiredTitle(title string) bool {
	if notStateTitles.in(title) {
		return false
	}
	for _, t := range requiredTitles {
		if t.in(title) {
			return true
		}
	}
	return false
}

// substantive says whether lines from..to hold a sentence that is not a
// placeholder, or other content: code, a diagram, links (a state map in a
// code block is content, though not evidence for the keyword rules). The
// answer comes from prefix counts made once, so that a document of a
// thousand placeholder sections stays linear.
func (rv *reviewer) substantive(from, to int) bool {
	if rv.said == nil {
		n := len(rv.d.Lines)
		says := make([]bool, n+1)
		for l := 1; l <= n; l++ {
			says[l] = rv.d.other[l-1]
		}
		for _, s := range rv.sents {
			if s.Line >= 1 && s.Line <= n && !placeholder(s.Text) {
				says[s.Line] = true
			}
		}
		rv.said = make([]int, n+1)
		for l := 1; l <= n; l++ {
			rv.said[l] = rv.said[l-1]
			if says[l] {
				rv.said[l]++
			}
		}
	}
	from, to = max(from, 1), min(to, len(rv.said)-1)
	return from <= to && rv.said[to]-rv.said[from-1] > 0
}

// placeholders adds a high finding per checklist section that says
// nothing, and remembers them: the rules then treat those sections as
// missing.
func (rv *reviewer) placeholders() {
	rv.empty = map[int]bool{}
	for _, i := range rv.emptySections() {
		rv.empty[i] = true
		s := rv.d.Sections[i]
		said := rv.saidIn(s.Line+1, s.SubtreeEnd)
		detail := fmt.Sprintf("Section %q is empty: the heading promises content the document does not give, and the checklist counts it as missing.", s.Title)
		if said != "" {
			detail = fmt.Sprintf("Section %q holds only %q: a placeholder promises content the document does not give, and the checklist counts it as missing.", s.Title, said)
		}
		rv.raise(rPlaceholderSection, rv.sectionRef(i),
			detail, s.Title)
	}
}

// saidIn quotes the placeholders of lines from..to, clipped.
func (rv *reviewer) saidIn(from, to int) string {
	var parts []string
	for _, s := range rv.sents {
		if s.Line >= from && s.Line <= to && strings.TrimSpace(s.Text) != "" {
			parts = append(parts, s.Text)
		}
	}
	return clip(strings.Join(parts, " "))
}

// isEmpty says whether section i is a placeholder section or lies in one.
func (rv *reviewer) isEmpty(i int) bool {
	for ; i >= 0; i = rv.d.Sections[i].Parent {
		if rv.empty[i] {
			return true
		}
	}
	return false
}

// titled returns the sections whose title holds one of t and none of not,
// leaving out the placeholder sections: a heading over "TBD" delivers
// nothing.
func (rv *reviewer) titled(t, not terms) []int {
	var out []int
	for _, i := range rv.d.titled(t, not) {
		if !rv.isEmpty(i) {
			out = append(out, i)
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// columnCell returns the first cell that says something in a column whose
// header holds one of cols, in the tables of the given sections (all
// tables when secs is nil).
func (rv *reviewer) columnCell(cols terms, secs []int) (hit, bool) {
	for _, t := range rv.d.Tables {
		if rv.d.within(t.Section, discussTitles) || secs != nil && !rv.d.inAny(t.Line, secs) {
			continue
		}
		for c, h := range t.Header {
			if !cols.in(h) {
				continue
			}
			for _, r := range t.Rows {
				if c < len(r.Cells) && !placeholder(r.Cells[c]) {
					return hit{Line: r.Line, Section: t.Section, Text: r.Cells[c]}, true
				}
			}
		}
	}
	return hit{}, false
}
