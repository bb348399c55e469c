package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/prompts"
)

// ToolDef is a tool as sysarch's MCP server lists it.
type ToolDef struct {
	Name        string
	Description string
}

// SDKOptions controls an Agents SDK export.
type SDKOptions struct {
	// Tools are the tools `sysarch mcp` serves, in its order; the
	// instructions name these and no others.
	Tools []ToolDef
	// Model is the OpenAI model id; empty leaves the choice to the SDK. A
	// Claude model named by the persona is not carried over.
	Model string
	// Command is the program that serves MCP: empty or "sysarch" for the
	// name on PATH, or an absolute path.
	Command string
}

// sdkConfig is the agent as the OpenAI Agents SDK (Python and TypeScript)
// builds it: the fields of Agent, and the MCP servers to start and hand to
// it. Its tools are not listed as function tools, which would have no code
// behind them: the SDK reads them from the server when the agent runs.
type sdkConfig struct {
	Name         string      `json:"name"`
	Instructions string      `json:"instructions"`
	Model        string      `json:"model,omitempty"`
	MCPServers   []sdkServer `json:"mcp_servers"`
}

// sdkServer is an MCP server over stdio: what MCPServerStdio takes in both
// SDKs (params.command and params.args in Python; command and args in
// TypeScript), and the tools it is expected to offer.
type sdkServer struct {
	Name      string   `json:"name"`
	Transport string   `json:"transport"`
	Command   string   `json:"command"`
	Args      []string `json:"args"`
	Tools     []string `json:"tools"`
}

// AgentsSDK returns the persona as a JSON agent for the OpenAI Agents SDK,
// wired to `sysarch mcp` as an MCP server over stdio. The README shows the
// few lines of Python or TypeScript that load it.
func AgentsSDK(p prompts.Persona, opts SDKOptions) ([]byte, error) {
	data, err := agentsSDK(p, opts)
	return data, refuse(err)
}

func agentsSDK(p prompts.Persona, opts SDKOptions) ([]byte, error) {
	names := make([]string, len(opts.Tools))
	for i, t := range opts.Tools {
		names[i] = t.Name
	}
	if err := checkToolNames(names); err != nil {
		return nil, err
	}
	model, err := openAIModel(opts.Model, p.Model)
	if err != nil {
		return nil, err
	}
	reg, err := newRegistration(opts.Command, false)
	if err != nil {
		return nil, err
	}
	cfg := sdkConfig{
		Name:         p.Name,
		Instructions: mcpInstructions(p.Body, opts.Tools),
		Model:        model,
		MCPServers: []sdkServer{{
			Name: ServerName, Transport: "stdio",
			Command: reg.command, Args: serverArgs(), Tools: names,
		}},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(cfg); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// toolsHeading starts the persona section about sysarch's own tools, which
// names tools (record_requirements, submit_design) that only sysarch's
// built-in agent has.
const toolsHeading = "## Working with sysarch's tools"

// mcpInstructions replaces the persona's tool section with one written for
// an agent that reaches sysarch over MCP: it names exactly the tools the
// server offers, so the model is never told to call a tool it lacks.
func mcpInstructions(body string, tools []ToolDef) string {
	var b strings.Builder
	b.WriteString(toolsHeading + "\n\n")
	b.WriteString("Your tools come from sysarch's MCP server. They are exact and deterministic;\n")
	b.WriteString("they are the reason a number in your document can be trusted.\n\n")
	b.WriteString("- **Never compute a figure yourself**, not even a division you could do in\n")
	b.WriteString("  your head. Call the tool, and cite the formula it returns next to the\n")
	b.WriteString("  number in the document.\n")
	b.WriteString("- The tools:\n\n")
	b.WriteString("  | tool | answers |\n  | --- | --- |\n")
	for _, t := range tools {
		desc := strings.Join(strings.Fields(t.Description), " ")
		fmt.Fprintf(&b, "  | `%s` | %s |\n", t.Name, strings.ReplaceAll(desc, "|", "\\|"))
	}
	for _, t := range tools {
		if t.Name == "patterns" {
			b.WriteString("\n- Before you choose components, call `patterns` with action `match` and the\n")
			b.WriteString("  requirements. Build the design around the mechanism of each archetype it\n")
			b.WriteString("  returns and say which one it is; when none matches, the decision matrix\n")
			b.WriteString("  decides alone.")
		}
	}
	b.WriteString("\n- List the requirements by phase, get every figure from the tools, and\n")
	b.WriteString("  write the document section by section from the template above.\n")
	b.WriteString("- When information is missing, state the assumption you are making, label it\n")
	b.WriteString("  as an assumption in the document and list the open question. Do not stall.\n")
	b.WriteString("- When a tool returns an error, read it, correct the input and call it again.\n")
	b.WriteString("  Never replace a failed tool call with a guess.\n")

	start := strings.Index(body, toolsHeading)
	if start < 0 {
		return strings.TrimRight(body, "\n") + "\n\n" + b.String()
	}
	rest := body[start+len(toolsHeading):]
	end := len(body)
	if i := strings.Index(rest, "\n## "); i >= 0 {
		end = start + len(toolsHeading) + i + 1
	}
	tail := body[end:]
	if tail != "" {
		b.WriteString("\n")
	}
	return body[:start] + b.String() + tail
}
