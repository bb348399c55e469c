package provider

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/fakeopenai"
)

const testKey = "sk-test-secret-4242"

func newLoop(t *testing.T, srv *fakeopenai.Server, events *[]agent.Event) *agent.Loop {
	t.Helper()
	tb, err := agent.NewToolbox(agent.CapacityTools(capacity.Default())...)
	if err != nil {
		t.Fatal(err)
	}
	c := New(Config{Model: "test-model", BaseURL: srv.URL(), APIKey: testKey, KeySource: "OPENAI_API_KEY", NeedsKey: true, StreamOptions: true},
		Options{Backoff: time.Millisecond, Timeout: 5 * time.Second})
	c.doer.sleep = func(context.Context, time.Duration) error { return nil }
	return &agent.Loop{Model: c, Tools: tb, OnEvent: func(e agent.Event) {
		if events != nil {
			*events = append(*events, e)
		}
	}}
}

func userSays(s string) []agent.Message {
	return []agent.Message{{Role: agent.System, Content: "You are a test."}, {Role: agent.User, Content: s}}
}

// echoTool answers with the last tool result, so a test sees what the
// model was told.
func echoTool(r fakeopenai.Request) fakeopenai.Reply {
	m, _ := r.Last("tool")
	return fakeopenai.Text("tool said: " + m.Text()).InChunks(3)
}

func TestToolCallsAcrossShapes(t *testing.T) {
	call := fakeopenai.Call("throughput", `{"count": "4B", "per": "month", "seconds_per_month": "2.5M"}`)
	shapes := map[string]fakeopenai.Reply{
		"split":          fakeopenai.Calls(call).InChunks(5),
		"ollama":         fakeopenai.Calls(call).AsOllama(),
		"no index":       fakeopenai.Calls(call).InChunks(4).WithoutIndex(),
		"stop with call": fakeopenai.Calls(call).FinishWith("stop"),
	}
	for name, reply := range shapes {
		t.Run(name, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.Replies(reply, fakeopenai.Func(echoTool)))
			var events []agent.Event
			added, err := newLoop(t, srv, &events).Run(t.Context(), userSays("rate?"))
			if err != nil {
				t.Fatal(err)
			}
			if len(added) != 3 {
				t.Fatalf("added %d messages, want assistant, tool, assistant", len(added))
			}
			var res capacity.Result
			if err := json.Unmarshal([]byte(added[1].Content), &res); err != nil || res.Outputs["per_second"] != 1600.0 {
				t.Errorf("tool result = %s (%v), want per_second 1600", added[1].Content, err)
			}
			if !strings.HasPrefix(added[2].Content, "tool said: {") {
				t.Errorf("final answer = %q", added[2].Content)
			}
			var text strings.Builder
			for _, e := range events {
				if e.Kind == agent.TextDelta {
					text.WriteString(e.Text)
				}
			}
			if text.String() != added[2].Content {
				t.Errorf("streamed text %q differs from the message %q", text.String(), added[2].Content)
			}
		})
	}
}

func TestParallelCallsRunAndAnswerEach(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(
		fakeopenai.Calls(
			fakeopenai.Call("throughput", `{"count": "100M", "per": "month"}`),
			fakeopenai.Call("availability", `{"target": "99.9%"}`),
			fakeopenai.Call("no_such_tool", `{}`),
			fakeopenai.Call("servers", `{"peak_rps": "fast", "per_server_rps": 10}`),
			fakeopenai.Call("storage", `{not json`),
		).InChunks(3),
		fakeopenai.Text("done"),
	))
	added, err := newLoop(t, srv, nil).Run(t.Context(), userSays("go"))
	if err != nil {
		t.Fatal(err)
	}
	results := added[1:6]
	wantErr := []bool{false, false, true, true, true}
	for i, m := range results {
		if m.IsError != wantErr[i] {
			t.Errorf("result %d IsError = %v, want %v: %s", i, m.IsError, wantErr[i], m.Content)
		}
	}
	if !strings.Contains(results[2].Content, "the tools are: throughput") {
		t.Errorf("unknown tool answer = %q, want the list of tools", results[2].Content)
	}
	if !strings.Contains(results[3].Content, "peak_rps") {
		t.Errorf("bad argument answer = %q, want the field named", results[3].Content)
	}
	if srv.RoundTrips() != 2 {
		t.Errorf("round trips = %d, want 2", srv.RoundTrips())
	}
}

func TestRetriesPassingFailures(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(
		fakeopenai.RateLimited(0),
		fakeopenai.Fail(503),
		fakeopenai.Text("partial answer that never arrives").DroppedAfter(0),
		fakeopenai.Text("hello").InChunks(2).WithUsage(10, 2),
	))
	var events []agent.Event
	added, err := newLoop(t, srv, &events).Run(t.Context(), userSays("hi"))
	if err != nil {
		t.Fatal(err)
	}
	if added[0].Content != "hello" {
		t.Errorf("answer = %q", added[0].Content)
	}
	last := events[len(events)-1]
	if last.Kind != agent.StepDone || last.Retries != 3 || last.Usage.PromptTokens != 10 {
		t.Errorf("step event = %+v, want 3 retries and the usage", last)
	}
}

func TestRetryAfterIsHonoured(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.RateLimited(7), fakeopenai.Text("ok")))
	loop := newLoop(t, srv, nil)
	var waits []time.Duration
	loop.Model.(*Client).doer.sleep = func(_ context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}
	if _, err := loop.Run(t.Context(), userSays("hi")); err != nil {
		t.Fatal(err)
	}
	if len(waits) != 1 || waits[0] != 7*time.Second {
		t.Errorf("waits = %v, want [7s]", waits)
	}
}

func TestFailuresThatAreNotRetried(t *testing.T) {
	tests := []struct {
		name  string
		reply fakeopenai.Reply
		want  string
	}{
		{"unauthorized", fakeopenai.Fail(401), "the API key in OPENAI_API_KEY was rejected by http://127.0.0.1"},
		{"bad request", fakeopenai.Fail(400), "rejected the request (400): Bad Request"},
		{"not found", fakeopenai.Fail(404), `rejected the request (404): Not Found; check --model ("test-model")`},
		{"cut after text", fakeopenai.Text("a long answer that is cut").InChunks(5).DroppedAfter(700), "stream broke off"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.Replies(tt.reply, fakeopenai.Text("unused")))
			_, err := newLoop(t, srv, nil).Run(t.Context(), userSays("hi"))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), testKey) || strings.Contains(err.Error(), "\n") {
				t.Errorf("error leaks the key or spans lines: %q", err)
			}
			if srv.RoundTrips() != 1 {
				t.Errorf("round trips = %d, want 1 (no retry)", srv.RoundTrips())
			}
		})
	}
}

func TestGivesUpAfterFourTries(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Forever(fakeopenai.Fail(500))))
	_, err := newLoop(t, srv, nil).Run(t.Context(), userSays("hi"))
	if err == nil || !strings.Contains(err.Error(), "failed with 500 after 4 tries: The server had an error") {
		t.Fatalf("error = %v", err)
	}
	if srv.RoundTrips() != 4 {
		t.Errorf("round trips = %d, want 4", srv.RoundTrips())
	}
}

func TestStepLimit(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Forever(fakeopenai.Calls(fakeopenai.Call("scaling_phase", `{"peak_rps": 5}`)))))
	loop := newLoop(t, srv, nil)
	loop.MaxSteps = 3
	added, err := loop.Run(t.Context(), userSays("hi"))
	if !errors.Is(err, agent.ErrStepLimit) {
		t.Fatalf("error = %v, want the step limit", err)
	}
	if len(added) != 6 {
		t.Errorf("kept %d messages, want 6 (3 calls and their results)", len(added))
	}
}

func TestMalformedStreamIsAnError(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Forever(fakeopenai.Text("some text here").Malformed())))
	_, err := newLoop(t, srv, nil).Run(t.Context(), userSays("hi"))
	if err == nil {
		t.Fatal("a malformed stream was accepted")
	}
}

func TestCancelStopsTheTurn(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("slow").After(1500*time.Millisecond)))
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := newLoop(t, srv, nil).Run(ctx, userSays("hi"))
	if err == nil || time.Since(start) > 3*time.Second {
		t.Fatalf("error = %v after %v, want a prompt cancellation", err, time.Since(start))
	}
}
