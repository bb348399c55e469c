package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/patterns"
)

// schemaFor generates the schema of T with capacity.SchemaFor, the one
// generator behind every tool sysarch serves, and describes it.
func schemaFor[T any](desc string) *jsonschema.Schema {
	s, err := capacity.SchemaFor[T](ownSchemas())
	if err != nil {
		panic(fmt.Sprintf("mcp: schema of %T: %v", *new(T), err)) // a programming error, caught by every test
	}
	s.Description = desc
	return s
}

// ownSchemas are the schemas of the types whose JSON is not what their
// Go type suggests: a figure's inputs are a list sorted by name, written
// as an object of strings.
func ownSchemas() map[reflect.Type]*jsonschema.Schema {
	return map[reflect.Type]*jsonschema.Schema{
		reflect.TypeFor[patterns.Inputs](): {Type: "object", AdditionalProperties: &jsonschema.Schema{Type: "string"}},
	}
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

// typedSpec names a typed tool and builds its description with the
// schemas generated from its Go types, which a server needs only when the
// tool is called (or when schemas_gen.go does not have them).
type typedSpec struct {
	name, desc string
	tool       func() *sdk.Tool
}

// addTyped serves run as the tool spec describes. The list shows the
// schemas as schemas_gen.go has them, as JSON: generating a Design's
// schema from its Go types, resolving it and encoding it again were most
// of the cost of starting a server. The first call builds and resolves
// them. Before the call reaches run, checkArgs answers bad arguments in
// the words a capacity tool uses, so the calling model reads one kind of
// error whichever tool it called; the input is then checked against the
// schema with its defaults applied, decoded into In, and Out is sent as
// the structured content, checked against the output schema.
func addTyped[In, Out any](s *sdk.Server, c *calls, spec typedSpec, run func(context.Context, In) (*sdk.CallToolResult, Out, error)) {
	in, out, ok := generatedSchemas(spec.name)
	if !ok {
		t := spec.tool()
		in, out = mustJSON(t.InputSchema), mustJSON(t.OutputSchema)
	}
	c.checks[spec.name] = func(args json.RawMessage) error {
		return checkArgs[In](spec.name, spec.tool().InputSchema.(*jsonschema.Schema), args)
	}
	s.AddTool(&sdk.Tool{
		Name:         spec.name,
		Description:  spec.desc,
		InputSchema:  json.RawMessage(in),
		OutputSchema: json.RawMessage(out),
		Annotations:  pure(),
	}, typedHandler(spec, run))
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("mcp: schema does not marshal: %v", err)) // a programming error, caught by every test
	}
	return string(b)
}

// typedHandler decodes a call's arguments into In, runs run and encodes
// its Out as the structured content, each checked against the resolved
// schemas, as the SDK's typed tools do.
func typedHandler[In, Out any](spec typedSpec, run func(context.Context, In) (*sdk.CallToolResult, Out, error)) sdk.ToolHandler {
	resolved := sync.OnceValues(func() ([2]*jsonschema.Resolved, error) {
		t := spec.tool()
		opts := &jsonschema.ResolveOptions{ValidateDefaults: true}
		in, err := t.InputSchema.(*jsonschema.Schema).Resolve(opts)
		if err != nil {
			return [2]*jsonschema.Resolved{}, fmt.Errorf("%s: input schema: %w", spec.name, err)
		}
		out, err := t.OutputSchema.(*jsonschema.Schema).Resolve(opts)
		if err != nil {
			return [2]*jsonschema.Resolved{}, fmt.Errorf("%s: output schema: %w", spec.name, err)
		}
		return [2]*jsonschema.Resolved{in, out}, nil
	})
	failed := func(err error) *sdk.CallToolResult {
		var res sdk.CallToolResult
		res.SetError(err)
		return &res
	}
	return func(ctx context.Context, req *sdk.CallToolRequest) (*sdk.CallToolResult, error) {
		rs, err := resolved()
		if err != nil {
			return nil, err
		}
		var args any = map[string]any{}
		if raw := req.Params.Arguments; len(raw) > 0 {
			if err := json.Unmarshal(raw, &args); err != nil {
				return failed(fmt.Errorf("validating \"arguments\": unmarshaling arguments: %w", err)), nil
			}
		}
		input, err := withDefaults(rs[0], args)
		if err != nil {
			return failed(fmt.Errorf("validating \"arguments\": %v", err)), nil
		}
		var v In
		if err := json.Unmarshal(input, &v); err != nil {
			return failed(err), nil
		}
		res, out, err := run(ctx, v)
		if err != nil {
			return failed(err), nil
		}
		if res == nil {
			res = &sdk.CallToolResult{}
		}
		raw, err := json.Marshal(out)
		if err != nil {
			return nil, fmt.Errorf("marshaling output: %w", err)
		}
		var got any
		if err := json.Unmarshal(raw, &got); err != nil {
			return nil, fmt.Errorf("validating tool output: unmarshaling output: %w", err)
		}
		if _, isObject := got.(map[string]any); isObject {
			if raw, err = withDefaults(rs[1], got); err != nil {
				return nil, fmt.Errorf("validating tool output: %w", err)
			}
		} else if err := rs[1].Validate(&got); err != nil {
			return nil, fmt.Errorf("validating tool output: %w", err)
		}
		res.StructuredContent = json.RawMessage(raw)
		if res.Content == nil {
			res.Content = []sdk.Content{&sdk.TextContent{Text: string(raw)}}
		}
		return res, nil
	}
}

// withDefaults fills an object's defaults from its schema, validates it
// and encodes it again.
func withDefaults(rs *jsonschema.Resolved, v any) (json.RawMessage, error) {
	if err := rs.ApplyDefaults(&v); err != nil {
		return nil, fmt.Errorf("applying schema defaults:\n%w", err)
	}
	if err := rs.Validate(&v); err != nil {
		return nil, err
	}
	return json.Marshal(v)
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
