package export

import (
	"encoding/json"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/prompts"
)

// sdkTools stands in for the tools `sysarch mcp` lists.
func sdkTools() []ToolDef {
	var defs []ToolDef
	for _, n := range append(slices.Clone(capacityTools), "design", "patterns", "review") {
		defs = append(defs, ToolDef{Name: n, Description: "What " + n + " answers."})
	}
	return defs
}

func TestAgentsSDKGolden(t *testing.T) {
	got, err := AgentsSDK(prompts.Builtin(), SDKOptions{Tools: sdkTools()})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "agents-sdk/sysarch.json", got)
	checkAgentsSDK(t, got, "", "sysarch")
}

// checkAgentsSDK parses an exported agent and checks that it wires sysarch
// as an MCP server over stdio with every tool, and that its instructions
// name only tools the server has.
func checkAgentsSDK(t *testing.T, data []byte, wantModel, wantCommand string) {
	t.Helper()
	var got struct {
		Name         string  `json:"name"`
		Instructions string  `json:"instructions"`
		Model        *string `json:"model"`
		MCPServers   []struct {
			Name      string   `json:"name"`
			Transport string   `json:"transport"`
			Command   string   `json:"command"`
			Args      []string `json:"args"`
			Tools     []string `json:"tools"`
		} `json:"mcp_servers"`
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("agent definition does not decode: %v", err)
	}
	if got.Name != prompts.Builtin().Name {
		t.Errorf("name = %q", got.Name)
	}
	if (got.Model == nil) != (wantModel == "") || got.Model != nil && *got.Model != wantModel {
		t.Errorf("model = %v, want %q", got.Model, wantModel)
	}
	if len(got.MCPServers) != 1 {
		t.Fatalf("got %d MCP servers, want sysarch alone", len(got.MCPServers))
	}
	s := got.MCPServers[0]
	if s.Name != "sysarch" || s.Transport != "stdio" || s.Command != wantCommand || !cmp.Equal(s.Args, []string{"mcp"}) {
		t.Errorf("server = %+v, want sysarch over stdio started as %s mcp", s, wantCommand)
	}
	var want []string
	for _, d := range sdkTools() {
		want = append(want, d.Name)
	}
	if diff := cmp.Diff(want, s.Tools); diff != "" {
		t.Errorf("tools (-want +got):\n%s", diff)
	}
	for _, name := range want {
		if !strings.Contains(got.Instructions, "| `"+name+"` |") {
			t.Errorf("the instructions do not list %s", name)
		}
	}
	// Every snake_case name in backquotes that looks like a tool must be one.
	for _, m := range regexp.MustCompile("`([a-z]+_[a-z_]+)`").FindAllStringSubmatch(got.Instructions, -1) {
		if !slices.Contains(want, m[1]) {
			t.Errorf("the instructions name %s, which the server does not offer", m[1])
		}
	}
	if !strings.HasPrefix(got.Instructions, "# sysarch: ") || !strings.Contains(got.Instructions, "## Quality checklist") {
		t.Error("the instructions lost the persona around the tool section")
	}
}

func TestAgentsSDKOptions(t *testing.T) {
	got, err := AgentsSDK(prompts.Builtin(), SDKOptions{Tools: sdkTools(), Model: "gpt-5", Command: "/opt/bin/sysarch"})
	if err != nil {
		t.Fatal(err)
	}
	checkAgentsSDK(t, got, "gpt-5", "/opt/bin/sysarch")
}

func TestMCPInstructionsWithoutToolSection(t *testing.T) {
	got := mcpInstructions("# p\n\nbody\n", []ToolDef{{Name: "cache", Description: "a | b"}})
	if !strings.HasPrefix(got, "# p\n\nbody\n\n## Working") || !strings.Contains(got, "| `cache` | a \\| b |") {
		t.Errorf("instructions:\n%s", got)
	}
	got = mcpInstructions("# p\n\n## Working with sysarch's tools\n\nold\n\n## After\n\nkept\n", []ToolDef{{Name: "cache"}})
	if strings.Contains(got, "old") || !strings.HasSuffix(got, "\n\n## After\n\nkept\n") {
		t.Errorf("instructions:\n%s", got)
	}
}

func TestAgentsSDKErrors(t *testing.T) {
	tests := []struct {
		name string
		opts SDKOptions
		want string
	}{
		{"no tools", SDKOptions{}, "no capacity tools"},
		{"bad name", SDKOptions{Tools: []ToolDef{{Name: "cache.size"}}}, "tool name"},
		{"relative command", SDKOptions{Tools: sdkTools(), Command: "./sysarch"}, "absolute path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := AgentsSDK(prompts.Builtin(), tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) || !errors.Is(err, ErrRefused) {
				t.Errorf("error = %v, want a refusal containing %q", err, tt.want)
			}
		})
	}
}
