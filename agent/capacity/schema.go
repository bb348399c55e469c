package capacity

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/google/jsonschema-go/jsonschema"
	"github.com/sysarch/sysarch/agent/quantity"
)

// SchemaFor generates the input schema of T: the one generator behind every
// tool, the capacity tools and the agent's own alike. Quantities are a
// number or a string; a nullable quantity keeps that choice rather than
// becoming a bare null type, which would accept no value at all.
//
// own gives the schemas of types whose JSON is not what their Go type
// suggests (a list written as an object), by type.
func SchemaFor[T any](own ...map[reflect.Type]*jsonschema.Schema) (*jsonschema.Schema, error) {
	types := QuantitySchemas()
	// A raw message holds any JSON value (a tool's recorded arguments),
	// not the list of bytes its Go type would suggest.
	types[reflect.TypeFor[json.RawMessage]()] = &jsonschema.Schema{}
	for _, o := range own {
		for t, sc := range o {
			types[t] = sc
		}
	}
	s, err := jsonschema.For[T](&jsonschema.ForOptions{TypeSchemas: types})
	if err != nil {
		return nil, err
	}
	dropNullOnlyTypes(s)
	return s, nil
}

// dropNullOnlyTypes fixes what the reflector makes of a pointer to a type
// described by anyOf: "type": ["null"] beside the anyOf, which no value
// satisfies. An absent field already means nil.
func dropNullOnlyTypes(s *jsonschema.Schema) {
	if s == nil {
		return
	}
	if len(s.Types) == 1 && s.Types[0] == "null" && len(s.AnyOf) > 0 {
		s.Types = nil
	}
	for _, p := range s.Properties {
		dropNullOnlyTypes(p)
	}
	for _, d := range s.Defs {
		dropNullOnlyTypes(d)
	}
	for _, sub := range append(append([]*jsonschema.Schema{s.Items, s.AdditionalProperties}, s.AnyOf...), s.OneOf...) {
		dropNullOnlyTypes(sub)
	}
}

// QuantitySchemas describes the quantity types: a number in base units or a
// string in the quantity grammar.
func QuantitySchemas() map[reflect.Type]*jsonschema.Schema {
	// Each field's description gives its own example; a type-wide one
	// would mislead ("100M/month" for a peak rate in requests per second).
	q := func(string) *jsonschema.Schema {
		return &jsonschema.Schema{AnyOf: []*jsonschema.Schema{{Type: "number"}, {Type: "string"}}}
	}
	return map[reflect.Type]*jsonschema.Schema{
		reflect.TypeFor[quantity.Count]():    q("10M"),
		reflect.TypeFor[quantity.Amount]():   q("100M/month"),
		reflect.TypeFor[quantity.Flow]():     q("100M/month"),
		reflect.TypeFor[quantity.Size]():     q("1.27KB"),
		reflect.TypeFor[quantity.ByteRate](): q("400 KB/s"),
		reflect.TypeFor[quantity.Duration](): q("250ms"),
		reflect.TypeFor[quantity.Latency]():  q("250ms"),
		reflect.TypeFor[quantity.Rate]():     q("100M/month"),
		reflect.TypeFor[quantity.Fraction](): q("99.9%"),
		reflect.TypeFor[quantity.Factor]():   q("2x"),
		reflect.TypeFor[Stages](): {
			Type:                 "object",
			AdditionalProperties: q("120ms"),
		},
	}
}

// Stage is one named step of a request path and its duration in seconds.
type Stage struct {
	Name    string
	Seconds float64
}

// Stages keeps the stages of a latency budget in the order they were given.
type Stages []Stage

// UnmarshalJSON reads a JSON object of name → duration, keeping its order.
func (s *Stages) UnmarshalJSON(b []byte) error {
	var order []string
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return &quantity.FormError{Input: string(b), Want: "an object of stage name to duration, like {\"db\": \"120ms\"}"}
	}
	vals := map[string]quantity.Duration{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name := tok.(string)
		var d quantity.Duration
		if err := dec.Decode(&d); err != nil {
			return err
		}
		if _, dup := vals[name]; !dup {
			order = append(order, name)
		}
		vals[name] = d
	}
	out := make(Stages, 0, len(order))
	for _, n := range order {
		out = append(out, Stage{Name: n, Seconds: float64(vals[n])})
	}
	*s = out
	return nil
}

// MarshalJSON writes the stages as an object in their order.
func (s Stages) MarshalJSON() ([]byte, error) {
	buf := []byte{'{'}
	for i, st := range s {
		if i > 0 {
			buf = append(buf, ',')
		}
		k, _ := json.Marshal(st.Name)
		v, _ := json.Marshal(st.Seconds)
		buf = append(append(append(buf, k...), ':'), v...)
	}
	return append(buf, '}'), nil
}
