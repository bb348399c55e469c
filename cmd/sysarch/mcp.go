package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/mcp"
	"github.com/sysarch/sysarch/agent/review"
)

type mcpOptions struct {
	io      *IOStreams
	verbose bool
	engine  engineFlags
	// designer and reviewer add the design and review tools when set.
	designer func(design.Options) mcp.Designer
	reviewer mcp.Reviewer
}

func newMCPCmd(ios *IOStreams) *cobra.Command {
	opts := &mcpOptions{io: ios, designer: designForMCP, reviewer: reviewForMCP}
	cmd := &cobra.Command{
		Use:   "mcp",
		Short: "Serve the capacity tools, design and review to other agents over MCP (stdio)",
		Long: `Serve sysarch's capacity tools over the Model Context Protocol on stdin and
stdout, for agents such as Claude Code or Codex. Every tool of 'sysarch
tools' is there under its own name, with the same input schema and the same
numbers as 'sysarch calc'; 'design' turns requirements text into the
document and the Design JSON, and 'review' checks a design document.
Bad input comes back as a tool result marked isError, so the calling model
can correct itself.

stdout carries the protocol and nothing else; --verbose logs to stderr. The
server runs until stdin closes, Ctrl-C or SIGTERM.`,
		Example: `  claude mcp add sysarch -- sysarch mcp
  codex mcp add sysarch -- sysarch mcp`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("mcp takes no arguments, got %q (see 'sysarch mcp --help')", args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, _ []string) error {
			ctx, stop := signal.NotifyContext(c.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return mcpRun(ctx, opts)
		},
	}
	cmd.Flags().BoolVar(&opts.verbose, "verbose", false, "log the session and each tool call to stderr")
	opts.engine.register(cmd.Flags(), withPrices|withMonth)
	return cmd
}

func mcpRun(ctx context.Context, opts *mcpOptions) error {
	engine, err := opts.engine.options(opts.io)
	if err != nil {
		return err
	}
	var log *slog.Logger
	if opts.verbose {
		log = slog.New(slog.NewTextHandler(opts.io.ErrOut, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	if opts.io.IsStdinTTY() {
		fmt.Fprintln(opts.io.ErrOut, "sysarch mcp speaks MCP on stdin and stdout for another agent; add it with 'claude mcp add sysarch -- sysarch mcp'. Ctrl-C ends it.")
	}
	// Not the SDK's StdioTransport: the streams come from IOStreams, so tests
	// can run the command in-process, and a bad line is answered with a
	// JSON-RPC error instead of ending the session.
	t := &mcp.StreamTransport{In: opts.io.In, Out: opts.io.Out}
	var designer mcp.Designer
	if opts.designer != nil {
		designer = opts.designer(engine)
	}
	err = mcp.Serve(ctx, t, mcp.Options{
		Version:  version(),
		Designer: designer,
		Now:      time.Now, // times each call in the --verbose log
		Reviewer: opts.reviewer,
		Logger:   log,
	})
	if err != nil {
		return fmt.Errorf("mcp: %w", err)
	}
	return nil
}

// designForMCP is the design tool's engine: requirements text in, the
// document and the Design out, offline, with the command's options.
func designForMCP(engine design.Options) mcp.Designer {
	return func(text string) (string, *design.Design, error) {
		_, d, err := design.FromText([]byte(text), "requirements", engine)
		if err != nil {
			return "", nil, err
		}
		md, err := design.RenderMarkdown(d)
		if err != nil {
			return "", nil, err
		}
		return string(md), d, nil
	}
}

// reviewForMCP is the review tool: a design document in, the findings out.
func reviewForMCP(doc string) (review.Report, error) {
	return review.Review([]byte(doc), "document"), nil
}
