package export

import (
	"bytes"
	"errors"
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
	// Scope must be ScopeProject or empty: the MCP server is registered in
	// config.toml, where every Codex session sees it. ScopeAgent is
	// refused, see ErrCodexAgentScope.
	Scope Scope
	// Command is the program Codex starts for the server: empty or
	// "sysarch" for the name on PATH, or an absolute path.
	Command string
	// Force replaces an existing agent file that has other content, and a
	// sysarch entry someone customised in config.toml.
	Force bool
}

// CodexCheckedVersion is the Codex CLI release whose handling of custom
// agents this package was checked against.
const CodexCheckedVersion = "0.171.0"

// ErrCodexAgentScope refuses ScopeAgent for Codex. Codex reads a custom
// agent file's persona but not its mcp_servers (nor its sandbox_mode): a
// role cannot bring MCP servers, so a server declared there gives the
// agent no tools, silently.
var ErrCodexAgentScope = errors.New("Codex " + CodexCheckedVersion + " ignores MCP servers declared in a custom agent file, so --scope agent would leave the sysarch agent without tools; use --scope project (the default for Codex), which registers sysarch in .codex/config.toml, where the main session sees the tools too")

// check validates the options and fills in the defaults.
func (o CodexOptions) check() (CodexOptions, registration, error) {
	switch o.Scope {
	case "", ScopeProject:
		o.Scope = ScopeProject
	case ScopeAgent:
		return o, registration{}, ErrCodexAgentScope
	default:
		_, err := checkScope(o.Scope)
		return o, registration{}, err
	}
	reg, err := newRegistration(o.Command, o.Force)
	o.Command = reg.command
	return o, reg, err
}

// Codex writes the persona as a project custom agent under dir: the agent
// file dir/.codex/agents/NAME.toml, with the persona only, and sysarch's
// MCP server merged into dir/.codex/config.toml. Codex reads either only
// in a trusted project; the result's notes say how to trust it, and that
// the main session sees the tools too.
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

// CodexSharedNote says who sees the tools with a Codex export, and what to
// do if a later Codex starts servers declared in an agent file.
const CodexSharedNote = "Codex " + CodexCheckedVersion + " starts MCP servers only from config.toml, so the main Codex session sees the sysarch tools as well as the sysarch agent; if a later Codex honours mcp_servers in an agent file, move the [mcp_servers.sysarch] table into the agent file to keep the tools to the agent"

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

// CodexUser writes the persona as a user custom agent under home: the
// agent file home/.codex/agents/NAME.toml and sysarch's MCP server merged
// into home/.codex/config.toml.
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
	agent, err := planAgent(filepath.Join(codexDir, "agents", name+".toml"), data, opts.Force, ownCodexAgent(name, p))
	if err != nil {
		return Result{}, err
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
	res := Result{Changes: changes, Notes: []string{CodexSharedNote}}
	if note != "" {
		res.Notes = append(res.Notes, note)
	}
	return res, err
}

// codexAgent is a Codex custom agent file. Field order is file order.
// It has no sandbox_mode: Codex runs a spawned agent in its parent's
// sandbox whatever the file says.
type codexAgent struct {
	Name                  string `toml:"name"`
	Description           string `toml:"description"`
	Model                 string `toml:"model,omitempty"`
	DeveloperInstructions string `toml:"developer_instructions,multiline"`
}

// codexHeader opens every Codex agent file sysarch writes; a file that
// starts with it and carries the persona is sysarch's own.
const codexHeader = "# sysarch as a Codex custom agent; its capacity tools come from the\n"

// CodexAgentFile renders the persona as a Codex custom agent file and
// returns the agent's name with it.
func CodexAgentFile(p prompts.Persona, opts CodexOptions) (string, []byte, error) {
	name, data, err := codexAgentFile(p, opts)
	return name, data, refuse(err)
}

func codexAgentFile(p prompts.Persona, opts CodexOptions) (string, []byte, error) {
	if _, _, err := opts.check(); err != nil {
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
		DeveloperInstructions: p.Body,
	}
	body, err := toml.Marshal(agent)
	if err != nil {
		return "", nil, err
	}
	var b bytes.Buffer
	b.WriteString(codexHeader)
	b.WriteString("# [mcp_servers.sysarch] entry in config.toml.\n")
	b.Write(body)
	return name, b.Bytes(), nil
}

// ownCodexAgent reports whether an existing agent file is one sysarch
// wrote for this persona, with any scope, model or command: re-exporting
// replaces it without --force. A file someone edited is not.
func ownCodexAgent(name string, p prompts.Persona) func([]byte) bool {
	return func(data []byte) bool {
		if !bytes.HasPrefix(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte(codexHeader)) {
			return false
		}
		var got struct {
			Name                  string `toml:"name"`
			Description           string `toml:"description"`
			DeveloperInstructions string `toml:"developer_instructions"`
		}
		return toml.Unmarshal(data, &got) == nil && got.Name == name &&
			got.Description == p.Description && got.DeveloperInstructions == p.Body
	}
}
