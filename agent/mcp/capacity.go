package mcp

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
)

// resultSchema is the output schema of every capacity tool: a
// capacity.Result with its summary.
var resultSchema = sync.OnceValue(func() *jsonschema.Schema {
	return schemaFor[summarised]("The tool's Result: a summary for a reader (rounded figures, the formula), its inputs after defaults, its outputs in base units (seconds, bytes, per second), the unit of each output, the formula that produced them and notes.")
})

// summarised is a capacity tool's structured content: the Result, led by
// the text a person reads. Codex, and other clients that pass a model the
// structured content instead of the text content, would otherwise show
// only raw figures such as 38.0264862082.
type summarised struct {
	// Summary is the text content: outputs rounded as sysarch calc
	// prints them, then the formula and notes.
	Summary string `json:"summary"`
	capacity.Result
}

// pure marks a tool that only computes: no side effects, same answer for
// the same input, nothing outside the process consulted.
func pure() *sdk.ToolAnnotations {
	no := false
	return &sdk.ToolAnnotations{ReadOnlyHint: true, IdempotentHint: true, DestructiveHint: &no, OpenWorldHint: &no}
}

// capacityTool describes a registry tool with the registry's own name,
// description and generated input schema. A tool of the default registry
// takes its schemas from schemas_gen.go, as JSON, instead of generating
// them from Go types in every process.
func capacityTool(t capacity.Tool, isDefault bool) *sdk.Tool {
	tool := &sdk.Tool{Name: t.Name, Description: t.Description, Annotations: pure()}
	if in, out, ok := generatedSchemas(t.Name); ok && isDefault {
		tool.InputSchema, tool.OutputSchema = json.RawMessage(in), json.RawMessage(out)
		return tool
	}
	tool.InputSchema, tool.OutputSchema = t.Schema(), resultSchema()
	return tool
}

// capacityHandler runs a registry tool: its outputs and formula as text,
// and the Result with that text as structured content.
func capacityHandler(t capacity.Tool) sdk.ToolHandler {
	return func(_ context.Context, req *sdk.CallToolRequest) (*sdk.CallToolResult, error) {
		r, err := t.Run(req.Params.Arguments)
		if err != nil {
			return toolError(err), nil
		}
		text := summary(r)
		return &sdk.CallToolResult{
			Content:           []sdk.Content{&sdk.TextContent{Text: text}},
			StructuredContent: summarised{Summary: text, Result: r},
		}, nil
	}
}

// summary writes a Result for a reader of text: one line per output in
// reading order, formatted as `sysarch calc` prints them (the exact values
// are in the structured content), then the formula and notes.
func summary(r capacity.Result) string {
	var b strings.Builder
	b.WriteString(r.Tool + "\n")
	keys := r.Order
	if len(keys) == 0 {
		for k := range r.Outputs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
	}
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\n", k, design.FormatOutput(r.Outputs[k], r.Units[k]))
	}
	b.WriteString("formula: " + r.Formula)
	for _, n := range r.Notes {
		b.WriteString("\nnote: " + n)
	}
	return b.String()
}
