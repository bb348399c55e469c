package export

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/prompts"
)

// Codex ignores an agent file's mcp_servers, so the agent scope is refused
// before anything is written, with the scope that works.
func TestCodexRefusesAgentScope(t *testing.T) {
	dir := t.TempDir()
	_, err := Codex(dir, prompts.Builtin(), CodexOptions{Scope: ScopeAgent})
	if !errors.Is(err, ErrCodexAgentScope) || !errors.Is(err, ErrRefused) {
		t.Fatalf("error = %v, want ErrCodexAgentScope as a refusal", err)
	}
	if !strings.Contains(err.Error(), "--scope project") {
		t.Errorf("error %q does not give the scope that works", err)
	}
	if exists(filepath.Join(dir, ".codex")) {
		t.Error(".codex was written although the export was refused")
	}
}

// An agent file an earlier sysarch wrote with the agent scope (mcp_servers
// and sandbox_mode inside) is sysarch's own: exporting again replaces it
// without --force.
func TestCodexReplacesItsOwnEarlierAgentFile(t *testing.T) {
	dir := t.TempDir()
	agentPath := filepath.Join(dir, ".codex", "agents", "sysarch.toml")
	writeFile(t, agentPath, string(readFile(t, filepath.Join("testdata", "codex", "sysarch-0.x-agent-scope.toml"))))
	res, err := Codex(dir, prompts.Builtin(), CodexOptions{})
	if err != nil {
		t.Fatalf("re-export over sysarch's own file: %v", err)
	}
	if diff := cmp.Diff(map[string]Action{"sysarch.toml": Updated, "config.toml": Created}, actions(res)); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	if got := string(readFile(t, agentPath)); strings.Contains(got, "\n[mcp_servers.") || strings.Contains(got, "\nsandbox_mode =") {
		t.Errorf("the agent file still declares what Codex ignores:\n%s", got)
	}

	// Someone's edit makes the file theirs again.
	edited := strings.Replace(string(readFile(t, agentPath)), "stays quiet in production", "stays quiet", 1)
	writeFile(t, agentPath, edited)
	if _, err := Codex(dir, prompts.Builtin(), CodexOptions{Model: "o4-mini"}); !errors.Is(err, ErrAgentExists) {
		t.Fatalf("error = %v over an edited agent file, want ErrAgentExists", err)
	}
}

// Switching Claude's scope rewrites sysarch's own agent file both ways; an
// edited body still needs --force.
func TestClaudeSwitchesScopeWithoutForce(t *testing.T) {
	dir := t.TempDir()
	opts := ClaudeOptions{Tools: []string{"throughput"}}
	for _, scope := range []Scope{ScopeAgent, ScopeProject, ScopeAgent} {
		opts.Scope = scope
		if _, err := Claude(dir, prompts.Builtin(), opts); err != nil {
			t.Fatalf("export with scope %s over sysarch's own file: %v", scope, err)
		}
	}
	agentPath := filepath.Join(dir, ".claude", "agents", "sysarch.md")
	if !strings.Contains(string(readFile(t, agentPath)), "mcpServers:") {
		t.Error("the last export, with the agent scope, did not declare the server")
	}
	writeFile(t, agentPath, string(readFile(t, agentPath))+"\nOne more rule of mine.\n")
	opts.Scope = ScopeProject
	if _, err := Claude(dir, prompts.Builtin(), opts); !errors.Is(err, ErrAgentExists) {
		t.Fatalf("error = %v over an edited agent file, want ErrAgentExists", err)
	}
}

// A CRLF config.toml gets CRLF lines, whether the table is appended or an
// existing one is rewritten.
func TestCodexConfigKeepsCRLF(t *testing.T) {
	for name, in := range map[string]string{
		"append":  "model = \"o3\"\r\n\r\n[mcp_servers.docs]\r\ncommand = \"docs\"\r\n",
		"replace": "[mcp_servers.sysarch]\r\ncommand = \"/old/sysarch\"\r\nargs = [\"mcp\"]\r\nenv = { A = \"1\" }\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			out, _, err := mergeCodexConfig("config.toml", []byte(in), registration{command: "sysarch", force: true})
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(string(out), "\n"); n != strings.Count(string(out), "\r\n") {
				t.Errorf("merged file mixes line endings:\n%q", out)
			}
			if !strings.Contains(string(out), "command = \"sysarch\"\r\n") {
				t.Errorf("sysarch's command is missing:\n%q", out)
			}
		})
	}
}

// A customised entry written inline is kept with a note that gives the
// line to write, not a --force that would be refused.
func TestCodexInlineEntryNoteDoesNotPromiseForce(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, ".codex", "config.toml")
	const in = "[mcp_servers]\nsysarch = { command = \"/old/sysarch\", args = [\"mcp\"] }\n"
	writeFile(t, cfg, in)
	res, err := Codex(dir, prompts.Builtin(), CodexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	note := strings.Join(res.Notes, "\n")
	if strings.Contains(note, "--force") || !strings.Contains(note, `replace it by hand with sysarch = { command = "sysarch", args = ["mcp"] }`) {
		t.Errorf("notes %q should give the line to write by hand and not promise --force", note)
	}
	if got, _ := os.ReadFile(cfg); string(got) != in {
		t.Errorf("config.toml changed:\n%s", got)
	}
}
