package fakeopenai

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// completion is one reply rendered for one request, in either wire form.
type completion struct {
	id           string
	model        string
	created      int64
	reply        Reply // with every tool call given an id
	usage        Usage
	includeUsage bool // the request asked for stream_options.include_usage

	reasoningField string // the field reasoning deltas come in
	keepAlive      int    // comment lines before the first chunk
}

// chunk is a chat.completion.chunk object, one per SSE data line.
type chunk struct {
	ID                string          `json:"id"`
	Object            string          `json:"object"`
	Created           int64           `json:"created"`
	Model             string          `json:"model"`
	SystemFingerprint string          `json:"system_fingerprint"`
	Choices           []chunkChoice   `json:"choices"`
	Usage             json.RawMessage `json:"usage,omitempty"`
}

type chunkChoice struct {
	Index        int       `json:"index"`
	Delta        delta     `json:"delta"`
	Logprobs     *struct{} `json:"logprobs"`
	FinishReason *string   `json:"finish_reason"`
}

type delta struct {
	Role             string      `json:"role,omitempty"`
	Content          *string     `json:"content,omitempty"`
	ReasoningContent *string     `json:"reasoning_content,omitempty"`
	Reasoning        *string     `json:"reasoning,omitempty"`
	ToolCalls        []callDelta `json:"tool_calls,omitempty"`
}

// callDelta is a piece of a streamed tool call: the first piece of a call
// carries its id, type and name; the rest carry pieces of its arguments.
type callDelta struct {
	Index        *int            `json:"index,omitempty"`
	ID           string          `json:"id,omitempty"`
	Type         string          `json:"type,omitempty"`
	Function     functionDelta   `json:"function"`
	ExtraContent json.RawMessage `json:"extra_content,omitempty"`
}

type functionDelta struct {
	Name      string `json:"name,omitempty"`
	Arguments string `json:"arguments"`
}

// deltas are the message deltas of the reply, in the order they are streamed.
func (c completion) deltas() []delta {
	r := c.reply
	index := func(i int) *int {
		if r.NoIndex {
			return nil
		}
		return &i
	}
	first := delta{Role: "assistant"}
	if r.Ollama {
		first.Content = &r.Text
		for i, call := range r.ToolCalls {
			first.ToolCalls = append(first.ToolCalls, callDelta{Index: index(i), ID: call.ID, Type: "function",
				Function: functionDelta{Name: call.Function.Name, Arguments: call.Function.Arguments}, ExtraContent: call.ExtraContent})
		}
		return []delta{first}
	}
	if r.Text != "" || len(r.ToolCalls) == 0 {
		first.Content = new(string)
	}
	out := []delta{first}
	if r.Reasoning != "" {
		for _, piece := range split(r.Reasoning, r.Chunks) {
			d := delta{Reasoning: &piece}
			if c.reasoningField == "reasoning_content" {
				d = delta{ReasoningContent: &piece}
			}
			out = append(out, d)
		}
	}
	if r.Text != "" {
		for _, piece := range split(r.Text, r.Chunks) {
			out = append(out, delta{Content: &piece})
		}
	}
	for i, call := range r.ToolCalls {
		out = append(out, delta{ToolCalls: []callDelta{{Index: index(i), ID: call.ID, Type: "function",
			Function: functionDelta{Name: call.Function.Name}, ExtraContent: call.ExtraContent}}})
		if call.Function.Arguments == "" {
			continue
		}
		for _, piece := range split(call.Function.Arguments, r.Chunks) {
			out = append(out, delta{ToolCalls: []callDelta{{Index: index(i), Function: functionDelta{Arguments: piece}}}})
		}
	}
	return out
}

// events are the SSE events of the streamed reply, ending with [DONE].
func (c completion) events() [][]byte {
	var usage json.RawMessage
	if c.includeUsage {
		usage = json.RawMessage("null")
	}
	frame := func(choices []chunkChoice, usage json.RawMessage) []byte {
		data, _ := json.Marshal(chunk{ID: c.id, Object: "chat.completion.chunk", Created: c.created, Model: c.model,
			SystemFingerprint: "fp_fakeopenai", Choices: choices, Usage: usage})
		return fmt.Appendf(nil, "data: %s\n\n", data)
	}
	var out [][]byte
	for range c.keepAlive {
		out = append(out, []byte(": OPENROUTER PROCESSING\n\n"))
	}
	for _, d := range c.deltas() {
		out = append(out, frame([]chunkChoice{{Delta: d}}, usage))
		if failed := c.failure(); failed != nil {
			return append(out, failed)
		}
	}
	finish := c.reply.finishReason()
	out = append(out, frame([]chunkChoice{{Delta: delta{}, FinishReason: &finish}}, usage))
	if c.includeUsage {
		total, _ := json.Marshal(c.usage)
		out = append(out, frame([]chunkChoice{}, total))
	}
	return append(out, []byte("data: [DONE]\n\n"))
}

// failure is the event that ends a stream the reply breaks off with an
// error: Groq's SSE error event, or OpenRouter's in-band error chunk.
func (c completion) failure() []byte {
	switch {
	case c.reply.ErrorEvent != "":
		data, _ := json.Marshal(map[string]any{"error": map[string]any{"message": c.reply.ErrorEvent,
			"type": "invalid_request_error", "code": "tool_use_failed", "failed_generation": "<tool_call>{\"name\""}})
		return fmt.Appendf(nil, "event: error\ndata: %s\n\n", data)
	case c.reply.ErrorChunk != "":
		data, _ := json.Marshal(map[string]any{"id": c.id, "object": "chat.completion.chunk", "created": c.created, "model": c.model,
			"error":   map[string]any{"code": 502, "message": c.reply.ErrorChunk},
			"choices": []any{map[string]any{"index": 0, "delta": map[string]any{"content": ""}, "finish_reason": "error"}}})
		return fmt.Appendf(nil, "data: %s\n\ndata: [DONE]\n\n", data)
	}
	return nil
}

// malformedEvents are a stream broken after its first chunk by a data line
// that is not valid JSON.
func (c completion) malformedEvents() [][]byte {
	broken := fmt.Appendf(nil, `data: {"id":%q,"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":`+"\n\n", c.id)
	return [][]byte{c.events()[0], broken, []byte("data: [DONE]\n\n")}
}

// body is the reply as a whole chat.completion object.
func (c completion) body() []byte {
	type message struct {
		Role             string     `json:"role"`
		Content          *string    `json:"content"`
		Refusal          *string    `json:"refusal"`
		ReasoningContent string     `json:"reasoning_content,omitempty"`
		ToolCalls        []ToolCall `json:"tool_calls,omitempty"`
	}
	type choice struct {
		Index        int       `json:"index"`
		Message      message   `json:"message"`
		Logprobs     *struct{} `json:"logprobs"`
		FinishReason string    `json:"finish_reason"`
	}
	msg := message{Role: "assistant", ToolCalls: c.reply.ToolCalls, ReasoningContent: c.reply.Reasoning}
	if c.reply.Text != "" || len(c.reply.ToolCalls) == 0 {
		msg.Content = &c.reply.Text
	}
	data, _ := json.Marshal(struct {
		ID                string   `json:"id"`
		Object            string   `json:"object"`
		Created           int64    `json:"created"`
		Model             string   `json:"model"`
		SystemFingerprint string   `json:"system_fingerprint"`
		Choices           []choice `json:"choices"`
		Usage             Usage    `json:"usage"`
	}{c.id, "chat.completion", c.created, c.model, "fp_fakeopenai",
		[]choice{{Message: msg, FinishReason: c.reply.finishReason()}}, c.usage})
	return append(data, '\n')
}

// streamBytes is the whole SSE body of the reply.
func (c completion) streamBytes() []byte { return bytes.Join(c.events(), nil) }
