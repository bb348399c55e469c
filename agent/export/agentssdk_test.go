package export

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/prompts"
)

// sdkTools stands in for the registry's tool definitions.
func sdkTools() []ToolDef {
	return []ToolDef{
		{
			Name:        "throughput",
			Description: "Average and peak rate per second from a count per period.",
			Parameters:  json.RawMessage(`{"type":"object","properties":{"count":{"description":"how many, e.g. 100M"},"per":{"type":"string","enum":["second","minute","hour","day","week","month","year"]}},"required":["count"]}`),
		},
		{
			Name:        "availability",
			Description: "Downtime allowed by an availability target such as 99.9%.",
			Parameters:  json.RawMessage(`{"type":"object","properties":{"target":{"description":"e.g. 99.95%"}}}`),
		},
	}
}

func TestAgentsSDKGolden(t *testing.T) {
	got, err := AgentsSDK(prompts.Builtin(), sdkTools(), "")
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "agents-sdk/sysarch.json", got)
	checkAgentsSDK(t, got, "")
}

// checkAgentsSDK parses an agent definition and checks it against the
// Agents SDK agent fields and the Responses API function tool shape.
func checkAgentsSDK(t *testing.T, data []byte, wantModel string) {
	t.Helper()
	var got struct {
		Name         string           `json:"name"`
		Instructions string           `json:"instructions"`
		Model        *string          `json:"model"`
		Tools        []map[string]any `json:"tools"`
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("agent definition does not decode: %v", err)
	}
	p := prompts.Builtin()
	if got.Name != p.Name || got.Instructions != p.Body {
		t.Errorf("name = %q and instructions are the body: %v", got.Name, got.Instructions == p.Body)
	}
	if (got.Model == nil) != (wantModel == "") || got.Model != nil && *got.Model != wantModel {
		t.Errorf("model = %v, want %q", got.Model, wantModel)
	}
	if len(got.Tools) != len(sdkTools()) {
		t.Fatalf("got %d tools, want %d", len(got.Tools), len(sdkTools()))
	}
	for i, tool := range got.Tools {
		if len(tool) != 5 || tool["type"] != "function" || tool["name"] != sdkTools()[i].Name || tool["strict"] != false {
			t.Errorf("tool %d = %v, want type, name, description, parameters and strict false", i, tool)
		}
		if params, ok := tool["parameters"].(map[string]any); !ok || params["type"] != "object" {
			t.Errorf("tool %d parameters = %v, want an object schema", i, tool["parameters"])
		}
	}
}

func TestAgentsSDKModel(t *testing.T) {
	got, err := AgentsSDK(prompts.Builtin(), sdkTools(), "gpt-5")
	if err != nil {
		t.Fatal(err)
	}
	checkAgentsSDK(t, got, "gpt-5")
}

func TestAgentsSDKDefaultsEmptyParameters(t *testing.T) {
	got, err := AgentsSDK(prompts.Builtin(), []ToolDef{{Name: "scaling_phase", Description: "d"}}, "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), `"parameters": {`) {
		t.Errorf("a tool without a schema did not get an empty object schema:\n%s", got)
	}
}

func TestAgentsSDKErrors(t *testing.T) {
	tests := []struct {
		name  string
		tools []ToolDef
		want  string
	}{
		{"no tools", nil, "no capacity tools"},
		{"schema not an object", []ToolDef{{Name: "cache", Parameters: json.RawMessage(`[1]`)}}, "not a JSON object"},
		{"bad name", []ToolDef{{Name: "cache.size"}}, "tool name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AgentsSDK(prompts.Builtin(), tt.tools, "")
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrRefused) {
				t.Errorf("error = %v, want a refusal containing %q", err, tt.want)
			}
		})
	}
}
