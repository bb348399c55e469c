package chat

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/session"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// errExit ends the loop normally (/exit, Ctrl-D, end of input).
var errExit = errors.New("exit")

func (c *Chat) loop(ctx context.Context) error {
	for {
		msg, err := c.readMessage()
		switch {
		case errors.Is(err, ErrCleared):
			c.interrupts = 0 // only Ctrl-C at an empty prompt counts toward leaving
			continue
		case errors.Is(err, ErrInterrupt):
			c.interrupts++
			if c.interrupts >= 2 {
				return nil
			}
			fmt.Fprintln(c.conv, "(press Ctrl-C again or Ctrl-D to exit)")
			continue
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, new(*LineTooLongError)):
			fmt.Fprintln(c.conv, err)
			continue
		case err != nil:
			return err
		}
		c.interrupts = 0
		if strings.TrimSpace(msg) == "" {
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(msg), "/") {
			if err := c.runCommand(ctx, strings.TrimSpace(msg)); errors.Is(err, errExit) {
				return nil
			} else if err != nil {
				fmt.Fprintf(c.conv, "%v\n", err)
			}
			continue
		}
		c.record(session.Event{Type: session.User, Text: msg})
		if err := c.turn(ctx, msg); err != nil {
			return err
		}
	}
}

// runCommand runs a slash command; Ctrl-C meanwhile is not fatal.
func (c *Chat) runCommand(ctx context.Context, line string) error {
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	return c.command(ctx, line)
}

// readMessage reads one message: a line ending in a backslash continues
// on the next line, and a bracketed paste stays one message until Enter.
func (c *Chat) readMessage() (string, error) {
	var lines []string
	for {
		prompt := c.prompt()
		if len(lines) > 0 {
			prompt = strings.Repeat(" ", max(0, len([]rune(prompt))-2)) + "… "
		}
		line, pasted, err := c.in.ReadLine(prompt)
		if err != nil {
			if errors.Is(err, io.EOF) && len(lines) > 0 {
				return strings.Join(lines, "\n"), nil
			}
			return "", err
		}
		if cont, ok := strings.CutSuffix(line, `\`); ok && !pasted {
			lines = append(lines, cont)
			continue
		}
		lines = append(lines, line)
		if pasted {
			continue
		}
		return strings.TrimRight(strings.Join(lines, "\n"), "\n"), nil
	}
}

// turn sends one turn to the responder, shows and records what comes
// back. Ctrl-C while it runs cancels the turn, not the chat: the partial
// answer is kept and marked.
func (c *Chat) turn(ctx context.Context, text string) error {
	tctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	events, err := c.resp.Respond(tctx, conversation.Turn{Text: text})
	if err != nil {
		fmt.Fprintf(c.conv, "error: %s\n", termsafe.String(err.Error()))
		return nil
	}
	var ts turnState
	ts.spin = startSpinner(c.opts.Err, c.opts.Terminal && c.opts.Style)
	defer ts.spin.stop()
	for done := false; !done; {
		select {
		case <-tctx.Done():
			ts.cancelled = ctx.Err() == nil
			done = true
			go func() { // let a responder that is slow to stop finish sending
				for range events {
				}
			}()
		case e, ok := <-events:
			if ok {
				c.handle(e, &ts)
			}
			done = !ok
		}
	}
	// A responder that stops as soon as it is cancelled closes its events
	// at the same moment: the turn was still cancelled.
	if tctx.Err() != nil && ctx.Err() == nil {
		ts.cancelled = true
	}
	ts.spin.stop()
	ts.flush()
	if c.opts.Terminal && c.opts.Render != nil && c.opts.Width > 0 && !ts.cancelled && ts.failed == nil && strings.TrimSpace(ts.raw.String()) != "" {
		restyle(c.conv, ts.raw.String(), c.opts.Render([]byte(ts.raw.String())), c.opts.Width)
	} else if a := ts.raw.String(); a != "" && !strings.HasSuffix(a, "\n") {
		fmt.Fprintln(c.conv) // the next prompt starts on a line of its own
	}
	c.finishTurn(ts.answer.String(), ts.cancelled, ts.failed)
	if ts.failed == nil && !ts.cancelled || ts.heard {
		c.reached = true
	} else if ts.failed != nil {
		c.failed = ts.failed
	}
	for _, scale := range ts.designs {
		show := c.showDesign
		if scale > 0 && scale != 1 {
			show = func(bool) error { return c.showWhatIf(scale) }
		}
		if err := show(false); err != nil {
			fmt.Fprintf(c.conv, "%v\n", err)
		}
	}
	c.notePhase()
	return nil
}

// turnState gathers what a turn produced.
type turnState struct {
	answer    strings.Builder
	raw       strings.Builder // text streamed since the last tool line
	spin      *spinner
	designs   []float64 // scales of the designs to show when the turn ends (1: as stated)
	failed    error
	cancelled bool
	heard     bool // the responder answered something: text or a tool call
	shown     *termsafe.Writer
}

// screen is where the streamed answer goes: the model's text is
// sanitised on its way to the terminal, and raw holds it as shown.
func (ts *turnState) screen(conv io.Writer) io.Writer {
	if ts.shown == nil {
		ts.shown = termsafe.NewWriter(io.MultiWriter(conv, &ts.raw))
	}
	return ts.shown
}

// flush writes what the sanitiser held back: a character cut in two.
func (ts *turnState) flush() {
	if ts.shown != nil {
		ts.shown.Flush()
	}
}

// handle shows and records one event of a turn.
func (c *Chat) handle(e conversation.Event, ts *turnState) {
	switch e.Kind {
	case conversation.TextDelta:
		ts.heard = true
		ts.spin.stop()
		ts.answer.WriteString(e.Text)
		io.WriteString(ts.screen(c.conv), e.Text)
	case conversation.ToolCall:
		ts.heard = true
		c.record(session.Event{Type: session.ToolCall, Tool: e.Tool})
	case conversation.ToolResult:
		c.record(session.Event{Type: session.ToolResult, Tool: e.Tool})
		if e.Tool != nil {
			ts.spin.stop()
			ts.flush()
			if ts.raw.Len() > 0 && !strings.HasSuffix(ts.raw.String(), "\n") {
				fmt.Fprintln(c.conv)
			}
			ts.raw.Reset()
			fmt.Fprintln(c.conv, dim(toolLine(*e.Tool), c.opts.Style))
		}
	case conversation.Requirements:
		if e.Requirements != nil {
			c.req = *e.Requirements
			c.pinPatterns()
		}
		c.assum = e.Assumptions
		c.record(session.Event{Type: session.Requirements, Requirements: e.Requirements, Assumptions: e.Assumptions})
	case conversation.ShowDesign:
		ts.designs = append(ts.designs, e.Scale)
		if e.Amend != nil {
			c.amend = e.Amend
		}
	case conversation.Done:
		ts.failed = e.Err
	}
}

// finishTurn records the answer, marked if it was cut short.
func (c *Chat) finishTurn(answer string, cancelled bool, failed error) {
	partial := cancelled || failed != nil
	if answer != "" || partial {
		c.record(session.Event{Type: session.Assistant, Text: answer, Partial: partial, Cancelled: cancelled})
	}
	if !partial {
		c.explainCited(answer)
	}
	if cancelled {
		fmt.Fprintln(c.conv, dim("[cancelled]", c.opts.Style))
	}
	if failed != nil {
		fmt.Fprintf(c.conv, "error: %s\n", termsafe.String(failed.Error())) // may quote a provider's body
	}
}

// notePhase records a change of phase.
func (c *Chat) notePhase() {
	if p := c.currentPhase(); p != c.phase {
		c.phase = p
		c.record(session.Event{Type: session.Phase, Phase: p.String()})
	}
}
