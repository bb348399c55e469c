// Package capacity is sysarch's registry of capacity tools: pure functions that
// turn requirements into figures (rates, storage, bandwidth, servers,
// availability, cache, partitions, latency budgets) and pick components from
// the decision matrix.
//
// Each tool has a typed input struct whose JSON Schema is generated from the
// struct, never written by hand. The same registry serves the LLM (as
// OpenAI tool definitions), the CLI (`sysarch calc`) and the MCP server.
// Every call returns a Result whose formula shows how each figure was
// reached.
package capacity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Result is what every tool returns.
type Result struct {
	Tool    string         `json:"tool"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
	Formula string         `json:"formula"`
	Notes   []string       `json:"notes,omitempty"`
	// Units names the unit of each numeric output: "per_second", "bytes",
	// "bits_per_second", "seconds", "count", "percent", "ratio", "usd".
	Units map[string]string `json:"units,omitempty"`
	// Order lists the output keys in the order a person should read them.
	Order []string `json:"-"`
}

// Tool is one registered capacity tool.
type Tool struct {
	Name        string
	Description string
	InputType   reflect.Type
	// schema generates the JSON Schema of the input once, when first
	// asked: a design runs the tools and never reads their schemas.
	schema func() *jsonschema.Schema
	run    func(args json.RawMessage) (Result, error)
}

// Schema returns the JSON Schema of the input, generated from InputType
// on first use and shared after: callers must not change it.
func (t Tool) Schema() *jsonschema.Schema { return t.schema() }

// Run decodes raw JSON arguments and runs the tool.
func (t Tool) Run(args json.RawMessage) (Result, error) {
	if len(bytes.TrimSpace(args)) == 0 || bytes.Equal(bytes.TrimSpace(args), []byte("null")) {
		args = json.RawMessage("{}")
	}
	r, err := t.run(args)
	if err != nil {
		return r, err
	}
	if err := finite(t.Name, r); err != nil {
		return Result{}, err
	}
	return r, nil
}

// finite refuses a result with a figure that overflowed to ±Inf or is
// NaN: such a figure must never reach a document or JSON (which cannot
// even encode it). It is the input's fault, so it is an InputError.
func finite(tool string, r Result) error {
	if allFinite(r.Inputs) && allFinite(r.Outputs) {
		return nil // the usual case: no keys sorted to find the first bad one
	}
	for _, k := range slices.Sorted(maps.Keys(r.Inputs)) {
		if v, ok := r.Inputs[k].(float64); ok && (math.IsInf(v, 0) || math.IsNaN(v)) {
			return &InputError{Tool: tool, Field: k, Msg: fmt.Sprintf("%v is beyond what can be computed; give a realistic value", v)}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(r.Outputs)) {
		if v, ok := r.Outputs[k].(float64); ok && (math.IsInf(v, 0) || math.IsNaN(v)) {
			return &InputError{Tool: tool, Msg: fmt.Sprintf("the inputs overflow: %s comes out as %v; give realistic values (inputs: %s)", k, v, inputList(r.Inputs))}
		}
	}
	return nil
}

// allFinite says whether no number of m is infinite or NaN.
func allFinite(m map[string]any) bool {
	for _, v := range m {
		if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
			return false
		}
	}
	return true
}

// inputList writes inputs as "a=1, b=2" for a message.
func inputList(in map[string]any) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(in)) {
		parts = append(parts, fmt.Sprintf("%s=%v", k, in[k]))
	}
	return strings.Join(parts, ", ")
}

// Fields returns the input field names in declaration order.
func (t Tool) Fields() []string { return t.Schema().PropertyOrder }

// InputError says which input of which tool is wrong and what is accepted.
type InputError struct {
	Tool  string
	Field string
	Msg   string
}

func (e *InputError) Error() string {
	if e.Field == "" {
		return e.Tool + ": " + e.Msg
	}
	return e.Tool + ": " + e.Field + ": " + e.Msg
}

// define registers a tool with input type In.
func define[In any](name, desc string, fn func(In) (Result, error)) Tool {
	schema := sync.OnceValue(func() *jsonschema.Schema {
		schema, err := SchemaFor[In]()
		if err != nil {
			panic(fmt.Sprintf("tool %s: schema: %v", name, err)) // a programming error, caught by every test
		}
		schema.Description = desc
		return schema
	})
	t := Tool{Name: name, Description: desc, schema: schema, InputType: reflect.TypeFor[In]()}
	t.run = func(args json.RawMessage) (Result, error) {
		var in In
		if err := decodeInput(name, args, &in); err != nil {
			return Result{}, err
		}
		r, err := fn(in)
		if err != nil {
			return Result{}, err
		}
		r.Tool = name
		return r, nil
	}
	return t
}

// decodeInput decodes args into dst in one pass; when that fails it
// decodes again field by field, so that the error names its field.
func decodeInput(tool string, args json.RawMessage, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(args))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err == nil {
		return nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(args, &raw); err != nil || raw == nil {
		msg := "arguments must be a JSON object"
		if err != nil {
			msg += ": " + err.Error()
		}
		return &InputError{Tool: tool, Msg: msg}
	}
	// A fresh value, so a half-done first pass leaves nothing behind.
	fresh := reflect.New(reflect.TypeOf(dst).Elem())
	if err := decodeFields(tool, raw, fresh.Interface()); err != nil {
		return err
	}
	reflect.ValueOf(dst).Elem().Set(fresh.Elem())
	return nil
}

// decodeFields decodes raw into the struct dst field by field, so that each
// error names its field, and rejects fields the struct does not have.
func decodeFields(tool string, raw map[string]json.RawMessage, dst any) error {
	v := reflect.ValueOf(dst).Elem()
	t := v.Type()
	known := map[string]int{}
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		known[name] = i
		names = append(names, name)
	}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		i, ok := known[k]
		if !ok {
			return &InputError{Tool: tool, Field: k, Msg: "unknown input; accepted: " + strings.Join(names, ", ")}
		}
		if err := json.Unmarshal(raw[k], v.Field(i).Addr().Interface()); err != nil {
			return &InputError{Tool: tool, Field: k, Msg: describeJSONError(err, v.Field(i).Type())}
		}
	}
	return nil
}

func describeJSONError(err error, t reflect.Type) string {
	var fe *quantity.FormError
	if errors.As(err, &fe) {
		return fe.Error()
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("expected %s, got a JSON %s", jsonKind(t), te.Value)
	}
	return err.Error()
}

func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Map:
		return "an object"
	}
	return "a number"
}

// Registry holds the tools by name, in a stable order.
type Registry struct {
	tools  []Tool
	byName map[string]int
}

// Default returns the registry of the capacity tools, with the cost tool
// on the embedded price table. It is built once; a Registry is never
// changed after it is built.
var Default = sync.OnceValue(func() *Registry { return WithPrices(DefaultPrices()) })

// WithPrices returns a registry whose cost tool prices from p (a table
// read with --prices); every other tool is the same as Default's.
func WithPrices(p *Prices) *Registry {
	ts := make([]Tool, len(toolMakers))
	for i, m := range toolMakers {
		ts[i] = m.make(p)
	}
	return newRegistry(ts...)
}

// toolMakers build the tools, in registry order, each alone: a command
// that runs one tool (sysarch calc throughput) builds that tool's schema
// and no other, and reads the price table only for the cost tool.
var toolMakers = []struct {
	name string
	make func(*Prices) Tool
}{
	{"throughput", func(*Prices) Tool { return throughputTool() }},
	{"storage", func(*Prices) Tool { return storageTool() }},
	{"bandwidth", func(*Prices) Tool { return bandwidthTool() }},
	{"servers", func(*Prices) Tool { return serversTool() }},
	{"concurrency", func(*Prices) Tool { return concurrencyTool() }},
	{"availability", func(*Prices) Tool { return availabilityTool() }},
	{"cache", func(*Prices) Tool { return cacheTool() }},
	{"window", func(*Prices) Tool { return windowTool() }},
	{"partitions", func(*Prices) Tool { return partitionsTool() }},
	{"latency_budget", func(*Prices) Tool { return latencyBudgetTool() }},
	{"choose_component", func(*Prices) Tool { return chooseComponentTool() }},
	{"scaling_phase", func(*Prices) Tool { return scalingPhaseTool() }},
	{"cost", costTool},
}

// DefaultNames returns the names of Default's tools, in registry order,
// without building any tool.
func DefaultNames() []string {
	names := make([]string, len(toolMakers))
	for i, m := range toolMakers {
		names[i] = m.name
	}
	return names
}

// DefaultTool returns one of Default's tools, building only that tool
// (and reading the embedded price table only for cost) unless Default is
// already built.
func DefaultTool(name string) (Tool, bool) {
	for _, m := range toolMakers {
		if m.name != name {
			continue
		}
		var p *Prices
		if name == "cost" {
			p = DefaultPrices()
		}
		return m.make(p), true
	}
	return Tool{}, false
}

func newRegistry(ts ...Tool) *Registry {
	r := &Registry{tools: ts, byName: map[string]int{}}
	for i, t := range ts {
		r.byName[t.Name] = i
	}
	return r
}

// Tools returns the tools in registry order.
func (r *Registry) Tools() []Tool { return slices.Clone(r.tools) }

// Names returns the tool names in registry order.
func (r *Registry) Names() []string {
	names := make([]string, len(r.tools))
	for i, t := range r.tools {
		names[i] = t.Name
	}
	return names
}

// Get returns the named tool.
func (r *Registry) Get(name string) (Tool, bool) {
	i, ok := r.byName[name]
	if !ok {
		return Tool{}, false
	}
	return r.tools[i], true
}

// UnknownToolError is returned for a name the registry does not have; its
// message lists the tools there are.
type UnknownToolError struct {
	Name  string
	Known []string
}

func (e *UnknownToolError) Error() string {
	return fmt.Sprintf("unknown tool %q; the tools are: %s", e.Name, strings.Join(e.Known, ", "))
}

// Call runs the named tool with JSON arguments.
func (r *Registry) Call(name string, args json.RawMessage) (Result, error) {
	t, ok := r.Get(name)
	if !ok {
		return Result{}, &UnknownToolError{Name: name, Known: r.Names()}
	}
	return t.Run(args)
}

// FunctionDef is a tool in the OpenAI function-calling shape.
type FunctionDef struct {
	Type     string   `json:"type"`
	Function Function `json:"function"`
}

// Function is the function part of an OpenAI tool definition.
type Function struct {
	Name        string             `json:"name"`
	Description string             `json:"description"`
	Parameters  *jsonschema.Schema `json:"parameters"`
}

// OpenAI returns every tool as an OpenAI tool definition.
func (r *Registry) OpenAI() []FunctionDef {
	defs := make([]FunctionDef, len(r.tools))
	for i, t := range r.tools {
		defs[i] = FunctionDef{Type: "function", Function: Function{Name: t.Name, Description: t.Description, Parameters: t.Schema()}}
	}
	return defs
}
