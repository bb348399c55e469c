package provider

import (
	"encoding/json"

	"github.com/sysarch/sysarch/agent"
)

// extrasPatch returns a rewrite of the request body that puts back the
// extra fields of earlier tool calls (Gemini's thought signatures), which
// go-openai's message type has no place for; nil when there are none.
func (c *Client) extrasPatch(msgs []agent.Message) func([]byte) []byte {
	if !c.cfg.KeepCallExtras {
		return nil
	}
	c.mu.Lock()
	want := map[string]json.RawMessage{}
	for _, m := range msgs {
		for _, tc := range m.ToolCalls {
			if x, ok := c.extras[tc.ID]; ok {
				want[tc.ID] = x
			}
		}
	}
	c.mu.Unlock()
	if len(want) == 0 {
		return nil
	}
	return func(body []byte) []byte {
		var req map[string]json.RawMessage
		var msgs []map[string]json.RawMessage
		if json.Unmarshal(body, &req) != nil || json.Unmarshal(req["messages"], &msgs) != nil {
			return body
		}
		for _, m := range msgs {
			var calls []map[string]json.RawMessage
			if json.Unmarshal(m["tool_calls"], &calls) != nil || len(calls) == 0 {
				continue
			}
			for _, call := range calls {
				var id string
				json.Unmarshal(call["id"], &id)
				if x, ok := want[id]; ok {
					call["extra_content"] = x
				}
			}
			m["tool_calls"], _ = json.Marshal(calls)
		}
		req["messages"], _ = json.Marshal(msgs)
		out, err := json.Marshal(req)
		if err != nil {
			return body
		}
		return out
	}
}
