package mcp

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/architect"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
)

// patternsTool describes the archetype catalogue tool, always served: it
// is pure, offline data.
func patternsTool() *sdk.Tool {
	in, err := jsonschema.For[design.PatternQuery](&jsonschema.ForOptions{TypeSchemas: capacity.QuantitySchemas()})
	if err != nil {
		panic(fmt.Sprintf("mcp: schema of the patterns tool: %v", err)) // a programming error, caught by every test
	}
	in.Description = architect.PatternsDescription
	in.Properties["action"].Enum = []any{"list", "get", "match"}
	return &sdk.Tool{
		Name:         "patterns",
		Description:  architect.PatternsDescription,
		InputSchema:  in,
		OutputSchema: schemaFor[design.PatternAnswer]("The catalogue, one archetype, or the archetypes the requirements match with the words they were recognised from."),
		Annotations:  pure(),
	}
}

// patternsHandler answers a patterns call from the catalogue.
func patternsHandler(raw json.RawMessage) *sdk.CallToolResult {
	var q design.PatternQuery
	if len(bytes.TrimSpace(raw)) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return toolError(&capacity.InputError{Tool: "patterns", Msg: "arguments: " + err.Error()})
		}
	}
	ans, err := design.QueryPatterns(q)
	if err != nil {
		return toolError(prefixed("patterns", err))
	}
	b, err := json.MarshalIndent(ans, "", "  ")
	if err != nil {
		return toolError(fmt.Errorf("patterns: the answer does not marshal to JSON: %w", err))
	}
	return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: string(b)}}, StructuredContent: ans}
}
