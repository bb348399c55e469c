package main

import (
	"context"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/architect"
	"github.com/sysarch/sysarch/agent/chat"
	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/interview"
	"github.com/sysarch/sysarch/agent/session"
)

type chatOptions struct {
	io      *IOStreams
	offline bool
	resume  string // "" starts a new session; resumeLatest resumes the latest
	persona string
	engine  engineFlags
	llm     llmFlags
}

const resumeLatest = "latest"

func newChatCmd(ios *IOStreams) *cobra.Command {
	opts := &chatOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "chat [--offline] [--resume [ID]]",
		Short: "Design a system in conversation: requirements phase by phase, then the design",
		Long: `Design a system in conversation. sysarch asks about the requirements phase
by phase (functional; scale and performance; reliability and compliance;
constraints), computes the design when enough is known, and lets you
refine it ("what if traffic is 10x?") and save it.

Without a model it runs a guided interview: one question at a time, answers
in the usual quantity forms (100M/month, 500B, 50ms, 99.95%), "skip" to go
on with an assumption. Every turn is kept in a session log under
$XDG_STATE_HOME/sysarch/sessions (a chat in which nothing was said is not
kept); --resume continues the latest session, or the one named. With stdin
piped it reads one answer per line; the conversation goes to stderr and
the final design alone to stdout, so 'sysarch chat < answers > design.md'
writes a pure Markdown document. Inside the chat, /help lists the commands.`,
		Example: `  sysarch chat
  sysarch chat --resume
  printf 'URL shortener\nshorten, redirect\n…' | sysarch chat --offline > design.md`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				if opts.resume != resumeLatest {
					return usageErrorf("chat takes no arguments; did you mean --resume %s?", args[0])
				}
				opts.resume = args[0]
			}
			return chatRun(c.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.offline, "offline", false, "run the guided interview, without a model")
	cmd.Flags().StringVar(&opts.resume, "resume", "", "continue a session: the latest, or the `ID` given ('sysarch sessions' lists them)")
	cmd.Flags().Lookup("resume").NoOptDefVal = resumeLatest
	cmd.Flags().StringVar(&opts.persona, "persona", "", "persona file (Claude Code subagent format) for the model's system prompt")
	opts.engine.register(cmd.Flags(), withPrices|withMonth)
	opts.llm.register(cmd.Flags())
	return cmd
}

func chatRun(ctx context.Context, opts *chatOptions) error {
	ios := opts.io
	engine, err := opts.engine.options(ios)
	if err != nil {
		return err
	}
	factory, model, err := chooseResponder(opts, &engine)
	if err != nil {
		return err
	}
	store, err := openSessionStore(ios)
	if err != nil {
		return err
	}
	state, _ := session.StateDir(ios.Getenv)
	co := chat.Options{
		In: ios.In, Out: ios.Out, Err: ios.ErrOut,
		Terminal:     ios.IsStdinTTY() && ios.IsStdoutTTY(),
		StdinTTY:     ios.IsStdinTTY(),
		Style:        ios.ColorEnabled(),
		Width:        ios.TerminalWidth(),
		Store:        store,
		Resume:       opts.resume != "",
		NewResponder: factory,
		Model:        model,
		Design:       designer(engine),
		Render:       terminalRenderer(ios),
		WriteFile:    func(path string, data []byte) error { return writeOutput(path, data, true) },
		Calc:         func(args []string, out io.Writer) error { return runCalc(ios, args, out) },
		HistoryFile:  filepath.Join(state, "history"),
	}
	if opts.resume != resumeLatest {
		co.ResumeID = opts.resume
	}
	return sessionError(chat.Run(ctx, co))
}

// chooseResponder picks who answers: the model when a key is configured
// (or the provider needs none) and --offline is not given, else the
// guided interview. It returns the model's name, or "" offline.
//
// With a model, the figures' ids are kept stable for the session
// (design.RowIDs), shared by the model's designs and the chat's, so an id
// the model cited still names the same figure after the requirements are
// recorded again.
func chooseResponder(opts *chatOptions, engine *design.Options) (conversation.Factory, string, error) {
	persona, err := modelPrompt(opts.persona)
	if err != nil {
		return nil, "", err
	}
	if opts.offline {
		return interview.NewResponder, "", nil
	}
	cfg, err := opts.llm.resolve(opts.io)
	if err != nil {
		return nil, "", err
	}
	if cfg.APIKey == "" && cfg.NeedsKey {
		return interview.NewResponder, "", nil
	}
	client := opts.llm.client(opts.io, cfg)
	engine.IDs = design.NewRowIDs()
	model := architect.NewResponderFactory(client, persona, opts.llm.maxSteps, *engine)
	return withFallback(model, interview.NewResponder, opts.io.ErrOut), cfg.Model, nil
}

func openSessionStore(ios *IOStreams) (*session.Store, error) {
	state, err := session.StateDir(ios.Getenv)
	if err != nil {
		return nil, err
	}
	return session.OpenStore(filepath.Join(state, "sessions"), time.Now) // sessions are dated by the real clock
}

// runCalc runs "/calc TOOL --flag v…" through the same command as
// 'sysarch calc', with its output (and help) to out.
func runCalc(ios *IOStreams, args []string, out io.Writer) error {
	sub := &IOStreams{In: ios.In, Out: out, ErrOut: out, Getenv: ios.Getenv}
	cmd := newCalcCmd(sub, calcToolsFor(append([]string{"calc"}, args...)))
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetArgs(args)
	cmd.SetOut(out)
	cmd.SetErr(out)
	return cmd.Execute()
}
