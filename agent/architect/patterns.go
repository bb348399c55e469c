package architect

import (
	"context"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/design"
)

// PatternsDescription tells the model what the patterns tool is for.
const PatternsDescription = "The archetype catalogue: recurring system problems (short links, feed, crawler, chat, rate limiter, geo search, video, top-k, …), " +
	"each with its mechanism, components, state, failures, decisions and figures. get: one in full; list: all; match: the archetypes requirements pose."

// patternsTool gives the model the archetype catalogue. A match without
// requirements matches the recorded ones, so the model is shown the
// requirements as an object rather than their whole schema again (it
// has it in record_requirements); the arguments are still checked
// against it.
func (s *Session) patternsTool() agent.Tool {
	t := agent.NewTool("patterns", PatternsDescription+" The draft lists those of the recorded requirements.", func(_ context.Context, q design.PatternQuery) (design.PatternAnswer, error) {
		if q.Action == "match" && q.Requirements == nil {
			q.Requirements = s.Requirements()
		}
		return design.QueryPatterns(q)
	})
	return editFields(t, func(props map[string]any) {
		if props != nil {
			props["requirements"] = map[string]any{"type": "object", "description": "for match: requirements in record_requirements' schema; omitted, the recorded ones"}
		}
	})
}
