package agent

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// scripted is a Model that answers from a list, recording each request.
type scripted struct {
	replies  []Message
	requests []Request
}

func (s *scripted) Stream(_ context.Context, req Request, onText func(string)) (Response, error) {
	s.requests = append(s.requests, req)
	if len(s.replies) == 0 {
		return Response{}, errors.New("script used up")
	}
	m := s.replies[0]
	s.replies = s.replies[1:]
	if m.Content != "" {
		onText(m.Content)
	}
	return Response{Message: m, Usage: Usage{PromptTokens: 1, CompletionTokens: 1}}, nil
}

func echo(name string, final bool) Tool {
	return Tool{
		Def:   ToolDef{Name: name, Description: "echo", Parameters: json.RawMessage(`{"type":"object","properties":{"say":{"type":"string"}},"required":["say"]}`)},
		Final: final,
		Run: func(_ context.Context, args json.RawMessage) (string, error) {
			var in struct{ Say string }
			json.Unmarshal(args, &in)
			if in.Say == "fail" {
				return "", errors.New("asked to fail")
			}
			return "said " + in.Say, nil
		},
	}
}

func TestLoopRunsToolsAndReturnsResultsInOrder(t *testing.T) {
	tb, err := NewToolbox(echo("echo", false), echo("finish", true))
	if err != nil {
		t.Fatal(err)
	}
	model := &scripted{replies: []Message{
		{ToolCalls: []ToolCall{{ID: "a", Name: "echo", Arguments: `{"say":"one"}`}, {ID: "b", Name: "echo", Arguments: `{"say":"fail"}`}, {ID: "c", Name: "echo", Arguments: `{}`}}},
		{Content: "thinking", ToolCalls: []ToolCall{{ID: "d", Name: "finish", Arguments: `{"say":"bye"}`}}},
		{Content: "never sent"},
	}}
	var kinds []EventKind
	loop := &Loop{Model: model, Tools: tb, OnEvent: func(e Event) { kinds = append(kinds, e.Kind) }}
	added, err := loop.Run(t.Context(), []Message{{Role: User, Content: "hi"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(model.requests) != 2 {
		t.Fatalf("requests = %d, want 2: a final tool ends the run", len(model.requests))
	}
	want := []struct {
		id, content string
		isErr       bool
	}{{"a", "said one", false}, {"b", "asked to fail", true}, {"c", "do not match its schema", true}}
	for i, w := range want {
		got := added[1+i]
		if got.Role != ToolRole || got.ToolCallID != w.id || !strings.Contains(got.Content, w.content) || got.IsError != w.isErr {
			t.Errorf("result %d = %+v, want %+v", i, got, w)
		}
	}
	if got := len(model.requests[1].Messages); got != 5 {
		t.Errorf("second request has %d messages, want 5 (user, assistant, 3 results)", got)
	}
	if kinds[0] != StepDone || kinds[1] != ToolCalled {
		t.Errorf("events = %v", kinds)
	}
}

func TestLoopReturnsWhatWasSaidOnFailure(t *testing.T) {
	tb, _ := NewToolbox(echo("echo", false))
	model := &scripted{replies: []Message{{ToolCalls: []ToolCall{{ID: "a", Name: "echo", Arguments: `{"say":"x"}`}}}}}
	added, err := (&Loop{Model: model, Tools: tb}).Run(t.Context(), []Message{{Role: User, Content: "hi"}})
	if err == nil || len(added) != 2 {
		t.Errorf("Run = %d messages, %v; want the call and its result kept with the error", len(added), err)
	}
}

func TestToolboxRejectsInvalidSchemas(t *testing.T) {
	bad := echo("bad", false)
	bad.Def.Parameters = json.RawMessage(`{"type": 5}`)
	if _, err := NewToolbox(bad); err == nil {
		t.Error("an invalid schema was accepted")
	}
	unresolved := echo("unresolved", false)
	unresolved.Def.Parameters = json.RawMessage(`{"type": "object", "properties": {"a": {"$ref": "#/nowhere"}}}`)
	tb, err := NewToolbox(unresolved)
	if err != nil {
		t.Fatal(err)
	}
	if out, isErr := tb.Call(context.Background(), ToolCall{ID: "x", Name: "unresolved", Arguments: `{}`}); !isErr || !strings.Contains(out, "does not resolve") {
		t.Errorf("a schema that does not resolve ran: %q", out)
	}
}

func TestToolboxRecoversPanic(t *testing.T) {
	boom := Tool{
		Def: ToolDef{Name: "boom", Parameters: json.RawMessage(`{"type":"object"}`)},
		Run: func(context.Context, json.RawMessage) (string, error) { panic("index out of range") },
	}
	tb, err := NewToolbox(boom)
	if err != nil {
		t.Fatal(err)
	}
	got, isErr := tb.Call(t.Context(), ToolCall{Name: "boom", Arguments: "{}"})
	if !isErr || !strings.Contains(got, "boom failed") || !strings.Contains(got, "index out of range") {
		t.Errorf("Call = %q, %v; want a tool error naming the tool and the panic", got, isErr)
	}
}
