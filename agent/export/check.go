package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/sysarch/sysarch/agent/lazyre"
)

// Step is one thing Check looked at: ready, or the next step to take.
type Step struct {
	// Product is "Claude Code" or "Codex".
	Product string `json:"product"`
	// Ready is true when nothing needs doing.
	Ready bool `json:"ready"`
	// Text says what was found and, when not ready, exactly what to do.
	Text string `json:"text"`
}

// CheckEnv is where Check looks: the project and the products' own state.
type CheckEnv struct {
	Dir             string // the project, absolute
	Home            string // the user's home directory
	ClaudeConfigDir string // $CLAUDE_CONFIG_DIR; empty means Home/.claude
	CodexHome       string // $CODEX_HOME; empty means Home/.codex
	// Starts reports whether the MCP client can start command: sysarch on
	// PATH, or an executable absolute path.
	Starts func(command string) bool
}

// Check reads what sysarch's exports wrote for Claude Code and Codex under
// env.Dir and the home directory, and the trust and permission state each
// product keeps, and returns what is ready and the next steps. It reads
// only; a product with no sysarch agent file gives no steps.
func Check(env CheckEnv) []Step {
	if env.ClaudeConfigDir == "" {
		env.ClaudeConfigDir = filepath.Join(env.Home, ".claude")
	}
	if env.CodexHome == "" {
		env.CodexHome = filepath.Join(env.Home, ".codex")
	}
	return append(checkClaude(env), checkCodex(env)...)
}

// steps collects the steps of one product.
type steps struct {
	product string
	list    []Step
}

func (s *steps) ok(text string)   { s.list = append(s.list, Step{s.product, true, text}) }
func (s *steps) todo(text string) { s.list = append(s.list, Step{s.product, false, text}) }

// command checks that the registered command can be started.
func (s *steps) command(env CheckEnv, command, fix string) {
	if env.Starts(command) {
		s.ok(command + " can be started")
		return
	}
	s.todo(command + " cannot be started from the client's PATH: " + fix)
}

// readJSONFile decodes a JSON object file; a missing or unreadable file is
// an empty object, which Check reports as the setting not being there.
func readJSONFile(path string) map[string]any {
	data, exists, err := readBounded(path)
	if err != nil || !exists {
		return map[string]any{}
	}
	top, err := decodeJSONNumbers(data)
	if err != nil || top == nil {
		return map[string]any{}
	}
	return top
}

// ancestors returns dir and every directory above it: a product trusts a
// project when the project or a folder above it was trusted.
func ancestors(dir string) []string {
	var out []string
	for {
		out = append(out, dir)
		parent := filepath.Dir(dir)
		if parent == dir {
			return out
		}
		dir = parent
	}
}

// strings of a JSON array value, ignoring other members.
func jsonStrings(v any) []string {
	var out []string
	arr, _ := v.([]any)
	for _, x := range arr {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

var claudeCommandRE = lazyre.New(`(?m)^\s+command: "((?:[^"\\]|\\.)*)"\r?$`)

// claudeAgentServer returns the command of the sysarch server declared in
// a Claude Code agent file, or "" when it declares none.
func claudeAgentServer(data []byte) string {
	front, _, _ := strings.Cut(strings.TrimPrefix(string(data), "---"), "\n---")
	if !strings.Contains(front, "\nmcpServers:") {
		return ""
	}
	if m := claudeCommandRE.FindStringSubmatch(front); m != nil {
		var cmd string
		if json.Unmarshal([]byte(`"`+m[1]+`"`), &cmd) == nil {
			return cmd
		}
	}
	return DefaultCommand
}

// mcpJSONServer returns the command of sysarch in an .mcp.json-shaped
// object's mcpServers, or "".
func mcpJSONServer(top map[string]any) string {
	servers, _ := top["mcpServers"].(map[string]any)
	entry, _ := servers[ServerName].(map[string]any)
	cmd, _ := entry["command"].(string)
	return cmd
}

func checkClaude(env CheckEnv) []Step {
	s := &steps{product: "Claude Code"}
	projAgent := filepath.Join(env.Dir, ".claude", "agents", ServerName+".md")
	userAgent := filepath.Join(env.ClaudeConfigDir, "agents", ServerName+".md")
	agentPath, inProject := projAgent, true
	data, exists, _ := readBounded(projAgent)
	if !exists {
		agentPath, inProject = userAgent, false
		if data, exists, _ = readBounded(userAgent); !exists {
			return nil
		}
	}
	state := readJSONFile(filepath.Join(env.ClaudeConfigDir, ".claude.json"))
	if _, err := os.Stat(filepath.Join(env.ClaudeConfigDir, ".claude.json")); err != nil && env.ClaudeConfigDir == filepath.Join(env.Home, ".claude") {
		state = readJSONFile(filepath.Join(env.Home, ".claude.json"))
	}
	projects, _ := state["projects"].(map[string]any)
	project := func(dir string) map[string]any { p, _ := projects[dir].(map[string]any); return p }
	local := readJSONFile(filepath.Join(env.Dir, ".claude", "settings.local.json"))
	shared := readJSONFile(filepath.Join(env.Dir, ".claude", "settings.json"))
	user := readJSONFile(filepath.Join(env.ClaudeConfigDir, "settings.json"))

	command, where := claudeAgentServer(data), "declared in the agent file (--scope agent): only the subagent sees the tools"
	projectScope := false
	if command == "" {
		if command = mcpJSONServer(readJSONFile(filepath.Join(env.Dir, ".mcp.json"))); command != "" {
			where, projectScope = "registered in .mcp.json (--scope project): every session sees the tools", true
		} else if command = mcpJSONServer(state); command != "" {
			where = "registered for every project (claude mcp add --scope user)"
		}
	}
	if command == "" {
		s.todo("agent file " + agentPath + " names the sysarch tools but no sysarch MCP server is declared or registered: run sysarch export claude")
		return s.list
	}
	s.ok("agent file " + agentPath + "; the server is " + where)
	s.command(env, command, "add sysarch's directory to PATH, or run sysarch export claude --command \"$(command -v sysarch)\"")

	trusted := false
	for _, d := range ancestors(env.Dir) {
		if t, _ := project(d)["hasTrustDialogAccepted"].(bool); t {
			trusted = true
		}
	}
	switch {
	case trusted:
		s.ok("the folder " + env.Dir + " is trusted")
	case inProject || projectScope:
		s.todo("the folder " + env.Dir + " is not trusted, and until it is Claude Code starts no server from the project (claude -p included, silently): run claude in " + env.Dir + " once and accept the trust dialog")
	}
	if projectScope {
		approved := slices.Contains(jsonStrings(local["enabledMcpjsonServers"]), ServerName) ||
			slices.Contains(jsonStrings(shared["enabledMcpjsonServers"]), ServerName) ||
			slices.Contains(jsonStrings(project(env.Dir)["enabledMcpjsonServers"]), ServerName) ||
			local["enableAllProjectMcpServers"] == true || shared["enableAllProjectMcpServers"] == true
		if approved {
			s.ok("the sysarch server in .mcp.json is approved")
		} else {
			s.todo(`the sysarch server in .mcp.json is not approved yet: answer yes to Claude Code's prompt, or add "enabledMcpjsonServers": ["sysarch"] to .claude/settings.local.json`)
		}
	}
	allowed := false
	for _, settings := range []map[string]any{local, shared, user} {
		perms, _ := settings["permissions"].(map[string]any)
		for _, rule := range jsonStrings(perms["allow"]) {
			if rule == "mcp__"+ServerName || rule == "mcp__"+ServerName+"__*" {
				allowed = true
			}
		}
	}
	if allowed {
		s.ok("the sysarch tools are allowed in Claude Code's settings")
	} else {
		s.todo(`the sysarch tools are not allowed yet: interactive sessions ask before each tool's first use; with claude -p pass them: claude -p "..." --allowedTools mcp__sysarch (or add "mcp__sysarch" to permissions.allow in .claude/settings.local.json)`)
	}
	return s.list
}

func checkCodex(env CheckEnv) []Step {
	s := &steps{product: "Codex"}
	projDir, inProject := filepath.Join(env.Dir, ".codex"), true
	agentPath := filepath.Join(projDir, "agents", ServerName+".toml")
	data, exists, _ := readBounded(agentPath)
	if !exists {
		projDir, inProject = env.CodexHome, false
		agentPath = filepath.Join(projDir, "agents", ServerName+".toml")
		if data, exists, _ = readBounded(agentPath); !exists {
			return nil
		}
	}
	var agent map[string]any
	if err := toml.Unmarshal(data, &agent); err != nil {
		s.todo("agent file " + agentPath + " is not valid TOML (" + tomlErrorLine(err) + "): fix it, or run sysarch export openai --force")
		return s.list
	}
	if _, stale := agent["mcp_servers"]; stale {
		s.todo("agent file " + agentPath + " declares the sysarch server itself, which Codex ignores: run sysarch export openai to move it into config.toml")
	} else {
		s.ok("agent file " + agentPath)
	}
	command := ""
	for _, cfg := range []string{filepath.Join(projDir, "config.toml"), filepath.Join(env.CodexHome, "config.toml")} {
		if command != "" {
			break
		}
		if old, ok, _ := readBounded(cfg); ok {
			var c struct {
				Servers map[string]struct {
					Command string `toml:"command"`
				} `toml:"mcp_servers"`
			}
			if toml.Unmarshal(old, &c) == nil && c.Servers[ServerName].Command != "" {
				command = c.Servers[ServerName].Command
				s.ok("the sysarch server is registered in " + cfg + ": the main session sees the tools too")
			}
		}
	}
	if command == "" {
		s.todo("no config.toml registers the sysarch server, so the agent has no tools: run sysarch export openai")
	} else {
		s.command(env, command, "add sysarch's directory to PATH, or run sysarch export openai --command \"$(command -v sysarch)\"")
	}
	if inProject {
		checkCodexTrust(env, s)
	}
	return s.list
}

// checkCodexTrust looks for the project, or a folder above it, marked
// trusted in the user's Codex config.
func checkCodexTrust(env CheckEnv, s *steps) {
	var cfg struct {
		Projects map[string]struct {
			TrustLevel string `toml:"trust_level"`
		} `toml:"projects"`
	}
	if data, ok, _ := readBounded(filepath.Join(env.CodexHome, "config.toml")); ok {
		_ = toml.Unmarshal(data, &cfg)
	}
	for _, d := range ancestors(env.Dir) {
		if cfg.Projects[d].TrustLevel == "trusted" {
			s.ok("the project " + env.Dir + " is trusted")
			return
		}
	}
	s.todo("the project " + env.Dir + " is not trusted, and until it is Codex reads nothing in its .codex/: answer yes to Codex's trust prompt, or add [projects." +
		tomlQuote(env.Dir) + "] trust_level = \"trusted\" to " + filepath.Join(env.CodexHome, "config.toml"))
}
