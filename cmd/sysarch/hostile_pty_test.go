package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// TestChatModelTextShownNotObeyed runs the chat on a terminal against a
// model whose streamed answer, tool-call name and error body carry
// escape sequences and bidi controls, cut across stream chunks: each is
// shown visibly and none reaches the terminal raw.
func TestChatModelTextShownNotObeyed(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	bin := buildSysarch(t)
	answer := "Hello " + strings.Join(payloads, " ") + " what are we designing?"
	srv := fakeopenai.New(t, fakeopenai.APIKey(chatKey), fakeopenai.Replies(
		fakeopenai.Text(answer).InChunks(17),
		fakeopenai.Calls(fakeopenai.Call("thr\x1b]0;owned\x07oughput", `{"count": "10B", "per": "month"}`)),
		fakeopenai.Text("Noted.").InChunks(2),
		fakeopenai.Fail(400).WithMessage("bad request \x1b]52;c;ZXZpbA==\x07 \u202Eevil"),
	))
	tm := startTerminalEnv(t, bin, t.TempDir(), t.TempDir(), modelEnv(srv), "chat")
	tm.expect(`\x1b]52;c;Y3VybCBldmlsfHNo\x07`)
	tm.expect("what are we designing?")
	tm.expect("[functional] › ")
	tm.send("A URL shortener.\r")
	tm.expect(`thr\x1b]0;owned\x07oughput`)
	tm.expect("Noted.")
	tm.expect("[functional] › ")
	tm.send("And?\r")
	tm.expect(`bad request \x1b]52;c;ZXZpbA==\x07 U+202Eevil`)
	tm.expect("[functional] › ")
	tm.send("/exit\r")
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
	if bad := obeyed(tm.screen()); bad != "" {
		t.Errorf("the terminal got %q raw:\n%q", bad, tm.screen())
	}
}

// TestDesignOnATerminalWithHostileTitle: a 100 KB title of the runs a
// Markdown parser is slow on took the terminal renderer 26-48 s; on a pty
// the design now comes in under a second, with the payloads shown.
func TestDesignOnATerminalWithHostileTitle(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	bin := buildSysarch(t)
	for name, run := range map[string]string{
		"links": strings.Repeat("[a](", 25_000), "underscores": strings.Repeat("a_", 50_000),
		"emphasis": strings.Repeat("*a ", 30_000), "escapes": strings.Repeat(payloads[0], 3000),
		"one long word": strings.Repeat("abcdefgh", 12_000),
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			req := "title: " + strconv.Quote("Shop "+run) + "\nsummary: A shop.\nworkloads:\n  - {name: list, kind: read, rate: 20/s}\n"
			if err := os.WriteFile(filepath.Join(dir, "req.yaml"), []byte(strings.ReplaceAll(req, `\x1b`, `\e`)), 0o644); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			tm := startTerminalSized(t, bin, dir, 120, "design", "-f", "req.yaml")
			if err := tm.wait(); err != nil {
				t.Fatalf("exit: %v\n%.500s", err, tm.screen())
			}
			// It hung for 26-48 s and takes under a second now; the bound
			// leaves room for a loaded machine and for the race detector
			// (CI's), under which the binary runs five times slower.
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("design took %v on a terminal", d)
			}
			if bad := obeyed(tm.screen()); bad != "" {
				t.Errorf("the terminal got %q raw", bad)
			}
		})
	}
}
