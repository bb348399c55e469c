package architect

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

// TestResumeRestoresTheModelsDesign logs a conversation in which the model
// records, edits, computes a figure and submits, then resumes it from the
// log alone: the design is the same, byte for byte.
func TestResumeRestoresTheModelsDesign(t *testing.T) {
	calls := []agent.ToolCall{
		{ID: "1", Name: "record_requirements", Arguments: `{"title": "Shop", "workloads": [{"name": "orders", "kind": "write", "rate": "1M/day", "item_size": "2KB"}]}`},
		{ID: "2", Name: "add_component", Arguments: `{"name": "Fraud screen", "kind": "service", "technology": "Go service", "role": "scores each order"}`},
		{ID: "3", Name: "route_flow", Arguments: `{"workloads": ["orders"], "path": ["api", "fraud_screen", "db"]}`},
		{ID: "4", Name: "throughput", Arguments: `{"count": 1000000, "per": "day"}`},
		{ID: "5", Name: "add_notes", Arguments: `{"trade_offs": [{"choice": "one database", "over": "a database per service", "reason": "one team"}]}`},
		{ID: "6", Name: "submit_design", Arguments: `{"executive_summary": "Orders peak at 23.15/s [M1]."}`},
	}
	var replies []agent.Message
	for _, c := range calls {
		replies = append(replies, agent.Message{ToolCalls: []agent.ToolCall{c}})
	}
	replies = append(replies, agent.Message{Content: "Here it is."})
	model := &scriptedModel{name: "m", replies: replies}
	r, err := NewResponderFactory(model, "P", 12, design.Options{})(nil)
	if err != nil {
		t.Fatal(err)
	}
	history := []session.Event{{Type: session.User, Text: "a shop"}}
	var req *requirements.Requirements
	var amend func(*design.Design)
	for _, e := range collect(t, r, "a shop") {
		switch e.Kind {
		case conversation.ToolResult:
			if e.Tool.Error != "" {
				t.Fatalf("%s refused: %s", e.Tool.Name, e.Tool.Error)
			}
			history = append(history, session.Event{Type: session.ToolResult, Tool: e.Tool})
		case conversation.Requirements:
			req = e.Requirements
			history = append(history, session.Event{Type: session.Requirements, Requirements: e.Requirements})
		case conversation.ShowDesign:
			amend = e.Amend
		}
	}
	if req == nil || amend == nil {
		t.Fatal("the model's design was not shown")
	}
	history = append(history, session.Event{Type: session.Assistant, Text: "Here it is."})
	render := func(amend func(*design.Design)) string {
		d, err := design.Build(*req, design.Options{})
		if err != nil {
			t.Fatal(err)
		}
		amend(d)
		md, err := design.RenderMarkdown(d)
		if err != nil {
			t.Fatal(err)
		}
		return string(md)
	}
	before := render(amend)
	resumed, err := NewResponderFactory(&scriptedModel{name: "m"}, "P", 12, design.Options{})(history)
	if err != nil {
		t.Fatal(err)
	}
	after := render(resumed.(*Responder).Amend)
	if after != before {
		t.Errorf("the resumed design differs:\n--- before\n%.2000s\n--- after\n%.2000s", before, after)
	}
	for _, want := range []string{"Orders peak at 23.15/s [M1]", "Fraud screen", "Trade-off: one database"} {
		if !contains(after, want) {
			t.Errorf("the resumed design lacks %q", want)
		}
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
