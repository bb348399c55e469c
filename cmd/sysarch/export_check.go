package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/export"
)

func newExportCheckCmd(ios *IOStreams) *cobra.Command {
	dir, format := ".", "text"
	cmd := &cobra.Command{
		Use:   "check [--dir DIR] [--format text|json]",
		Short: "Check what the exports wrote and print the next step for each product",
		Long: `Read the sysarch agent files and MCP registrations under DIR (default:
the current directory) and your home directory, and the trust and
permission state Claude Code and Codex keep, and print what is ready and
the exact next step for the rest. It changes nothing.

Exit code 0 when everything is ready, 1 when a step is left to do or no
export was found.`,
		Example: `  sysarch export check
  sysarch export check --dir ~/src/shop
  sysarch export check --format json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			format = strings.ToLower(format)
			if format != "text" && format != "json" {
				return usageErrorf("unknown --format %q: use text or json", format)
			}
			return exportCheckRun(ios, dir, format == "json")
		},
	}
	cmd.Flags().StringVar(&dir, "dir", ".", "project directory to check")
	cmd.Flags().StringVar(&format, "format", "text", "text, or json for programs")
	// Registered before the shared completions, so these values win.
	register(cmd, "format", constant("text	ok and todo lines", "json	JSON for programs"))
	return cmd
}

// checkReport is export check's JSON output.
type checkReport struct {
	Ready bool          `json:"ready"`
	Steps []export.Step `json:"steps"`
}

func exportCheckRun(ios *IOStreams, dir string, asJSON bool) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return usageErrorf("cannot resolve --dir %s: %v", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil || !fi.IsDir() {
		return usageErrorf("--dir %s is not a directory: give the project directory", dir)
	}
	home := ios.Getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	steps := export.Check(export.CheckEnv{
		Dir: abs, Home: home,
		ClaudeConfigDir: ios.Getenv("CLAUDE_CONFIG_DIR"), CodexHome: ios.Getenv("CODEX_HOME"),
		Starts: func(command string) bool { return commandStarts(ios, command) },
	})
	if len(steps) == 0 {
		return fmt.Errorf("no sysarch export found for %s or your home directory: run sysarch export claude or sysarch export openai", abs)
	}
	todo := 0
	for _, s := range steps {
		if !s.Ready {
			todo++
		}
	}
	if asJSON {
		enc := json.NewEncoder(ios.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(checkReport{Ready: todo == 0, Steps: steps}); err != nil {
			return err
		}
	} else {
		writeCheckSteps(ios, steps)
	}
	if todo > 0 {
		return silentExit(1)
	}
	return nil
}

// writeCheckSteps prints the steps under each product's name.
func writeCheckSteps(ios *IOStreams, steps []export.Step) {
	product := ""
	for _, s := range steps {
		if s.Product != product {
			product = s.Product
			fmt.Fprintln(ios.Out, product)
		}
		mark := "  ok    "
		if !s.Ready {
			mark = "  todo  "
		}
		fmt.Fprintln(ios.Out, mark+s.Text)
	}
}

// commandStarts reports whether an MCP client could start command: the
// name sysarch on PATH, or an executable file at an absolute path.
func commandStarts(ios *IOStreams, command string) bool {
	if !filepath.IsAbs(command) {
		return onPath(ios.Getenv("PATH"), command)
	}
	fi, err := os.Stat(command)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}
