package export

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/sysarch/sysarch/prompts"
)

// CodexOptions controls an OpenAI Codex export.
type CodexOptions struct {
	// Model is the Codex model id for the agent. Empty keeps the persona's
	// model unless it names a Claude model, and otherwise leaves the model
	// to Codex.
	Model string
	// Scope is where the MCP server is registered: in the agent file's
	// mcp_servers (ScopeAgent, the default), so only the agent sees the
	// tools, or in config.toml (ScopeProject), for every session.
	Scope Scope
	// Command is the program Codex starts for the server: empty or
	// "sysarch" for the name on PATH, or an absolute path.
	Command string
	// Force replaces an existing agent file that has other content, and a
	// sysarch entry someone customised in config.toml.
	Force bool
}

// check validates the options and fills in the defaults.
func (o CodexOptions) check() (CodexOptions, registration, error) {
	scope, err := checkScope(o.Scope)
	if err != nil {
		return o, registration{}, err
	}
	o.Scope = scope
	reg, err := newRegistration(o.Command, o.Force)
	o.Command = reg.command
	return o, reg, err
}

// Codex writes the persona as a project custom agent under dir: the agent
// file dir/.codex/agents/NAME.toml and, with ScopeProject, sysarch's MCP
// server merged into dir/.codex/config.toml. Codex reads either only in a
// trusted project; the result's notes say how to trust it.
func Codex(dir string, p prompts.Persona, opts CodexOptions) (Result, error) {
	res, err := codexInto(filepath.Join(dir, ".codex"), p, opts)
	if err == nil {
		abs, aerr := filepath.Abs(dir)
		if aerr != nil {
			abs = dir
		}
		res.Notes = append(res.Notes, CodexTrustNote(abs))
	}
	return res, err
}

// CodexTrustNote is the step that makes Codex read a project's .codex/
// directory: trusting the project.
func CodexTrustNote(absDir string) string {
	return "Codex reads a project's .codex/ only once the project is trusted: answer yes to its trust prompt, or add these lines to ~/.codex/config.toml:\n" +
		"  [projects." + tomlQuote(absDir) + "]\n" +
		"  trust_level = \"trusted\""
}

// tomlQuote writes s as a TOML basic string, the double-quoted kind the
// rest of a hand-written config.toml usually uses.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// CodexUser writes the persona as a user custom agent under home: the agent
// file home/.codex/agents/NAME.toml and, with ScopeProject, sysarch's MCP
// server merged into home/.codex/config.toml.
func CodexUser(home string, p prompts.Persona, opts CodexOptions) (Result, error) {
	return codexInto(filepath.Join(home, ".codex"), p, opts)
}

func codexInto(codexDir string, p prompts.Persona, opts CodexOptions) (Result, error) {
	opts, reg, err := opts.check()
	if err != nil {
		return Result{}, refuse(err)
	}
	name, data, err := CodexAgentFile(p, opts)
	if err != nil {
		return Result{}, err
	}
	agent, err := planAgent(filepath.Join(codexDir, "agents", name+".toml"), data, opts.Force)
	if err != nil {
		return Result{}, err
	}
	if opts.Scope == ScopeAgent {
		changes, err := apply(agent)
		return Result{Changes: changes}, err
	}
	cfgPath := filepath.Join(codexDir, "config.toml")
	old, exists, err := readBounded(cfgPath)
	if err != nil {
		return Result{}, err
	}
	merged, note, err := mergeCodexConfig(cfgPath, old, reg)
	if err != nil {
		return Result{}, refuse(err)
	}
	changes, err := apply(agent, planConfig(cfgPath, old, exists, merged))
	res := Result{Changes: changes}
	if note != "" {
		res.Notes = append(res.Notes, note)
	}
	return res, err
}

// codexAgent is a Codex custom agent file. Field order is file order.
type codexAgent struct {
	Name                  string `toml:"name"`
	Description           string `toml:"description"`
	Model                 string `toml:"model,omitempty"`
	SandboxMode           string `toml:"sandbox_mode"`
	DeveloperInstructions string `toml:"developer_instructions,multiline"`
}

// CodexAgentFile renders the persona as a Codex custom agent file and
// returns the agent's name with it. The agent runs read-only: it designs,
// it does not edit the project.
func CodexAgentFile(p prompts.Persona, opts CodexOptions) (string, []byte, error) {
	name, data, err := codexAgentFile(p, opts)
	return name, data, refuse(err)
}

func codexAgentFile(p prompts.Persona, opts CodexOptions) (string, []byte, error) {
	opts, _, err := opts.check()
	if err != nil {
		return "", nil, err
	}
	name, err := AgentName(p.Name)
	if err != nil {
		return "", nil, err
	}
	model, err := openAIModel(opts.Model, p.Model)
	if err != nil {
		return "", nil, err
	}
	agent := codexAgent{
		Name:                  name,
		Description:           p.Description,
		Model:                 model,
		SandboxMode:           "read-only",
		DeveloperInstructions: p.Body,
	}
	header := "# sysarch as a Codex custom agent; its capacity tools come from the\n# [mcp_servers.sysarch] entry in config.toml.\n"
	if opts.Scope == ScopeAgent {
		header = "# sysarch as a Codex custom agent; its capacity tools come from the\n# sysarch MCP server declared at the end, for this agent only.\n"
	}
	body, err := toml.Marshal(agent)
	if err != nil {
		return "", nil, err
	}
	if opts.Scope == ScopeAgent {
		// The agent file is a config layer of its own: a server declared
		// here is started for this agent only.
		body = append(append(body, '\n'), codexServerTable(opts.Command)...)
	}
	var b bytes.Buffer
	b.WriteString(header)
	b.Write(body)
	return name, b.Bytes(), nil
}
