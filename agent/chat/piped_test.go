package chat

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/session"
)

// failingResponder fails every turn before saying anything, as a model
// behind a wrong key or an unreachable endpoint does.
type failingResponder struct{}

func (failingResponder) Respond(context.Context, conversation.Turn) (<-chan conversation.Event, error) {
	ch := make(chan conversation.Event, 1)
	ch <- conversation.Event{Kind: conversation.Done, Err: errors.New("could not connect to http://127.0.0.1:9/v1")}
	close(ch)
	return ch, nil
}

// chattyResponder answers every turn with text and records nothing.
type chattyResponder struct{}

func (chattyResponder) Respond(context.Context, conversation.Turn) (<-chan conversation.Event, error) {
	ch := make(chan conversation.Event, 2)
	ch <- conversation.Event{Kind: conversation.TextDelta, Text: "Tell me more.\n"}
	ch <- conversation.Event{Kind: conversation.Done}
	close(ch)
	return ch, nil
}

// TestPipedChatWithoutAResult checks that a piped chat with nothing to
// show prints no document and ends in an error, which the command turns
// into a non-zero exit.
func TestPipedChatWithoutAResult(t *testing.T) {
	tests := []struct {
		name string
		resp conversation.Responder
		want string
	}{
		{"no turn reached the model", failingResponder{}, "no turn reached the model, so there is no design: could not connect"},
		{"nothing recorded", chattyResponder{}, "recorded no requirements"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := runChatErr(t, nil, "a URL shortener\n100M links a month\n", func(o *Options) {
				o.NewResponder = func([]session.Event) (conversation.Responder, error) { return tt.resp, nil }
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run error = %v, want %q", err, tt.want)
			}
			if r.out != "" {
				t.Errorf("stdout = %q, want no document", r.out)
			}
		})
	}
}
