package design

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/requirements"
)

// PatternQuery is the input of the patterns tool, the model's and MCP's
// door to the archetype catalogue.
type PatternQuery struct {
	Action       string                     `json:"action" jsonschema:"list (every archetype), get (one by id) or match (the archetypes a set of requirements poses)"`
	ID           string                     `json:"id,omitempty" jsonschema:"archetype id for get, e.g. news-feed"`
	Requirements *requirements.Requirements `json:"requirements,omitempty" jsonschema:"requirements to match (the requirements schema), for match"`
}

// PatternAnswer is what the patterns tool returns: the list, one
// archetype in full, or the matches with the words they were seen in.
type PatternAnswer struct {
	Action     string              `json:"action"`
	Archetypes []ArchetypeBrief    `json:"archetypes,omitempty"`
	Archetype  *patterns.Archetype `json:"archetype,omitempty"`
	Matches    []PatternUse        `json:"matches,omitempty"`
	// Possibly lists near misses: archetypes with one telling phrase in
	// the ask, not merged.
	Possibly []string `json:"possibly_relevant,omitempty"`
	Next     string   `json:"next,omitempty"`
}

// ArchetypeBrief is one line of the catalogue.
type ArchetypeBrief struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Mechanism string `json:"mechanism"`
}

// QueryPatterns answers a patterns tool call.
func QueryPatterns(q PatternQuery) (PatternAnswer, error) {
	action := strings.ToLower(strings.TrimSpace(q.Action))
	switch action {
	case "", "list":
		out := PatternAnswer{Action: "list", Next: "get one by id for its components, state, failures, decisions and figures"}
		for _, a := range patterns.All() {
			out.Archetypes = append(out.Archetypes, ArchetypeBrief{ID: a.ID, Name: a.Name, Mechanism: firstSentence(a.Mechanism)})
		}
		return out, nil
	case "get":
		a, ok := patterns.Get(strings.TrimSpace(q.ID))
		if !ok {
			return PatternAnswer{}, fmt.Errorf("unknown archetype %q; call patterns with action list for the ids", q.ID)
		}
		return PatternAnswer{Action: "get", Archetype: a}, nil
	case "match":
		if q.Requirements == nil {
			return PatternAnswer{}, fmt.Errorf("match needs requirements: pass the requirements object (the record_requirements schema)")
		}
		d, err := Build(*q.Requirements, Options{})
		if err != nil {
			return PatternAnswer{}, err
		}
		out := PatternAnswer{Action: "match", Matches: d.Patterns, Next: "design around each match's mechanism; force or exclude one with patterns: [id, -id] in the requirements"}
		for _, m := range Recognize(*q.Requirements).Near {
			out.Possibly = append(out.Possibly, fmt.Sprintf("%s, because %s; add patterns: [%s] if it is", m.Archetype.ID, strings.Join(m.Evidence, "; "), m.Archetype.ID))
		}
		if len(out.Matches) == 0 {
			out.Next = NoArchetype + ": the decision matrix alone sizes the parts; ask what would decide the mechanism (" + strings.Join(mechanismQuestions, " ") + ")"
		}
		return out, nil
	}
	return PatternAnswer{}, fmt.Errorf("unknown action %q; expected list, get or match", q.Action)
}

// firstSentence is the text up to its first full stop followed by a space.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.Index(s, ". "); i >= 0 {
		return s[:i+1]
	}
	return s
}
