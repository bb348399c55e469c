package agent

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// EventKind says what happened in a turn.
type EventKind int

// The events a run reports.
const (
	TextDelta  EventKind = iota // a piece of the answer
	ToolCalled                  // the model asked for a tool
	ToolDone                    // a tool returned
	StepDone                    // one round trip finished, with its usage
)

// Event is one thing that happened during a run, for the caller to show.
type Event struct {
	Kind    EventKind
	Text    string   // TextDelta: the text; ToolDone: the result
	Call    ToolCall // ToolCalled, ToolDone
	IsError bool     // ToolDone: the tool failed
	Usage   Usage    // StepDone
	Retries int      // StepDone: failed attempts before the round trip succeeded
}

// ErrStepLimit is returned when the model keeps calling tools past the
// step limit.
var ErrStepLimit = errors.New("the model kept calling tools past the step limit")

// Loop runs conversations with a model and a toolbox.
type Loop struct {
	Model    Model
	Tools    *Toolbox
	MaxSteps int         // round trips per run; 0 means 12
	OnEvent  func(Event) // may be nil
	// Prune, when set, shortens what each request re-sends (answers a
	// later call made stale); the conversation itself is kept whole.
	Prune func([]Message) []Message
	// Offer, when set, picks the tools each request shows the model (the
	// tools the conversation's stage can use); a call of any tool of the
	// toolbox still runs.
	Offer func([]ToolDef) []ToolDef
}

// Run continues the conversation in msgs until the model answers without
// calling tools. It returns the messages it added (assistant turns and tool
// results), also when it fails part-way, so nothing said is lost.
func (l *Loop) Run(ctx context.Context, msgs []Message) ([]Message, error) {
	var added []Message
	limit := l.MaxSteps
	if limit <= 0 {
		limit = 12
	}
	for step := 0; step < limit; step++ {
		req := Request{Messages: append(msgs[:len(msgs):len(msgs)], added...), Tools: l.Tools.Defs()}
		if l.Offer != nil {
			req.Tools = l.Offer(req.Tools)
		}
		if l.Prune != nil {
			req.Messages = l.Prune(req.Messages)
		}
		resp, err := l.Model.Stream(ctx, req, func(s string) { l.emit(Event{Kind: TextDelta, Text: s}) })
		if err != nil {
			return added, err
		}
		l.emit(Event{Kind: StepDone, Usage: resp.Usage, Retries: resp.Retries})
		resp.Message.Role = Assistant
		added = append(added, resp.Message)
		if len(resp.Message.ToolCalls) == 0 {
			return added, nil
		}
		results := l.runTools(ctx, resp.Message.ToolCalls)
		added = append(added, results...)
		if err := ctx.Err(); err != nil {
			return added, err
		}
		for i, r := range results {
			if !r.IsError && l.Tools.isFinal(resp.Message.ToolCalls[i].Name) {
				return added, nil
			}
		}
	}
	return added, fmt.Errorf("%w (%d round trips)", ErrStepLimit, limit)
}

// runTools runs every call of a turn concurrently and returns the results
// in the order of the calls.
func (l *Loop) runTools(ctx context.Context, calls []ToolCall) []Message {
	out := make([]Message, len(calls))
	var wg sync.WaitGroup
	for i, c := range calls {
		l.emit(Event{Kind: ToolCalled, Call: c})
		wg.Add(1)
		go func() {
			defer wg.Done()
			text, isErr := l.Tools.Call(ctx, c)
			out[i] = Message{Role: ToolRole, ToolCallID: c.ID, Content: text, IsError: isErr}
		}()
	}
	wg.Wait()
	for i, c := range calls {
		l.emit(Event{Kind: ToolDone, Call: c, Text: out[i].Content, IsError: out[i].IsError})
	}
	return out
}

func (l *Loop) emit(e Event) {
	if l.OnEvent != nil {
		l.OnEvent(e)
	}
}
