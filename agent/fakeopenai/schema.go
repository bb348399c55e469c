package fakeopenai

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/google/jsonschema-go/jsonschema"
)

// jsonTypes are the type names JSON Schema defines.
var jsonTypes = []string{"array", "boolean", "integer", "null", "number", "object", "string"}

// checkParameters checks a tool's parameters: a JSON Schema that compiles,
// whose top level is an object, whose type names exist, and whose required
// properties are all declared.
func checkParameters(raw json.RawMessage) error {
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		return errors.New("schema must be a JSON object")
	}
	var s jsonschema.Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		return err
	}
	if s.Type != "object" {
		return fmt.Errorf("schema must be a JSON Schema of 'type: \"object\"', got 'type: %q'", s.Type)
	}
	if _, err := s.Resolve(nil); err != nil {
		return err
	}
	return walkSchema(&s, "")
}

// walkSchema checks s and every schema below it; at is the path to s.
func walkSchema(s *jsonschema.Schema, at string) error {
	if s == nil {
		return nil
	}
	for _, t := range append([]string{s.Type}, s.Types...) {
		if t != "" && !slices.Contains(jsonTypes, t) {
			return fmt.Errorf("in context=(%s), %q is not a valid type", at, t)
		}
	}
	for _, name := range s.Required {
		if _, ok := s.Properties[name]; !ok {
			return fmt.Errorf("in context=(%s), required property %q is not in properties", at, name)
		}
	}
	for _, c := range children(s) {
		if err := walkSchema(c.schema, join(at, c.at)); err != nil {
			return err
		}
	}
	return nil
}

type child struct {
	at     string
	schema *jsonschema.Schema
}

// children are the subschemas of s that describe values, in a stable order.
func children(s *jsonschema.Schema) []child {
	kids := []child{{"items", s.Items}, {"additionalProperties", s.AdditionalProperties}, {"not", s.Not}}
	for _, name := range slices.Sorted(maps.Keys(s.Properties)) {
		kids = append(kids, child{"properties." + name, s.Properties[name]})
	}
	for _, name := range slices.Sorted(maps.Keys(s.Defs)) {
		kids = append(kids, child{"$defs." + name, s.Defs[name]})
	}
	for _, name := range slices.Sorted(maps.Keys(s.Definitions)) {
		kids = append(kids, child{"definitions." + name, s.Definitions[name]})
	}
	lists := []struct {
		keyword string
		schemas []*jsonschema.Schema
	}{{"prefixItems", s.PrefixItems}, {"allOf", s.AllOf}, {"anyOf", s.AnyOf}, {"oneOf", s.OneOf}}
	for _, l := range lists {
		for i, sub := range l.schemas {
			kids = append(kids, child{fmt.Sprintf("%s.%d", l.keyword, i), sub})
		}
	}
	return kids
}

func join(at, name string) string {
	if at == "" {
		return name
	}
	return at + "." + name
}
