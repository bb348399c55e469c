package fakeopenai

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
)

// serve answers a valid request with its scripted reply.
func (s *Server) serve(w http.ResponseWriter, req Request, reply Reply, round int) {
	w.Header().Set("X-Request-Id", fmt.Sprintf("req_fake_%d", round))
	if reply.Status != 0 {
		if reply.RetryAfter != "" {
			w.Header().Set("Retry-After", reply.RetryAfter)
		}
		e := errStatus(reply.Status).in(cmp.Or(reply.Shape, s.cfg.shape))
		if reply.Message != "" {
			e.Message = reply.Message
		}
		e.write(w)
		return
	}
	c := s.complete(req, reply, round)
	switch {
	case reply.Fault == FaultDrop:
		drop(w, c, req.Stream, reply.DropAfter)
	case !req.Stream || reply.AsJSON:
		body := c.body()
		if reply.Fault == FaultMalformed {
			body = body[:len(body)/2]
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	case reply.Fault == FaultMalformed:
		stream(w, c.malformedEvents())
	default:
		stream(w, c.events())
	}
}

// complete renders reply for req: ids for tool calls that have none, the
// server's quirks, and the usage to report.
func (s *Server) complete(req Request, reply Reply, round int) completion {
	reply.ToolCalls = slices.Clone(reply.ToolCalls)
	produced := len(reply.Text)
	for i := range reply.ToolCalls {
		call := &reply.ToolCalls[i]
		if call.ID == "" {
			call.ID = fmt.Sprintf("call_%d_%d", round, i)
		}
		call.Type, call.Index = "function", nil
		if s.cfg.has(ThoughtSignatures) {
			call.ExtraContent = json.RawMessage(fmt.Sprintf(`{"google":{"thought_signature":%q}}`, signature(call.ID)))
		}
		produced += len(call.Function.Name) + len(call.Function.Arguments)
	}
	usage := Usage{PromptTokens: (len(req.Body) + 3) / 4, CompletionTokens: (produced + 3) / 4}
	usage.TotalTokens = usage.PromptTokens + usage.CompletionTokens
	if reply.Usage != nil {
		usage = *reply.Usage
	}
	if s.cfg.has(EchoReasoning) && reply.Reasoning == "" && len(reply.ToolCalls) > 0 {
		reply.Reasoning = "The user wants figures; the tools compute them."
	}
	return completion{
		reasoningField: cmp.Or(s.cfg.reasoningField, "reasoning_content"),
		keepAlive:      max(reply.KeepAlive, s.cfg.keepAlive),
		id:             fmt.Sprintf("chatcmpl-fake%d", round),
		model:          req.Model,
		created:        createdAt,
		reply:          reply,
		usage:          usage,
		includeUsage:   req.Stream && req.StreamOptions != nil && req.StreamOptions.IncludeUsage,
	}
}

// stream writes SSE events, flushing each so the client sees them arrive.
func stream(w http.ResponseWriter, events [][]byte) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	for _, e := range events {
		if _, err := w.Write(e); err != nil {
			return
		}
		if rc.Flush() != nil {
			return
		}
	}
}

// drop writes the first n bytes of the response and closes the connection
// under it, as a proxy or a crashed server would. The response promises
// more (chunked for a stream, a Content-Length otherwise), so the client
// sees an unexpected EOF, not a clean end.
func drop(w http.ResponseWriter, c completion, streaming bool, n int) {
	rc := http.NewResponseController(w)
	if n > 0 {
		body := c.body()
		w.Header().Set("Content-Type", "application/json")
		if streaming {
			body = c.streamBytes()
			w.Header().Set("Content-Type", "text/event-stream")
		} else {
			w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		}
		w.WriteHeader(http.StatusOK)
		w.Write(body[:min(n, len(body))])
		rc.Flush()
	}
	conn, _, err := rc.Hijack()
	if err != nil {
		return
	}
	conn.Close()
}

// createdAt is the creation time every completion reports: clients read
// it as an opaque Unix time, and a fixed one keeps recorded answers equal.
const createdAt = 1767225600 // 2026-01-01T00:00:00Z
