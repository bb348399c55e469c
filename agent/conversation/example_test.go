package conversation_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/session"
)

// echo is the smallest Responder: it streams the person's words back one
// at a time and stops when the turn is cancelled.
type echo struct{ turns int }

func newEcho(history []session.Event) (conversation.Responder, error) {
	e := &echo{}
	for _, ev := range history {
		if ev.Type == session.User {
			e.turns++ // a real responder rebuilds its conversation here
		}
	}
	return e, nil
}

func (e *echo) Respond(ctx context.Context, turn conversation.Turn) (<-chan conversation.Event, error) {
	e.turns++
	ch := make(chan conversation.Event)
	go func() {
		defer close(ch)
		send := func(ev conversation.Event) bool {
			select {
			case ch <- ev:
				return true
			case <-ctx.Done():
				return false
			}
		}
		for _, w := range strings.Fields(turn.Text) {
			if !send(conversation.Event{Kind: conversation.TextDelta, Text: w + " "}) {
				return
			}
		}
		send(conversation.Event{Kind: conversation.Done})
	}()
	return ch, nil
}

func Example() {
	var factory conversation.Factory = newEcho
	r, _ := factory(nil)
	events, _ := r.Respond(context.Background(), conversation.Turn{Text: "a queue for orders"})
	var answer strings.Builder
	for ev := range events {
		if ev.Kind == conversation.TextDelta {
			answer.WriteString(ev.Text)
		}
	}
	fmt.Println(strings.TrimSpace(answer.String()))
	// Output: a queue for orders
}
