package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"
	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/architect"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/provider"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// designModelOptions are the flags that bring a model into `design`.
type designModelOptions struct {
	llm, offline bool
	strict       bool // the model's narrative is required
	persona      string
	flags        llmFlags

	// Set by useModel, for designWithModel.
	cfg         provider.Config
	personaText string
}

func (o *designModelOptions) register(fs *pflag.FlagSet) {
	fs.BoolVar(&o.llm, "llm", false, "have the model write the narrative (default when an API key is configured)")
	fs.BoolVar(&o.offline, "offline", false, "use the deterministic engine alone, even with a key")
	fs.StringVar(&o.persona, "persona", "", "persona file (Claude Code subagent format) for the model's system prompt")
	fs.BoolVar(&o.strict, "strict", false, "fail (exit 1) when the model's narrative is not accepted, instead of writing the engine's")
	o.flags.register(fs)
}

// useModel decides between the engine alone and the model: --offline and
// --llm force it; otherwise a configured key turns the model on.
func (o *designModelOptions) useModel(ios *IOStreams) (bool, error) {
	if o.llm && o.offline {
		return false, usageErrorf("--llm and --offline contradict each other: pass one")
	}
	var err error
	if o.personaText, err = modelPrompt(o.persona); err != nil {
		return false, err
	}
	if o.offline {
		return false, nil
	}
	if o.cfg, err = o.flags.resolve(ios); err != nil {
		return false, err
	}
	if o.llm && !o.cfg.HasKey() {
		return false, usageErrorf("--llm needs an API key: set OPENAI_API_KEY (or ANTHROPIC_API_KEY, OPENROUTER_API_KEY), use --provider ollama, or drop --llm to design offline")
	}
	return o.llm || o.cfg.APIKey != "", nil
}

// designWithModel runs the one-shot design with the model: sysarch records
// the requirements it parsed, the model may refine them and submits the
// narrative, and the document is rendered from the typed Design. It runs
// after useModel, which resolved the configuration and the persona. Ctrl-C
// and SIGTERM cancel the run as well as ctx does.
func designWithModel(ctx context.Context, ios *IOStreams, o *designModelOptions, text []byte, req requirements.Requirements, engine design.Options) (*design.Design, error) {
	cfg := o.cfg
	sess := &architect.Session{Options: engine}
	if _, err := sess.Record(req); err != nil {
		return nil, usageError(err)
	}
	draft, err := sess.DraftSummary()
	if err != nil {
		return nil, err
	}
	tb, err := agent.NewToolbox(sess.Tools()...)
	if err != nil {
		return nil, err
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	stats := &runStats{start: time.Now()} // the run's own duration, for the person
	loop := &agent.Loop{Model: o.flags.client(ios, cfg), Tools: tb, MaxSteps: o.flags.maxSteps, Prune: architect.PruneStale, OnEvent: stats.progress(ios)}
	msgs := []agent.Message{
		{Role: agent.System, Content: architect.SystemPrompt(o.personaText, architect.OneShotInstructions)},
		{Role: agent.User, Content: architect.OneShotMessage(text, draft)},
	}
	fmt.Fprintf(ios.ErrOut, "designing with %s at %s…\n", cfg.Model, cfg.BaseURL)
	_, err = loop.Run(ctx, msgs)
	if ctx.Err() != nil {
		stats.report(ios, cfg.Model, "none")
		return nil, fmt.Errorf("cancelled; nothing was written")
	}
	if err != nil && stats.roundTrips == 0 {
		// Nothing reached the model: a setup problem, not a model's. The
		// model was only implied by a configured key, so the engine's
		// document is still the answer the person asked for.
		if o.llm || o.strict {
			stats.report(ios, cfg.Model, "none")
			return nil, err
		}
		stats.report(ios, cfg.Model, "the engine's")
		fmt.Fprintf(ios.ErrOut, "warning: could not use the model (%s); designed with the offline engine instead (pass --offline to skip the model, --llm to require it)\n", oneLine(err))
		return sess.Design()
	}
	if sess.Submitted() {
		stats.report(ios, cfg.Model, "the model's")
		return sess.Design()
	}
	stats.report(ios, cfg.Model, "the engine's")
	failed := stats.failure(err)
	if o.strict {
		return nil, fmt.Errorf("the model %s; --strict asks for its narrative, so nothing was written", failed)
	}
	fmt.Fprintf(ios.ErrOut, "warning: the model %s; the document carries the engine's narrative\n", failed)
	return sess.Design()
}

// failure says in a few words what the model failed to do, from how the
// run ended and the last refusal of its design tools.
func (s *runStats) failure(err error) string {
	var what string
	switch {
	case errors.Is(err, agent.ErrStepLimit):
		what = fmt.Sprintf("kept calling tools for %d round trips without an accepted narrative", s.roundTrips)
	case err != nil:
		return fmt.Sprintf("could not finish after %d round trip%s: %s", s.roundTrips, plural(s.roundTrips), oneLine(err))
	case s.refusal != "":
		what = "gave up without an accepted narrative"
	default:
		return "answered without calling submit_design"
	}
	if s.refusal != "" {
		what += " (last refusal: " + s.refusal + ")"
	}
	return what
}

// runStats counts what a model run cost, for the summary on stderr.
type runStats struct {
	start      time.Time
	roundTrips int
	toolCalls  int
	retries    int
	usage      agent.Usage
	refusal    string // the last error of record_requirements or submit_design
}

func (s *runStats) progress(ios *IOStreams) func(agent.Event) {
	return func(e agent.Event) {
		switch e.Kind {
		case agent.StepDone:
			s.roundTrips++
			s.retries += e.Retries
			s.usage = s.usage.Add(e.Usage)
		case agent.ToolCalled:
			s.toolCalls++
			fmt.Fprintf(ios.ErrOut, "  calling %s…\n", e.Call.Name)
		case agent.ToolDone:
			if e.IsError {
				fmt.Fprintf(ios.ErrOut, "  %s failed: %s\n", e.Call.Name, firstLine(e.Text))
				if e.Call.Name == "submit_design" || e.Call.Name == "record_requirements" {
					s.refusal = e.Call.Name + ": " + firstLine(e.Text)
				}
			}
		}
	}
}

// report prints the summary line: what the run cost, and whose narrative
// the document carries.
func (s *runStats) report(ios *IOStreams, model, narrative string) {
	fmt.Fprintf(ios.ErrOut, "%s: %d round trips, %s tokens in, %s out, %d tool calls, %d retries, %s; narrative: %s\n",
		model, s.roundTrips, quantity.FormatNumber(float64(s.usage.PromptTokens)), quantity.FormatNumber(float64(s.usage.CompletionTokens)),
		s.toolCalls, s.retries, time.Since(s.start).Round(time.Millisecond), narrative)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
