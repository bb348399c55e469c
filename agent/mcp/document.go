package mcp

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/review"
)

// designInput is the input of the design tool.
type designInput struct {
	Requirements string `json:"requirements" jsonschema:"the requirements as YAML, or Markdown with YAML front matter: title (required), summary, functional, workloads (name, kind, rate, peak_factor, item_size, retention, latency_p99, window, cacheable), users, availability, durability, compliance, constraints, growth, features, question, current; unknown keys are an error"`
	Format       string `json:"format,omitempty" jsonschema:"what the text content carries: md, the document as Markdown (default), or json, the Design JSON; the structured content always carries both"`
}

// designOutput is the structured content of a design call.
type designOutput struct {
	Markdown string         `json:"markdown" jsonschema:"the design document as Markdown"`
	Design   *design.Design `json:"design" jsonschema:"the Design JSON: title, kind, requirements, capacity, components, state, hot_paths, failure_scenarios, scaling, decisions, checklist, assumptions, open_questions"`
}

// reviewInput is the input of the review tool.
type reviewInput struct {
	Document string `json:"document" jsonschema:"the design document to review, as Markdown"`
}

// reviewOutput is the structured content of a review call.
type reviewOutput struct {
	Report review.Report `json:"report" jsonschema:"the findings of the review: checklist items missed and anti-patterns found, each with its severity"`
	High   bool          `json:"high" jsonschema:"whether any finding is of high severity"`
}

const designDescription = "Design a system from its requirements with the offline engine: capacity figures with formulas, components from the decision matrix, state ownership, hot paths, failure scenarios, scaling phases and decisions. Returns the document as Markdown and the Design JSON."

// designTool describes the design tool. Its schemas are generated once: a
// Design's is most of the cost of building a server.
var designTool = sync.OnceValue(func() *sdk.Tool {
	t := typedTool[designInput, designOutput]("design", designDescription, "The design document as Markdown and the Design JSON.")
	t.InputSchema.(*jsonschema.Schema).Properties["format"].Enum = []any{"md", "json"}
	return t
})

var designSpec = typedSpec{name: "design", desc: designDescription, tool: designTool}

// designHandler runs the designer: the text content is the document, or
// the Design JSON when the caller asks for json.
func designHandler(d Designer) func(context.Context, designInput) (*sdk.CallToolResult, designOutput, error) {
	return func(_ context.Context, in designInput) (*sdk.CallToolResult, designOutput, error) {
		md, doc, err := d(in.Requirements)
		if err != nil {
			return nil, designOutput{}, prefixed("design", err)
		}
		text := md
		if cmp.Or(in.Format, "md") == "json" {
			b, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				return nil, designOutput{}, fmt.Errorf("design: the Design does not marshal to JSON: %w", err)
			}
			text = string(b)
		}
		return textResult(text), designOutput{Markdown: md, Design: doc}, nil
	}
}

const reviewDescription = "Review a design document against the quality checklist and the known anti-patterns. Returns the findings and whether any is of high severity."

// reviewTool describes the review tool; its schemas are generated once.
var reviewTool = sync.OnceValue(func() *sdk.Tool {
	t := typedTool[reviewInput, reviewOutput]("review", reviewDescription, "The findings and whether any is of high severity.")
	// A Scale marshals as the rates the document states, not as its fields.
	report := t.OutputSchema.(*jsonschema.Schema).Properties["report"]
	report.Properties["scale"] = schemaFor[review.ScaleJSON]("the rates the document states, each with its line")
	return t
})

var reviewSpec = typedSpec{name: "review", desc: reviewDescription, tool: reviewTool}

// reviewHandler runs the reviewer: the text content is the structured
// content as indented JSON.
func reviewHandler(r Reviewer) func(context.Context, reviewInput) (*sdk.CallToolResult, reviewOutput, error) {
	return func(_ context.Context, in reviewInput) (*sdk.CallToolResult, reviewOutput, error) {
		report, err := r(in.Document)
		if err != nil {
			return nil, reviewOutput{}, prefixed("review", err)
		}
		out := reviewOutput{Report: report, High: report.Failed()}
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return nil, reviewOutput{}, fmt.Errorf("review: the report does not marshal to JSON: %w", err)
		}
		return textResult(string(b)), out, nil
	}
}

// textResult is a result whose text content is text; the SDK adds the
// structured content.
func textResult(text string) *sdk.CallToolResult {
	return &sdk.CallToolResult{Content: []sdk.Content{&sdk.TextContent{Text: text}}}
}

// prefixed puts the tool's name before an error that does not start with it.
func prefixed(tool string, err error) error {
	if strings.HasPrefix(err.Error(), tool+":") {
		return err
	}
	return fmt.Errorf("%s: %w", tool, err)
}
