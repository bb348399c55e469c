package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// A component the document lists (in a components table or list) and
// never mentions again is either dead weight or a part whose data flow,
// failure handling and cost were never thought through: a reviewer asks
// which. The list is read from the sections titled as components,
// architecture or services; a mention anywhere else counts, a diagram in a
// code block included.

var (
	componentTitles = newTerms("component*", "architecture", "services", "building blocks", "modules", "system overview")
	componentColumn = newTerms("component*", "service*", "name", "module*", "box", "part")
	techColumn      = newTerms("technology", "tech", "implementation", "choice", "product")
	techName        = lazyre.New(`[a-z][a-z0-9.+-]*[0-9a-z]`)
	boldItem        = lazyre.Guarded(`^\s*(?:[-*+]|\d+\.)\s+\*\*([^*]{2,50})\*\*`, "**")
	colonItem       = lazyre.New(`^\s*(?:[-*+]|\d+\.)\s+([A-Z][\w /-]{2,40}?)\s*(?::|—|–| - )`)
	parenthesised   = lazyre.New(`\s*\([^)]*\)`)
	// genericWords name no component on their own.
	genericWords = map[string]bool{"service": true, "services": true, "server": true, "servers": true, "layer": true, "store": true, "storage": true, "database": true,
		"cache": true, "worker": true, "workers": true, "queue": true, "cluster": true, "nodes": true, "instance": true, "instances": true, "system": true,
		"module": true, "component": true, "primary": true, "replica": true, "replicas": true, "with": true, "each": true, "main": true, "data": true}
)

// unmentionedComponents raises a finding per listed component that no
// other part of the document mentions.
func (rv *reviewer) unmentionedComponents() {
	i := rv.model.componentsSection
	if i < 0 {
		return
	}
	sec := rv.d.Sections[i]
	outside := rv.textOutside(i)
	for _, c := range rv.model.Components {
		if mentioned(outside, c.Name) || c.Technology != "" && techMentioned(outside, c.Technology) {
			continue
		}
		rv.raise(rComponentUnmentioned, rv.ref(c.Line),
			fmt.Sprintf("%q is listed under %q (line %d) and named nowhere else: no data flow passes through it, no failure scenario, monitoring or cost covers it.", c.Name, sec.Title, c.Line),
			c.Name, sec.Title)
	}
}

type listedComponent struct {
	name string
	line int
	tech string // the technology the table gives, "" for none
}

// componentsIn reads the components a section lists: the first column of
// a table whose first header names components, and list items that open
// with a bold name or "Name:".
func (rv *reviewer) componentsIn(i int) []listedComponent {
	sec := rv.d.Sections[i]
	var out []listedComponent
	for _, t := range rv.d.Tables {
		if t.Line <= sec.Line || t.Line > sec.SubtreeEnd || len(t.Header) == 0 || !componentColumn.in(t.Header[0]) {
			continue
		}
		tech := -1
		for k, h := range t.Header {
			if techColumn.in(h) {
				tech = k
				break
			}
		}
		for _, r := range t.Rows {
			if len(r.Cells) > 0 && strings.TrimSpace(r.Cells[0]) != "" {
				c := listedComponent{name: strings.Trim(r.Cells[0], " *_`"), line: r.Line}
				if tech > 0 && tech < len(r.Cells) {
					c.tech = r.Cells[tech]
				}
				out = append(out, c)
			}
		}
	}
	for l := sec.Line + 1; l <= sec.SubtreeEnd && l <= len(rv.d.Lines); l++ {
		if rv.d.InCode(l) {
			continue
		}
		for _, re := range []*lazyre.Regexp{boldItem, colonItem} {
			if m := re.FindStringSubmatch(rv.d.Lines[l-1]); m != nil {
				out = append(out, listedComponent{name: strings.TrimSpace(m[1]), line: l})
				break
			}
		}
	}
	return out
}

// sectionsOutside counts the sections with prose outside section i's
// subtree: a short note has no other sections to mention its parts in.
func (rv *reviewer) sectionsOutside(i int) int {
	sec := rv.d.Sections[i]
	n := 0
	for j, s := range rv.d.Sections {
		if j == i || s.Line > sec.Line && s.Line <= sec.SubtreeEnd {
			continue
		}
		for l := s.Line; l <= s.End && l <= len(rv.d.Lines); l++ {
			if rv.d.Evidence(l) != "" {
				n++
				break
			}
		}
	}
	return n
}

// textOutside is the document's raw text, lower-cased, without section
// i's subtree and without front matter: diagrams and headings count as
// mentions.
func (rv *reviewer) textOutside(i int) string {
	sec := rv.d.Sections[i]
	var b strings.Builder
	skip := frontMatterEnd(rv.d.Lines)
	for l, line := range rv.d.Lines {
		if l < skip || l+1 >= sec.Line && l+1 <= sec.SubtreeEnd {
			continue
		}
		b.WriteString(strings.ToLower(line))
		b.WriteByte('\n')
	}
	return b.String()
}

// mentioned says whether text names the component: its whole name, or
// the stem of one of its telling words ("sequenc" of "Sequencer",
// "balanc" of "Load balancer"); a name made only of generic words
// ("Cache and queue") by any of them.
func mentioned(text, name string) bool {
	n := strings.ToLower(parenthesised.ReplaceAllString(name, ""))
	n = oneSpaced(n)
	if n == "" || strings.Contains(text, n) {
		return true
	}
	words := strings.FieldsFunc(n, func(r rune) bool { return r == ' ' || r == '/' || r == ',' })
	telling := false
	for _, w := range words {
		if len(w) < 4 || genericWords[w] {
			continue
		}
		telling = true
		if hasWord(text, w) {
			return true
		}
	}
	if !telling {
		for _, w := range words {
			if len(w) >= 4 && hasWord(text, w) {
				return true
			}
		}
	}
	return false
}

// hasWord says whether text holds w as a word, or a word of w's stem
// with a short ending ("sequence" for "sequencer"): "engineer" is not
// "engine".
func hasWord(text, w string) bool {
	st := stem(w)
	for off := 0; ; {
		i := strings.Index(text[off:], st)
		if i < 0 {
			return false
		}
		p := off + i
		end := p + len(st)
		for end < len(text) && isWordByte(text[end]) && end-(p+len(st)) <= 3 {
			end++
		}
		if (p == 0 || !isWordByte(text[p-1])) && (end == len(text) || !isWordByte(text[end])) {
			extra := end - p - len(st)
			if extra == 0 || st != w && extra <= 3 || st == w && text[p+len(st):end] == "s" {
				return true
			}
		}
		off = p + 1
	}
}

// stem cuts a common ending off a word, keeping at least four letters.
func stem(w string) string {
	for _, end := range []string{"ers", "er", "ors", "or", "ing", "es", "s"} {
		if s, ok := strings.CutSuffix(w, end); ok && len(s) >= 4 {
			return s
		}
	}
	return w
}

// techMentioned says whether text names the product a component is built
// on ("S3", "Redis 7"): the part is then in the document by that name.
func techMentioned(text, tech string) bool {
	for _, w := range techName.FindAllString(strings.ToLower(tech), 3) {
		if len(w) >= 2 && !genericWords[w] && w != "and" && w != "the" && w != "one" && w != "with" && strings.Contains(text, w) {
			return true
		}
	}
	return false
}
