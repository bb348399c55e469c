package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/export"
	"github.com/sysarch/sysarch/prompts"
)

// exportOptions are the flags of the export subcommands.
type exportOptions struct {
	io     *IOStreams
	dir    string
	dirSet bool // --dir was given
	user   bool
	model  string
	force  bool
	format string // openai only: codex or agents-sdk
}

func newExportCmd(ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write sysarch as a subagent for Claude Code or OpenAI Codex",
		Long: `Write sysarch's persona as an agent another product can run, with
sysarch's capacity tools attached through its MCP server ('sysarch mcp').

Existing files are merged, never clobbered: other MCP servers and settings
are kept, a file that cannot be parsed is left alone, and an agent file
with other content is only replaced with --force.`,
		Args: subcommandArgs,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	cmd.AddCommand(newExportClaudeCmd(ios), newExportOpenAICmd(ios))
	return cmd
}

func newExportClaudeCmd(ios *IOStreams) *cobra.Command {
	opts := &exportOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "claude [--dir DIR | --user] [--model M] [--force]",
		Short: "Write a Claude Code subagent and register sysarch's MCP server",
		Long: `Write .claude/agents/sysarch.md under DIR (default: the current directory)
and add sysarch's MCP server to DIR/.mcp.json. With --user, write the agent
to ~/.claude/agents/ and print the 'claude mcp add' command that registers
the server for every project.`,
		Example: `  sysarch export claude
  sysarch export claude --dir ~/src/shop --model sonnet
  sysarch export claude --user`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			opts.dirSet = c.Flags().Changed("dir")
			return exportClaudeRun(opts)
		},
	}
	addExportFlags(cmd, opts)
	cmd.Flags().StringVar(&opts.model, "model", "", "model for the subagent: opus, sonnet, haiku, inherit or a claude- model id")
	return cmd
}

func newExportOpenAICmd(ios *IOStreams) *cobra.Command {
	opts := &exportOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "openai [--dir DIR | --user] [--force] [--format codex|agents-sdk]",
		Short: "Write an OpenAI Codex custom agent, or print an Agents SDK definition",
		Long: `With --format codex (the default), write .codex/agents/sysarch.toml under
DIR (default: the current directory) and add sysarch's MCP server to
DIR/.codex/config.toml; with --user, use ~/.codex/ instead.

With --format agents-sdk, print a JSON agent definition (name,
instructions, model, tools) whose tools are the capacity tools as
Responses API function tools.`,
		Example: `  sysarch export openai
  sysarch export openai --user
  sysarch export openai --format agents-sdk > sysarch-agent.json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			opts.dirSet = c.Flags().Changed("dir")
			return exportOpenAIRun(opts)
		},
	}
	addExportFlags(cmd, opts)
	cmd.Flags().StringVar(&opts.model, "model", "", "OpenAI model id for the agent (default: left to Codex or the SDK)")
	cmd.Flags().StringVar(&opts.format, "format", "codex", "codex (agent and config files) or agents-sdk (JSON on stdout)")
	return cmd
}

func addExportFlags(cmd *cobra.Command, opts *exportOptions) {
	cmd.Flags().StringVar(&opts.dir, "dir", ".", "project directory to write into")
	cmd.Flags().BoolVar(&opts.user, "user", false, "write into your home directory instead of a project")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing agent file that has other content")
}

// target returns the directory to write into: --dir, or the home
// directory with --user.
func (o *exportOptions) target() (string, error) {
	if o.user && o.dirSet {
		return "", usageErrorf("--dir and --user cannot be used together: pick one")
	}
	if !o.user {
		return o.dir, nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", usageErrorf("cannot find your home directory for --user: %v; use --dir instead", err)
	}
	return home, nil
}

func exportClaudeRun(opts *exportOptions) error {
	dir, err := opts.target()
	if err != nil {
		return err
	}
	claudeOpts := export.ClaudeOptions{
		Tools:     append(capacity.Default().Names(), "design", "patterns", "review"),
		HostTools: []string{"Read", "Grep", "Glob"},
		Model:     opts.model, Force: opts.force,
	}
	persona := prompts.Builtin()
	var res export.Result
	if opts.user {
		res, err = export.ClaudeUser(dir, persona, claudeOpts)
	} else {
		res, err = export.Claude(dir, persona, claudeOpts)
	}
	label := "equivalent command: "
	if opts.user {
		label = "register the MCP server for every project with: "
	}
	writeExportResult(opts.io, res, label)
	return exportError(err)
}

func exportOpenAIRun(opts *exportOptions) error {
	switch opts.format {
	case "codex":
	case "agents-sdk":
		if opts.user || opts.dirSet || opts.force {
			return usageErrorf("--dir, --user and --force apply to --format codex only; agents-sdk prints to stdout")
		}
		return exportAgentsSDKRun(opts)
	default:
		return usageErrorf("unknown --format %q: use codex or agents-sdk", opts.format)
	}
	dir, err := opts.target()
	if err != nil {
		return err
	}
	codexOpts := export.CodexOptions{Model: opts.model, Force: opts.force}
	persona := prompts.Builtin()
	var res export.Result
	if opts.user {
		res, err = export.CodexUser(dir, persona, codexOpts)
	} else {
		res, err = export.Codex(dir, persona, codexOpts)
	}
	writeExportResult(opts.io, res, "")
	return exportError(err)
}

func exportAgentsSDKRun(opts *exportOptions) error {
	var defs []export.ToolDef
	for _, t := range capacity.Default().Tools() {
		schema, err := json.Marshal(t.Schema)
		if err != nil {
			return fmt.Errorf("cannot encode the schema of tool %s: %v", t.Name, err)
		}
		defs = append(defs, export.ToolDef{Name: t.Name, Description: t.Description, Parameters: schema})
	}
	data, err := export.AgentsSDK(prompts.Builtin(), defs, opts.model)
	if err != nil {
		return exportError(err)
	}
	_, err = opts.io.Out.Write(data)
	return err
}

// writeExportResult prints what the export did to each file, then the
// equivalent MCP command and any notes.
func writeExportResult(ios *IOStreams, res export.Result, commandLabel string) {
	for _, c := range res.Changes {
		fmt.Fprintf(ios.Out, "%s %s\n", c.Action, c.Path)
	}
	if res.MCPCommand != "" && commandLabel != "" && len(res.Changes) > 0 {
		fmt.Fprintln(ios.Out, commandLabel+res.MCPCommand)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(ios.Out, "note: "+n)
	}
}

// exportError maps a refused export (bad input, nothing written) to exit
// code 2; other failures keep exit code 1.
func exportError(err error) error {
	if errors.Is(err, export.ErrRefused) {
		return usageError(err)
	}
	return err
}
