// Package session keeps a chat as one append-only JSON Lines log per
// session under $XDG_STATE_HOME/sysarch/sessions (or ~/.local/state).
//
// Every event (a user turn, an assistant turn, a tool call and its result,
// a requirements update, a phase or model change) is written as one line
// and synced to disk before Append returns, so a crash or a kill loses
// nothing already said. Nothing is ever rewritten: the phase and the
// requirements are derived by replaying the log, and a line torn by a
// crash mid-write is skipped with a warning, never treated as fatal.
//
// The directory is 0700 and the files 0600: a session holds what a person
// said about their system, which is nobody else's business.
package session

import (
	"encoding/json"
	"time"

	"github.com/sysarch/sysarch/agent/requirements"
)

// Version is the log format written in each session's start event.
const Version = 1

// Type names the kind of an event. The names are part of the file format.
type Type string

// The event types.
const (
	Start        Type = "start"        // first line of every log: format version
	User         Type = "user"         // what the person typed
	Assistant    Type = "assistant"    // what sysarch answered, whole or cut short
	ToolCall     Type = "tool_call"    // a capacity tool was called
	ToolResult   Type = "tool_result"  // what the tool returned
	Requirements Type = "requirements" // the requirements as now known (a full snapshot)
	Phase        Type = "phase"        // the conversation moved to another phase
	Model        Type = "model"        // the model was changed
	Reset        Type = "reset"        // the person started over (/reset)
)

var knownTypes = map[Type]bool{
	Start: true, User: true, Assistant: true, ToolCall: true, ToolResult: true,
	Requirements: true, Phase: true, Model: true, Reset: true,
}

// Event is one line of a session log. Which fields are set depends on Type.
type Event struct {
	Seq  int       `json:"seq"`
	Time time.Time `json:"time"`
	Type Type      `json:"type"`

	// Version is the log format (start).
	Version int `json:"version,omitempty"`
	// Text is what was said (user, assistant).
	Text string `json:"text,omitempty"`
	// Partial marks an assistant turn that did not finish; Cancelled says
	// the person cut it short with Ctrl-C.
	Partial   bool `json:"partial,omitempty"`
	Cancelled bool `json:"cancelled,omitempty"`
	// Tool is the call (tool_call) or the call and its result (tool_result).
	Tool *Tool `json:"tool,omitempty"`
	// Requirements is the full snapshot after an update (requirements).
	Requirements *requirements.Requirements `json:"requirements,omitempty"`
	// Assumptions are the gaps filled by assumption so far (requirements).
	Assumptions []string `json:"assumptions,omitempty"`
	// Phase is the phase entered (phase).
	Phase string `json:"phase,omitempty"`
	// Model is the model now in use (model).
	Model string `json:"model,omitempty"`
}

// Tool is one capacity tool call and, once it has run, its outcome.
type Tool struct {
	ID     string          `json:"id,omitempty"`
	Name   string          `json:"name"`
	Args   json.RawMessage `json:"args,omitempty"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  string          `json:"error,omitempty"`
	// Summary is the call on one line for a person:
	// "throughput 100M/month → 38.03/s".
	Summary string `json:"summary,omitempty"`
}
