package fakeopenai_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	openai "github.com/sashabaranov/go-openai"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// statusOf is the HTTP status of a go-openai error, or 0.
func statusOf(err error) int {
	var apiErr *openai.APIError
	if errors.As(err, &apiErr) {
		return apiErr.HTTPStatusCode
	}
	return 0
}

func TestStatusFaults(t *testing.T) {
	tests := []struct {
		name       string
		reply      fakeopenai.Reply
		wantStatus int
		wantType   string
	}{
		{"rate limited", fakeopenai.RateLimited(7), 429, "requests"},
		{"server error", fakeopenai.Fail(500), 500, "server_error"},
		{"bad gateway", fakeopenai.Fail(502), 502, "server_error"},
		{"unavailable", fakeopenai.Fail(503), 503, "server_error"},
		{"forbidden", fakeopenai.Fail(403), 403, "invalid_request_error"},
	}
	for _, tt := range tests {
		for _, streaming := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/stream=%v", tt.name, streaming), func(t *testing.T) {
				srv := fakeopenai.New(t, fakeopenai.Replies(tt.reply))
				var err error
				if streaming {
					_, err = client(srv).CreateChatCompletionStream(t.Context(), chatRequest(true))
				} else {
					_, err = client(srv).CreateChatCompletion(t.Context(), chatRequest(false))
				}
				var apiErr *openai.APIError
				if !errors.As(err, &apiErr) {
					t.Fatalf("error = %v, want an *openai.APIError", err)
				}
				if apiErr.HTTPStatusCode != tt.wantStatus || apiErr.Type != tt.wantType {
					t.Errorf("status, type = %d, %q; want %d, %q", apiErr.HTTPStatusCode, apiErr.Type, tt.wantStatus, tt.wantType)
				}
			})
		}
	}
}

// TestRateLimitCarriesRetryAfter reads the header go-openai does not expose.
func TestRateLimitCarriesRetryAfter(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.RateLimited(7)))
	resp := post(t, srv, testKey, `{"model":"m","messages":[{"role":"user","content":"hi"}]}`)
	if resp.status != 429 || resp.header.Get("Retry-After") != "7" {
		t.Errorf("status %d, Retry-After %q; want 429, 7", resp.status, resp.header.Get("Retry-After"))
	}
	if resp.err.Code == nil || *resp.err.Code != "rate_limit_exceeded" {
		t.Errorf("code = %v, want rate_limit_exceeded", resp.err.Code)
	}
}

func TestDroppedConnection(t *testing.T) {
	t.Run("mid-stream", func(t *testing.T) {
		srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("a long answer that never ends").InChunks(8).DroppedAfter(300)))
		stream, err := client(srv).CreateChatCompletionStream(t.Context(), chatRequest(true))
		if err != nil {
			t.Fatal(err)
		}
		defer stream.Close()
		var got int
		for err == nil {
			_, err = stream.Recv()
			got++
		}
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("Recv error = %v, want unexpected EOF", err)
		}
		if got < 2 {
			t.Errorf("received %d chunks before the drop, want at least 1", got-1)
		}
	})
	t.Run("before the response", func(t *testing.T) {
		srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("").DroppedAfter(0)))
		_, err := client(srv).CreateChatCompletionStream(t.Context(), chatRequest(true))
		if err == nil || statusOf(err) != 0 {
			t.Errorf("error = %v, want a transport error", err)
		}
	})
	t.Run("whole response", func(t *testing.T) {
		srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("hello").DroppedAfter(20)))
		_, err := client(srv).CreateChatCompletion(t.Context(), chatRequest(false))
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			t.Errorf("error = %v, want unexpected EOF", err)
		}
	})
}

func TestMalformed(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("hello").Malformed(), fakeopenai.Text("hello").Malformed()))
	stream, err := client(srv).CreateChatCompletionStream(t.Context(), chatRequest(true))
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	if _, err := stream.Recv(); err != nil {
		t.Fatalf("first Recv: %v, want the first chunk", err)
	}
	if _, err := stream.Recv(); err == nil || errors.Is(err, io.EOF) {
		t.Errorf("second Recv error = %v, want a JSON error", err)
	}
	if _, err := client(srv).CreateChatCompletion(t.Context(), chatRequest(false)); err == nil {
		t.Errorf("whole response: no error, want a JSON error")
	}
}

// TestToolCallsAsScripted checks that faults in the model's output — arguments
// that are not JSON, a tool that was not offered — reach the client verbatim.
func TestToolCallsAsScripted(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Calls(
		fakeopenai.Call("throughput", `{"count": 10`),
		fakeopenai.Call("launch_rockets", `{}`),
	).InChunks(3)))
	got := accumulate(streamAll(t, client(srv), chatRequest(true)))
	if len(got.Calls) != 2 || got.Calls[0].Function.Arguments != `{"count": 10` || got.Calls[1].Function.Name != "launch_rockets" {
		t.Errorf("calls = %+v, want the scripted ones verbatim", got.Calls)
	}
}

// TestNeverStops runs a client loop against a model that calls a tool on
// every turn; the server keeps answering, with fresh call ids, and the
// growing conversation stays valid.
func TestNeverStops(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Forever(fakeopenai.Calls(fakeopenai.Call("throughput", `{}`)))))
	c := client(srv)
	req := chatRequest(false)
	ids := map[string]bool{}
	for range 5 {
		resp, err := c.CreateChatCompletion(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		msg := resp.Choices[0].Message
		if len(msg.ToolCalls) != 1 || ids[msg.ToolCalls[0].ID] {
			t.Fatalf("tool calls = %+v, want one with a fresh id", msg.ToolCalls)
		}
		ids[msg.ToolCalls[0].ID] = true
		req.Messages = append(req.Messages, msg, openai.ChatCompletionMessage{
			Role: openai.ChatMessageRoleTool, ToolCallID: msg.ToolCalls[0].ID, Content: "{}",
		})
	}
	if got := srv.RoundTrips(); got != 5 {
		t.Errorf("round trips = %d, want 5", got)
	}
}

func TestAuthAndModel(t *testing.T) {
	tests := []struct {
		name       string
		opts       []fakeopenai.Option
		key        string
		model      string
		wantStatus int
		wantCode   string
	}{
		{"any key", nil, "whatever", "m", 200, ""},
		{"no key", nil, "", "m", 401, ""},
		{"wrong key", []fakeopenai.Option{fakeopenai.APIKey("right")}, "wrong", "m", 401, "invalid_api_key"},
		{"right key", []fakeopenai.Option{fakeopenai.APIKey("right")}, "right", "m", 200, ""},
		{"no auth", []fakeopenai.Option{fakeopenai.NoAuth()}, "", "m", 200, ""},
		{"unknown model", []fakeopenai.Option{fakeopenai.Model("gpt-test")}, "k", "gpt-other", 404, "model_not_found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(t, append(tt.opts, fakeopenai.Replies(fakeopenai.Text("ok")))...)
			resp := post(t, srv, tt.key, fmt.Sprintf(`{"model":%q,"messages":[{"role":"user","content":"hi"}]}`, tt.model))
			if resp.status != tt.wantStatus {
				t.Errorf("status = %d, want %d", resp.status, tt.wantStatus)
			}
			if got := deref(resp.err.Code); got != tt.wantCode {
				t.Errorf("code = %q, want %q", got, tt.wantCode)
			}
			if tt.key != "" && strings.Contains(resp.body, tt.key) {
				t.Errorf("error body %s echoes the key", resp.body)
			}
		})
	}
}

// TestRejectionFailsTheTest checks that New reports a request a correct
// client would not send, and an exhausted script, as test failures.
func TestRejectionFailsTheTest(t *testing.T) {
	rec := &recorder{TB: t}
	srv := fakeopenai.New(rec, fakeopenai.Replies(fakeopenai.Text("only one")))
	if r := post(t, srv, testKey, `{"model":"m","messages":[]}`); r.status != 400 {
		t.Errorf("empty messages: status %d, want 400", r.status)
	}
	post(t, srv, testKey, `{"model":"m","messages":[{"role":"user","content":"hi"}]}`)
	if r := post(t, srv, testKey, `{"model":"m","messages":[{"role":"user","content":"hi"}]}`); r.status != 500 {
		t.Errorf("exhausted script: status %d, want 500", r.status)
	}
	if r := post(t, srv, testKey, "", "GET", "/v1/chat/completion"); r.status != 404 {
		t.Errorf("wrong path: status %d, want 404", r.status)
	}
	if got := len(rec.errors()); got != 3 {
		t.Errorf("test failures = %d, want 3: %q", got, rec.errors())
	}
}

// recorder is a testing.TB that keeps its errors instead of failing.
type recorder struct {
	testing.TB
	mu   sync.Mutex
	msgs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func (r *recorder) errors() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.msgs...)
}
