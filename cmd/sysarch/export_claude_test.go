package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// claudeRule scripts a Claude Code main session that hands the question
// to the sysarch subagent, and a subagent that calls throughput once.
func claudeRule(r standinRequest) standinReply {
	switch {
	case len(r.Tools) == 0:
		return standinReply{Text: "ok"} // a side request, such as a title
	case r.subagent() && len(r.Results) == 0 && r.offers("mcp__sysarch__throughput"):
		return standinReply{Tool: "mcp__sysarch__throughput", Args: cliToolArgs}
	case r.subagent():
		return standinReply{Text: "sysarch agent done"}
	case len(r.Results) == 0 && r.offers("Agent"):
		return standinReply{Tool: "Agent", Args: `{"subagent_type":"sysarch","description":"size the traffic","prompt":"` + cliQuestion + `"}`}
	}
	return standinReply{Text: "main session done"}
}

// claudeSession exports sysarch into a fresh project with exportArgs, lets
// setup adjust it, runs claude -p with extra arguments after the prompt,
// and returns what the stand-in model saw and what sysarch export check
// said beforehand.
func claudeSession(t *testing.T, trusted bool, exportArgs []string, setup func(proj string), extra ...string) ([]standinRequest, string) {
	t.Helper()
	claude := realCLI(t, "claude", "Claude Code")
	work := t.TempDir()
	proj, home, cfg := filepath.Join(work, "proj"), filepath.Join(work, "home"), filepath.Join(work, "claude")
	for _, d := range []string{proj, home, cfg} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	exportInto(t, append([]string{"claude", "--dir", proj}, exportArgs...)...)
	if setup != nil {
		setup(proj)
	}
	if trusted {
		// What accepting the folder trust dialog once records.
		writeJSONFile(t, filepath.Join(cfg, ".claude.json"), map[string]any{
			"projects": map[string]any{proj: map[string]any{"hasTrustDialogAccepted": true}}})
	}
	ios, checkOut, _ := testIO()
	ios.Getenv = func(k string) string {
		return map[string]string{"HOME": home, "CLAUDE_CONFIG_DIR": cfg, "PATH": os.Getenv("PATH")}[k]
	}
	run([]string{"export", "check", "--dir", proj}, ios)
	srv := newMessagesStandin(t, claudeRule)
	env := []string{"HOME=" + home, "CLAUDE_CONFIG_DIR=" + cfg, "ANTHROPIC_BASE_URL=" + srv.srv.URL,
		"ANTHROPIC_API_KEY=sk-ant-standin", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1", "DISABLE_AUTOUPDATER=1"}
	args := append([]string{"-p", "Ask the sysarch subagent: " + cliQuestion}, extra...)
	out := runRealCLI(t, proj, env, claude, args...)
	reqs := srv.requests()
	var listed bool
	for _, r := range reqs {
		if !r.subagent() && r.offers("Agent") && strings.Contains(r.Body, "sysarch") {
			listed = true
		}
	}
	if !listed {
		t.Fatalf("claude did not list the sysarch subagent to the main session:\n%s", out)
	}
	return reqs, checkOut.String()
}

// checkSays fails the test unless sysarch export check printed want.
func checkSays(t *testing.T, check, want string) {
	t.Helper()
	if !strings.Contains(check, want) {
		t.Errorf("sysarch export check does not say %q:\n%s", want, check)
	}
}

// subagentOffered reports whether the sysarch subagent was offered the
// throughput tool, and whether the main session was: there Claude Code
// may defer MCP tools, listing their names one a line for its ToolSearch
// tool instead of sending their definitions.
func subagentOffered(reqs []standinRequest) (sub, main bool) {
	for _, r := range reqs {
		switch {
		case r.subagent():
			sub = sub || r.offers("mcp__sysarch__throughput")
		default:
			main = main || r.offers("mcp__sysarch__throughput") || strings.Contains(r.Body, `\nmcp__sysarch__throughput\n`)
		}
	}
	return sub, main
}

// TestClaudeExportWithRealCLI checks the README's Claude Code rows with the
// real CLI: the agent scope in a trusted folder gives the subagent alone
// the tools, and claude -p calls them with the documented
// --allowedTools mcp__sysarch; without it, or in an untrusted folder,
// the call does not happen.
func TestClaudeExportWithRealCLI(t *testing.T) {
	t.Run("agent scope with --allowedTools", func(t *testing.T) {
		reqs, check := claudeSession(t, true, nil, nil, "--allowedTools", "mcp__sysarch")
		checkSays(t, check, `--allowedTools mcp__sysarch`)
		sub, main := subagentOffered(reqs)
		if !sub || main {
			t.Errorf("sysarch tools offered to the subagent %v, to the main session %v; want only the subagent", sub, main)
		}
		checkToolResult(t, reqs)
	})
	t.Run("agent scope without --allowedTools", func(t *testing.T) {
		reqs, _ := claudeSession(t, true, nil, nil)
		var attempted bool
		for _, r := range reqs {
			if r.subagent() && len(r.Results) > 0 {
				attempted = true
				if !strings.Contains(r.Results[0], "denied") {
					t.Errorf("claude -p ran the tool without permission: %.300s", r.Results[0])
				}
			}
		}
		if !attempted {
			t.Error("the subagent's tool call never came back, denied or not")
		}
	})
	t.Run("agent scope in an untrusted folder", func(t *testing.T) {
		reqs, check := claudeSession(t, false, nil, nil, "--allowedTools", "mcp__sysarch")
		checkSays(t, check, "is not trusted")
		if sub, _ := subagentOffered(reqs); sub {
			t.Errorf("claude started the agent file's server in an untrusted folder")
		}
	})
	t.Run("project scope, approved", func(t *testing.T) {
		approve := func(proj string) {
			writeJSONFile(t, filepath.Join(proj, ".claude", "settings.local.json"), map[string]any{"enabledMcpjsonServers": []string{"sysarch"}})
		}
		reqs, check := claudeSession(t, true, []string{"--scope", "project"}, approve, "--allowedTools", "mcp__sysarch")
		checkSays(t, check, "ok    the sysarch server in .mcp.json is approved")
		if sub, main := subagentOffered(reqs); !sub || !main {
			t.Errorf("sysarch tools offered to the subagent %v, to the main session %v; want both", sub, main)
		}
		checkToolResult(t, reqs)
	})
	t.Run("agent scope, allowed in settings", func(t *testing.T) {
		allow := func(proj string) {
			writeJSONFile(t, filepath.Join(proj, ".claude", "settings.local.json"), map[string]any{"permissions": map[string]any{"allow": []string{"mcp__sysarch"}}})
		}
		reqs, check := claudeSession(t, true, nil, allow)
		checkSays(t, check, "ok    the sysarch tools are allowed")
		checkToolResult(t, reqs)
	})
}
