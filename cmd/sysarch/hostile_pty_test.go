package main

import (
	"strings"
	"testing"

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
