package architect

import (
	"encoding/json"

	"github.com/sysarch/sysarch/agent"
)

// hiddenFields are inputs every tool still accepts but the model is not
// shown: the length of a month (the session's own month is the right
// one) and what sysarch fills in itself.
var hiddenFields = []string{"seconds_per_month", "extracted"}

// compactTools returns the tools as the model is shown them: the same
// names, descriptions and fields, in fewer bytes. The chat-completions
// API takes every definition again with every request, so each byte
// here is paid once per round trip. The arguments are still checked
// against the full schema (agent.Tool.Check).
func compactTools(tools []agent.Tool) []agent.Tool {
	out := make([]agent.Tool, len(tools))
	for i, t := range tools {
		var s map[string]any
		if json.Unmarshal(t.Def.Parameters, &s) != nil {
			out[i] = t
			continue
		}
		delete(s, "description") // the function's own description says it
		b, err := json.Marshal(compactSchema(s))
		if err != nil {
			out[i] = t
			continue
		}
		if t.Check == nil {
			t.Check = t.Def.Parameters
		}
		t.Def.Parameters = b
		out[i] = t
	}
	return out
}

// compactSchema rewrites one schema in place: a quantity (a number or a
// string in the quantity grammar) is one type list rather than two
// branches, a nullable list or object is the list or object (leaving the
// field out says null), "no other fields" is left to the check, and the
// hidden fields go.
func compactSchema(v any) any {
	switch s := v.(type) {
	case map[string]any:
		if props, ok := s["properties"].(map[string]any); ok {
			for _, f := range hiddenFields {
				delete(props, f)
			}
		}
		for k, sub := range s {
			s[k] = compactSchema(sub)
		}
		if b, ok := s["anyOf"].([]any); ok && len(b) == 2 && isType(b[0], "number") && isType(b[1], "string") {
			delete(s, "anyOf")
			s["type"] = []any{"number", "string"}
		}
		if types, ok := s["type"].([]any); ok && len(types) == 2 && types[0] == "null" {
			s["type"] = types[1]
		}
		if s["additionalProperties"] == false {
			delete(s, "additionalProperties")
		}
		return s
	case []any:
		for i, sub := range s {
			s[i] = compactSchema(sub)
		}
	}
	return v
}

func isType(v any, name string) bool {
	m, ok := v.(map[string]any)
	return ok && len(m) == 1 && m["type"] == name
}
