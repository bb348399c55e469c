package mcp

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/architect"
	"github.com/sysarch/sysarch/agent/design"
)

// patternsTool describes the archetype catalogue tool, always served: it
// is pure, offline data. Its schemas are generated once.
var patternsTool = sync.OnceValue(func() *sdk.Tool {
	t := typedTool[design.PatternQuery, design.PatternAnswer]("patterns", architect.PatternsDescription,
		"The catalogue, one archetype, or the archetypes the requirements match with the words they were recognised from.")
	t.InputSchema.(*jsonschema.Schema).Properties["action"].Enum = []any{"list", "get", "match"}
	return t
})

var patternsSpec = typedSpec{name: "patterns", desc: architect.PatternsDescription, tool: patternsTool}

// patternsHandler answers a patterns call from the catalogue; the text
// content is the answer as indented JSON.
func patternsHandler(_ context.Context, q design.PatternQuery) (*sdk.CallToolResult, design.PatternAnswer, error) {
	ans, err := design.QueryPatterns(q)
	if err != nil {
		return nil, design.PatternAnswer{}, prefixed("patterns", err)
	}
	b, err := json.MarshalIndent(ans, "", "  ")
	if err != nil {
		return nil, design.PatternAnswer{}, fmt.Errorf("patterns: the answer does not marshal to JSON: %w", err)
	}
	return textResult(string(b)), ans, nil
}
