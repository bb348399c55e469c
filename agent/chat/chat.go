// Package chat is the terminal front end of a design conversation: it
// reads the person's lines (with line editing and history on a terminal,
// plainly from a pipe), sends each turn to a conversation.Responder,
// records every event in the session log before the next turn, shows the
// answers and the design, and runs the slash commands.
//
// On a terminal the prompt names the phase ("[scale] › "), Ctrl-C cancels
// a turn in flight (keeping the partial answer, marked), Ctrl-C on a line
// with text drops the line, and Ctrl-C twice at an empty prompt or Ctrl-D
// exits. From a pipe it reads lines and writes plain text without escape
// codes: everything on the error stream but the final design, which goes
// to the output alone when the chat ends, so "sysarch chat < answers >
// design.md" leaves a pure Markdown document.
//
// A what-if ("what if traffic is 10x?") shows the design at that scale
// once and is dropped; /scale keeps a scale for /design and /save, and a
// document saved at one is marked as a what-if. A new session in which
// the person said nothing is not kept.
package chat

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// DesignOptions are what a design is computed with besides the requirements.
type DesignOptions struct {
	// Scale multiplies every workload rate (1 is as stated).
	Scale float64
	// Assumptions made in the conversation, to be listed in the document.
	Assumptions []string
	// Amend completes the built design before it is rendered (may be nil).
	Amend func(*design.Design)
}

// DesignFunc computes the design for req and renders it as Markdown.
type DesignFunc func(req requirements.Requirements, opts DesignOptions) ([]byte, error)

// Options are everything a chat needs; the command line fills them in.
type Options struct {
	In       io.Reader
	Out, Err io.Writer
	// Terminal says stdin and stdout are terminals: line editing, history,
	// a prompt, and confirmation questions.
	Terminal bool
	// StdinTTY says stdin alone is a terminal (the output is redirected):
	// lines are read plainly with a prompt on Err. Otherwise piped input
	// is echoed to Err after the prompt, for a readable transcript.
	StdinTTY bool
	// Style allows escape codes (dim tool lines, a spinner) on the output.
	Style bool
	// Width is the terminal's width in columns (0 when unknown): a
	// streamed answer is re-rendered in place once complete.
	Width int
	// Store holds the session logs.
	Store *session.Store
	// Resume continues a session instead of starting one; ResumeID names
	// it ("" means the latest).
	Resume   bool
	ResumeID string
	// NewResponder builds the responder for a session's history.
	NewResponder conversation.Factory
	// Design computes and renders the document; Render formats Markdown
	// for the output (drawn for a terminal); nil writes it as is.
	Design DesignFunc
	Render func(markdown []byte) string
	// WriteFile writes the document for /save, atomically: the file is
	// the old one or the whole new one, never half written. The chat asks
	// before overwriting.
	WriteFile func(path string, data []byte) error
	// Calc runs "/calc TOOL --flag v…" with its output to out.
	Calc func(args []string, out io.Writer) error
	// HistoryFile keeps the line editor's history ("" keeps none).
	HistoryFile string
	// Model is the model named on the command line, if any.
	Model string
}

// Chat is one running conversation.
type Chat struct {
	opts  Options
	log   *session.Log
	in    LineReader
	resp  conversation.Responder
	conv  io.Writer // where the conversation goes: Out on a terminal, Err from a pipe
	req   requirements.Requirements
	assum []string
	model string
	phase phase.Phase
	// doc is the last design shown at scale, the scale /design and /save
	// use (1 is the load as stated; a what-if leaves both alone).
	doc   []byte
	scale float64
	// whatIf is the document of the last what-if, at whatIfScale, for
	// /whatif; a what-if itself shows only what it changes.
	whatIf      []byte
	whatIfScale float64
	// pins are the /patterns choices, kept over every new snapshot of
	// the requirements: "id" adds an archetype, "-id" drops it.
	pins []string
	// amend completes each design with what the responder added to it.
	amend func(*design.Design)
	// interrupts counts Ctrl-C presses at an empty prompt in a row.
	interrupts int
	// said counts the person's messages recorded; resumed says the
	// session existed before: only a new session with none is dropped.
	said    int
	resumed bool
	// reached says some turn got an answer; failed is the last turn's
	// error when none did.
	reached bool
	failed  error
}

// Run holds the conversation until the person exits or input ends.
func Run(ctx context.Context, opts Options) error {
	c := &Chat{opts: opts, conv: opts.Out, scale: 1, model: opts.Model}
	if !opts.Terminal {
		c.conv = opts.Err
	}
	sess, err := c.open()
	if err != nil {
		return err
	}
	defer c.log.Close()
	c.in = c.newReader()
	defer c.in.Close()
	banner := fmt.Sprintf("session %s (sysarch chat --resume %s continues it; /help lists the commands)", c.log.ID(), c.log.ID())
	fmt.Fprintln(opts.Err, wrapText(banner, c.terminalWidth()))
	if sess != nil {
		err = c.resume(ctx, sess)
	} else {
		err = c.start(ctx)
	}
	if err == nil {
		err = c.loop(ctx)
	}
	if err == nil && !opts.Terminal {
		err = c.writeFinal()
	}
	c.dropIfEmpty()
	return err
}

// dropIfEmpty removes a new session in which the person said nothing: an
// empty log would only crowd the list and be picked by --resume.
func (c *Chat) dropIfEmpty() {
	if c.resumed || c.said > 0 {
		return
	}
	c.log.Close()
	if err := c.opts.Store.Remove(c.log.ID()); err != nil {
		fmt.Fprintf(c.opts.Err, "warning: %v\n", err)
	}
}

func (c *Chat) newReader() LineReader {
	if f, ok := c.opts.In.(*os.File); ok && c.opts.Terminal {
		return newTermReader(f, c.opts.Out, openHistory(c.opts.HistoryFile))
	}
	if c.opts.StdinTTY {
		return newPlainReader(c.opts.In, c.opts.Err, nil)
	}
	return newPlainReader(c.opts.In, nil, c.opts.Err)
}

// open creates the session log, or opens the one to resume and returns
// what it holds.
func (c *Chat) open() (*session.Session, error) {
	if !c.opts.Resume {
		l, err := c.opts.Store.Create()
		if err != nil {
			return nil, err
		}
		c.log = l
		return nil, nil
	}
	id := c.opts.ResumeID
	if id == "" {
		latest, err := c.opts.Store.Latest()
		if err != nil {
			return nil, err
		}
		id = latest
	}
	l, sess, err := c.opts.Store.Continue(id)
	if err != nil {
		return nil, err
	}
	c.log, c.resumed = l, true
	return sess, nil
}

// start opens a new conversation.
func (c *Chat) start(ctx context.Context) error {
	if c.model != "" {
		c.record(session.Event{Type: session.Model, Model: c.model})
	}
	if err := c.newResponder(nil); err != nil {
		return err
	}
	return c.turn(ctx, "")
}

// resume shows the conversation so far and picks it up again.
func (c *Chat) resume(ctx context.Context, sess *session.Session) error {
	for _, w := range sess.Warnings {
		fmt.Fprintf(c.opts.Err, "warning: session %s: %s\n", sess.ID, termsafe.Line(w.String()))
	}
	st := sess.State()
	c.req, c.assum = st.Requirements, st.Assumptions
	if c.model == "" {
		c.model = st.Model
	}
	WriteTranscript(c.conv, sess.Events, c.opts.Style, c.terminalWidth())
	if err := c.newResponder(conversation.Since(sess.Events)); err != nil {
		return err
	}
	c.phase = c.currentPhase()
	if p, ok := phase.Parse(st.Phase); ok {
		c.phase = p
	}
	// A last message left unanswered (the process died mid-turn) is
	// answered now.
	if last := lastTurn(sess.Events); last == session.User || last == "" {
		return c.turn(ctx, "")
	}
	return nil
}

func lastTurn(events []session.Event) session.Type {
	for i := len(events) - 1; i >= 0; i-- {
		switch t := events[i].Type; t {
		case session.User, session.Assistant, session.Reset:
			if t == session.Reset {
				return ""
			}
			return t
		}
	}
	return ""
}

func (c *Chat) newResponder(history []session.Event) error {
	r, err := c.opts.NewResponder(history)
	if err != nil {
		return err
	}
	c.resp = r
	if a, ok := r.(interface{ Amend(*design.Design) }); ok && c.resumed {
		// A resumed conversation's design is the one the responder rebuilt.
		c.amend = a.Amend
	}
	if ms, ok := r.(conversation.ModelSetter); ok && c.model != "" {
		return ms.SetModel(c.model)
	}
	return nil
}

// record appends an event to the session log; a log that cannot be
// written is reported once per event but does not end the conversation.
func (c *Chat) record(e session.Event) {
	if e.Type == session.User {
		c.said++
	}
	if err := c.log.Append(e); err != nil {
		fmt.Fprintf(c.opts.Err, "warning: %v\n", err)
	}
}

// currentPhase is the responder's phase if it knows one, else the
// tracker's reading of the requirements; once a design is shown the
// conversation is at the document.
func (c *Chat) currentPhase() phase.Phase {
	if p, ok := c.resp.(conversation.Phaser); ok {
		return p.Phase()
	}
	if c.doc != nil {
		return phase.Document
	}
	return phase.Assess(c.req).Current
}

func (c *Chat) prompt() string {
	if !c.opts.Terminal {
		return "› "
	}
	return c.phase.Prompt()
}
