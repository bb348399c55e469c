package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/export"
	"github.com/sysarch/sysarch/prompts"
)

// exportOptions are the flags of the export subcommands.
type exportOptions struct {
	io       *IOStreams
	dir      string
	dirSet   bool // --dir was given
	scopeSet bool // --scope was given
	user     bool
	model    string
	force    bool
	scope    string
	command  string
	format   string // openai only: codex or agents-sdk
}

func newExportCmd(ios *IOStreams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write sysarch as a subagent for Claude Code, OpenAI Codex or the Agents SDK",
		Long: `Write sysarch's persona as an agent another product can run, with
sysarch's tools attached through its MCP server ('sysarch mcp').

For Claude Code, --scope agent (the default) declares the server in the
agent file itself, so only the subagent starts it and sees its tools;
--scope project registers it in the project's .mcp.json, for every
session. Codex starts MCP servers only from its config.toml, so a Codex
export always registers the server there (every Codex session in the
project sees the tools) and writes the agent file with the persona only.

'sysarch export check' reads what an export wrote and prints the next step.

Existing files are edited, never rewritten: only sysarch's own entry
changes, a file that cannot be parsed is left alone, and a customised
sysarch entry or an agent file with other content is only replaced with
--force.`,
		Args: subcommandArgs,
		RunE: func(c *cobra.Command, _ []string) error { return c.Help() },
	}
	cmd.AddCommand(newExportClaudeCmd(ios), newExportOpenAICmd(ios), newExportCheckCmd(ios))
	return cmd
}

func newExportClaudeCmd(ios *IOStreams) *cobra.Command {
	opts := &exportOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "claude [--dir DIR | --user] [--scope agent|project] [--command PATH] [--model M] [--force]",
		Short: "Write a Claude Code subagent with sysarch's MCP server",
		Long: `Write .claude/agents/sysarch.md under DIR (default: the current directory).
With --scope agent (the default) the agent file declares sysarch's MCP
server in its mcpServers field; with --scope project the server goes into
DIR/.mcp.json instead, which Claude Code asks you to approve. With --user,
write the agent to ~/.claude/agents/.`,
		Example: `  sysarch export claude
  sysarch export claude --dir ~/src/shop --model sonnet
  sysarch export claude --scope project --command "$(command -v sysarch)"
  sysarch export claude --user`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			opts.dirSet = c.Flags().Changed("dir")
			return exportClaudeRun(c.Context(), opts)
		},
	}
	addExportFlags(cmd, opts)
	cmd.Flags().StringVar(&opts.model, "model", "", "model for the subagent: opus, sonnet, haiku, inherit or a claude- model id")
	return cmd
}

func newExportOpenAICmd(ios *IOStreams) *cobra.Command {
	opts := &exportOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "openai [--dir DIR | --user] [--command PATH] [--force] [--format codex|agents-sdk]",
		Short: "Write an OpenAI Codex custom agent, or print an Agents SDK agent",
		Long: `With --format codex (the default), write .codex/agents/sysarch.toml under
DIR (default: the current directory), with the persona only, and register
sysarch's MCP server in DIR/.codex/config.toml. Codex does not start
servers declared in an agent file, so the main Codex session sees the
tools too, and --scope agent is refused. With --user, use ~/.codex/
instead of DIR/.codex/.

With --format agents-sdk, print a JSON agent (name, instructions, model,
mcp_servers) for the OpenAI Agents SDK in Python or TypeScript: it starts
'sysarch mcp' over stdio and takes every tool from it.`,
		Example: `  sysarch export openai
  sysarch export openai --user
  sysarch export openai --format agents-sdk > sysarch-agent.json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			opts.dirSet = c.Flags().Changed("dir")
			opts.scopeSet = c.Flags().Changed("scope")
			return exportOpenAIRun(c.Context(), opts)
		},
	}
	addExportFlags(cmd, opts)
	cmd.Flags().Lookup("scope").DefValue = string(export.ScopeProject)
	cmd.Flags().Lookup("scope").Usage = "where the MCP server goes: project (config.toml, the only place Codex reads it)"
	// Registered before the shared completions, so this value wins.
	register(cmd, "scope", constant("project\tconfig.toml, the only place Codex reads it"))
	opts.scope = string(export.ScopeProject)
	cmd.Flags().StringVar(&opts.model, "model", "", "OpenAI model id for the agent (default: left to Codex or the SDK)")
	cmd.Flags().StringVar(&opts.format, "format", "codex", "codex (agent and config files) or agents-sdk (JSON on stdout)")
	return cmd
}

func addExportFlags(cmd *cobra.Command, opts *exportOptions) {
	cmd.Flags().StringVar(&opts.dir, "dir", ".", "project directory to write into")
	cmd.Flags().BoolVar(&opts.user, "user", false, "write into your home directory instead of a project")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an agent file with other content, or a customised sysarch entry")
	enumFlag(cmd.Flags(), &opts.scope, "scope", "agent", "where the MCP server goes", "agent\tthe agent file: only the subagent sees the tools", "project\tthe shared project config")
	cmd.Flags().StringVar(&opts.command, "command", export.DefaultCommand, "program that serves MCP: sysarch on PATH, or an absolute path")
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

func exportClaudeRun(ctx context.Context, opts *exportOptions) error {
	dir, err := opts.target()
	if err != nil {
		return err
	}
	names, err := mcpToolNames(ctx)
	if err != nil {
		return err
	}
	claudeOpts := export.ClaudeOptions{
		Tools:     names,
		HostTools: []string{"Read", "Grep", "Glob"},
		Model:     opts.model, Force: opts.force,
		Scope: export.Scope(opts.scope), Command: opts.command,
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
	if err == nil && opts.scope == string(export.ScopeAgent) {
		res.Notes = append(res.Notes, "the subagent starts its own sysarch MCP server; the main session does not see its tools")
	}
	if err == nil && !opts.user {
		res.Notes = append(res.Notes, "Claude Code starts no server from a folder you have not trusted, and claude -p does not ask: run claude here once and accept the trust dialog")
	}
	if err == nil {
		res.Notes = append(res.Notes, export.ClaudePermissionNote, "sysarch export check prints what is still to do")
	}
	writeExportResult(opts.io, res, label)
	if err == nil {
		warnCommand(opts.io, opts.command)
	}
	return exportError(err)
}

func exportOpenAIRun(ctx context.Context, opts *exportOptions) error {
	switch opts.format {
	case "codex":
	case "agents-sdk":
		if opts.user || opts.dirSet || opts.force || opts.scopeSet {
			return usageErrorf("--dir, --user, --scope and --force apply to --format codex only; agents-sdk prints to stdout")
		}
		return exportAgentsSDKRun(ctx, opts)
	default:
		return usageErrorf("unknown --format %q: use codex or agents-sdk", opts.format)
	}
	dir, err := opts.target()
	if err != nil {
		return err
	}
	codexOpts := export.CodexOptions{Model: opts.model, Force: opts.force, Scope: export.Scope(opts.scope), Command: opts.command}
	persona := prompts.Builtin()
	var res export.Result
	if opts.user {
		res, err = export.CodexUser(dir, persona, codexOpts)
	} else {
		res, err = export.Codex(dir, persona, codexOpts)
	}
	if err == nil {
		res.Notes = append(res.Notes, "sysarch export check prints what is still to do")
	}
	writeExportResult(opts.io, res, "")
	if err == nil {
		warnCommand(opts.io, opts.command)
	}
	return exportError(err)
}

func exportAgentsSDKRun(ctx context.Context, opts *exportOptions) error {
	defs, err := mcpToolDefs(ctx)
	if err != nil {
		return err
	}
	data, err := export.AgentsSDK(prompts.Builtin(), export.SDKOptions{Tools: defs, Model: opts.model, Command: opts.command})
	if err != nil {
		return exportError(err)
	}
	if _, err := opts.io.Out.Write(data); err != nil {
		return err
	}
	warnCommand(opts.io, opts.command)
	return nil
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
