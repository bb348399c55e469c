package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/patterns"
)

// A design built on the wrong archetype answers a question nobody asked:
// a delivery tracker sized for video egress. A sysarch design names the
// archetypes it is built on under Patterns ("### Web crawler
// (`web-crawler`)"); the review runs the design engine's recognition on
// the ask alone (the title and the Requirements section) and reports an
// archetype the ask does not call for, unless the requirements named it.

var (
	patternHeading = lazyre.New(`\(([a-z0-9]+(?:-[a-z0-9]+)*)\)$`)
	patternsTitle  = newTerms("patterns", "archetypes")
	requirementsT  = newTerms("requirements")
)

// archetypeFit raises a finding per archetype of the Patterns section that
// the ask does not call for.
func (rv *reviewer) archetypeFit() {
	secs := rv.d.titled(patternsTitle, terms{})
	if len(secs) == 0 {
		return
	}
	type builtOn struct {
		id   string
		line int
	}
	var built []builtOn
	for _, i := range secs {
		sec := rv.d.Sections[i]
		for j := i + 1; j < len(rv.d.Sections) && rv.d.Sections[j].Line <= sec.SubtreeEnd; j++ {
			s := rv.d.Sections[j]
			m := patternHeading.FindStringSubmatch(s.Title)
			if m == nil {
				continue
			}
			if _, ok := patterns.Get(m[1]); !ok || forcedIn(rv.d, s) {
				continue
			}
			built = append(built, builtOn{m[1], s.Line})
		}
	}
	if len(built) == 0 {
		return
	}
	title := rv.title
	if _, after, ok := strings.Cut(title, ":"); ok {
		title = after // "System Design: Delivery tracker"
	}
	title = strings.TrimSpace(title)
	var ask strings.Builder
	for _, i := range rv.d.titled(requirementsT, terms{}) {
		s := rv.d.Sections[i]
		for l := s.Line + 1; l <= s.SubtreeEnd; l++ {
			if e := rv.d.Evidence(l); e != "" {
				ask.WriteString(e)
				ask.WriteByte('\n')
			}
		}
	}
	matched := map[string]bool{}
	r := patterns.Recognize(patterns.Input{Title: title, Body: ask.String()})
	for _, m := range r.Matches {
		matched[m.Archetype.ID] = true
	}
	// The Requirements section keeps less of the ask than the engine read:
	// evidence that reaches the threshold with generic words only still
	// says the ask is about the archetype's problem, not another one.
	for _, m := range r.Near {
		if m.Margin >= 0 {
			matched[m.Archetype.ID] = true
		}
	}
	for _, b := range built {
		if matched[b.id] {
			continue
		}
		rv.raise(rArchetypeUnfit, rv.ref(b.line),
			fmt.Sprintf("Line %d builds the design on %s, but neither the title (%q) nor the requirements call for it: its components, sizing and costs answer another problem.", b.line, b.id, title),
			b.id, title)
	}
}

// forcedIn says whether a Patterns subsection says the requirements named
// its archetype ("patterns: [id]").
func forcedIn(d *Document, s Section) bool {
	for l := s.Line + 1; l <= s.End; l++ {
		if strings.Contains(d.Evidence(l), "named in the requirements") {
			return true
		}
	}
	return false
}
