package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// run executes the sysarch command line and returns the exit code.
func run(args []string, ios *IOStreams) int {
	// Progress, logs and the chat's diagnostics reach stderr from several
	// goroutines (a model turn streams while the verbose log writes).
	ios.ErrOut = lockWriter(ios.ErrOut)
	root := newRootCmd(ios)
	root.SetArgs(args)
	err := checkCommandWord(root, args)
	if err == nil {
		err = root.ExecuteContext(context.Background())
	}
	if err != nil && isArgumentError(err) {
		err = usageError(err)
	}
	if err != nil && !errors.Is(err, errSilent) {
		fmt.Fprintln(ios.ErrOut, "sysarch: "+oneLine(err))
	}
	return exitCode(err)
}

func newRootCmd(ios *IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "sysarch",
		Short: "A terminal system architect: requirements in, a reasoned design out",
		Long: `sysarch designs boring, reliable systems. It gathers requirements phase by
phase, computes every figure with deterministic capacity tools, picks
components from a decision matrix with explicit thresholds, and writes a
design document whose every number shows its formula.

It works offline by default; an OpenAI-compatible model makes the
conversation richer.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       version(),
		Args:          subcommandArgs,
		// Alone on a terminal, sysarch starts a chat; otherwise it explains itself.
		RunE: func(c *cobra.Command, _ []string) error {
			if ios.IsStdinTTY() && ios.IsStdoutTTY() {
				return chatRun(c.Context(), &chatOptions{io: ios})
			}
			return c.Help()
		},
	}
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(unknownFlagError)
	root.SetVersionTemplate("sysarch {{.Version}}\n")
	root.AddCommand(
		newCalcCmd(ios),
		newChatCmd(ios),
		newSessionsCmd(ios),
		newDesignCmd(ios),
		newInitCmd(ios),
		newToolsCmd(ios),
		newPatternsCmd(ios),
		newPricesCmd(ios),
		newExportCmd(ios),
		newPromptCmd(ios),
		newReviewCmd(ios),
		newVersionCmd(ios),
		newConfigCmd(ios),
		newMCPCmd(ios),
	)
	registerCompletions(root, ios)
	return root
}

func newVersionCmd(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of sysarch",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			fmt.Fprintln(ios.Out, "sysarch "+version())
			return nil
		},
	}
}

// version reads the module version and VCS revision from the build info.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" && v == "(devel)" {
		v += " " + rev + modified
	}
	return v
}
