package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// pipedChat runs `sysarch chat` in-process with input piped, against srv
// through the named preset; the key must appear in no output.
func pipedChat(t *testing.T, srv *fakeopenai.Server, preset, input string) (int, string, string) {
	t.Helper()
	env := map[string]string{"SYSARCH_API_KEY": llmKey, "XDG_STATE_HOME": t.TempDir(), "HOME": t.TempDir()}
	ios, out, errOut := ttyIO(false, env)
	ios.In = strings.NewReader(input)
	code := run([]string{"chat", "--provider", preset, "--base-url", srv.URL(), "--verbose"}, ios)
	if strings.Contains(out.String()+errOut.String(), llmKey) {
		t.Errorf("the key appears in the output:\n%s\n%s", out, errOut)
	}
	filepath.WalkDir(env["XDG_STATE_HOME"], func(path string, d fs.DirEntry, err error) error {
		if data, _ := os.ReadFile(path); err == nil && !d.IsDir() && strings.Contains(string(data), llmKey) {
			t.Errorf("the key appears in %s", path)
		}
		return nil
	})
	return code, out.String(), errOut.String()
}

// TestPipedChatWithEveryPreset holds a short piped conversation through
// each preset with the fake playing its provider: the model records the
// requirements and submits the narrative, and the design is printed.
func TestPipedChatWithEveryPreset(t *testing.T) {
	for _, name := range fakeopenai.Presets() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fakeopenai.New(t, fakeopenai.Preset(name), fakeopenai.APIKey(llmKey), fakeopenai.Replies(
				fakeopenai.Text("What are we designing?").InChunks(2),
				fakeopenai.Calls(fakeopenai.Call("record_requirements",
					`{"title": "Inventory", "workloads": [{"name": "list items", "kind": "read", "rate": "20/s"}]}`)).WithReasoning("Record first."),
				fakeopenai.Calls(fakeopenai.Call("submit_design", narrative)).InChunks(3)))
			code, out, errOut := pipedChat(t, srv, name, "An inventory service, 20 reads a second.\n")
			if code != exitOK || !strings.HasPrefix(out, "# System Design: Inventory") || !strings.Contains(out, "Reads dominate") {
				t.Errorf("exit %d, stdout %.80q\n%s", code, out, errOut)
			}
		})
	}
}

// TestPipedChatWhenNoTurnReachesTheModel checks the exit code and that no
// untitled design is printed when every turn fails.
func TestPipedChatWhenNoTurnReachesTheModel(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.APIKey("another-key"), fakeopenai.Replies(fakeopenai.Text("unused")))
	code, out, errOut := pipedChat(t, srv, "openai", "An inventory service.\n")
	if code == exitOK || out != "" || !strings.Contains(errOut, "no turn reached the model") || !strings.Contains(errOut, "Incorrect API key provided") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, out, errOut)
	}
}

// TestPipedChatFallsBackWhenTheModelIsUnreachable: a server that refuses
// connections is said once, and the offline interview holds the
// conversation.
func TestPipedChatFallsBackWhenTheModelIsUnreachable(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(fakeopenai.Text("unused")))
	srv.Close() // nothing listens at its address any more
	code, out, errOut := pipedChat(t, srv, "openai", "URL shortener: short links\ncreate short links, redirect\n")
	if n := strings.Count(errOut, "going on with the offline interview"); n != 1 {
		t.Errorf("the fallback was said %d times, want once:\n%s", n, errOut)
	}
	if !strings.Contains(errOut, "could not connect to") || code != exitOK || !strings.Contains(out, "URL shortener") {
		t.Errorf("exit %d, stdout %.100q, stderr:\n%s", code, out, errOut)
	}
}
