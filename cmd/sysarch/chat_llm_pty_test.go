package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

const chatKey = "sk-chat-secret-5555"

func modelEnv(srv *fakeopenai.Server) []string {
	return []string{"OPENAI_API_KEY=" + chatKey, "OPENAI_BASE_URL=" + srv.URL(), "SYSARCH_MODEL=gpt-test"}
}

const recordArgs = `{"title": "URL shortener", "functional": ["shorten", "redirect"],
 "workloads": [{"name": "redirect", "kind": "read", "rate": "10B/month", "item_size": "500B", "cacheable": true}],
 "availability": "99.95%", "constraints": {"team": "3 engineers"}}`

const submitArgs = `{"executive_summary": "Reads dominate; PostgreSQL with a Redis cache in front carries them.",
 "rationale": [{"need": "cache", "text": "Most redirects hit recent links."}]}`

// testPTYModelConversation talks to a model (the strict fake server) in a
// terminal: a streamed answer, tool calls shown as dim lines, the design
// shown once submitted, /save, and Ctrl-C cancelling a slow answer.
func testPTYModelConversation(t *testing.T, bin string) {
	srv := fakeopenai.New(t, fakeopenai.APIKey(chatKey), fakeopenai.Replies(
		fakeopenai.Text("Hello. What are we designing, and for how many users?").InChunks(6),
		fakeopenai.Calls(fakeopenai.Call("throughput", `{"count": "10B", "per": "month"}`)).InChunks(2),
		fakeopenai.Calls(fakeopenai.Call("record_requirements", recordArgs)).InChunks(3),
		fakeopenai.Calls(fakeopenai.Call("submit_design", submitArgs)).InChunks(3),
		fakeopenai.Text("This answer is slow to come.").After(3*time.Second),
		fakeopenai.Text("Still here.").InChunks(2),
	))
	dir, state := t.TempDir(), t.TempDir()
	tm := startTerminalEnv(t, bin, dir, state, modelEnv(srv), "chat")
	tm.expect("What are we designing, and for how many users?")
	tm.expect("[functional] › ")
	tm.send("A URL shortener: 10B redirects a month, 99.95% available, three engineers.\r")
	tm.expect("throughput 10B month → 3,802.65/s")
	tm.expect("record_requirements")
	tm.expect("Reads dominate; PostgreSQL with a Redis cache in front carries them.")
	tm.expect("[document] › ")
	tm.send("/save design.md\r")
	tm.expect("design.md")
	tm.expect("[document] › ")
	doc, err := os.ReadFile(filepath.Join(dir, "design.md"))
	if err != nil || !strings.Contains(string(doc), "Most redirects hit recent links.") || !strings.Contains(string(doc), "# System Design: URL shortener") {
		t.Fatalf("saved document (%v):\n%.500s", err, doc)
	}
	tm.send("Tell me more about the cache.\r")
	time.Sleep(500 * time.Millisecond)
	tm.send("\x03") // Ctrl-C while the answer is on its way
	tm.expect("[cancelled]")
	tm.expect("[document] › ")
	tm.send("Are you there?\r")
	tm.expect("Still here.")
	tm.expect("[document] › ")
	tm.send("/exit\r")
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	if strings.Contains(tm.screen(), chatKey) {
		t.Error("the API key reached the terminal")
	}
	assertNoKeyUnder(t, state)
}

// testPTYModelKillThenResume kills sysarch in the middle of a model turn;
// --resume shows every completed turn and picks the conversation up.
func testPTYModelKillThenResume(t *testing.T, bin string) {
	srv := fakeopenai.New(t, fakeopenai.APIKey(chatKey), fakeopenai.Replies(
		fakeopenai.Text("Hello. What are we designing?").InChunks(3),
		fakeopenai.Text("A pastebin, noted. How many pastes a day?").InChunks(3),
		fakeopenai.Text("never finished").After(10*time.Second),
		fakeopenai.Func(func(r fakeopenai.Request) fakeopenai.Reply {
			m, _ := r.Last("user")
			return fakeopenai.Text("Picking up: " + m.Text())
		}),
	))
	dir, state := t.TempDir(), t.TempDir()
	tm := startTerminalEnv(t, bin, dir, state, modelEnv(srv), "chat")
	tm.expect("What are we designing?")
	tm.send("A pastebin.\r")
	tm.expect("How many pastes a day?")
	tm.expect("› ")
	tm.send("About a million.\r")
	time.Sleep(500 * time.Millisecond)
	tm.cmd.Process.Signal(os.Kill) // kill -9 mid-turn
	tm.wait()

	tm = startTerminalEnv(t, bin, dir, state, modelEnv(srv), "chat", "--resume")
	for _, s := range []string{"What are we designing?", "A pastebin.", "How many pastes a day?", "About a million.", "Picking up: About a million."} {
		tm.expect(s)
	}
	tm.expect("› ")
	tm.send("/exit\r")
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	assertNoKeyUnder(t, state)
}

// assertNoKeyUnder fails if the API key was written anywhere under dir:
// session logs, history, config.
func assertNoKeyUnder(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), chatKey) {
			t.Errorf("the API key was written to %s", path)
		}
		return nil
	})
}
