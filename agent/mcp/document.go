package mcp

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
)

// designInput is the input of the design tool; it exists for its schema.
type designInput struct {
	Requirements string `json:"requirements" jsonschema:"the requirements as YAML, or Markdown with YAML front matter: title (required), summary, functional, workloads (name, kind, rate, peak_factor, item_size, retention, latency_p99, window, cacheable), users, availability, durability, compliance, constraints, growth, features, question, current; unknown keys are an error"`
	Format       string `json:"format,omitempty" jsonschema:"what the text content carries: md, the document as Markdown (default), or json, the Design JSON; the structured content always carries both"`
}

// designOutput is the structured content of a design call.
type designOutput struct {
	Markdown string `json:"markdown" jsonschema:"the design document as Markdown"`
	Design   any    `json:"design" jsonschema:"the Design JSON: title, kind, requirements, capacity, components, state, hot_paths, failure_scenarios, scaling, decisions, checklist, assumptions, open_questions"`
}

// reviewInput is the input of the review tool; it exists for its schema.
type reviewInput struct {
	Document string `json:"document" jsonschema:"the design document to review, as Markdown"`
}

// reviewOutput is the structured content of a review call.
type reviewOutput struct {
	Report any  `json:"report" jsonschema:"the findings of the review: checklist items missed and anti-patterns found, each with its severity"`
	High   bool `json:"high" jsonschema:"whether any finding is of high severity"`
}

// schemaFor generates the schema of T, never written by hand.
func schemaFor[T any](desc string) *jsonschema.Schema {
	s, err := jsonschema.For[T](nil)
	if err != nil {
		panic(fmt.Sprintf("mcp: schema of %T: %v", *new(T), err)) // a programming error, caught by every test
	}
	s.Description = desc
	return s
}

const designDescription = "Design a system from its requirements with the offline engine: capacity figures with formulas, components from the decision matrix, state ownership, hot paths, failure scenarios, scaling phases and decisions. Returns the document as Markdown and the Design JSON."

func designTool() *sdk.Tool {
	in := schemaFor[designInput](designDescription)
	in.Properties["format"].Enum = []any{"md", "json"}
	return &sdk.Tool{
		Name:         "design",
		Description:  designDescription,
		InputSchema:  in,
		OutputSchema: schemaFor[designOutput]("The design document as Markdown and the Design JSON."),
		Annotations:  pure(),
	}
}

func designHandler(design Designer) func(json.RawMessage) *sdk.CallToolResult {
	schema := designTool().InputSchema.(*jsonschema.Schema)
	return func(raw json.RawMessage) *sdk.CallToolResult {
		args, err := stringArgs("design", schema, raw)
		if err != nil {
			return toolError(err)
		}
		format := cmp.Or(args["format"], "md")
		if format != "md" && format != "json" {
			return toolError(&capacity.InputError{Tool: "design", Field: "format", Msg: fmt.Sprintf("unknown format %q; expected md or json", format)})
		}
		md, doc, err := design(args["requirements"])
		if err != nil {
			return toolError(prefixed("design", err))
		}
		text := md
		if format == "json" {
			b, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				return toolError(fmt.Errorf("design: the Design does not marshal to JSON: %w", err))
			}
			text = string(b)
		}
		return &sdk.CallToolResult{
			Content:           []sdk.Content{&sdk.TextContent{Text: text}},
			StructuredContent: designOutput{Markdown: md, Design: doc},
		}
	}
}

const reviewDescription = "Review a design document against the quality checklist and the known anti-patterns. Returns the findings and whether any is of high severity."

func reviewTool() *sdk.Tool {
	return &sdk.Tool{
		Name:         "review",
		Description:  reviewDescription,
		InputSchema:  schemaFor[reviewInput](reviewDescription),
		OutputSchema: schemaFor[reviewOutput]("The findings and whether any is of high severity."),
		Annotations:  pure(),
	}
}

func reviewHandler(review Reviewer) func(json.RawMessage) *sdk.CallToolResult {
	schema := reviewTool().InputSchema.(*jsonschema.Schema)
	return func(raw json.RawMessage) *sdk.CallToolResult {
		args, err := stringArgs("review", schema, raw)
		if err != nil {
			return toolError(err)
		}
		report, high, err := review(args["document"])
		if err != nil {
			return toolError(prefixed("review", err))
		}
		out := reviewOutput{Report: report, High: high}
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return toolError(fmt.Errorf("review: the report does not marshal to JSON: %w", err))
		}
		return &sdk.CallToolResult{
			Content:           []sdk.Content{&sdk.TextContent{Text: string(b)}},
			StructuredContent: out,
		}
	}
}

// stringArgs decodes arguments whose inputs are all strings, as schema
// lists them. Each error names its field: an unknown input, a value that
// is not a string, a required input missing or blank.
func stringArgs(tool string, schema *jsonschema.Schema, raw json.RawMessage) (map[string]string, error) {
	var in map[string]json.RawMessage
	if len(strings.TrimSpace(string(raw))) > 0 {
		if err := json.Unmarshal(raw, &in); err != nil {
			return nil, &capacity.InputError{Tool: tool, Msg: "arguments must be a JSON object: " + err.Error()}
		}
	}
	keys := make([]string, 0, len(in))
	for k := range in {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	args := map[string]string{}
	for _, k := range keys {
		if _, ok := schema.Properties[k]; !ok {
			return nil, &capacity.InputError{Tool: tool, Field: k, Msg: "unknown input; accepted: " + strings.Join(schema.PropertyOrder, ", ")}
		}
		var s string
		if err := json.Unmarshal(in[k], &s); err != nil {
			return nil, &capacity.InputError{Tool: tool, Field: k, Msg: "expected a string, got " + jsonKind(in[k])}
		}
		args[k] = s
	}
	for _, k := range schema.Required {
		if strings.TrimSpace(args[k]) == "" {
			return nil, &capacity.InputError{Tool: tool, Field: k, Msg: "is required: " + schema.Properties[k].Description}
		}
	}
	return args, nil
}

// prefixed puts the tool's name before an error that does not start with it.
func prefixed(tool string, err error) error {
	if strings.HasPrefix(err.Error(), tool+":") {
		return err
	}
	return fmt.Errorf("%s: %w", tool, err)
}

// jsonKind names the kind of a JSON value for an error message.
func jsonKind(v json.RawMessage) string {
	switch t := strings.TrimSpace(string(v)); {
	case strings.HasPrefix(t, "{"):
		return "an object"
	case strings.HasPrefix(t, "["):
		return "a list"
	case t == "true" || t == "false":
		return "true or false"
	case t == "null":
		return "null"
	}
	return "a number"
}
