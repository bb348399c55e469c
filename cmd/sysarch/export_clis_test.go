package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// These tests run sysarch's exports through the real Codex and Claude Code
// CLIs, installed at pinned versions by .ci/real-clis, against the
// stand-in model servers of export_standin_test.go: the model's choices
// are scripted, everything else (config parsing, agent discovery, MCP
// start-up, permissions, the tool call) is the product's own. Without the
// CLIs the tests skip. The README's "Checked with" table states what they
// observe, for the versions they report.

// The question each scripted session asks sysarch, and what the answer
// must contain: sysarch's rounded figure and its formula.
const (
	cliQuestion   = "How many requests per second is 100M a month?"
	cliToolArgs   = `{"count":"100M","per":"month"}`
	cliWantFigure = "per_second: 38.03/s"
	cliWantFormla = "formula: 100,000,000 per month / 2,629,746 s = 38.03/s"
)

// realCLI returns the path of an installed CLI and checks that the README
// names the version it reports, so the table cannot fall behind the CI.
func realCLI(t *testing.T, bin, product string) string {
	t.Helper()
	path, err := filepath.Abs(filepath.Join("testdata", "clis", "node_modules", ".bin", bin))
	if err != nil {
		t.Fatal(err)
	}
	// Each session takes seconds of both cores: the tests run when
	// .ci/real-clis asks for them, not in every go test ./...
	if os.Getenv("SYSARCH_REAL_CLIS") != "1" {
		t.Skip("the real-CLI export tests run from .ci/real-clis (SYSARCH_REAL_CLIS=1)")
	}
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is not installed; run .ci/real-clis", product)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not on PATH")
	}
	// Even --version writes state under the home directory: keep it in
	// the test's.
	cmd := exec.Command(path, "--version")
	tmpHome := t.TempDir()
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + tmpHome, "CODEX_HOME=" + tmpHome, "CLAUDE_CONFIG_DIR=" + tmpHome}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s --version: %v", bin, err)
	}
	version := regexp.MustCompile(`\d+\.\d+\.\d+`).FindString(string(out))
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), product+" "+version) {
		t.Errorf("README.md does not name %s %s, the version checked here: update its table", product, version)
	}
	return path
}

// runRealCLI runs a CLI in dir with env added to a clean environment that
// keeps PATH (where TestMain put sysarch) and returns its combined output.
func runRealCLI(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 120*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "NO_COLOR=1", "TERM=dumb"}, env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// exportInto runs sysarch export with args and fails the test on an error.
func exportInto(t *testing.T, args ...string) {
	t.Helper()
	ios, _, errOut := testIO()
	ios.Getenv = os.Getenv
	if code := run(append([]string{"export"}, args...), ios); code != 0 {
		t.Fatalf("sysarch export %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
}

// writeJSONFile writes v as JSON to path.
func writeJSONFile(t *testing.T, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkToolResult finds the request in which the sysarch subagent got its
// tool result back and checks it is sysarch's rounded answer.
func checkToolResult(t *testing.T, reqs []standinRequest) {
	t.Helper()
	for _, r := range reqs {
		if r.subagent() && len(r.Results) > 0 {
			res := r.Results[len(r.Results)-1]
			if !strings.Contains(res, cliWantFigure) || !strings.Contains(res, cliWantFormla) {
				t.Errorf("the sysarch agent's tool result lacks %q and the formula:\n%.600s", cliWantFigure, res)
			}
			return
		}
	}
	t.Errorf("no tool result reached the sysarch agent; %d requests", len(reqs))
}
