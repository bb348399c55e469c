package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// The stand-in model servers below script a model's choices for the real
// Codex and Claude Code CLIs on loopback: each request is answered by a
// rule that looks at what the request already holds (the persona, tool
// results), so a main session and the subagent it spawns can share one
// server. They speak just enough of each wire format for those CLIs.

// standinRequest is one request a stand-in received.
type standinRequest struct {
	Path string
	Body string
	// Tools are the names of the tools offered; a Responses API namespace
	// is listed as its name and as NAMESPACE/TOOL for each of its tools.
	Tools []string
	// Results are the tool results the request carries, in order.
	Results []string
}

// subagent reports whether the request comes from the sysarch persona.
func (r standinRequest) subagent() bool {
	return strings.Contains(r.Body, "the architect of unremarkable systems")
}

// offers reports whether the request offers the named tool.
func (r standinRequest) offers(name string) bool {
	for _, t := range r.Tools {
		if t == name {
			return true
		}
	}
	return false
}

// standin records requests and serves the replies a rule chooses.
type standin struct {
	mu   sync.Mutex
	reqs []standinRequest
	srv  *httptest.Server
}

// requests returns what the stand-in has received so far.
func (s *standin) requests() []standinRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]standinRequest(nil), s.reqs...)
}

// newStandin serves path, recording each request as parse reads it and
// answering it with rule's reply, which write puts on the wire; n counts
// the requests so far, this one included, for the reply's identifiers.
func newStandin(t *testing.T, path string, parse func([]byte) standinRequest, rule func(standinRequest) standinReply,
	write func(w http.ResponseWriter, reply standinReply, n int)) *standin {
	s := &standin{}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path {
			http.NotFound(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		req := parse(body)
		req.Path, req.Body = r.URL.Path, string(body)
		s.mu.Lock()
		s.reqs = append(s.reqs, req)
		n := len(s.reqs)
		s.mu.Unlock()
		w.Header().Set("Content-Type", "text/event-stream")
		write(w, rule(req), n)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

// sse writes one server-sent event.
func sse(w io.Writer, event string, data any) {
	b, _ := json.Marshal(data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, b)
}

// standinReply is what a rule answers: text, or one tool call.
type standinReply struct {
	Text      string
	Namespace string // Responses API only: the tool's namespace
	Tool      string
	Args      string // JSON arguments of the tool call
}

// newResponsesStandin serves the OpenAI Responses API (streaming), as
// Codex uses it, answering each request with rule's reply.
func newResponsesStandin(t *testing.T, rule func(standinRequest) standinReply) *standin {
	return newStandin(t, "/v1/responses", parseResponsesRequest, rule, func(w http.ResponseWriter, reply standinReply, n int) {
		item := map[string]any{"type": "message", "role": "assistant", "id": fmt.Sprintf("msg_%d", n),
			"content": []any{map[string]any{"type": "output_text", "text": reply.Text}}}
		if reply.Tool != "" {
			item = map[string]any{"type": "function_call", "id": fmt.Sprintf("fc_%d", n), "call_id": fmt.Sprintf("call_%d", n),
				"name": reply.Tool, "arguments": reply.Args}
			if reply.Namespace != "" {
				item["namespace"] = reply.Namespace
			}
		}
		id := fmt.Sprintf("resp_%d", n)
		sse(w, "response.created", map[string]any{"type": "response.created", "response": map[string]any{"id": id}})
		sse(w, "response.output_item.done", map[string]any{"type": "response.output_item.done", "item": item})
		sse(w, "response.completed", map[string]any{"type": "response.completed", "response": map[string]any{"id": id,
			"usage": map[string]any{"input_tokens": 1, "output_tokens": 1, "total_tokens": 2,
				"input_tokens_details": map[string]any{"cached_tokens": 0}, "output_tokens_details": map[string]any{"reasoning_tokens": 0}}}})
	})
}

func parseResponsesRequest(body []byte) standinRequest {
	var q struct {
		Input []map[string]any `json:"input"`
		Tools []struct {
			Name  string `json:"name"`
			Tools []struct {
				Name string `json:"name"`
			} `json:"tools"`
		} `json:"tools"`
	}
	_ = json.Unmarshal(body, &q)
	var req standinRequest
	for _, t := range q.Tools {
		req.Tools = append(req.Tools, t.Name)
		for _, sub := range t.Tools {
			req.Tools = append(req.Tools, t.Name+"/"+sub.Name)
		}
	}
	for _, it := range q.Input {
		if it["type"] == "function_call_output" {
			out, _ := it["output"].(string)
			if out == "" {
				b, _ := json.Marshal(it["output"])
				out = string(b)
			}
			req.Results = append(req.Results, out)
		}
	}
	return req
}

// newMessagesStandin serves the Anthropic Messages API (streaming), as
// Claude Code uses it, answering each request with rule's reply.
func newMessagesStandin(t *testing.T, rule func(standinRequest) standinReply) *standin {
	return newStandin(t, "/v1/messages", parseMessagesRequest, rule, func(w http.ResponseWriter, reply standinReply, n int) {
		sse(w, "message_start", map[string]any{"type": "message_start", "message": map[string]any{
			"id": fmt.Sprintf("msg_%d", n), "type": "message", "role": "assistant", "model": "claude-standin",
			"content": []any{}, "stop_reason": nil, "stop_sequence": nil, "usage": map[string]any{"input_tokens": 1, "output_tokens": 1}}})
		stop := "end_turn"
		if reply.Tool != "" {
			stop = "tool_use"
			sse(w, "content_block_start", map[string]any{"type": "content_block_start", "index": 0, "content_block": map[string]any{
				"type": "tool_use", "id": fmt.Sprintf("toolu_%d", n), "name": reply.Tool, "input": map[string]any{}}})
			sse(w, "content_block_delta", map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": "input_json_delta", "partial_json": reply.Args}})
		} else {
			sse(w, "content_block_start", map[string]any{"type": "content_block_start", "index": 0, "content_block": map[string]any{"type": "text", "text": ""}})
			sse(w, "content_block_delta", map[string]any{"type": "content_block_delta", "index": 0, "delta": map[string]any{"type": "text_delta", "text": reply.Text}})
		}
		sse(w, "content_block_stop", map[string]any{"type": "content_block_stop", "index": 0})
		sse(w, "message_delta", map[string]any{"type": "message_delta", "delta": map[string]any{"stop_reason": stop, "stop_sequence": nil}, "usage": map[string]any{"output_tokens": 1}})
		sse(w, "message_stop", map[string]any{"type": "message_stop"})
	})
}

func parseMessagesRequest(body []byte) standinRequest {
	var q struct {
		Messages []struct {
			Content json.RawMessage `json:"content"`
		} `json:"messages"`
		Tools []struct {
			Name string `json:"name"`
		} `json:"tools"`
	}
	_ = json.Unmarshal(body, &q)
	var req standinRequest
	for _, t := range q.Tools {
		req.Tools = append(req.Tools, t.Name)
	}
	for _, m := range q.Messages {
		var blocks []struct {
			Type    string          `json:"type"`
			Content json.RawMessage `json:"content"`
		}
		if json.Unmarshal(m.Content, &blocks) != nil {
			continue
		}
		for _, b := range blocks {
			if b.Type != "tool_result" {
				continue
			}
			var text string
			if json.Unmarshal(b.Content, &text) != nil {
				var parts []struct {
					Text string `json:"text"`
				}
				_ = json.Unmarshal(b.Content, &parts)
				for _, p := range parts {
					text += p.Text
				}
			}
			req.Results = append(req.Results, text)
		}
	}
	return req
}
