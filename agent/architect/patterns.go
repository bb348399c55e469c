package architect

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/design"
)

// PatternsDescription tells the model what the patterns tool is for.
const PatternsDescription = "The archetype catalogue: recurring system problems (short links, news feed, web crawler, chat, rate limiter, " +
	"geo search, video, top-k, …) with the mechanism that solves each, its components, state, failures, decisions and figures. " +
	"Call it with action match and the requirements before choosing components, get for one archetype in full, list for all."

// patternsTool gives the model the archetype catalogue.
func patternsTool() agent.Tool {
	return agent.Tool{
		Def: agent.ToolDef{Name: "patterns", Description: PatternsDescription, Parameters: schemaOf[design.PatternQuery]()},
		Run: func(_ context.Context, args json.RawMessage) (string, error) {
			var q design.PatternQuery
			dec := json.NewDecoder(strings.NewReader(string(args)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&q); err != nil {
				return "", fmt.Errorf("patterns: %v", err)
			}
			ans, err := design.QueryPatterns(q)
			if err != nil {
				return "", err
			}
			b, err := json.Marshal(ans)
			return string(b), err
		},
	}
}
