package export

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/prompts"
)

// checkFixture is a project and a home directory for Check.
type checkFixture struct {
	env  CheckEnv
	proj string
}

func newCheckFixture(t *testing.T) checkFixture {
	root := t.TempDir()
	proj, home := filepath.Join(root, "src", "shop"), filepath.Join(root, "home")
	return checkFixture{
		env:  CheckEnv{Dir: proj, Home: home, Starts: func(c string) bool { return c == DefaultCommand }},
		proj: proj,
	}
}

// todos returns the texts of the steps left, for one product.
func todos(steps []Step, product string) []string {
	var out []string
	for _, s := range steps {
		if s.Product == product && !s.Ready {
			out = append(out, s.Text)
		}
	}
	return out
}

func wantTodos(t *testing.T, steps []Step, product string, want ...string) {
	t.Helper()
	got := todos(steps, product)
	if len(got) != len(want) {
		t.Fatalf("%s steps left = %q, want %d matching %q", product, got, len(want), want)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("%s step %d = %q, want it to contain %q", product, i, got[i], w)
		}
	}
}

func TestCheckFindsNothingWithoutAnExport(t *testing.T) {
	f := newCheckFixture(t)
	if steps := Check(f.env); len(steps) != 0 {
		t.Errorf("steps = %v, want none", steps)
	}
}

func TestCheckClaudeAgentScope(t *testing.T) {
	f := newCheckFixture(t)
	if _, err := Claude(f.proj, prompts.Builtin(), ClaudeOptions{Tools: []string{"throughput"}}); err != nil {
		t.Fatal(err)
	}
	wantTodos(t, Check(f.env), "Claude Code", "is not trusted", `--allowedTools mcp__sysarch`)

	// Trusting a folder above the project counts, as in Claude Code.
	writeFile(t, filepath.Join(f.env.Home, ".claude.json"),
		`{"projects": {"`+filepath.Dir(f.proj)+`": {"hasTrustDialogAccepted": true}}}`)
	writeFile(t, filepath.Join(f.proj, ".claude", "settings.local.json"), `{"permissions": {"allow": ["mcp__sysarch"]}}`)
	wantTodos(t, Check(f.env), "Claude Code")

	// A command that cannot start is a step, with the fix.
	f.env.Starts = func(string) bool { return false }
	wantTodos(t, Check(f.env), "Claude Code", "cannot be started from the client's PATH")
}

func TestCheckClaudeProjectScopeNeedsApproval(t *testing.T) {
	f := newCheckFixture(t)
	f.env.ClaudeConfigDir = filepath.Join(f.env.Home, "claude-config")
	if _, err := Claude(f.proj, prompts.Builtin(), ClaudeOptions{Tools: []string{"throughput"}, Scope: ScopeProject}); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(f.env.ClaudeConfigDir, ".claude.json"), `{"projects": {"`+f.proj+`": {"hasTrustDialogAccepted": true}}}`)
	writeFile(t, filepath.Join(f.env.ClaudeConfigDir, "settings.json"), `{"permissions": {"allow": ["mcp__sysarch__*"]}}`)
	wantTodos(t, Check(f.env), "Claude Code", `"enabledMcpjsonServers": ["sysarch"]`)
	writeFile(t, filepath.Join(f.proj, ".claude", "settings.local.json"), `{"enabledMcpjsonServers": ["sysarch"]}`)
	wantTodos(t, Check(f.env), "Claude Code")
}

func TestCheckCodex(t *testing.T) {
	f := newCheckFixture(t)
	if _, err := Codex(f.proj, prompts.Builtin(), CodexOptions{}); err != nil {
		t.Fatal(err)
	}
	wantTodos(t, Check(f.env), "Codex", "is not trusted, and until it is Codex reads nothing")
	writeFile(t, filepath.Join(f.env.Home, ".codex", "config.toml"), "[projects.\""+f.proj+"\"]\ntrust_level = \"trusted\"\n")
	wantTodos(t, Check(f.env), "Codex")

	// An agent file from an earlier sysarch, with the server inside and
	// no config.toml: both are steps.
	writeFile(t, filepath.Join(f.proj, ".codex", "agents", "sysarch.toml"),
		string(readFile(t, filepath.Join("testdata", "codex", "sysarch-0.x-agent-scope.toml"))))
	writeFile(t, filepath.Join(f.proj, ".codex", "config.toml"), "")
	wantTodos(t, Check(f.env), "Codex", "which Codex ignores: run sysarch export openai", "no config.toml registers the sysarch server")
}
