package main

import (
	"context"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

const llmKey = "sk-design-llm-secret-5150"

// narrative is a submit_design call the engine accepts.
const narrative = `{"executive_summary": "Reads dominate; PostgreSQL serves them at [C1].", "trade_offs": ["One database keeps operations simple."]}`

// designLLM runs `sysarch design --llm` in-process against srv and
// returns the exit code, stdout and stderr; the key must appear in none.
func designLLM(t *testing.T, srv *fakeopenai.Server, env map[string]string, extra ...string) (int, string, string) {
	t.Helper()
	if env == nil {
		env = map[string]string{"OPENAI_API_KEY": llmKey, "OPENAI_BASE_URL": srv.URL()}
	}
	ios, out, errOut := ttyIO(false, env)
	args := append([]string{"design", "-f", writeReq(t, smallReq), "--llm", "--verbose"}, extra...)
	code := run(args, ios)
	if strings.Contains(out.String()+errOut.String(), llmKey) {
		t.Errorf("the key appears in the output:\n%s\n%s", out, errOut)
	}
	return code, out.String(), errOut.String()
}

// TestDesignWithAMisbehavingModel checks that whatever the model does,
// design writes the engine's document, warns in one line what the model
// failed to do, and says whose narrative the document carries.
func TestDesignWithAMisbehavingModel(t *testing.T) {
	submit := func(args string) fakeopenai.Reply {
		return fakeopenai.Calls(fakeopenai.Call("submit_design", args))
	}
	tests := []struct {
		name    string
		replies []fakeopenai.Reply
		warning string // "" when the model's narrative is accepted
	}{
		{"loops to the step limit", []fakeopenai.Reply{fakeopenai.Forever(fakeopenai.Calls(fakeopenai.Call("scaling_phase", `{"peak_rps": 5}`)))},
			"kept calling tools for 3 round trips"},
		{"malformed arguments every time", []fakeopenai.Reply{fakeopenai.Forever(submit(`{"executive_summary": "cut`))},
			"last refusal: submit_design: arguments of submit_design are not valid JSON"},
		{"invented figures every time", []fakeopenai.Reply{fakeopenai.Forever(submit(`{"executive_summary": "It needs 4711 servers."}`))},
			"numbers that no tool produced: 4711"},
		{"no tools", []fakeopenai.Reply{fakeopenai.Text("Use PostgreSQL.")}, "answered without calling submit_design"},
		{"provider error after the first round trip", []fakeopenai.Reply{fakeopenai.Calls(fakeopenai.Call("scaling_phase", `{"peak_rps": 5}`)),
			fakeopenai.Fail(400).Shaped(fakeopenai.ShapeArray).WithMessage("Request contains an invalid argument.")},
			"could not finish after 1 round trip: reached http://127.0.0.1"},
		{"error event after the first round trip", []fakeopenai.Reply{fakeopenai.Calls(fakeopenai.Call("scaling_phase", `{"peak_rps": 5}`)),
			fakeopenai.Text("x").FailingWithEvent("Failed to call a function.")}, "Failed to call a function. (tool_use_failed)"},
		{"fenced arguments", []fakeopenai.Reply{submit("```json\n" + narrative + "\n```")}, ""},
		{"arguments with a stray tag", []fakeopenai.Reply{submit(narrative + "</tool_call>")}, ""},
		{"a tool call printed as text", []fakeopenai.Reply{fakeopenai.Text(`<tool_call>{"name": "submit_design", "arguments": ` + narrative + `}</tool_call>`)}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(tt.replies...))
			code, out, errOut := designLLM(t, srv, nil, "--max-steps", "3")
			if code != exitOK || !strings.HasPrefix(out, "# System Design: Inventory") {
				t.Fatalf("exit %d, stdout %.80q; want 0 and the document\n%s", code, out, errOut)
			}
			warnings := lines(errOut, "warning: ")
			if tt.warning == "" {
				if len(warnings) != 0 || !strings.Contains(errOut, "narrative: the model's") || !strings.Contains(out, "Reads dominate") {
					t.Errorf("the model's narrative was not used:\n%s", errOut)
				}
				return
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], tt.warning) || !strings.HasSuffix(warnings[0], "the document carries the engine's narrative") {
				t.Errorf("warnings %q, want one saying %q", warnings, tt.warning)
			}
			if !strings.Contains(errOut, "narrative: the engine's") {
				t.Errorf("the summary line does not say whose narrative:\n%s", errOut)
			}
		})
	}
}

func lines(s, prefix string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return out
}

func TestDesignStrictAndSetupFailures(t *testing.T) {
	t.Run("strict", func(t *testing.T) {
		srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("Use PostgreSQL.")))
		code, out, errOut := designLLM(t, srv, nil, "--strict")
		if code != exitFailure || out != "" || !strings.Contains(errOut, "--strict asks for its narrative") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
	t.Run("vllm without auto tool choice", func(t *testing.T) {
		srv := fakeopenai.New(t, fakeopenai.Quirks(fakeopenai.NoAutoToolChoice), fakeopenai.Replies(fakeopenai.Text("unused")))
		code, out, errOut := designLLM(t, srv, nil)
		if code != exitFailure || out != "" || !strings.Contains(errOut, "start vLLM with --enable-auto-tool-choice") {
			t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
		}
	})
}

// TestDesignWithEveryPreset runs design --llm through each preset against
// the fake playing its provider, the endpoint given by --base-url.
func TestDesignWithEveryPreset(t *testing.T) {
	for _, name := range fakeopenai.Presets() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := fakeopenai.New(t, fakeopenai.Preset(name), fakeopenai.APIKey(llmKey), fakeopenai.Replies(
				fakeopenai.Calls(fakeopenai.Call("throughput", `{"count": "20", "per": "second"}`)).WithReasoning("Rates first.").WithKeepAlive(2),
				fakeopenai.Calls(fakeopenai.Call("submit_design", narrative)).InChunks(3)))
			env := map[string]string{"SYSARCH_API_KEY": llmKey}
			code, out, errOut := designLLM(t, srv, env, "--provider", name, "--base-url", srv.URL())
			if code != exitOK || !strings.Contains(out, "Reads dominate") || !strings.Contains(errOut, "narrative: the model's") {
				t.Errorf("exit %d, stdout %.80q\n%s", code, out, errOut)
			}
		})
	}
}

// The command's context reaches the model run: cancelled, design writes
// nothing and says so, and the model is never asked.
func TestDesignFollowsTheCommandContext(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(fakeopenai.Text("never asked")))
	ios, out, errOut := ttyIO(false, map[string]string{"OPENAI_API_KEY": llmKey, "OPENAI_BASE_URL": srv.URL()})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	root := newRootCmd(ios)
	root.SetArgs([]string{"design", "-f", writeReq(t, smallReq), "--llm"})
	err := root.ExecuteContext(ctx)
	if err == nil || !strings.Contains(err.Error(), "cancelled; nothing was written") {
		t.Errorf("got %v, want the run cancelled\n%s", err, errOut)
	}
	if out.Len() != 0 {
		t.Errorf("stdout after a cancelled run: %.80q", out.String())
	}
}
