// Package conversation is the seam between the chat front end and whatever
// answers the person: the offline interview (interview.NewResponder) or an
// LLM agent loop.
//
// The contract is small on purpose:
//
//   - The front end builds a Responder with a Factory, handing it the
//     session's events since the last /reset, so a resumed session picks
//     up where it stopped. A /reset builds a fresh one from no history.
//   - For every turn the front end calls Respond once and reads the
//     channel until it is closed. The responder sends text as it is
//     produced (TextDelta), tool calls and their results, requirements
//     updates, and ShowDesign when the design should be computed and
//     shown; Done (with Err set when the turn failed) comes last, then the
//     channel is closed.
//   - When ctx is cancelled (Ctrl-C) the responder stops promptly and
//     closes the channel; it need not send Done. The front end keeps what
//     had arrived and marks the turn partial and cancelled.
//   - The responder never writes the session log or the terminal: the
//     front end records every event (synced before the next turn) and
//     decides how to show it.
//
// A responder may also implement Phaser (the phase to show in the prompt)
// and ModelSetter (/model).
package conversation

import (
	"context"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

// Turn is what the person said.
type Turn struct {
	// Text is the message. An empty Text asks the responder to speak
	// unprompted: to open the conversation, or to pick it up again after
	// an interruption left the last message unanswered.
	Text string
}

// Kind says what an Event carries.
type Kind int

// The kinds of event a responder sends.
const (
	TextDelta    Kind = iota // Text: the next piece of the answer
	ToolCall                 // Tool: a capacity tool is being called
	ToolResult               // Tool: the call with its Result or Error
	Requirements             // Requirements (full snapshot), Assumptions
	ShowDesign               // Scale: compute the design from the requirements and show it
	Done                     // the answer is complete; Err is set if the turn failed
)

// Event is one thing a responder reports during a turn.
type Event struct {
	Kind         Kind
	Text         string
	Tool         *session.Tool
	Requirements *requirements.Requirements
	Assumptions  []string
	// Scale multiplies every workload rate in the design (1 when unset).
	Scale float64
	// Amend, when set, completes the design before it is rendered (a
	// model's narrative: summary, rationale, overrides).
	Amend func(*design.Design)
	Err   error
}

// Responder answers the person's turns.
type Responder interface {
	Respond(ctx context.Context, turn Turn) (<-chan Event, error)
}

// Factory builds a responder that continues from history: the session's
// events since the last reset (none for a new session).
type Factory func(history []session.Event) (Responder, error)

// Phaser is implemented by responders that know which phase the
// conversation is in; otherwise the front end asks the phase tracker.
type Phaser interface {
	Phase() phase.Phase
}

// ModelSetter is implemented by responders that talk to a model.
type ModelSetter interface {
	Model() string
	SetModel(name string) error
}

// Since returns the events after the last reset, which is what a Factory
// is given.
func Since(events []session.Event) []session.Event {
	for i := len(events) - 1; i >= 0; i-- {
		if events[i].Type == session.Reset {
			return events[i+1:]
		}
	}
	return events
}
