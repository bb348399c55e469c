package fakeopenai_test

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

const listTypeTool = `"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"xs":{"type":["null","array"],"items":{"type":"string"}}}}}}]`

// TestQuirksAnswerLikeTheProvider checks that each quirk refuses what its
// provider refuses, in that provider's words and body shape, without
// counting it as a malformed request.
func TestQuirksAnswerLikeTheProvider(t *testing.T) {
	callTurn := `{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}`
	tests := []struct {
		name   string
		opts   []fakeopenai.Option
		body   string
		status int
		want   string // in the body
	}{
		{"gemini list types", []fakeopenai.Option{fakeopenai.Preset("gemini")}, body([]string{user}, listTypeTool), 400, `[{"error":{"code":400,"message":"Invalid JSON payload received. Unknown name \"type\" at 'tools[0].function.parameters.properties.xs.type': Proto field is not repeating`},
		{"gemini signature", []fakeopenai.Option{fakeopenai.Preset("gemini")}, body([]string{user, callTurn}, tools("f")), 400, "missing a thought_signature"},
		{"deepseek reasoning", []fakeopenai.Option{fakeopenai.Preset("deepseek")}, body([]string{user, callTurn}, tools("f")), 400, "Missing `reasoning_content` field"},
		{"mistral stream_options", []fakeopenai.Option{fakeopenai.Preset("mistral")}, body([]string{user}, `"stream":true,"stream_options":{"include_usage":true}`), 400, `{"code":400,"message":"Unrecognized request argument supplied: stream_options","object":"error"`},
		{"vllm tool choice", []fakeopenai.Option{fakeopenai.Quirks(fakeopenai.NoAutoToolChoice)}, body([]string{user}, tools("f")), 400, `"object":"error"`},
		{"ollama no tools", []fakeopenai.Option{fakeopenai.Quirks(fakeopenai.NoToolSupport)}, body([]string{user}, tools("f")), 400, "does not support tools"},
		{"lmstudio text", []fakeopenai.Option{fakeopenai.Preset("lmstudio"), fakeopenai.APIKey("right")}, body([]string{user}), 401, "Incorrect API key provided"},
		{"anthropic", []fakeopenai.Option{fakeopenai.Preset("anthropic"), fakeopenai.Model("claude")}, body([]string{user}), 404, `{"error":{"message":"The model`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			srv := fakeopenai.New(rec, append(tt.opts, fakeopenai.Replies(fakeopenai.Text("unused")))...)
			r := post(t, srv, testKey, tt.body)
			if r.status != tt.status || !strings.Contains(r.body, tt.want) {
				t.Errorf("status %d, body %s; want %d and %q", r.status, r.body, tt.status, tt.want)
			}
			if len(rec.errors()) > 0 {
				t.Errorf("a quirk counted as a malformed request: %q", rec.errors())
			}
		})
	}
}

// TestOpenAIRefusesProviderFields checks that the fields only some
// providers take are refused by a server without their quirk.
func TestOpenAIRefusesProviderFields(t *testing.T) {
	for _, msg := range []string{
		`{"role":"assistant","reasoning_content":"hm","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}`,
		`{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"},"extra_content":{"google":{}}}]}`,
	} {
		rec := &recorder{TB: t}
		srv := fakeopenai.New(rec, fakeopenai.Replies(fakeopenai.Text("unused")))
		r := post(t, srv, testKey, body([]string{user, msg, `{"role":"tool","tool_call_id":"c1","content":"ok"}`}, tools("f")))
		if r.status != 400 || !strings.Contains(r.body, "was unexpected") {
			t.Errorf("%s: status %d, body %s; want 400", msg, r.status, r.body)
		}
	}
}

func TestScriptNamesAPreset(t *testing.T) {
	opts, err := fakeopenai.ParseScript([]byte(`{"preset": "gemini", "quirks": ["reject_stream_options"], "replies": [{"text": "hi", "keep_alive": 3, "reasoning": "hm"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	srv := fakeopenai.New(&recorder{TB: t}, opts...)
	if r := post(t, srv, testKey, body([]string{user}, listTypeTool)); r.status != 400 || !strings.Contains(r.body, "Proto field is not repeating") {
		t.Errorf("status %d, body %s; want Gemini's refusal", r.status, r.body)
	}
	if _, err := fakeopenai.ParseScript([]byte(`{"preset": "acme"}`)); err == nil || !strings.Contains(err.Error(), "known: anthropic, azure") {
		t.Errorf("unknown preset: %v", err)
	}
}
