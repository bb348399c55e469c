package design

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzApply gives the edits a model might send, whole or garbled: Apply
// never panics, and edits it takes leave a design whose model holds
// (every part drawn and listed, flows through parts that exist).
func FuzzApply(f *testing.F) {
	f.Add(`[{"op": "add_component", "part": {"name": "Scheduler", "kind": "service", "technology": "Go", "role": "admits"}}]`)
	f.Add(`[{"op": "add_component", "part": {"name": "Log", "kind": "store", "technology": "Scylla", "role": "keeps", "from": ["api"]}}, {"op": "route_flow", "flow": {"workloads": ["prompts"], "path": ["api", "log"]}}]`)
	f.Add(`[{"op": "replace_component", "part": {"id": "db", "name": "Ärger", "kind": "store", "technology": "X", "role": "y"}}, {"op": "remove_component", "id": "cache"}]`)
	f.Add(`[{"op": "set_decision", "decision": {"question": "éclair", "options": ["a", "b"], "choice": "a", "reason": "r"}}, {"op": "add_notes", "notes": {"trade_offs": [{"choice": "a", "over": "b", "reason": "c"}]}}]`)
	req := editedDesign(f).Requirements
	f.Fuzz(func(t *testing.T, edits string) {
		var es []Edit
		if json.Unmarshal([]byte(edits), &es) != nil || len(es) > 8 {
			return
		}
		d, err := Build(req, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Apply(es...) != nil {
			return
		}
		for _, c := range d.Model.Components {
			if !strings.Contains(d.DataFlow.Mermaid, "        "+c.ID) {
				t.Errorf("%s is not drawn after %s", c.ID, edits)
			}
		}
		if _, err := RenderMarkdown(d); err != nil {
			t.Errorf("render after %s: %v", edits, err)
		}
	})
}
