package export

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pelletier/go-toml/v2"
	"github.com/sysarch/sysarch/prompts"
)

func TestCodexAgentFileGolden(t *testing.T) {
	name, got, err := CodexAgentFile(prompts.Builtin(), CodexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if name != "sysarch" {
		t.Errorf("name = %q, want sysarch", name)
	}
	golden(t, "codex/sysarch.toml", got)
	checkCodexAgentFile(t, got, prompts.Builtin(), "")
}

// checkCodexAgentFile parses an exported Codex agent file and checks it
// against the custom agent schema Codex documents.
func checkCodexAgentFile(t *testing.T, data []byte, p prompts.Persona, wantModel string) {
	t.Helper()
	var got map[string]any
	if err := toml.Unmarshal(data, &got); err != nil {
		t.Fatalf("agent file is not valid TOML: %v", err)
	}
	for k := range got {
		// Codex ignores mcp_servers and sandbox_mode in an agent file:
		// writing them would promise what it does not do.
		if !slices.Contains([]string{"name", "description", "developer_instructions", "model"}, k) {
			t.Errorf("agent file has key %q", k)
		}
	}
	wantName, _ := AgentName(p.Name)
	if got["name"] != wantName || got["description"] != p.Description {
		t.Errorf("name, description = %q, %q; want %q and the persona's description", got["name"], got["description"], wantName)
	}
	if got["developer_instructions"] != p.Body {
		t.Error("developer_instructions is not the persona body")
	}
	if m, _ := got["model"].(string); m != wantModel {
		t.Errorf("model = %q, want %q", m, wantModel)
	}
}

func TestCodexAgentFileModel(t *testing.T) {
	gpt := prompts.Builtin()
	gpt.Model = "gpt-5-codex"
	tests := []struct {
		name    string
		persona prompts.Persona
		opts    CodexOptions
		want    string
	}{
		{"Claude model is not carried over", prompts.Builtin(), CodexOptions{}, ""},
		{"the option sets the model", prompts.Builtin(), CodexOptions{Model: "o4-mini"}, "o4-mini"},
		{"an OpenAI model on the persona is kept", gpt, CodexOptions{}, "gpt-5-codex"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, data, err := CodexAgentFile(tt.persona, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkCodexAgentFile(t, data, tt.persona, tt.want)
		})
	}
}

func TestCodex(t *testing.T) {
	dir := t.TempDir()
	res, err := Codex(dir, prompts.Builtin(), CodexOptions{Scope: ScopeProject})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{filepath.Join(dir, ".codex", "agents", "sysarch.toml"), Created},
		{filepath.Join(dir, ".codex", "config.toml"), Created},
	}
	if diff := cmp.Diff(want, res.Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if len(res.Notes) != 2 || res.Notes[0] != CodexSharedNote || !strings.Contains(res.Notes[1], "trusted") {
		t.Errorf("notes = %q, want the note on who sees the tools, then the one on trusted projects", res.Notes)
	}
	golden(t, "codex/config-new.toml", readFile(t, want[1].Path))

	res, err = Codex(dir, prompts.Builtin(), CodexOptions{Scope: ScopeProject})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]Action{"sysarch.toml": Unchanged, "config.toml": Unchanged}, actions(res)); diff != "" {
		t.Errorf("second export (-want +got):\n%s", diff)
	}
}

func TestCodexUser(t *testing.T) {
	home := t.TempDir()
	res, err := CodexUser(home, prompts.Builtin(), CodexOptions{Scope: ScopeProject})
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{filepath.Join(home, ".codex", "agents", "sysarch.toml"), Created},
		{filepath.Join(home, ".codex", "config.toml"), Created},
	}
	if diff := cmp.Diff(want, res.Changes); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{CodexSharedNote}, res.Notes); diff != "" {
		t.Errorf("notes (-want +got), want only who sees the tools for the user's own config:\n%s", diff)
	}
}

func TestCodexKeepsAgentFileWithoutForce(t *testing.T) {
	dir := t.TempDir()
	agentPath := filepath.Join(dir, ".codex", "agents", "sysarch.toml")
	const mine = "name = \"sysarch\"\ndescription = \"mine\"\ndeveloper_instructions = \"hand-tuned\"\n"
	writeFile(t, agentPath, mine)
	_, err := Codex(dir, prompts.Builtin(), CodexOptions{Scope: ScopeProject})
	if !errors.Is(err, ErrAgentExists) {
		t.Fatalf("error = %v, want ErrAgentExists", err)
	}
	if got := string(readFile(t, agentPath)); got != mine {
		t.Error("the existing agent file was changed without force")
	}
	if exists(filepath.Join(dir, ".codex", "config.toml")) {
		t.Error("config.toml was written although the export was refused")
	}
	if _, err := Codex(dir, prompts.Builtin(), CodexOptions{Force: true, Scope: ScopeProject}); err != nil {
		t.Fatalf("with force: %v", err)
	}
}

func TestCodexRefusesMalformedConfig(t *testing.T) {
	tests := []struct {
		name, content, want string
	}{
		{"syntax error", "model = \"o3\"\n[mcp_servers.docs]\ncommand = = \"x\"\n", "line 3"},
		{"duplicate table", "[a]\nx = 1\n[a]\ny = 2\n", "cannot parse"},
		{"mcp_servers not a table", "mcp_servers = \"none\"\n", "mcp_servers in"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := filepath.Join(dir, ".codex", "config.toml")
			writeFile(t, cfg, tt.content)
			_, err := Codex(dir, prompts.Builtin(), CodexOptions{Scope: ScopeProject})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "nothing was changed") {
				t.Fatalf("error = %v, want it to contain %q and say nothing was changed", err, tt.want)
			}
			if !errors.Is(err, ErrRefused) {
				t.Errorf("error %v is not a refusal", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
			if got := string(readFile(t, cfg)); got != tt.content {
				t.Errorf("config.toml changed:\n%s", got)
			}
			if exists(filepath.Join(dir, ".codex", "agents")) {
				t.Error("the agent file was written although config.toml could not be parsed")
			}
		})
	}
}

// The trust lines the note gives are TOML that marks exactly this project
// trusted, even for a path with quotes or backslashes.
func TestCodexTrustNoteIsTOML(t *testing.T) {
	for _, dir := range []string{"/home/ann/src/shop", `/tmp/a "quoted" \dir`} {
		_, lines, ok := strings.Cut(CodexTrustNote(dir), ":\n")
		if !ok {
			t.Fatalf("note has no lines to add: %q", CodexTrustNote(dir))
		}
		var cfg struct {
			Projects map[string]struct {
				TrustLevel string `toml:"trust_level"`
			} `toml:"projects"`
		}
		if err := toml.Unmarshal([]byte(lines), &cfg); err != nil {
			t.Fatalf("lines %q are not TOML: %v", lines, err)
		}
		if cfg.Projects[dir].TrustLevel != "trusted" {
			t.Errorf("lines %q do not trust %q: %+v", lines, dir, cfg)
		}
	}
}
