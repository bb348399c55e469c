package export

import (
	"bytes"
	"path/filepath"

	"github.com/pelletier/go-toml/v2"
	"github.com/sysarch/sysarch/prompts"
)

// CodexOptions controls an OpenAI Codex export.
type CodexOptions struct {
	// Model is the Codex model id for the agent. Empty keeps the persona's
	// model unless it names a Claude model, and otherwise leaves the model
	// to Codex.
	Model string
	// Force replaces an existing agent file that has other content.
	Force bool
}

// Codex writes the persona as a project custom agent under dir: the agent
// file dir/.codex/agents/NAME.toml, and sysarch's MCP server merged into
// dir/.codex/config.toml.
func Codex(dir string, p prompts.Persona, opts CodexOptions) (Result, error) {
	res, err := codexInto(filepath.Join(dir, ".codex"), p, opts)
	if err == nil {
		res.Notes = append(res.Notes, "Codex reads a project's .codex/config.toml only once the project is trusted")
	}
	return res, err
}

// CodexUser writes the persona as a user custom agent under home: the agent
// file home/.codex/agents/NAME.toml, and sysarch's MCP server merged into
// home/.codex/config.toml.
func CodexUser(home string, p prompts.Persona, opts CodexOptions) (Result, error) {
	return codexInto(filepath.Join(home, ".codex"), p, opts)
}

func codexInto(codexDir string, p prompts.Persona, opts CodexOptions) (Result, error) {
	name, data, err := CodexAgentFile(p, opts)
	if err != nil {
		return Result{}, err
	}
	agent, err := planAgent(filepath.Join(codexDir, "agents", name+".toml"), data, opts.Force)
	if err != nil {
		return Result{}, err
	}
	cfgPath := filepath.Join(codexDir, "config.toml")
	old, exists, err := readConfig(cfgPath)
	if err != nil {
		return Result{}, err
	}
	merged, notes, err := mergeCodexConfig(cfgPath, old)
	if err != nil {
		return Result{}, refuse(err)
	}
	changes, err := apply(agent, planConfig(cfgPath, old, exists, merged))
	return Result{Changes: changes, Notes: notes}, err
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
	name, err := AgentName(p.Name)
	if err != nil {
		return "", nil, err
	}
	model, err := openAIModel(opts.Model, p.Model)
	if err != nil {
		return "", nil, err
	}
	body, err := toml.Marshal(codexAgent{
		Name:                  name,
		Description:           p.Description,
		Model:                 model,
		SandboxMode:           "read-only",
		DeveloperInstructions: p.Body,
	})
	if err != nil {
		return "", nil, err
	}
	var b bytes.Buffer
	b.WriteString("# sysarch as a Codex custom agent; its capacity tools come from the\n")
	b.WriteString("# [mcp_servers.sysarch] entry in config.toml.\n")
	b.Write(body)
	return name, b.Bytes(), nil
}
