package export

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/prompts"
	"go.yaml.in/yaml/v3"
)

func TestClaudeAgentFileGolden(t *testing.T) {
	name, got, err := ClaudeAgentFile(prompts.Builtin(), ClaudeOptions{Tools: capacityTools})
	if err != nil {
		t.Fatal(err)
	}
	if name != "sysarch" {
		t.Errorf("name = %q, want sysarch", name)
	}
	golden(t, "claude/sysarch.md", got)
	checkClaudeAgentFile(t, got)
}

// checkClaudeAgentFile parses an exported agent file as YAML and checks it
// against Claude Code's rules for subagent front matter.
func checkClaudeAgentFile(t *testing.T, data []byte) {
	t.Helper()
	parts := strings.SplitN(string(data), "---\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("agent file does not start with front matter between '---' lines")
	}
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(parts[1]), &raw); err != nil {
		t.Fatalf("front matter is not valid YAML: %v", err)
	}
	fm := map[string]string{}
	for k, v := range raw {
		if !slices.Contains([]string{"name", "description", "tools", "model", "color", "mcpServers"}, k) {
			t.Errorf("front matter has key %q, which Claude Code does not know", k)
		}
		if s, ok := v.(string); ok {
			fm[k] = s
		}
	}
	if servers, ok := raw["mcpServers"]; ok {
		// Claude Code's form: a list whose items are a server name or a
		// one-key map from the name to a .mcp.json server entry.
		want := []any{map[string]any{"sysarch": map[string]any{"type": "stdio", "command": "sysarch", "args": []any{"mcp"}}}}
		if diff := cmp.Diff(want, servers); diff != "" {
			t.Errorf("mcpServers (-want +got):\n%s", diff)
		}
	}
	if n := fm["name"]; !regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`).MatchString(n) || len(n) < 3 || len(n) > 50 {
		t.Errorf("name %q is not 3 to 50 lowercase letters and hyphens", n)
	}
	if !isClaudeModel(fm["model"]) {
		t.Errorf("model %q is not one Claude Code accepts", fm["model"])
	}
	if c, ok := fm["color"]; ok && !slices.Contains(ClaudeColors(), c) {
		t.Errorf("color %q is not in Claude Code's documented set", c)
	}
	var tools []string
	for _, tool := range strings.Split(fm["tools"], ", ") {
		tools = append(tools, strings.TrimPrefix(tool, "mcp__sysarch__"))
	}
	if diff := cmp.Diff(capacityTools, tools); diff != "" {
		t.Errorf("tools are not the mcp__sysarch__ names of every capacity tool (-want +got):\n%s", diff)
	}
	if n := strings.Count(fm["description"], "<example>"); n != strings.Count(fm["description"], "</example>") || n == 0 {
		t.Errorf("description holds %d unbalanced or missing <example> blocks", n)
	}
	for i, line := range strings.Split(parts[1], "\n") {
		if strings.HasPrefix(line, "description:") && !strings.HasPrefix(line, `description: "`) {
			t.Errorf("front matter line %d: description is not one double-quoted line", i+2)
		}
	}
}

func TestClaudeRoundTrip(t *testing.T) {
	seed, err := prompts.LoadPersona(filepath.Join("..", "..", "prompts", "testdata", "system-designer2.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []prompts.Persona{prompts.Builtin(), seed} {
		t.Run(p.Name, func(t *testing.T) {
			dir := t.TempDir()
			res, err := Claude(dir, p, ClaudeOptions{Tools: capacityTools})
			if err != nil {
				t.Fatal(err)
			}
			agentPath := res.Changes[0].Path
			checkClaudeAgentFile(t, readFile(t, agentPath))
			back, err := prompts.LoadPersona(agentPath)
			if err != nil {
				t.Fatalf("exported file does not load as a persona: %v", err)
			}
			wantName, _ := AgentName(p.Name)
			want := p
			want.Name = wantName
			if want.Model == "" {
				want.Model = "inherit"
			}
			want.Tools = nil
			for _, tool := range capacityTools {
				want.Tools = append(want.Tools, "mcp__sysarch__"+tool)
			}
			if diff := cmp.Diff(want, back); diff != "" {
				t.Errorf("persona after the round trip (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClaude(t *testing.T) {
	dir := t.TempDir()
	res, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Model: "sonnet", Scope: ScopeProject})
	if err != nil {
		t.Fatal(err)
	}
	wantChanges := []Change{
		{filepath.Join(dir, ".claude", "agents", "sysarch.md"), Created},
		{filepath.Join(dir, ".mcp.json"), Created},
	}
	if diff := cmp.Diff(wantChanges, res.Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if want := "claude mcp add --transport stdio --scope project sysarch -- sysarch mcp"; res.MCPCommand != want {
		t.Errorf("MCPCommand = %q, want %q", res.MCPCommand, want)
	}
	if got := readFile(t, wantChanges[0].Path); !strings.Contains(string(got), "\nmodel: sonnet\n") {
		t.Error("the model option did not replace the persona's model")
	}
	for _, c := range wantChanges {
		info, err := os.Stat(c.Path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o644 {
			t.Errorf("%s has mode %v, want 0644", c.Path, info.Mode().Perm())
		}
	}
	if info, err := os.Stat(filepath.Join(dir, ".claude", "agents")); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("agents directory: %v, %v; want mode 0755", info.Mode().Perm(), err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, ".claude", "agents"))
	if len(entries) != 1 {
		t.Errorf("agents directory holds %d entries, want only the agent file (no temporary files)", len(entries))
	}

	// Exporting the same thing again changes nothing.
	res, err = Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Model: "sonnet", Scope: ScopeProject})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]Action{"sysarch.md": Unchanged, ".mcp.json": Unchanged}, actions(res)); diff != "" {
		t.Errorf("second export (-want +got):\n%s", diff)
	}
}

func TestClaudeKeepsAgentFileWithoutForce(t *testing.T) {
	dir := t.TempDir()
	agentPath := filepath.Join(dir, ".claude", "agents", "sysarch.md")
	const mine = "---\nname: sysarch\ndescription: my own edits\n---\nhand-tuned\n"
	writeFile(t, agentPath, mine)

	_, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Scope: ScopeProject})
	if !errors.Is(err, ErrAgentExists) || !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "--force") {
		t.Fatalf("error = %v, want a refusal (ErrAgentExists) mentioning --force", err)
	}
	if got := string(readFile(t, agentPath)); got != mine {
		t.Error("the existing agent file was changed without force")
	}
	if exists(filepath.Join(dir, ".mcp.json")) {
		t.Error(".mcp.json was written although the export was refused")
	}

	res, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := actions(res)["sysarch.md"]; got != Updated {
		t.Errorf("with force the agent file was %s, want updated", got)
	}
}

func TestClaudeRefusesMalformedMCPJSON(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"syntax error", "{\n  \"mcpServers\": {\n    \"other\": {\"command\": \"x\",}\n  }\n}\n", "line 3"},
		{"not an object", "[1, 2]\n", "does not hold a JSON object"},
		{"mcpServers not an object", `{"mcpServers": ["sysarch"]}`, "mcpServers in"},
		{"trailing data", `{"mcpServers": {}} {}`, "cannot parse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mcpPath := filepath.Join(dir, ".mcp.json")
			writeFile(t, mcpPath, tt.content)
			_, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Scope: ScopeProject})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Fatalf("error = %v, want it to contain %q and say nothing was changed", err, tt.want)
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("error %v is not a refusal", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
			if got := string(readFile(t, mcpPath)); got != tt.content {
				t.Errorf(".mcp.json changed:\n%s", got)
			}
			if exists(filepath.Join(dir, ".claude")) {
				t.Error("the agent file was written although .mcp.json could not be parsed")
			}
		})
	}
}

func TestClaudeUser(t *testing.T) {
	home := t.TempDir()
	res, err := ClaudeUser(home, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Scope: ScopeProject})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{{filepath.Join(home, ".claude", "agents", "sysarch.md"), Created}}
	if diff := cmp.Diff(want, res.Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if !strings.Contains(res.MCPCommand, "--scope user") {
		t.Errorf("MCPCommand = %q, want user scope", res.MCPCommand)
	}
	for _, f := range []string{".mcp.json", ".claude.json"} {
		if exists(filepath.Join(home, f)) {
			t.Errorf("ClaudeUser wrote %s", f)
		}
	}
}

func TestClaudeAgentFileErrors(t *testing.T) {
	builtin := prompts.Builtin()
	hexColor := builtin
	hexColor.Color = "#ff0000"
	shortName := builtin
	shortName.Name = "x1"
	tests := []struct {
		name    string
		persona prompts.Persona
		opts    ClaudeOptions
		want    string
	}{
		{"unknown model", builtin, ClaudeOptions{Tools: capacityTools, Model: "gpt-5"}, "model \"gpt-5\" is not one Claude Code accepts"},
		{"colour outside the set", hexColor, ClaudeOptions{Tools: capacityTools}, "color \"#ff0000\""},
		{"name too short", shortName, ClaudeOptions{Tools: capacityTools}, "rename the persona"},
		{"no tools", builtin, ClaudeOptions{}, "no capacity tools"},
		{"bad tool name", builtin, ClaudeOptions{Tools: []string{"rate limit"}}, "tool name \"rate limit\""},
		{"duplicate tool", builtin, ClaudeOptions{Tools: []string{"cache", "cache"}}, "listed twice"},
		{"unknown scope", builtin, ClaudeOptions{Tools: capacityTools, Scope: "global"}, "unknown scope \"global\""},
		{"relative command", builtin, ClaudeOptions{Tools: capacityTools, Command: "bin/sysarch"}, "neither sysarch nor an absolute path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ClaudeAgentFile(tt.persona, tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want it to contain %q", err, tt.want)
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("error %v is not a refusal", err)
			}
		})
	}
}

func TestWriteFailureIsNotARefusal(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, ".claude"), "a file where a directory should be")
	_, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools})
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("error = %v, want a failure to reach the agents directory", err)
	}
	if errors.Is(err, ErrRefused) {
		t.Errorf("a write failure was reported as a refusal: %v", err)
	}
}

// The persona tells the model which tools to call; every registry tool must
// be among them, or an exported agent would not know a tool it was given.
func TestPersonaNamesEveryRegistryTool(t *testing.T) {
	body := prompts.Builtin().Body
	for _, name := range capacityTools {
		if !strings.Contains(body, "| `"+name+"` |") {
			t.Errorf("the persona's tool table lacks %s", name)
		}
	}
}
