package main

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// readmeRecipe returns the TypeScript recipe that follows the
// agents-sdk-recipe marker in the README.
func readmeRecipe(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- agents-sdk-recipe:[^>]*-->\n```ts\n(.*?)```").FindSubmatch(data)
	if m == nil {
		t.Fatal("README.md has no ```ts block after the agents-sdk-recipe marker")
	}
	return string(m[1])
}

// TestAgentsSDKRecipe runs the README's recipe with the real OpenAI Agents
// SDK: it loads the agents-sdk export, starts `sysarch mcp` as the SDK's
// MCP server, and talks to a stub model that asks for one tool call. The
// call must reach sysarch and its result must go back to the model. The SDK
// comes from .ci/agents-sdk-setup; without it the test skips.
func TestAgentsSDKRecipe(t *testing.T) {
	recipe := readmeRecipe(t)
	modules, err := filepath.Abs(filepath.Join("testdata", "agents-sdk", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(modules, "@openai", "agents", "package.json")); err != nil {
		t.Skip("the OpenAI Agents SDK is not installed; run .ci/agents-sdk-setup")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not on PATH")
	}

	work := t.TempDir()
	if err := os.Symlink(modules, filepath.Join(work, "node_modules")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "recipe.mjs"), []byte(recipe), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, out, errOut := testIO()
	ios.Getenv = os.Getenv
	if code := run([]string{"export", "openai", "--format", "agents-sdk"}, ios); code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(work, "sysarch-agent.json"), out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	srv := fakeopenai.New(t, fakeopenai.APIKey("test-key"), fakeopenai.Replies(
		fakeopenai.Calls(fakeopenai.Call("throughput", `{"count":"100M","per":"month"}`)),
		fakeopenai.Text("About 38 requests per second on average."),
	))
	ctx, cancel := context.WithTimeout(t.Context(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "recipe.mjs", "How many requests per second is 100M a month?")
	cmd.Dir = work
	// TestMain put this test binary on PATH as sysarch, which the
	// recipe's MCPServerStdio starts.
	cmd.Env = append(os.Environ(), "OPENAI_BASE_URL="+srv.URL(), "OPENAI_API_KEY=test-key", "OPENAI_MODEL=gpt-test")
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node recipe.mjs: %v\n%s", err, got)
	}
	if !strings.Contains(string(got), "About 38 requests per second on average.") {
		t.Errorf("the recipe printed %q, want the model's final answer", got)
	}

	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("the model was asked %d times, want 2 (the tool call, then the answer)", len(reqs))
	}
	var offered []string
	for _, tool := range reqs[0].Tools {
		offered = append(offered, tool.Function.Name)
	}
	for _, want := range []string{"throughput", "scaling_phase", "design", "review"} {
		if !slices.Contains(offered, want) {
			t.Errorf("the SDK did not offer %s to the model; it offered %v", want, offered)
		}
	}
	var result string
	for _, m := range reqs[1].Messages {
		if m.Role == "tool" {
			result = m.Text()
		}
	}
	// sysarch computed 100M a month as 38.03/s; the SDK sent that back.
	if !strings.Contains(result, "38.03") {
		t.Errorf("the tool result sent back to the model is %q, want sysarch's throughput (38.03/s)", result)
	}
	var agent struct {
		Instructions string `json:"instructions"`
	}
	if err := json.Unmarshal(out.Bytes(), &agent); err != nil {
		t.Fatal(err)
	}
	if sys := reqs[0].Messages[0]; sys.Role != "system" || sys.Text() != agent.Instructions {
		t.Errorf("the first message is not the exported instructions as the system prompt")
	}
}
