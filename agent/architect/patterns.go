package architect

import (
	"context"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/design"
)

// PatternsDescription tells the model what the patterns tool is for.
const PatternsDescription = "The archetype catalogue: recurring system problems (short links, news feed, web crawler, chat, rate limiter, " +
	"geo search, video, top-k, …) with the mechanism that solves each, its components, state, failures, decisions and figures. " +
	"Call it with action match and the requirements before choosing components, get for one archetype in full, list for all."

// patternsTool gives the model the archetype catalogue.
func patternsTool() agent.Tool {
	return agent.NewTool("patterns", PatternsDescription, func(_ context.Context, q design.PatternQuery) (design.PatternAnswer, error) {
		return design.QueryPatterns(q)
	})
}
