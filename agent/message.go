// Package agent is sysarch's conversation loop: it sends the conversation
// to a model, streams the answer, runs every tool call of a turn
// concurrently, returns the results and repeats until the model answers
// without tools or the step limit is reached.
//
// The types here are provider-neutral; agent/provider adapts them to any
// OpenAI-compatible endpoint.
package agent

import (
	"context"
	"encoding/json"
)

// Role is who speaks a message.
type Role string

// The roles of a conversation.
const (
	System    Role = "system"
	User      Role = "user"
	Assistant Role = "assistant"
	ToolRole  Role = "tool"
)

// Message is one message of the conversation.
type Message struct {
	Role      Role       `json:"role"`
	Content   string     `json:"content,omitempty"`
	ToolCalls []ToolCall `json:"tool_calls,omitempty"`
	// ToolCallID ties a tool message to the call it answers.
	ToolCallID string `json:"tool_call_id,omitempty"`
	// IsError marks a tool message whose tool failed.
	IsError bool `json:"is_error,omitempty"`
}

// ToolCall is the model's request to run a tool.
type ToolCall struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Arguments string `json:"arguments"`
}

// ToolDef describes a tool to the model.
type ToolDef struct {
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Parameters  json.RawMessage `json:"parameters"`
}

// Usage counts the tokens of one or more requests.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
}

// Add returns the sum of two usages.
func (u Usage) Add(v Usage) Usage {
	return Usage{u.PromptTokens + v.PromptTokens, u.CompletionTokens + v.CompletionTokens}
}

// Request is one call to the model.
type Request struct {
	Messages []Message
	Tools    []ToolDef
}

// Response is the model's complete answer to one request.
type Response struct {
	Message Message
	Usage   Usage
	// Retries counts the attempts that failed before this one succeeded.
	Retries int
}

// Model is a chat model that streams its answer. OnText receives each
// piece of text as it arrives; Stream returns the whole message when the
// answer is complete.
type Model interface {
	Stream(ctx context.Context, req Request, onText func(string)) (Response, error)
}
