package architect

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

// ChatModel is a model whose name can change mid-conversation (/model).
type ChatModel interface {
	agent.Model
	Model() string
	SetModel(string)
}

// Responder holds a design conversation with a model. It keeps the
// conversation in memory; a resumed chat rebuilds it from the session log
// (what was said, and the last requirements recorded).
type Responder struct {
	model    ChatModel
	persona  string
	maxSteps int
	sess     *Session
	tools    *agent.Toolbox

	turnMu sync.Mutex // held by the turn in progress
	msgs   []agent.Message
}

// NewResponderFactory returns the chat's factory for model conversations;
// opts are the engine's options every design of the conversation is built
// with.
func NewResponderFactory(model ChatModel, persona string, maxSteps int, opts design.Options) conversation.Factory {
	return func(history []session.Event) (conversation.Responder, error) {
		r := &Responder{model: model, persona: persona, maxSteps: maxSteps, sess: &Session{Options: opts, Interview: true}}
		tb, err := agent.NewToolbox(r.sess.Tools()...)
		if err != nil {
			return nil, err
		}
		r.tools = tb
		for _, ev := range history {
			switch ev.Type {
			case session.User:
				r.msgs = append(r.msgs, agent.Message{Role: agent.User, Content: ev.Text})
			case session.Assistant:
				if ev.Text != "" {
					r.msgs = append(r.msgs, agent.Message{Role: agent.Assistant, Content: ev.Text})
				}
			case session.Requirements:
				if ev.Requirements != nil && !sameRequirements(r.sess.Requirements(), ev.Requirements) {
					r.sess.Record(*ev.Requirements) // a snapshot that no longer builds is simply not restored
				}
			case session.ToolResult:
				r.replay(ev.Tool)
			case session.Model:
				if ev.Model != "" {
					model.SetModel(ev.Model)
				}
			}
		}
		return r, nil
	}
}

// replay runs again a tool call that succeeded in the logged
// conversation, so a resumed session holds the same requirements, edits,
// figures (with the same ids) and narrative as the one that was left.
// The tools are deterministic; reading tools change nothing and are
// skipped.
func (r *Responder) replay(t *session.Tool) {
	if t == nil || t.Error != "" || t.Name == "patterns" || t.Name == "read_design" {
		return
	}
	r.tools.Call(context.Background(), agent.ToolCall{ID: t.ID, Name: t.Name, Arguments: string(t.Args)})
}

// sameRequirements says whether two snapshots are the same requirements.
func sameRequirements(a, b *requirements.Requirements) bool {
	if a == nil || b == nil {
		return a == b
	}
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// Amend completes a design the chat builds with the model's figures,
// edits and narrative; a resumed chat takes it from the responder.
func (r *Responder) Amend(d *design.Design) { r.sess.Amend(d) }

// Phase says where the conversation stands, from what has been recorded.
func (r *Responder) Phase() phase.Phase {
	if r.sess.Submitted() {
		return phase.Document
	}
	if req := r.sess.Requirements(); req != nil {
		return phase.Assess(*req).Current
	}
	return phase.Functional
}

// Model returns the model in use.
func (r *Responder) Model() string { return r.model.Model() }

// SetModel changes the model for the next turns.
func (r *Responder) SetModel(name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("give a model name, e.g. /model gpt-5-mini")
	}
	r.model.SetModel(strings.TrimSpace(name))
	return nil
}

// Respond runs one turn: the model answers, calling tools as it needs;
// recorded requirements and a submitted design are passed on to the chat.
func (r *Responder) Respond(ctx context.Context, turn conversation.Turn) (<-chan conversation.Event, error) {
	ch := make(chan conversation.Event, 64)
	go func() {
		defer close(ch)
		// A cancelled turn may still be finishing when the next begins;
		// turns take their place in the conversation one at a time.
		r.turnMu.Lock()
		defer r.turnMu.Unlock()
		if t := strings.TrimSpace(turn.Text); t != "" {
			r.msgs = append(r.msgs, agent.Message{Role: agent.User, Content: t})
		} else if len(r.msgs) == 0 || r.msgs[len(r.msgs)-1].Role != agent.User {
			r.msgs = append(r.msgs, agent.Message{Role: agent.User, Content: "Hello. Start the interview."})
		}
		send := func(e conversation.Event) {
			select {
			case ch <- e:
			case <-ctx.Done():
			}
		}
		recorded, submitted := r.sess.Requirements(), r.sess.Submitted()
		system := agent.Message{Role: agent.System, Content: SystemPrompt(r.persona, r.dynamicPrompt())}
		loop := &agent.Loop{Model: r.model, Tools: r.tools, MaxSteps: r.maxSteps, Prune: PruneStale, Offer: r.sess.Offer, OnEvent: func(e agent.Event) {
			if ev, ok := toConversation(e); ok {
				send(ev)
			}
		}}
		added, err := loop.Run(ctx, append([]agent.Message{system}, r.msgs...))
		r.msgs = append(r.msgs, added...)
		if req := r.sess.Requirements(); req != nil && req != recorded {
			d, _ := r.sess.Design()
			var assumptions []string
			if d != nil {
				assumptions = d.Assumptions
			}
			send(conversation.Event{Kind: conversation.Requirements, Requirements: req, Assumptions: assumptions})
		}
		if r.sess.Submitted() && (!submitted || r.sess.Requirements() != recorded) {
			send(conversation.Event{Kind: conversation.ShowDesign, Scale: 1, Amend: r.sess.Amend})
		}
		send(conversation.Event{Kind: conversation.Done, Err: err})
	}()
	return ch, nil
}

// dynamicPrompt tells the model what is known and missing, after the
// static persona.
func (r *Responder) dynamicPrompt() string {
	var b strings.Builder
	b.WriteString(ChatInstructions)
	b.WriteString("\n\n## Where the conversation stands\n")
	if req := r.sess.Requirements(); req != nil {
		st := phase.Assess(*req)
		fmt.Fprintf(&b, "Phase: %s.\n%s\n", st.Current.Title(), st.Brief())
		if r.sess.Submitted() {
			b.WriteString("The design has been submitted and shown. Refinements: record the changed requirements, then submit again.\n")
		}
	} else {
		b.WriteString("Phase: Functional requirements. Nothing is recorded yet.\n")
	}
	return b.String()
}

// ChatInstructions is the chat's part of the dynamic prompt.
const ChatInstructions = `## This conversation
An interactive design session in a terminal. Interview the user phase by phase (functional; scale and performance; reliability and compliance; constraints), one or two questions at a time, in short plain text.
Call record_requirements whenever you learn something, with everything known so far; its answer says what is still missing.
When the four phases are captured, or the user asks for the design, edit the draft where the system needs it and call submit_design: sysarch renders and shows the document.
For a "what if", record the changed requirements and submit again.`

// Amend applies the model's figures, edits and submitted narrative to a
// design built from the same requirements (the chat builds and renders it).
func (s *Session) Amend(d *design.Design) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d.Capacity = append(d.Capacity, s.figures...)
	if len(s.edits) > 0 {
		d.Apply(s.edits...) // they fitted these requirements when they were kept
	}
	if s.narrative != nil {
		apply(d, *s.narrative)
	}
}

// toConversation maps a loop event to what the chat shows and records.
func toConversation(e agent.Event) (conversation.Event, bool) {
	switch e.Kind {
	case agent.TextDelta:
		return conversation.Event{Kind: conversation.TextDelta, Text: e.Text}, true
	case agent.ToolCalled:
		return conversation.Event{Kind: conversation.ToolCall, Tool: &session.Tool{ID: e.Call.ID, Name: e.Call.Name, Args: rawArgs(e.Call.Arguments)}}, true
	case agent.ToolDone:
		t := &session.Tool{ID: e.Call.ID, Name: e.Call.Name, Args: rawArgs(e.Call.Arguments)}
		if e.IsError {
			t.Error = e.Text
		} else {
			t.Result = rawArgs(e.Text)
		}
		t.Summary = Summary(e.Call.Name, e.Call.Arguments, e.Text, e.IsError)
		return conversation.Event{Kind: conversation.ToolResult, Tool: t}, true
	}
	return conversation.Event{}, false
}

func rawArgs(s string) json.RawMessage {
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}

// headline lists, by preference, the output that sums up each tool.
var headline = []string{"per_second", "total_bytes", "bytes_per_second", "servers", "in_flight", "availability_percent",
	"memory_bytes", "events_in_window", "partitions", "total_s", "choice", "phase"}

// Summary writes one tool call on one line: "throughput 100M/month → 38.03/s".
func Summary(name, args, result string, isErr bool) string {
	var in map[string]any
	json.Unmarshal([]byte(args), &in)
	var parts []string
	for _, k := range []string{"count", "per", "need", "target", "peak_rps", "rate_per_second", "item_bytes", "items"} {
		if v, ok := in[k]; ok {
			parts = append(parts, fmt.Sprint(v))
		}
	}
	line := strings.TrimSpace(name + " " + strings.Join(parts, " "))
	if isErr {
		return line + " → error: " + strings.SplitN(result, "\n", 2)[0]
	}
	var res capacity.Result
	if json.Unmarshal([]byte(result), &res) != nil || res.Outputs == nil {
		return line + " → ok"
	}
	for _, k := range headline {
		if _, ok := res.Outputs[k]; ok {
			return line + " → " + res.Format(k)
		}
	}
	return line + " → ok"
}
