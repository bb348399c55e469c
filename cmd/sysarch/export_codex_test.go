package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// codexRule scripts a Codex main session that spawns the sysarch agent
// and waits for it, and a sysarch agent that calls throughput once.
func codexRule(r standinRequest) standinReply {
	switch {
	case r.subagent() && len(r.Results) == 0 && r.offers("mcp__sysarch/throughput"):
		return standinReply{Namespace: "mcp__sysarch", Tool: "throughput", Args: cliToolArgs}
	case r.subagent():
		return standinReply{Text: "sysarch agent done"}
	case len(r.Results) == 0:
		args, _ := json.Marshal(map[string]string{"agent_type": "sysarch", "message": cliQuestion})
		return standinReply{Namespace: "multi_agent_v1", Tool: "spawn_agent", Args: string(args)}
	case len(r.Results) == 1:
		var spawned struct {
			AgentID string `json:"agent_id"`
		}
		_ = json.Unmarshal([]byte(r.Results[0]), &spawned)
		return standinReply{Namespace: "multi_agent_v1", Tool: "wait_agent",
			Args: fmt.Sprintf(`{"targets":[%q],"timeout_ms":60000}`, spawned.AgentID)}
	}
	return standinReply{Text: "main session done"}
}

// TestCodexExportWithRealCLI: with the default export, real Codex loads
// the files under --strict-config, offers the sysarch role, and the
// spawned sysarch agent calls a sysarch tool through the server that
// config.toml registers; the main session sees the tools too.
func TestCodexExportWithRealCLI(t *testing.T) {
	codex := realCLI(t, "codex", "Codex CLI")
	work := t.TempDir()
	proj, home, codexHome := filepath.Join(work, "proj"), filepath.Join(work, "home"), filepath.Join(work, "codex")
	for _, d := range []string{proj, home, codexHome} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	exportInto(t, "openai", "--dir", proj)
	// The export leaves sandbox_mode out because Codex ignores it in an
	// agent file; this session shows it: the agent still gets its
	// parent's sandbox.
	agentFile := filepath.Join(proj, ".codex", "agents", "sysarch.toml")
	data, err := os.ReadFile(agentFile)
	if err != nil {
		t.Fatal(err)
	}
	data = []byte(strings.Replace(string(data), "\ndescription = ", "\nsandbox_mode = 'read-only'\ndescription = ", 1))
	if err := os.WriteFile(agentFile, data, 0o644); err != nil {
		t.Fatal(err)
	}

	srv := newResponsesStandin(t, codexRule)
	cfg := codexProvider(srv) + fmt.Sprintf("\n[projects.%q]\ntrust_level = \"trusted\"\n", proj)
	if err := os.WriteFile(filepath.Join(codexHome, "config.toml"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, checkOut, _ := testIO()
	ios.Getenv = func(k string) string {
		return map[string]string{"HOME": home, "CODEX_HOME": codexHome, "PATH": os.Getenv("PATH")}[k]
	}
	if code := run([]string{"export", "check", "--dir", proj}, ios); code != 0 || strings.Contains(checkOut.String(), "todo") {
		t.Errorf("sysarch export check found steps left (exit %d) in a project set up as the README says:\n%s", code, checkOut)
	}
	out := runRealCLI(t, proj, []string{"HOME=" + home, "CODEX_HOME=" + codexHome, "STANDIN_KEY=test"},
		codex, "--strict-config", "exec", "--skip-git-repo-check", "Ask the sysarch agent: "+cliQuestion)
	reqs := checkCodexSession(t, srv, out)
	var told bool
	for _, r := range reqs {
		if r.subagent() && strings.Contains(r.Body, "`sandbox_mode` is `") {
			told = true
			if strings.Contains(r.Body, "`sandbox_mode` is `read-only`") {
				t.Errorf("Codex honoured sandbox_mode in the agent file: the export could write it again")
			}
		}
	}
	if !told {
		t.Errorf("Codex no longer tells the agent its sandbox_mode; check by hand whether it honours the agent file's")
	}
}

// codexProvider is the config.toml text that points Codex at the stand-in.
func codexProvider(srv *standin) string {
	return fmt.Sprintf(`model = "gpt-5"
model_provider = "standin"

[model_providers.standin]
name = "standin"
base_url = %q
wire_api = "responses"
env_key = "STANDIN_KEY"
`, srv.srv.URL+"/v1")
}

// checkCodexSession checks a scripted Codex session: the sysarch role was
// offered, both the main session and the spawned agent were offered the
// sysarch tools, and the agent's call came back with sysarch's answer.
func checkCodexSession(t *testing.T, srv *standin, out string) []standinRequest {
	t.Helper()
	if !strings.Contains(out, "main session done") {
		t.Errorf("codex did not finish the scripted session:\n%s", out)
	}

	reqs := srv.requests()
	if len(reqs) == 0 {
		t.Fatalf("codex sent no request to the stand-in:\n%s", out)
	}
	if first := reqs[0]; !first.offers("multi_agent_v1/spawn_agent") || !strings.Contains(first.Body, `sysarch: {\n`) {
		t.Errorf("codex did not offer the sysarch role to the main session")
	}
	if !reqs[0].offers("mcp__sysarch/throughput") {
		t.Errorf("the main session lacks the sysarch tools; the export note says it has them")
	}
	var subOffered bool
	for _, r := range reqs {
		if r.subagent() && r.offers("mcp__sysarch/throughput") {
			subOffered = true
		}
	}
	if !subOffered {
		t.Errorf("the spawned sysarch agent was not offered the sysarch tools")
	}
	checkToolResult(t, reqs)
	return reqs
}

// TestCodexUserExportWithRealCLI: with --user, the agent file and the
// server in ~/.codex serve a session in any folder.
func TestCodexUserExportWithRealCLI(t *testing.T) {
	codex := realCLI(t, "codex", "Codex CLI")
	work := t.TempDir()
	home, elsewhere := filepath.Join(work, "home"), filepath.Join(work, "elsewhere")
	for _, d := range []string{filepath.Join(home, ".codex"), elsewhere} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	srv := newResponsesStandin(t, codexRule)
	// The export merges sysarch into the user's existing config.
	if err := os.WriteFile(filepath.Join(home, ".codex", "config.toml"), []byte(codexProvider(srv)), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	exportInto(t, "openai", "--user")
	out := runRealCLI(t, elsewhere, []string{"HOME=" + home, "CODEX_HOME=" + filepath.Join(home, ".codex"), "STANDIN_KEY=test"},
		codex, "--strict-config", "exec", "--skip-git-repo-check", "Ask the sysarch agent: "+cliQuestion)
	checkCodexSession(t, srv, out)
}
