package architect

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/lazyre"
)

// hiddenFields are inputs every tool still accepts but the model is not
// shown: the length of a month (the session's own month is the right
// one) and what sysarch fills in itself.
var hiddenFields = []string{"seconds_per_month", "extracted"}

// plainNames are fields whose name says what they hold: the model is
// shown no description for them.
var plainNames = []string{"summary", "body", "mau", "total", "latency_p50", "latency_p95", "vcpu", "changes"}

// compactTools returns the tools as the model is shown them: the same
// names, descriptions and fields, in fewer bytes. The chat-completions
// API takes every definition again with every request, so each byte
// here is paid once per round trip. The arguments are still checked
// against the full schema (agent.Tool.Check).
func compactTools(tools []agent.Tool) []agent.Tool {
	out := make([]agent.Tool, len(tools))
	for i, t := range tools {
		out[i] = editSchema(t, func(s map[string]any) {
			delete(s, "description") // the function's own description says it
			compactSchema(s)
		})
	}
	return out
}

// defaultRe finds a field's default in its description: the model need
// not know it to leave the field out, and each answer's inputs show the
// default that was applied.
var defaultRe = lazyre.New(`\s*\(default[^()]*\)|;\s*default [^;]*$`)

// compactSchema rewrites one schema in place: a quantity (a number or a
// string in the quantity grammar) is shown as a string rather than two
// branches, defaults are left unsaid, a nullable list or object is the list or object (leaving the
// field out says null), "no other fields" is left to the check, and the
// hidden fields go.
func compactSchema(v any) any {
	switch s := v.(type) {
	case map[string]any:
		if props, ok := s["properties"].(map[string]any); ok {
			for _, f := range hiddenFields {
				delete(props, f)
			}
			for _, f := range plainNames {
				if p, ok := props[f].(map[string]any); ok {
					delete(p, "description")
				}
			}
		}
		for k, sub := range s {
			s[k] = compactSchema(sub)
		}
		if b, ok := s["anyOf"].([]any); ok && len(b) == 2 && isType(b[0], "number") && isType(b[1], "string") {
			// A quantity: the grammar's string says it all ("100M/month",
			// "4KB", "250ms"); a plain number still passes the check.
			delete(s, "anyOf")
			s["type"] = "string"
		}
		if d, ok := s["description"].(string); ok {
			s["description"] = strings.TrimSpace(defaultRe.ReplaceAllString(d, ""))
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

// plainFields drops the descriptions of a tool's fields but those kept:
// a tool that takes another's fields says so once in its description.
func plainFields(t agent.Tool, keep ...string) agent.Tool {
	return editFields(t, func(props map[string]any) {
		for name, p := range props {
			if m, ok := p.(map[string]any); ok && !slices.Contains(keep, name) {
				delete(m, "description")
			}
		}
	})
}

// describe shows some of a tool's fields with other descriptions: a
// shared type's text written for several tools, said for this one.
func describe(t agent.Tool, fields map[string]string) agent.Tool {
	return editFields(t, func(props map[string]any) {
		for name, text := range fields {
			if m, ok := props[name].(map[string]any); ok {
				m["description"] = text
			}
		}
	})
}

// editFields changes the properties of the schema a tool shows the model.
func editFields(t agent.Tool, edit func(props map[string]any)) agent.Tool {
	return editSchema(t, func(s map[string]any) {
		props, _ := s["properties"].(map[string]any)
		edit(props)
	})
}

// editSchema changes the schema a tool shows the model; the full schema
// it had stays the one its arguments are checked against.
func editSchema(t agent.Tool, edit func(s map[string]any)) agent.Tool {
	var s map[string]any
	if json.Unmarshal(t.Def.Parameters, &s) != nil {
		return t
	}
	edit(s)
	b, err := json.Marshal(s)
	if err != nil {
		return t
	}
	if t.Check == nil {
		t.Check = t.Def.Parameters
	}
	t.Def.Parameters = b
	return t
}
