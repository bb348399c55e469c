package design

import (
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Recognize weighs the catalogue against a set of requirements as a
// design would, without building one: the chat's /patterns lists it.
func Recognize(r requirements.Requirements) patterns.Recognition {
	b := &builder{req: r}
	for _, w := range r.Workloads {
		b.loads = append(b.loads, &load{Workload: w, kind: w.Kind})
	}
	return patterns.Recognize(b.patternInput())
}

// NoArchetype is what a design says at its top when no archetype fits.
const NoArchetype = "No known archetype fits; the mechanism is the open question"

// mechanismQuestions are asked when no archetype fits: their answers
// decide the mechanism the decision matrix alone cannot choose.
var mechanismQuestions = []string{
	"What must the system compute on each request, and from what: a lookup by key, a search, an aggregate over recent history, a call to another system, or a model's output?",
	"Which state is the source of truth, who writes it, and how fresh must each reader see it?",
	"When two people act on the same item at once, may both succeed, must one fail, or must their changes merge?",
	"Which results are pushed to people as they happen, and which do they fetch when they look?",
	"Does any answer take long to produce (a stream, a batch, an approval by a person), and what does the user see meanwhile?",
}

// unrecognised lists the near misses under Open Questions instead of
// merging them, and when nothing matched says so and asks what would
// decide the mechanism.
func (b *builder) unrecognised(near []patterns.Match) {
	for _, m := range near {
		ev := m.Evidence
		if len(ev) > maxEvidence {
			ev = ev[:maxEvidence]
		}
		b.ask("Possibly relevant: %s (`%s`), because %s; not merged: %s. If it is, add `patterns: [%s]` to the requirements.",
			m.Archetype.Name, m.Archetype.ID, strings.Join(ev, "; "), m.Short(), m.Archetype.ID)
	}
	if len(b.d.Patterns) > 0 {
		return
	}
	b.d.Recognition = NoArchetype + "."
	b.ask("Mechanism (no known archetype fits): %s", strings.Join(mechanismQuestions, " "))
}
