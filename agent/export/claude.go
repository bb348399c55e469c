package export

import (
	"bytes"
	"encoding/json"
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
	// Scope is where the MCP server is registered: in the agent file's
	// mcpServers (ScopeAgent, the default), so only the subagent sees the
	// tools, or in .mcp.json (ScopeProject), for every session.
	Scope Scope
	// Command is the program Claude Code starts for the server: empty or
	// "sysarch" for the name on PATH, or an absolute path.
	Command string
	// Force replaces an existing agent file that has other content, and a
	// sysarch entry someone customised in .mcp.json.
	Force bool
}

// check validates the options and fills in the defaults.
func (o ClaudeOptions) check() (ClaudeOptions, registration, error) {
	scope, err := checkScope(o.Scope)
	if err != nil {
		return o, registration{}, err
	}
	o.Scope = scope
	reg, err := newRegistration(o.Command, o.Force)
	o.Command = reg.command
	return o, reg, err
}

// Claude writes the persona as a project subagent under dir: the agent file
// dir/.claude/agents/NAME.md and, with ScopeProject, sysarch's MCP server
// merged into dir/.mcp.json.
func Claude(dir string, p prompts.Persona, opts ClaudeOptions) (Result, error) {
	opts, reg, err := opts.check()
	if err != nil {
		return Result{}, refuse(err)
	}
	name, data, err := ClaudeAgentFile(p, opts)
	if err != nil {
		return Result{}, err
	}
	agent, err := planAgent(filepath.Join(dir, ".claude", "agents", name+".md"), data, opts.Force, ownClaudeAgent(name, p))
	if err != nil {
		return Result{}, err
	}
	mcpPath := filepath.Join(dir, ".mcp.json")
	if opts.Scope == ScopeAgent {
		changes, err := apply(agent)
		res := Result{Changes: changes}
		if old, exists, rerr := readBounded(mcpPath); rerr == nil && exists && mentionsServer(old) {
			res.Notes = append(res.Notes, mcpPath+" also registers "+ServerName+" for every session; remove that entry to keep the tools to the subagent")
		}
		return res, err
	}
	old, exists, err := readBounded(mcpPath)
	if err != nil {
		return Result{}, err
	}
	merged, note, err := mergeMCPJSON(mcpPath, old, reg)
	if err != nil {
		return Result{}, refuse(err)
	}
	changes, err := apply(agent, planConfig(mcpPath, old, exists, merged))
	res := Result{Changes: changes, MCPCommand: ClaudeMCPCommand("project", reg.command)}
	if note != "" {
		res.Notes = append(res.Notes, note)
	}
	res.Notes = append(res.Notes, ClaudeApprovalNote)
	return res, err
}

// ClaudeApprovalNote is the step Claude Code asks for before it starts a
// server from a project's .mcp.json.
const ClaudeApprovalNote = `Claude Code starts servers from a project's .mcp.json only once approved: answer yes to its prompt for ` + ServerName + ` (or check /mcp), or add "enabledMcpjsonServers": ["` + ServerName + `"] to .claude/settings.local.json`

// ClaudePermissionNote is the step every Claude Code export needs before a
// tool runs: Claude Code asks before the first call of each MCP tool, and
// in print mode (claude -p), where nobody can answer, it refuses the call.
const ClaudePermissionNote = `Claude Code asks before each sysarch tool's first use; with claude -p nobody can answer, so allow the server's tools: claude -p "..." --allowedTools mcp__` + ServerName + ` (or add "mcp__` + ServerName + `" to permissions.allow in .claude/settings.json)`

// mentionsServer reports whether an .mcp.json registers sysarch.
func mentionsServer(data []byte) bool {
	top, err := decodeJSONNumbers(data)
	if err != nil {
		return false
	}
	servers, _ := top["mcpServers"].(map[string]any)
	_, ok := servers[ServerName]
	return ok
}

// ClaudeUser writes the persona as a user subagent under home:
// home/.claude/agents/NAME.md. With ScopeProject the server is left out of
// the agent file; Claude Code keeps user-scope MCP servers in its own state
// file, which it rewrites while running, so ClaudeUser leaves that file
// alone and returns the command that registers the server.
func ClaudeUser(home string, p prompts.Persona, opts ClaudeOptions) (Result, error) {
	opts, reg, err := opts.check()
	if err != nil {
		return Result{}, refuse(err)
	}
	name, data, err := ClaudeAgentFile(p, opts)
	if err != nil {
		return Result{}, err
	}
	agent, err := planAgent(filepath.Join(home, ".claude", "agents", name+".md"), data, opts.Force, ownClaudeAgent(name, p))
	if err != nil {
		return Result{}, err
	}
	changes, err := apply(agent)
	res := Result{Changes: changes}
	if opts.Scope == ScopeProject {
		res.MCPCommand = ClaudeMCPCommand("user", reg.command)
	}
	return res, err
}

// ClaudeMCPCommand returns the claude command line that registers sysarch's
// MCP server, started as command, in the given scope (local, project or
// user).
func ClaudeMCPCommand(scope, command string) string {
	return "claude mcp add --transport stdio --scope " + scope + " " + ServerName + " -- " + shellWord(command) + " " + strings.Join(serverArgs(), " ")
}

// shellWord quotes s for a POSIX shell when it needs quoting.
func shellWord(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./+:@%=") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
	opts, _, err := opts.check()
	if err != nil {
		return "", nil, err
	}
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
	if opts.Scope == ScopeAgent {
		// An inline definition: Claude Code connects it when the subagent
		// starts, and the main session never sees its tools.
		args, _ := json.Marshal(serverArgs())
		b.WriteString("mcpServers:\n")
		b.WriteString("  - " + ServerName + ":\n")
		b.WriteString("      type: stdio\n")
		b.WriteString("      command: " + yamlQuote(opts.Command) + "\n")
		b.WriteString("      args: " + string(args) + "\n")
	}
	b.WriteString("---\n\n")
	b.WriteString(p.Body)
	return name, b.Bytes(), nil
}

// ownClaudeAgent reports whether an existing agent file is one sysarch
// wrote for this persona, with any scope, model, tools or command: its
// front matter names the agent and the persona follows it unchanged.
// Re-exporting replaces it without --force; a file someone edited is not
// sysarch's own.
func ownClaudeAgent(name string, p prompts.Persona) func([]byte) bool {
	return func(data []byte) bool {
		s := strings.ReplaceAll(string(data), "\r\n", "\n")
		if !strings.HasPrefix(s, "---\nname: "+name+"\n") {
			return false
		}
		front, body, ok := strings.Cut(s[len("---\n"):], "\n---\n\n")
		return ok && body == p.Body && !strings.Contains(front, "\n---\n") &&
			strings.Contains(front, "\ndescription: "+yamlQuote(claudeDescription(p))+"\n")
	}
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
