package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/provider"
	"github.com/sysarch/sysarch/agent/session"
)

// withFallback answers with the model while its server can be reached;
// when a turn fails before anything arrived because the server cannot be
// reached, it says so once on notice and the guided interview answers
// that turn and the rest.
func withFallback(model, offline conversation.Factory, notice io.Writer) conversation.Factory {
	return func(history []session.Event) (conversation.Responder, error) {
		r, err := model(history)
		if err != nil {
			return nil, err
		}
		return &fallback{model: r, offline: offline, history: history, notice: notice}, nil
	}
}

type fallback struct {
	model   conversation.Responder
	offline conversation.Factory
	history []session.Event
	notice  io.Writer

	mu  sync.Mutex
	off conversation.Responder // set once the model could not be reached
}

func (f *fallback) active() conversation.Responder {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.off != nil {
		return f.off
	}
	return f.model
}

// Respond runs the turn with the model; the model's events are passed on
// as they come, except a Done that says its server could not be reached
// before anything was said, which hands the turn to the interview.
func (f *fallback) Respond(ctx context.Context, turn conversation.Turn) (<-chan conversation.Event, error) {
	r := f.active()
	in, err := r.Respond(ctx, turn)
	if err != nil || r != f.model {
		return in, err
	}
	out := make(chan conversation.Event, 64)
	go func() {
		defer close(out)
		said := false
		for e := range in {
			if e.Kind == conversation.Done && !said && errors.Is(e.Err, provider.ErrUnreachable) && ctx.Err() == nil {
				if f.switchOver(e.Err) == nil {
					if rest, err := f.active().Respond(ctx, turn); err == nil {
						for e := range rest {
							out <- e
						}
						return
					}
				}
			}
			said = said || e.Kind != conversation.Done
			out <- e
		}
	}()
	return out, nil
}

func (f *fallback) switchOver(cause error) error {
	off, err := f.offline(f.history)
	if err != nil {
		return err
	}
	f.mu.Lock()
	f.off = off
	f.mu.Unlock()
	fmt.Fprintf(f.notice, "warning: %v; going on with the offline interview (sysarch chat --offline skips the model)\n", cause)
	return nil
}

// Phase is the active responder's, or the tracker's when it has none.
func (f *fallback) Phase() phase.Phase {
	if p, ok := f.active().(conversation.Phaser); ok {
		return p.Phase()
	}
	return phase.Functional
}

// Model and SetModel reach the model's responder.
func (f *fallback) Model() string {
	if m, ok := f.model.(conversation.ModelSetter); ok {
		return m.Model()
	}
	return ""
}

func (f *fallback) SetModel(name string) error {
	if m, ok := f.model.(conversation.ModelSetter); ok {
		return m.SetModel(name)
	}
	return fmt.Errorf("no model to change")
}

// Amend completes a resumed design with what the model built.
func (f *fallback) Amend(d *design.Design) {
	if a, ok := f.model.(interface{ Amend(*design.Design) }); ok {
		a.Amend(d)
	}
}
