package interview

import (
	"context"
	"strings"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/session"
)

// Responder runs the interview behind the conversation seam, so the chat
// front end drives it exactly as it would drive a model.
type Responder struct {
	iv *Interview
	// replayed says history held answers; the first turn then restates
	// the requirements, in case the process died before recording them.
	replayed bool
}

// NewResponder returns an offline responder that has replayed the person's
// answers in history; it satisfies conversation.Factory.
func NewResponder(history []session.Event) (conversation.Responder, error) {
	r := &Responder{iv: New()}
	for _, e := range history {
		if e.Type == session.User {
			r.iv.Answer(e.Text)
			r.replayed = true
		}
	}
	return r, nil
}

// Phase returns the phase of the question being asked.
func (r *Responder) Phase() phase.Phase { return r.iv.Phase() }

// Respond answers one turn at once: the interview needs no network.
func (r *Responder) Respond(ctx context.Context, turn conversation.Turn) (<-chan conversation.Event, error) {
	var events []conversation.Event
	said := false
	// say writes each line as a paragraph of its own, so that on a
	// terminal, where answers are drawn as Markdown, an error never runs
	// into the question after it.
	say := func(lines ...string) {
		if len(lines) == 0 {
			return
		}
		text := strings.Join(lines, "\n\n") + "\n"
		if said {
			text = "\n" + text
		}
		said = true
		events = append(events, conversation.Event{Kind: conversation.TextDelta, Text: text})
	}
	snapshot := func() {
		req := r.iv.Requirements()
		events = append(events, conversation.Event{Kind: conversation.Requirements, Requirements: &req, Assumptions: r.iv.Assumptions()})
	}
	if turn.Text == "" {
		if r.replayed {
			snapshot()
			r.replayed = false
		}
		if q, ok := r.iv.Current(); ok {
			say(q.Text)
		}
	} else {
		reply := r.iv.Answer(turn.Text)
		say(reply.Say...)
		if reply.Changed {
			snapshot()
		}
		switch {
		case reply.Done:
			events = append(events, conversation.Event{Kind: conversation.ShowDesign, Scale: 1})
		case reply.Scale > 0:
			events = append(events, conversation.Event{Kind: conversation.ShowDesign, Scale: reply.Scale})
		}
		if q, ok := r.iv.Current(); ok {
			say(q.Text)
		}
	}
	events = append(events, conversation.Event{Kind: conversation.Done})
	ch := make(chan conversation.Event, len(events))
	for _, e := range events {
		ch <- e
	}
	close(ch)
	return ch, nil
}
