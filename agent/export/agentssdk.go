package export

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/sysarch/sysarch/prompts"
)

// ToolDef is a tool as the capacity tool registry describes it.
type ToolDef struct {
	Name        string
	Description string
	// Parameters is the JSON Schema of the tool's input, an object schema.
	Parameters json.RawMessage
}

// sdkAgent is an agent definition for the OpenAI Agents SDK and the
// Responses API: the instructions are the system prompt, the tools are
// function tools.
type sdkAgent struct {
	Name         string    `json:"name"`
	Instructions string    `json:"instructions"`
	Model        string    `json:"model,omitempty"`
	Tools        []sdkTool `json:"tools"`
}

// sdkTool is a Responses API function tool.
type sdkTool struct {
	Type        string          `json:"type"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"`
	// Strict is spelled out because the Responses API defaults it to true,
	// which demands schemas in a restricted form the registry's schemas
	// need not follow.
	Strict bool `json:"strict"`
}

// AgentsSDK returns the persona as a JSON agent definition (name,
// instructions, model, tools) for the OpenAI Agents SDK or the Responses
// API. model may be empty, leaving the choice to the SDK; a Claude model
// named by the persona is not carried over.
func AgentsSDK(p prompts.Persona, tools []ToolDef, model string) ([]byte, error) {
	data, err := agentsSDK(p, tools, model)
	return data, refuse(err)
}

func agentsSDK(p prompts.Persona, tools []ToolDef, model string) ([]byte, error) {
	names := make([]string, len(tools))
	for i, t := range tools {
		names[i] = t.Name
	}
	if err := checkToolNames(names); err != nil {
		return nil, err
	}
	model, err := openAIModel(model, p.Model)
	if err != nil {
		return nil, err
	}
	agent := sdkAgent{Name: p.Name, Instructions: p.Body, Model: model}
	for _, t := range tools {
		params := t.Parameters
		if len(bytes.TrimSpace(params)) == 0 {
			params = json.RawMessage(`{"type":"object","properties":{}}`)
		}
		var schema map[string]any
		if err := json.Unmarshal(params, &schema); err != nil {
			return nil, fmt.Errorf("parameters of tool %q are not a JSON object: %v", t.Name, err)
		}
		agent.Tools = append(agent.Tools, sdkTool{
			Type:        "function",
			Name:        t.Name,
			Description: t.Description,
			Parameters:  params,
		})
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(agent); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
