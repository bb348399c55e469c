package provider

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/lazyre"
)

var (
	fenceOpen  = lazyre.New("^```[a-zA-Z]*\\s*")
	fenceClose = lazyre.New("\\s*```\\s*$")
	// strayTags are what small models leave after the arguments:
	// </tool_call>, <|im_end|>, </function> and the like.
	strayTags = lazyre.New(`^(\s*(<[^<>]{1,40}>|<\|[^|]{1,40}\|>))*\s*$`)
)

// repairArguments returns arguments that are JSON, repaired if the model
// wrapped them in a Markdown fence or followed them with stray tags; text
// that cannot be repaired is returned as it came, for the toolbox to
// refuse with its reason.
func repairArguments(args string) string {
	s := strings.TrimSpace(args)
	if s == "" || json.Valid([]byte(s)) {
		return s
	}
	if strings.HasPrefix(s, "```") {
		s = fenceClose.ReplaceAllString(fenceOpen.ReplaceAllString(s, ""), "")
		if json.Valid([]byte(s)) {
			return s
		}
	}
	dec := json.NewDecoder(strings.NewReader(s))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return args
	}
	rest := s[dec.InputOffset():]
	if strayTags.MatchString(strings.TrimLeft(rest, "`")) {
		return string(bytes.TrimSpace(v))
	}
	return args
}

// textCall is a tool call a model printed as text.
type textCall struct {
	Name       string          `json:"name"`
	Arguments  json.RawMessage `json:"arguments"`
	Parameters json.RawMessage `json:"parameters"`
}

// textToolCalls finds tool calls a model printed in its answer instead of
// making them, <tool_call>{"name": …, "arguments": {…}}</tool_call> (the
// Hermes and Qwen template), and returns them with the text left over.
func textToolCalls(text string) ([]agent.ToolCall, string) {
	const open, closing = "<tool_call>", "</tool_call>"
	if !strings.Contains(text, open) {
		return nil, text
	}
	var calls []agent.ToolCall
	var rest strings.Builder
	for {
		i := strings.Index(text, open)
		if i < 0 {
			rest.WriteString(text)
			break
		}
		rest.WriteString(text[:i])
		body := text[i+len(open):]
		dec := json.NewDecoder(strings.NewReader(body))
		var tc textCall
		if err := dec.Decode(&tc); err != nil || tc.Name == "" {
			rest.WriteString(text[i:])
			break
		}
		args := tc.Arguments
		if len(args) == 0 {
			args = tc.Parameters
		}
		var s string
		if json.Unmarshal(args, &s) == nil {
			args = json.RawMessage(s) // arguments given as a JSON string
		}
		calls = append(calls, agent.ToolCall{Name: tc.Name, Arguments: string(args)})
		text = strings.TrimSpace(body[dec.InputOffset():])
		text = strings.TrimPrefix(text, closing)
	}
	return calls, strings.TrimSpace(rest.String())
}
