package provider

import (
	"net"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// TestStreamQuirks runs the loop through the stream shapes that used to
// break it; each ends with the tool run and the answer.
func TestStreamQuirks(t *testing.T) {
	call := fakeopenai.Call("throughput", `{"count": "4B", "per": "month", "seconds_per_month": "2.5M"}`)
	tests := map[string]fakeopenai.Reply{
		"keep-alive comments past go-openai's limit": fakeopenai.Calls(call).WithKeepAlive(1000),
		"a JSON reply to a stream request":           fakeopenai.Calls(call).AsWholeJSON(),
		"reasoning deltas before the call":           fakeopenai.Calls(call).WithReasoning("Let me think about rates.").InChunks(4),
		"arguments in a Markdown fence":              fakeopenai.Calls(fakeopenai.Call("throughput", "```json\n"+`{"count": "4B", "per": "month", "seconds_per_month": "2.5M"}`+"\n```")),
		"arguments followed by stray tags":           fakeopenai.Calls(fakeopenai.Call("throughput", `{"count": "4B", "per": "month", "seconds_per_month": "2.5M"}</tool_call><|im_end|>`)),
		"a tool call printed as text": fakeopenai.Text("Computing.\n<tool_call>\n" +
			`{"name": "throughput", "arguments": {"count": "4B", "per": "month", "seconds_per_month": "2.5M"}}` + "\n</tool_call>"),
	}
	for name, reply := range tests {
		t.Run(name, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.Replies(reply, fakeopenai.Func(echoTool).WithReasoning("not to be shown")))
			var shown strings.Builder
			loop := newLoop(t, srv, nil)
			loop.OnEvent = func(e agent.Event) {
				if e.Kind == agent.TextDelta {
					shown.WriteString(e.Text)
				}
			}
			added, err := loop.Run(t.Context(), userSays("rate?"))
			if err != nil {
				t.Fatal(err)
			}
			if len(added) != 3 || added[1].IsError || !strings.Contains(added[1].Content, `"per_second":1600`) {
				t.Fatalf("messages %+v, want the call run and answered", added)
			}
			if strings.Contains(shown.String(), "think") || strings.Contains(shown.String(), "not to be shown") {
				t.Errorf("reasoning shown as the answer: %q", shown.String())
			}
		})
	}
}

// TestErrorsInTheProvidersWords checks that every error body shape and
// in-stream error reaches the person as the provider's own message, on
// one line, without the key, saying whether the server was reached.
func TestErrorsInTheProvidersWords(t *testing.T) {
	const msg = "Invalid schema for function 'x': the provider's own words"
	tests := []struct {
		name  string
		opts  []fakeopenai.Option
		reply fakeopenai.Reply
		want  []string
	}{
		{"openai object", nil, fakeopenai.Fail(400).WithMessage(msg), []string{"rejected the request (400): " + msg}},
		{"gemini array", nil, fakeopenai.Fail(400).Shaped(fakeopenai.ShapeArray).WithMessage(msg), []string{"(400): " + msg + " (INVALID_ARGUMENT)"}},
		{"vllm object error", nil, fakeopenai.Fail(400).Shaped(fakeopenai.ShapeObject).WithMessage(msg), []string{"(400): " + msg}},
		{"anthropic", nil, fakeopenai.Fail(400).Shaped(fakeopenai.ShapeAnthropic).WithMessage(msg), []string{"(400): " + msg}},
		{"plain text", nil, fakeopenai.Fail(502).Shaped(fakeopenai.ShapeText).WithMessage("upstream connect error"), []string{"failed with 502 after 4 tries: upstream connect error"}},
		{"422 once", nil, fakeopenai.Fail(422).WithMessage(msg), []string{"rejected the request (422): " + msg}},
		{"groq error event", nil, fakeopenai.Text("partial").FailingWithEvent("Failed to call a function. Please adjust your prompt."),
			[]string{"reached http://127.0.0.1", "stream reported an error: Failed to call a function", "(tool_use_failed)", "tool call the server could not parse"}},
		{"openrouter error chunk", nil, fakeopenai.Text("partial").FailingWithChunk("Provider returned error"),
			[]string{"stream reported an error: Provider returned error"}},
		{"vllm without auto tool choice", []fakeopenai.Option{fakeopenai.Quirks(fakeopenai.NoAutoToolChoice)}, fakeopenai.Text("unused"),
			[]string{"--enable-auto-tool-choice and --tool-call-parser to be set", "start vLLM with --enable-auto-tool-choice"}},
		{"model without tools", []fakeopenai.Option{fakeopenai.Quirks(fakeopenai.NoToolSupport)}, fakeopenai.Text("unused"),
			[]string{"test-model:latest does not support tools", "this model cannot call tools"}},
		{"a key echoed in an array", nil, fakeopenai.Fail(401).Shaped(fakeopenai.ShapeArray).WithMessage("API key not valid: " + testKey),
			[]string{"was rejected", "API key not valid: ****"}},
		{"a key echoed in plain text", nil, fakeopenai.Fail(400).Shaped(fakeopenai.ShapeText).WithMessage("bad key " + testKey + " for model"),
			[]string{"(400): bad key **** for model"}},
		{"a key echoed in an error event", nil, fakeopenai.Text("x").FailingWithEvent("key " + testKey + " is over quota"),
			[]string{"stream reported an error: key **** is over quota"}},
		{"wrong key", []fakeopenai.Option{fakeopenai.APIKey("another"), fakeopenai.ErrorShape(fakeopenai.ShapeText)}, fakeopenai.Text("unused"),
			[]string{"the API key in OPENAI_API_KEY was rejected", "Incorrect API key provided", "check the key in OPENAI_API_KEY"}},
		{"wrong model", []fakeopenai.Option{fakeopenai.Model("other"), fakeopenai.ErrorShape(fakeopenai.ShapeArray)}, fakeopenai.Text("unused"),
			[]string{"The model `test-model` does not exist", `check --model ("test-model")`, "/v1/models"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(t, append(tt.opts, fakeopenai.Replies(fakeopenai.Forever(tt.reply)))...)
			_, err := newLoop(t, srv, nil).Run(t.Context(), userSays("hi"))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error = %q\nwant %q in it", err, w)
				}
			}
			if strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "tries") && !strings.Contains(tt.want[0], "tries") {
				t.Errorf("error leaks the key, spans lines or miscounts tries: %q", err)
			}
		})
	}
}

func TestCouldNotConnect(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := New(Config{Model: "m", BaseURL: "http://" + addr + "/v1", APIKey: testKey}, Options{Backoff: 1})
	_, err = c.Stream(t.Context(), agent.Request{Messages: userSays("hi")}, func(string) {})
	if err == nil || !strings.HasPrefix(err.Error(), "could not connect to http://"+addr+"/v1 (4 tries)") {
		t.Errorf("error = %v", err)
	}
}

// TestStreamOptionsRefusedThenDropped checks that a gateway refusing
// stream_options is asked again without them, once, and never again.
func TestStreamOptionsRefusedThenDropped(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Quirks(fakeopenai.RejectStreamOptions),
		fakeopenai.Replies(fakeopenai.Calls(fakeopenai.Call("scaling_phase", `{"peak_rps": 5}`)), fakeopenai.Text("done")))
	if _, err := newLoop(t, srv, nil).Run(t.Context(), userSays("hi")); err != nil {
		t.Fatal(err)
	}
	var with []bool
	for _, r := range srv.Requests() {
		with = append(with, r.StreamOptions != nil)
	}
	if len(with) != 3 || !with[0] || with[1] || with[2] {
		t.Errorf("stream_options sent per request = %v, want [true false false]", with)
	}
}
