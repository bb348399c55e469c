package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
)

// schemaFor generates the schema of T with capacity.SchemaFor, the one
// generator behind every tool sysarch serves, and describes it.
func schemaFor[T any](desc string) *jsonschema.Schema {
	s, err := capacity.SchemaFor[T]()
	if err != nil {
		panic(fmt.Sprintf("mcp: schema of %T: %v", *new(T), err)) // a programming error, caught by every test
	}
	s.Description = desc
	return s
}

// typedTool describes a pure tool whose input and output schemas are
// generated from In and Out.
func typedTool[In, Out any](name, desc, outDesc string) *sdk.Tool {
	return &sdk.Tool{
		Name:         name,
		Description:  desc,
		InputSchema:  schemaFor[In](desc),
		OutputSchema: schemaFor[Out](outDesc),
		Annotations:  pure(),
	}
}

// addTyped serves run as the tool t through the SDK's typed AddTool: the
// SDK decodes In and sends Out as the structured content, checked against
// t's output schema. Before the SDK sees a call, checkArgs answers bad
// arguments in the words a capacity tool uses, so the calling model reads
// one kind of error whichever tool it called.
func addTyped[In, Out any](s *sdk.Server, c *calls, t *sdk.Tool, run func(context.Context, In) (*sdk.CallToolResult, Out, error)) {
	schema := t.InputSchema.(*jsonschema.Schema)
	c.checks[t.Name] = func(args json.RawMessage) error { return checkArgs[In](t.Name, schema, args) }
	sdk.AddTool(s, t, func(ctx context.Context, _ *sdk.CallToolRequest, in In) (*sdk.CallToolResult, Out, error) {
		return run(ctx, in)
	})
}

// checkArgs checks the arguments of tool against its schema and In. Each
// error names its field: an unknown input, a value of the wrong kind or
// outside its enumeration, a required input missing or blank, and last a
// field deeper down that In does not have or cannot hold.
func checkArgs[In any](tool string, schema *jsonschema.Schema, raw json.RawMessage) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		raw = json.RawMessage("{}")
	}
	var in map[string]json.RawMessage
	if err := json.Unmarshal(raw, &in); err != nil {
		return &capacity.InputError{Tool: tool, Msg: "arguments must be a JSON object: " + err.Error()}
	}
	for _, k := range slices.Sorted(maps.Keys(in)) {
		p, ok := schema.Properties[k]
		if !ok {
			return &capacity.InputError{Tool: tool, Field: k, Msg: "unknown input; accepted: " + strings.Join(schema.PropertyOrder, ", ")}
		}
		if msg := checkValue(k, p, in[k]); msg != "" {
			return &capacity.InputError{Tool: tool, Field: k, Msg: msg}
		}
	}
	for _, k := range schema.Required {
		var s string
		if v, ok := in[k]; !ok || json.Unmarshal(v, &s) == nil && strings.TrimSpace(s) == "" {
			return &capacity.InputError{Tool: tool, Field: k, Msg: "is required: " + schema.Properties[k].Description}
		}
	}
	var v In
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		return &capacity.InputError{Tool: tool, Msg: "arguments: " + err.Error()}
	}
	return nil
}

// checkValue says what is wrong with the value v of the input key, or "".
func checkValue(key string, p *jsonschema.Schema, v json.RawMessage) string {
	want := p.Types
	if p.Type != "" {
		want = []string{p.Type}
	}
	got := jsonKind(v)
	if len(want) > 0 && !slices.ContainsFunc(want, func(t string) bool { return kindOf(t) == got }) {
		return "expected " + kindOf(want[len(want)-1]) + ", got " + got
	}
	var s string
	if len(p.Enum) > 0 && json.Unmarshal(v, &s) == nil && !slices.Contains(p.Enum, any(s)) {
		opts := make([]string, len(p.Enum))
		for i, e := range p.Enum {
			opts[i] = fmt.Sprint(e)
		}
		list := opts[len(opts)-1]
		if len(opts) > 1 {
			list = strings.Join(opts[:len(opts)-1], ", ") + " or " + list
		}
		return fmt.Sprintf("unknown %s %q; expected %s", key, s, list)
	}
	return ""
}

// kindOf names the values of a JSON Schema type as jsonKind does.
func kindOf(schemaType string) string {
	switch schemaType {
	case "string":
		return "a string"
	case "object":
		return "an object"
	case "array":
		return "a list"
	case "boolean":
		return "true or false"
	case "null":
		return "null"
	}
	return "a number"
}

// jsonKind names the kind of a JSON value for an error message.
func jsonKind(v json.RawMessage) string {
	switch t := strings.TrimSpace(string(v)); {
	case strings.HasPrefix(t, `"`):
		return "a string"
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
