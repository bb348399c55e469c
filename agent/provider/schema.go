package provider

import (
	"encoding/json"
	"slices"
	"sync"
)

// dialects remembers each schema rewritten into the conservative
// dialect: a client sends the same tools every round trip.
var dialects sync.Map // string(schema) → json.RawMessage

// inDialect returns the tool parameters in the dialect the provider
// accepts. The full dialect is the schema as generated.
func inDialect(params json.RawMessage, d Dialect) json.RawMessage {
	if d != Conservative || len(params) == 0 {
		return params
	}
	if v, ok := dialects.Load(string(params)); ok {
		return v.(json.RawMessage)
	}
	var s any
	if err := json.Unmarshal(params, &s); err != nil {
		return params // not ours to fix; the server will say what is wrong
	}
	out, err := json.Marshal(conservative(s))
	if err != nil {
		return params
	}
	dialects.Store(string(params), json.RawMessage(out))
	return out
}

// conservative rewrites a schema so that every "type" is one name: a
// nullable ["null", "array"] becomes "array" (leaving the field out says
// null), a lone null beside anyOf is dropped, and a null branch of anyOf
// goes. Subschemas are rewritten in place, wherever they sit.
func conservative(v any) any {
	switch s := v.(type) {
	case map[string]any:
		for k, sub := range s {
			s[k] = conservative(sub)
		}
		if types, ok := s["type"].([]any); ok {
			var kept []any
			for _, t := range types {
				if t != "null" {
					kept = append(kept, t)
				}
			}
			switch len(kept) {
			case 0:
				delete(s, "type")
			case 1:
				s["type"] = kept[0]
			default:
				delete(s, "type")
				var branches []any
				for _, t := range kept {
					branches = append(branches, map[string]any{"type": t})
				}
				s["anyOf"] = branches
			}
		}
		if branches, ok := s["anyOf"].([]any); ok {
			s["anyOf"] = slices.DeleteFunc(branches, func(b any) bool {
				m, ok := b.(map[string]any)
				return ok && m["type"] == "null" && len(m) == 1
			})
		}
		return s
	case []any:
		for i, sub := range s {
			s[i] = conservative(sub)
		}
		return s
	}
	return v
}
