package fakeopenai_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// Pieces of request bodies.
const (
	user     = `{"role":"user","content":"hi"}`
	callC1   = `{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"throughput","arguments":"{}"}}]}`
	answerC1 = `{"role":"tool","tool_call_id":"c1","content":"38/s"}`
	params   = `{"type":"object","properties":{"count":{"type":"string"}},"required":["count"]}`
)

// body is a request for model m with the given messages and extra fields.
func body(messages []string, extra ...string) string {
	fields := append([]string{`"model":"m"`, `"messages":[` + strings.Join(messages, ",") + `]`}, extra...)
	return "{" + strings.Join(fields, ",") + "}"
}

// tools is a tools field with one function tool per name, all with params.
func tools(names ...string) string {
	var defs []string
	for _, n := range names {
		defs = append(defs, fmt.Sprintf(`{"type":"function","function":{"name":%q,"parameters":%s}}`, n, params))
	}
	return `"tools":[` + strings.Join(defs, ",") + `]`
}

// toolWith is a tools field with one tool whose function object is fn.
func toolWith(fn string) string { return `"tools":[{"type":"function","function":` + fn + `}]` }

func TestRejectsWhatTheAPIRejects(t *testing.T) {
	call := func(c string) string { return `{"role":"assistant","tool_calls":[` + c + `]}` }
	tests := []struct {
		name      string
		body      string
		wantParam string
		wantCode  string
	}{
		{"invalid JSON", `{"model":`, "", ""},
		{"unknown field", body([]string{user}, `"temprature":1`), "", ""},
		{"wrong type", `{"model":"m","messages":"hi"}`, "messages", "invalid_type"},
		{"no model", `{"messages":[` + user + `]}`, "", ""},
		{"no messages", `{"model":"m"}`, "messages", "missing_required_parameter"},
		{"empty messages", body(nil), "messages", "empty_array"},
		{"unknown role", body([]string{`{"role":"robot","content":"hi"}`}), "messages[0].role", "invalid_value"},
		{"deprecated function role", body([]string{`{"role":"function","name":"f","content":"x"}`}), "messages[0].role", "invalid_value"},
		{"field of another role", body([]string{`{"role":"user","content":"hi","tool_call_id":"c1"}`}), "messages[0]", ""},
		{"no content", body([]string{`{"role":"user"}`}), "messages[0].content", "missing_required_parameter"},
		{"content of a wrong type", body([]string{`{"role":"user","content":42}`}), "messages[0].content", "invalid_type"},
		{"content part without type", body([]string{`{"role":"user","content":[{"text":"hi"}]}`}), "messages[0].content", "invalid_type"},
		{"tool message without id", body([]string{user, callC1, `{"role":"tool","content":"x"}`}), "messages[2].tool_call_id", "missing_required_parameter"},
		{"tool message without a call before it", body([]string{user, answerC1}), "messages[1].role", ""},
		{"tool message answering another id", body([]string{user, callC1, `{"role":"tool","tool_call_id":"c2","content":"x"}`}), "messages[2].tool_call_id", ""},
		{"tool call answered twice", body([]string{user, callC1, answerC1, answerC1}), "messages[3].tool_call_id", ""},
		{"call unanswered before the next message", body([]string{user, callC1, user}), "messages[1].role", ""},
		{"call unanswered at the end", body([]string{user, callC1}), "messages[1].role", ""},
		{"duplicate tool call id", body([]string{user, callC1, answerC1, callC1, answerC1}), "messages[3].tool_calls[0].id", ""},
		{"call without id", body([]string{user, call(`{"type":"function","function":{"name":"f","arguments":"{}"}}`)}), "messages[1].tool_calls[0].id", "missing_required_parameter"},
		{"call of another type", body([]string{user, call(`{"id":"c1","type":"custom","function":{"name":"f","arguments":"{}"}}`)}), "messages[1].tool_calls[0].type", "invalid_value"},
		{"call without name", body([]string{user, call(`{"id":"c1","type":"function","function":{"arguments":"{}"}}`)}), "messages[1].tool_calls[0].function.name", "missing_required_parameter"},
		{"call without arguments", body([]string{user, call(`{"id":"c1","type":"function","function":{"name":"f"}}`)}), "messages[1].tool_calls[0].function.arguments", "missing_required_parameter"},
		{"arguments as an object", body([]string{user, call(`{"id":"c1","type":"function","function":{"name":"f","arguments":{}}}`)}), "messages.tool_calls.function.arguments", "invalid_type"},
		{"empty tool calls", body([]string{user, `{"role":"assistant","content":"x","tool_calls":[]}`}), "messages[1].tool_calls", "empty_array"},
		{"tool of another type", body([]string{user}, `"tools":[{"type":"custom","function":{"name":"f"}}]`), "tools[0].type", "invalid_value"},
		{"unknown tool field", body([]string{user}, `"tools":[{"type":"function","name":"f","function":{"name":"f"}}]`), "tools[0]", ""},
		{"unknown function field", body([]string{user}, toolWith(`{"name":"f","parameter":{}}`)), "tools[0].function", ""},
		{"name with a space", body([]string{user}, tools("get weather")), "tools[0].function.name", "invalid_value"},
		{"name too long", body([]string{user}, tools(strings.Repeat("a", 65))), "tools[0].function.name", "invalid_value"},
		{"empty name", body([]string{user}, toolWith(`{"name":""}`)), "tools[0].function.name", "invalid_value"},
		{"duplicate tool name", body([]string{user}, tools("throughput", "throughput")), "tools[1].function.name", ""},
		{"parameters not an object schema", body([]string{user}, toolWith(`{"name":"f","parameters":{"type":"string"}}`)), "tools[0].function.parameters", "invalid_function_parameters"},
		{"parameters not an object", body([]string{user}, toolWith(`{"name":"f","parameters":[]}`)), "tools[0].function.parameters", "invalid_function_parameters"},
		{"required property not declared", body([]string{user}, toolWith(`{"name":"f","parameters":{"type":"object","properties":{},"required":["count"]}}`)), "tools[0].function.parameters", "invalid_function_parameters"},
		{"nested required not declared", body([]string{user}, toolWith(`{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"object","required":["b"]}}}}`)), "tools[0].function.parameters", "invalid_function_parameters"},
		{"unknown type name", body([]string{user}, toolWith(`{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"strnig"}}}}`)), "tools[0].function.parameters", "invalid_function_parameters"},
		{"schema that does not compile", body([]string{user}, toolWith(`{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"string","pattern":"("}}}}`)), "tools[0].function.parameters", "invalid_function_parameters"},
		{"tool_choice without tools", body([]string{user}, `"tool_choice":"auto"`), "tool_choice", ""},
		{"unknown tool_choice", body([]string{user}, tools("f"), `"tool_choice":"sometimes"`), "tool_choice", "invalid_value"},
		{"tool_choice of an absent tool", body([]string{user}, tools("f"), `"tool_choice":{"type":"function","function":{"name":"g"}}`), "tool_choice", "invalid_value"},
		{"parallel_tool_calls without tools", body([]string{user}, `"parallel_tool_calls":true`), "parallel_tool_calls", ""},
		{"stream_options without stream", body([]string{user}, `"stream_options":{"include_usage":true}`), "stream_options", "invalid_value"},
		{"temperature out of range", body([]string{user}, `"temperature":3`), "temperature", "invalid_value"},
		{"top_p out of range", body([]string{user}, `"top_p":1.5`), "top_p", "invalid_value"},
		{"more than one choice", body([]string{user}, `"n":2`), "n", "invalid_value"},
		{"zero max_tokens", body([]string{user}, `"max_tokens":0`), "max_tokens", "invalid_value"},
		{"unknown reasoning effort", body([]string{user}, `"reasoning_effort":"max"`), "reasoning_effort", "invalid_value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.NewServer(fakeopenai.Replies(fakeopenai.Forever(fakeopenai.Text("ok"))))
			if err := srv.Start("127.0.0.1:0"); err != nil {
				t.Fatal(err)
			}
			defer srv.Close()
			got := post(t, srv, testKey, tt.body)
			if got.status != 400 {
				t.Fatalf("status = %d, want 400; body %s", got.status, got.body)
			}
			if diff := cmp.Diff([]string{"code", "message", "param", "type"}, got.fields); diff != "" {
				t.Errorf("error fields (-want +got):\n%s", diff)
			}
			if p, c := deref(got.err.Param), deref(got.err.Code); p != tt.wantParam || c != tt.wantCode {
				t.Errorf("param, code = %q, %q; want %q, %q (%s)", p, c, tt.wantParam, tt.wantCode, got.err.Message)
			}
			if got.err.Type != "invalid_request_error" || got.err.Message == "" {
				t.Errorf("type = %q, message %q; want invalid_request_error with a message", got.err.Type, got.err.Message)
			}
			if n := len(srv.Failures()); n != 1 {
				t.Errorf("failures = %d, want 1", n)
			}
		})
	}
}

func TestAcceptsWhatTheAPIAccepts(t *testing.T) {
	parts := `{"role":"user","content":[{"type":"text","text":"see"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]}`
	twoCalls := `{"role":"assistant","content":"","tool_calls":[` +
		`{"id":"a","type":"function","function":{"name":"throughput","arguments":"{}"}},` +
		`{"id":"b","type":"function","function":{"name":"storage","arguments":""}}]}`
	answers := `{"role":"tool","tool_call_id":"b","content":"x"},{"role":"tool","tool_call_id":"a","content":[{"type":"text","text":"y"}]}`
	nested := `{"type":"object","$defs":{"q":{"type":["string","number"]}},` +
		`"properties":{"rate":{"$ref":"#/$defs/q"},"stages":{"type":"object","additionalProperties":{"type":"string"}},` +
		`"components":{"type":"array","items":{"type":"object","properties":{"a":{"type":"number"}},"required":["a"]}},` +
		`"topology":{"anyOf":[{"type":"string","enum":["serial","parallel"]},{"type":"null"}]}},"required":["rate"]}`
	tests := []struct {
		name string
		body string
	}{
		{"plain", body([]string{user})},
		{"developer, system and content parts", body([]string{`{"role":"developer","content":"d"}`, `{"role":"system","content":"s"}`, parts})},
		{"tool round trip answered in any order", body([]string{user, twoCalls, answers, `{"role":"assistant","content":"done"}`, user},
			tools("throughput", "storage"), `"tool_choice":{"type":"function","function":{"name":"storage"}}`, `"parallel_tool_calls":true`)},
		{"nested schema", body([]string{user}, toolWith(`{"name":"f","description":"d","strict":false,"parameters":`+nested+`}`))},
		{"tool without parameters", body([]string{user}, toolWith(`{"name":"f"}`), `"tool_choice":"required"`)},
		{"streaming options", body([]string{user}, `"stream":true`, `"stream_options":{"include_usage":true}`,
			`"temperature":0`, `"max_completion_tokens":100`, `"reasoning_effort":"low"`, `"seed":1`, `"user":"u"`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("ok")))
			if got := post(t, srv, testKey, tt.body); got.status != 200 {
				t.Errorf("status = %d, want 200: %s", got.status, got.err.Message)
			}
		})
	}
}
