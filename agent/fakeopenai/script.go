package fakeopenai

import (
	"net/http"
	"strconv"
	"time"
)

// Reply is one scripted answer of the model: text, tool calls, or a fault.
// Build one with [Text], [Calls], [Fail], [RateLimited] or [Func], and shape
// it with the methods that return a modified copy.
type Reply struct {
	// Text is the assistant's content; it may accompany tool calls.
	Text string `json:"text,omitempty"`
	// ToolCalls are the calls the model makes. A call without an ID is given
	// one unique to the server (call_<round trip>_<position>).
	ToolCalls []ToolCall `json:"tool_calls,omitempty"`
	// Chunks splits the text and each call's arguments into this many
	// streamed pieces; 0 or 1 sends each whole.
	Chunks int `json:"chunks,omitempty"`
	// Ollama sends every tool call whole, all in a single chunk.
	Ollama bool `json:"ollama,omitempty"`
	// NoIndex leaves the index field out of streamed tool call deltas.
	NoIndex bool `json:"no_index,omitempty"`
	// FinishReason overrides the finish reason ("stop" for text, "tool_calls"
	// when there are calls).
	FinishReason string `json:"finish_reason,omitempty"`
	// Usage overrides the token counts reported for this reply.
	Usage *Usage `json:"usage,omitempty"`
	// Reasoning is streamed before the answer, in the server's reasoning
	// field (reasoning_content unless a preset says "reasoning").
	Reasoning string `json:"reasoning,omitempty"`
	// KeepAlive sends this many SSE comment lines before the first chunk,
	// as OpenRouter does while a request waits in its queue.
	KeepAlive int `json:"keep_alive,omitempty"`
	// AsJSON answers a stream request with a whole JSON completion, as
	// servers that ignore "stream": true do.
	AsJSON bool `json:"as_json,omitempty"`
	// ErrorEvent ends the stream after its first chunk with an SSE
	// "event: error" carrying this message (Groq's tool_use_failed).
	ErrorEvent string `json:"error_event,omitempty"`
	// ErrorChunk ends the stream after its first chunk with a chunk that
	// carries an error and finish_reason "error" (OpenRouter).
	ErrorChunk string `json:"error_chunk,omitempty"`

	// Status, when set, answers with this HTTP error instead of a completion.
	Status int `json:"status,omitempty"`
	// RetryAfter is sent as the Retry-After header of an error answer.
	RetryAfter string `json:"retry_after,omitempty"`
	// Shape is the form of the error body; "" is the server's.
	Shape Shape `json:"shape,omitempty"`
	// Message replaces the error's message.
	Message string `json:"message,omitempty"`
	// Fault breaks the answer on the wire: FaultDrop or FaultMalformed.
	Fault Fault `json:"fault,omitempty"`
	// DropAfter is how many bytes of the response FaultDrop sends before it
	// closes the connection; 0 closes it before any response.
	DropAfter int `json:"drop_after,omitempty"`

	// Repeat serves this reply for every request from here on: a model that
	// never stops.
	Repeat bool `json:"repeat,omitempty"`
	// Latency is waited before the first byte; 0 uses the server's default.
	Latency time.Duration `json:"-"`
	// Func, when set, computes the reply from the request it answers.
	Func func(Request) Reply `json:"-"`
}

// Fault names a way of breaking a response on the wire.
type Fault string

const (
	// FaultDrop closes the connection after DropAfter bytes of the response.
	FaultDrop Fault = "drop"
	// FaultMalformed sends a data line that is not valid JSON (streaming) or
	// a body that is not valid JSON (non-streaming), with status 200.
	FaultMalformed Fault = "malformed"
)

// Usage is the token accounting of one completion.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

// Text is a reply with assistant text only.
func Text(s string) Reply { return Reply{Text: s} }

// Calls is a reply with tool calls only.
func Calls(calls ...ToolCall) Reply { return Reply{ToolCalls: calls} }

// Call is a function tool call. Arguments are sent as given, so a test can
// script arguments that are not JSON or a name that is not a declared tool.
func Call(name, arguments string) ToolCall {
	return ToolCall{Type: "function", Function: FunctionCall{Name: name, Arguments: arguments}}
}

// Fail is a reply that answers with an HTTP error status and the API's error
// JSON for it.
func Fail(status int) Reply { return Reply{Status: status} }

// RateLimited is a 429 reply with a Retry-After header of the given seconds.
func RateLimited(retryAfterSeconds int) Reply {
	return Reply{Status: http.StatusTooManyRequests, RetryAfter: strconv.Itoa(retryAfterSeconds)}
}

// Func is a reply computed from the request it answers, for tests that echo
// tool results or branch on what the client sent.
func Func(fn func(Request) Reply) Reply { return Reply{Func: fn} }

// Forever marks r to be served for every request from here on.
func Forever(r Reply) Reply {
	r.Repeat = true
	return r
}

// DroppedAfter returns r with the connection closed after n bytes of the
// response (0: before any response is written).
func (r Reply) DroppedAfter(n int) Reply {
	r.Fault, r.DropAfter = FaultDrop, n
	return r
}

// Malformed returns r broken by invalid JSON: a bad data line after the first
// chunk of a stream, or a truncated body of a whole response.
func (r Reply) Malformed() Reply {
	r.Fault = FaultMalformed
	return r
}

// InChunks returns r streamed in n pieces of text and of each call's arguments.
func (r Reply) InChunks(n int) Reply {
	r.Chunks = n
	return r
}

// AsOllama returns r with all tool calls sent whole in one chunk.
func (r Reply) AsOllama() Reply {
	r.Ollama = true
	return r
}

// WithoutIndex returns r with the index left out of tool call deltas.
func (r Reply) WithoutIndex() Reply {
	r.NoIndex = true
	return r
}

// FinishWith returns r finishing with the given reason.
func (r Reply) FinishWith(reason string) Reply {
	r.FinishReason = reason
	return r
}

// WithUsage returns r reporting the given token counts.
func (r Reply) WithUsage(prompt, completion int) Reply {
	r.Usage = &Usage{PromptTokens: prompt, CompletionTokens: completion, TotalTokens: prompt + completion}
	return r
}

// Shaped returns the error reply r with its body in shape s.
func (r Reply) Shaped(s Shape) Reply {
	r.Shape = s
	return r
}

// WithMessage returns the error reply r with message m.
func (r Reply) WithMessage(m string) Reply {
	r.Message = m
	return r
}

// WithReasoning returns r with reasoning streamed before the answer.
func (r Reply) WithReasoning(text string) Reply {
	r.Reasoning = text
	return r
}

// WithKeepAlive returns r preceded by n keep-alive comment lines.
func (r Reply) WithKeepAlive(n int) Reply {
	r.KeepAlive = n
	return r
}

// AsWholeJSON returns r sent as one JSON completion even when a stream
// was asked for.
func (r Reply) AsWholeJSON() Reply {
	r.AsJSON = true
	return r
}

// FailingWithEvent returns r cut after its first chunk by an SSE error
// event with message m.
func (r Reply) FailingWithEvent(m string) Reply {
	r.ErrorEvent = m
	return r
}

// FailingWithChunk returns r cut after its first chunk by an in-band
// error chunk with message m.
func (r Reply) FailingWithChunk(m string) Reply {
	r.ErrorChunk = m
	return r
}

// After returns r served after latency d.
func (r Reply) After(d time.Duration) Reply {
	r.Latency = d
	return r
}

// finishReason is the finish reason r is sent with.
func (r Reply) finishReason() string {
	switch {
	case r.FinishReason != "":
		return r.FinishReason
	case len(r.ToolCalls) > 0:
		return "tool_calls"
	default:
		return "stop"
	}
}

// split cuts s into n pieces of about equal length, never inside a rune.
func split(s string, n int) []string {
	runes := []rune(s)
	if n <= 1 || len(runes) <= 1 {
		return []string{s}
	}
	n = min(n, len(runes))
	pieces := make([]string, 0, n)
	for i := range n {
		pieces = append(pieces, string(runes[i*len(runes)/n:(i+1)*len(runes)/n]))
	}
	return pieces
}
