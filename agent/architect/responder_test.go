package architect

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

// scriptedModel answers from a list and records the requests it got.
type scriptedModel struct {
	mu       sync.Mutex
	name     string
	replies  []agent.Message
	requests []agent.Request
	block    chan struct{} // when set, Stream waits on it or the context
}

func (m *scriptedModel) Stream(ctx context.Context, req agent.Request, onText func(string)) (agent.Response, error) {
	m.mu.Lock()
	m.requests = append(m.requests, req)
	block := m.block
	m.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-ctx.Done():
			return agent.Response{}, ctx.Err()
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.replies) == 0 {
		return agent.Response{}, errors.New("script used up")
	}
	r := m.replies[0]
	m.replies = m.replies[1:]
	if r.Content != "" {
		onText(r.Content)
	}
	return agent.Response{Message: r}, nil
}
func (m *scriptedModel) Model() string     { return m.name }
func (m *scriptedModel) SetModel(n string) { m.name = n }

func collect(t *testing.T, r conversation.Responder, text string) []conversation.Event {
	t.Helper()
	ch, err := r.Respond(context.Background(), conversation.Turn{Text: text})
	if err != nil {
		t.Fatal(err)
	}
	var evs []conversation.Event
	for e := range ch {
		evs = append(evs, e)
	}
	return evs
}

func TestResponderRecordsAndShowsTheDesign(t *testing.T) {
	model := &scriptedModel{name: "m", replies: []agent.Message{
		{Content: "What are we designing?"},
		{ToolCalls: []agent.ToolCall{{ID: "1", Name: "record_requirements", Arguments: `{"title": "Shop", "workloads": [{"name": "orders", "kind": "write", "rate": "1M/day"}]}`}}},
		{ToolCalls: []agent.ToolCall{{ID: "2", Name: "submit_design", Arguments: `{"executive_summary": "One database is plenty."}`}}},
	}}
	factory := NewResponderFactory(model, "PERSONA", 12, design.Options{})
	r, err := factory(nil)
	if err != nil {
		t.Fatal(err)
	}
	evs := collect(t, r, "")
	if evs[0].Kind != conversation.TextDelta || evs[0].Text != "What are we designing?" || evs[len(evs)-1].Kind != conversation.Done {
		t.Fatalf("opening events = %+v", evs)
	}
	evs = collect(t, r, "A shop taking a million orders a day.")
	var kinds []conversation.Kind
	var amend func(*design.Design)
	var req *requirements.Requirements
	for _, e := range evs {
		kinds = append(kinds, e.Kind)
		if e.Kind == conversation.ShowDesign {
			amend = e.Amend
		}
		if e.Kind == conversation.Requirements {
			req = e.Requirements
		}
		if e.Kind == conversation.ToolResult && e.Tool.Summary == "" {
			t.Errorf("tool result without a summary: %+v", e.Tool)
		}
	}
	if req == nil || req.Title != "Shop" || amend == nil {
		t.Fatalf("events %v: requirements %+v, amend set %v", kinds, req, amend != nil)
	}
	d, err := design.Build(*req, design.Options{})
	if err != nil {
		t.Fatal(err)
	}
	amend(d)
	if d.ExecutiveSummary != "One database is plenty." {
		t.Errorf("summary = %q", d.ExecutiveSummary)
	}
	if p := r.(conversation.Phaser).Phase(); p != phase.Document {
		t.Errorf("phase = %v, want document", p)
	}
	sys := model.requests[len(model.requests)-1].Messages[0].Content
	if !strings.HasPrefix(sys, "PERSONA\n\n---\n\n") || !strings.Contains(sys, "Where the conversation stands") {
		t.Errorf("system prompt = %.200q", sys)
	}
}

func TestResponderRebuildsFromHistory(t *testing.T) {
	req := requirements.Requirements{Title: "Links", Workloads: []requirements.Workload{{Name: "redirect", Kind: "read"}}}
	history := []session.Event{
		{Type: session.User, Text: "a link shortener"},
		{Type: session.Assistant, Text: "How many redirects?"},
		{Type: session.Requirements, Requirements: &req},
		{Type: session.Model, Model: "other-model"},
		{Type: session.User, Text: "ten billion a month"},
	}
	model := &scriptedModel{name: "m", replies: []agent.Message{{Content: "Noted."}}}
	r, err := NewResponderFactory(model, "P", 12, design.Options{})(history)
	if err != nil {
		t.Fatal(err)
	}
	collect(t, r, "") // the last message was left unanswered
	msgs := model.requests[0].Messages
	if len(msgs) != 4 || msgs[1].Content != "a link shortener" || msgs[3].Content != "ten billion a month" {
		t.Errorf("rebuilt conversation = %+v", msgs)
	}
	if model.Model() != "other-model" {
		t.Errorf("model = %q, want the one recorded", model.Model())
	}
	if !strings.Contains(msgs[0].Content, "Links") {
		t.Errorf("the system prompt does not say what is known: %.300q", msgs[0].Content)
	}
}

// TestCancelledTurnThenNextTurn checks that a turn cancelled mid-request
// and the next turn do not race over the conversation.
func TestCancelledTurnThenNextTurn(t *testing.T) {
	model := &scriptedModel{name: "m", block: make(chan struct{}), replies: []agent.Message{{Content: "late"}, {Content: "second"}}}
	r, _ := NewResponderFactory(model, "P", 12, design.Options{})(nil)
	ctx, cancel := context.WithCancel(context.Background())
	ch, _ := r.Respond(ctx, conversation.Turn{Text: "first"})
	cancel()
	go func() {
		for range ch {
		}
	}()
	close(model.block)
	evs := collect(t, r, "again")
	if evs[len(evs)-1].Err != nil {
		t.Fatalf("second turn failed: %v", evs[len(evs)-1].Err)
	}
}
