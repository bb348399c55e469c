package fakeopenai_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

const scriptJSON = `{"api_key": "test-key", "model": "gpt-test", "latency": "1ms", "replies": [
  {"tool_calls": [{"type": "function", "function": {"name": "throughput", "arguments": "{\"count\":\"10M\"}"}}], "chunks": 3},
  {"status": 429, "retry_after": "1"},
  {"text": "Done.", "chunks": 2, "latency": "5ms"}
]}`

func TestMainServesAScriptFile(t *testing.T) {
	script := filepath.Join(t.TempDir(), "script.json")
	if err := os.WriteFile(script, []byte(scriptJSON), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(t.Context())
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	exit := make(chan int)
	go func() { exit <- fakeopenai.Run(ctx, []string{script}, outW, &stderr) }()
	url, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}

	cfg := openai.DefaultConfig(testKey)
	cfg.BaseURL = strings.TrimSpace(url)
	c := openai.NewClientWithConfig(cfg)
	req := chatRequest(false)
	resp, err := c.CreateChatCompletion(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if calls := resp.Choices[0].Message.ToolCalls; len(calls) != 1 || calls[0].Function.Name != "throughput" {
		t.Errorf("tool calls = %+v, want one call of throughput", calls)
	}
	if _, err := c.CreateChatCompletion(t.Context(), req); statusOf(err) != 429 {
		t.Errorf("second request: error %v, want 429", err)
	}
	req.Messages = req.Messages[:1] // a tool message without its call: rejected
	req.Messages = append(req.Messages, openai.ChatCompletionMessage{Role: "tool", ToolCallID: "x", Content: "1"})
	if _, err := c.CreateChatCompletion(t.Context(), req); statusOf(err) != 400 {
		t.Errorf("bad request: error %v, want 400", err)
	}

	stop()
	if code := <-exit; code != 1 {
		t.Errorf("exit code = %d, want 1 for the rejected request", code)
	}
	if got := stderr.String(); !strings.Contains(got, "request 3 rejected") || !strings.Contains(got, "3 round trips") {
		t.Errorf("stderr = %q, want the rejection and the round trips", got)
	}
}

func TestMainUsage(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	good := write("good.json", scriptJSON)
	tests := []struct {
		name      string
		args      []string
		wantInErr string
	}{
		{"no script", nil, "usage"},
		{"missing file", []string{filepath.Join(dir, "none.json")}, "no such file"},
		{"unknown field", []string{write("typo.json", `{"replys": []}`)}, `unknown field "replys"`},
		{"bad latency", []string{write("latency.json", `{"replies": [{"text": "x", "latency": "soon"}]}`)}, "reply 0: latency"},
		{"unknown fault", []string{write("fault.json", `{"replies": [{"fault": "explode"}]}`)}, `unknown fault "explode"`},
		{"not loopback", []string{"-addr", "0.0.0.0:0", good}, "not a loopback address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := fakeopenai.Run(t.Context(), tt.args, &stdout, &stderr); code != 2 {
				t.Errorf("exit code = %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), tt.wantInErr) {
				t.Errorf("stderr = %q, want it to mention %q", stderr.String(), tt.wantInErr)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", stdout.String())
			}
		})
	}
}
