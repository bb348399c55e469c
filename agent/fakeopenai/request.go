package fakeopenai

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
)

// Request is a chat completion request as the server received it.
type Request struct {
	Model               string          `json:"model"`
	Messages            []Message       `json:"messages"`
	Tools               []Tool          `json:"tools,omitempty"`
	ToolChoice          json.RawMessage `json:"tool_choice,omitempty"`
	ParallelToolCalls   *bool           `json:"parallel_tool_calls,omitempty"`
	Stream              bool            `json:"stream,omitempty"`
	StreamOptions       *StreamOptions  `json:"stream_options,omitempty"`
	Temperature         *float64        `json:"temperature,omitempty"`
	TopP                *float64        `json:"top_p,omitempty"`
	N                   *int            `json:"n,omitempty"`
	MaxTokens           *int            `json:"max_tokens,omitempty"`
	MaxCompletionTokens *int            `json:"max_completion_tokens,omitempty"`
	ReasoningEffort     string          `json:"reasoning_effort,omitempty"`

	// Header is the request's HTTP header.
	Header http.Header `json:"-"`
	// Body is the request body as sent.
	Body []byte `json:"-"`
}

// Message is one message of the conversation.
type Message struct {
	Role string `json:"role"`
	// Content is a string, an array of content parts, or null; see Text.
	Content    json.RawMessage `json:"content,omitempty"`
	Name       string          `json:"name,omitempty"`
	ToolCalls  []ToolCall      `json:"tool_calls,omitempty"`
	ToolCallID string          `json:"tool_call_id,omitempty"`
	// ReasoningContent is DeepSeek's reasoning, sent back on a turn that
	// called tools; only a server with the EchoReasoning quirk takes it.
	ReasoningContent string `json:"reasoning_content,omitempty"`
}

// ToolCall is a call of a function tool, in an assistant message or a reply.
type ToolCall struct {
	Index    *int         `json:"index,omitempty"`
	ID       string       `json:"id,omitempty"`
	Type     string       `json:"type"`
	Function FunctionCall `json:"function"`
	// ExtraContent is Gemini's extra_content (the thought signature);
	// only a server with the ThoughtSignatures quirk sends or takes it.
	ExtraContent json.RawMessage `json:"extra_content,omitempty"`
}

// FunctionCall names the function called and carries its JSON arguments.
type FunctionCall struct {
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

// Tool is a tool the client offers the model.
type Tool struct {
	Type     string   `json:"type"`
	Function Function `json:"function"`
}

// Function describes a function tool; Parameters is its JSON Schema.
type Function struct {
	Name        string          `json:"name"`
	Description string          `json:"description,omitempty"`
	Parameters  json.RawMessage `json:"parameters,omitempty"`
	Strict      *bool           `json:"strict,omitempty"`
}

// StreamOptions are the options of a streaming request.
type StreamOptions struct {
	IncludeUsage bool `json:"include_usage,omitempty"`
}

// Text is the message's text: the content string, or its text parts joined.
func (m Message) Text() string {
	var s string
	if json.Unmarshal(m.Content, &s) == nil {
		return s
	}
	var parts []struct {
		Type string `json:"type"`
		Text string `json:"text"`
	}
	_ = json.Unmarshal(m.Content, &parts)
	var b strings.Builder
	for _, p := range parts {
		if p.Type == "text" {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// Last is the last message with the given role, and whether there is one.
func (r Request) Last(role string) (Message, bool) {
	for _, m := range slices.Backward(r.Messages) {
		if m.Role == role {
			return m, true
		}
	}
	return Message{}, false
}

// requestFields are the top-level fields the Chat Completions API accepts,
// including the deprecated function-calling ones it still takes.
var requestFields = []string{
	"audio", "frequency_penalty", "function_call", "functions", "logit_bias",
	"logprobs", "max_completion_tokens", "max_tokens", "messages", "metadata",
	"modalities", "model", "n", "parallel_tool_calls", "prediction",
	"presence_penalty", "prompt_cache_key", "reasoning_effort",
	"response_format", "safety_identifier", "seed", "service_tier", "stop",
	"store", "stream", "stream_options", "temperature", "tool_choice", "tools",
	"top_logprobs", "top_p", "user", "verbosity", "web_search_options",
}

// decodeRequest parses a request body like the API does: a JSON object with
// known fields of the right types.
func decodeRequest(body []byte) (Request, *apiError) {
	req := Request{Body: body}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return req, errInvalidJSON()
	}
	for _, name := range slices.Sorted(maps.Keys(fields)) {
		if !slices.Contains(requestFields, name) {
			return req, invalidRequest(fmt.Sprintf("Unrecognized request argument supplied: %s", name), "", "")
		}
	}
	if err := json.Unmarshal(body, &req); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return req, invalidRequest(fmt.Sprintf("Invalid type for '%s': expected %s, but got %s instead.",
				typeErr.Field, jsonKind(typeErr.Type.Kind()), typeErr.Value), typeErr.Field, "invalid_type")
		}
		return req, errInvalidJSON()
	}
	return req, nil
}

// jsonKind names the JSON value a Go kind is decoded from.
func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	default:
		return "a number"
	}
}
