package export

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/sysarch/sysarch/prompts"
)

// ClaudeOptions controls a Claude Code export.
type ClaudeOptions struct {
	// Tools are the sysarch tool names the agent may call over MCP, as the
	// server lists them.
	Tools []string
	// HostTools are Claude Code's own tools the agent may use as well, by
	// their Claude Code names (Read, Grep, Glob): a reviewer must read the
	// design it reviews.
	HostTools []string
	// Model replaces the persona's model: opus, sonnet, haiku, inherit or
	// a full model id starting with claude-. Empty keeps the persona's, or
	// inherit if it has none.
	Model string
	// Force replaces an existing agent file that has other content.
	Force bool
}

// Claude writes the persona as a project subagent under dir: the agent file
// dir/.claude/agents/NAME.md, and sysarch's MCP server merged into
// dir/.mcp.json.
func Claude(dir string, p prompts.Persona, opts ClaudeOptions) (Result, error) {
	name, data, err := ClaudeAgentFile(p, opts)
	if err != nil {
		return Result{}, err
	}
	agent, err := planAgent(filepath.Join(dir, ".claude", "agents", name+".md"), data, opts.Force)
	if err != nil {
		return Result{}, err
	}
	mcpPath := filepath.Join(dir, ".mcp.json")
	old, exists, err := readConfig(mcpPath)
	if err != nil {
		return Result{}, err
	}
	merged, err := mergeMCPJSON(mcpPath, old)
	if err != nil {
		return Result{}, refuse(err)
	}
	changes, err := apply(agent, planConfig(mcpPath, old, exists, merged))
	return Result{Changes: changes, MCPCommand: ClaudeMCPCommand("project")}, err
}

// ClaudeUser writes the persona as a user subagent under home:
// home/.claude/agents/NAME.md. Claude Code keeps user-scope MCP servers in
// its own state file, which it rewrites while running, so ClaudeUser leaves
// that file alone and returns the command that registers the server.
func ClaudeUser(home string, p prompts.Persona, opts ClaudeOptions) (Result, error) {
	name, data, err := ClaudeAgentFile(p, opts)
	if err != nil {
		return Result{}, err
	}
	agent, err := planAgent(filepath.Join(home, ".claude", "agents", name+".md"), data, opts.Force)
	if err != nil {
		return Result{}, err
	}
	changes, err := apply(agent)
	return Result{Changes: changes, MCPCommand: ClaudeMCPCommand("user")}, err
}

// ClaudeMCPCommand returns the claude command line that registers sysarch's
// MCP server in the given scope (local, project or user).
func ClaudeMCPCommand(scope string) string {
	return "claude mcp add --transport stdio --scope " + scope + " " + ServerName + " -- " + ServerCommand + " " + strings.Join(serverArgs(), " ")
}

// ClaudeAgentFile renders the persona as a Claude Code subagent file and
// returns the agent's name with it. The front matter holds only keys
// Claude Code knows; the examples are folded into the description as
// <example> blocks, and the tools are the MCP names of the capacity tools.
func ClaudeAgentFile(p prompts.Persona, opts ClaudeOptions) (string, []byte, error) {
	name, data, err := claudeAgentFile(p, opts)
	return name, data, refuse(err)
}

func claudeAgentFile(p prompts.Persona, opts ClaudeOptions) (string, []byte, error) {
	name, err := AgentName(p.Name)
	if err != nil {
		return "", nil, err
	}
	if err := checkToolNames(opts.Tools); err != nil {
		return "", nil, err
	}
	model := opts.Model
	if model == "" {
		model = p.Model
	}
	if model == "" {
		model = "inherit"
	}
	if err := checkClaudeModel(model); err != nil {
		return "", nil, err
	}
	if p.Color != "" {
		if err := checkClaudeColor(p.Color); err != nil {
			return "", nil, err
		}
	}
	tools := make([]string, 0, len(opts.Tools)+len(opts.HostTools))
	for _, t := range opts.Tools {
		tools = append(tools, "mcp__"+ServerName+"__"+t)
	}
	tools = append(tools, opts.HostTools...)

	var b bytes.Buffer
	b.WriteString("---\n")
	b.WriteString("name: " + name + "\n")
	// One double-quoted line: Claude Code has mis-read multi-line
	// descriptions and unquoted ones that contain ": ".
	b.WriteString("description: " + yamlQuote(claudeDescription(p)) + "\n")
	b.WriteString("tools: " + strings.Join(tools, ", ") + "\n")
	b.WriteString("model: " + model + "\n")
	if p.Color != "" {
		b.WriteString("color: " + p.Color + "\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(p.Body)
	return name, b.Bytes(), nil
}

// claudeDescription folds the examples into the description, the way Claude
// Code's own subagent descriptions carry them.
func claudeDescription(p prompts.Persona) string {
	parts := []string{p.Description}
	for _, e := range p.Examples {
		parts = append(parts, e.Text())
	}
	return strings.Join(parts, "\n\n")
}

// yamlQuote returns s as a YAML double-quoted scalar on one line. JSON
// string escapes are a subset of YAML's double-quoted escapes.
func yamlQuote(s string) string {
	return string(jsonString(s))
}
