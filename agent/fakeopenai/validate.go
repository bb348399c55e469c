package fakeopenai

import (
	"cmp"
	"encoding/json"
	"fmt"
	"github.com/sysarch/sysarch/agent/lazyre"
	"maps"
	"slices"
	"strings"
)

// validate checks a decoded request the way the API does and returns the
// first rule it breaks.
func validate(req Request, params func(json.RawMessage) error, lenient leniency) *apiError {
	var raw struct {
		Messages []map[string]json.RawMessage `json:"messages"`
		Tools    []map[string]json.RawMessage `json:"tools"`
	}
	if err := json.Unmarshal(req.Body, &raw); err != nil {
		return invalidRequest("Invalid type for 'messages' or 'tools': expected an array of objects.", "messages", "invalid_type")
	}
	if req.Model == "" {
		return invalidRequest("you must provide a model parameter", "", "")
	}
	return cmp.Or(
		checkMessages(req.Messages, raw.Messages, lenient),
		checkConversation(req.Messages),
		checkTools(req.Tools, raw.Tools, params),
		checkToolChoice(req),
		checkOptions(req),
	)
}

// leniency is what a server with quirks accepts beyond OpenAI's fields.
type leniency struct {
	reasoning  bool // reasoning_content on assistant messages
	callExtras bool // extra_content on tool calls
}

// leniency is what the server's quirks let a request carry.
func (s *Server) leniency() leniency {
	return leniency{reasoning: s.cfg.has(EchoReasoning), callExtras: s.cfg.has(ThoughtSignatures)}
}

// messageFields are the fields each role's messages may carry.
var messageFields = map[string][]string{
	"system":    {"role", "content", "name"},
	"developer": {"role", "content", "name"},
	"user":      {"role", "content", "name"},
	"assistant": {"role", "content", "name", "tool_calls", "refusal", "audio", "function_call"},
	"tool":      {"role", "content", "tool_call_id"},
}

// checkMessages checks each message on its own: role, fields, content and
// the shape of an assistant's tool calls.
func checkMessages(msgs []Message, raw []map[string]json.RawMessage, lenient leniency) *apiError {
	if raw == nil {
		return invalidRequest("Missing required parameter: 'messages'.", "messages", "missing_required_parameter")
	}
	if len(msgs) == 0 {
		return invalidRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, "+
			"but got an empty array instead.", "messages", "empty_array")
	}
	for i, m := range msgs {
		param := fmt.Sprintf("messages[%d]", i)
		allowed, ok := messageFields[m.Role]
		if m.Role == "assistant" && lenient.reasoning {
			allowed = append(slices.Clip(allowed), "reasoning_content")
		}
		if !ok {
			return invalidRequest(fmt.Sprintf("Invalid value: '%s'. Supported values are: "+
				"'system', 'developer', 'user', 'assistant' and 'tool'.", m.Role), param+".role", "invalid_value")
		}
		for _, name := range slices.Sorted(maps.Keys(raw[i])) {
			if !slices.Contains(allowed, name) {
				return invalidRequest(fmt.Sprintf("Additional properties are not allowed ('%s' was unexpected) - '%s'.",
					name, param), param, "")
			}
		}
		hasContent := len(m.Content) > 0 && string(m.Content) != "null"
		if !hasContent && (m.Role != "assistant" || len(m.ToolCalls) == 0) {
			return invalidRequest(fmt.Sprintf("Missing required parameter: '%s.content'.", param),
				param+".content", "missing_required_parameter")
		}
		if hasContent && !validContent(m.Content) {
			return invalidRequest(fmt.Sprintf("Invalid type for '%s.content': expected a string or an array of "+
				"content parts.", param), param+".content", "invalid_type")
		}
		if m.Role == "tool" && m.ToolCallID == "" {
			return invalidRequest(fmt.Sprintf("Missing required parameter: '%s.tool_call_id'.", param),
				param+".tool_call_id", "missing_required_parameter")
		}
		if err := checkCallShapes(m.ToolCalls, raw[i]["tool_calls"], param, lenient); err != nil {
			return err
		}
	}
	return nil
}

// validContent reports whether content is a string or an array of typed parts.
func validContent(content json.RawMessage) bool {
	var s string
	if json.Unmarshal(content, &s) == nil {
		return true
	}
	var parts []struct {
		Type string `json:"type"`
	}
	if json.Unmarshal(content, &parts) != nil {
		return false
	}
	for _, p := range parts {
		if p.Type == "" {
			return false
		}
	}
	return true
}

// checkCallShapes checks the tool calls of one assistant message: an id, type
// "function", and a name and string arguments present.
func checkCallShapes(calls []ToolCall, raw json.RawMessage, param string, lenient leniency) *apiError {
	if raw == nil {
		return nil
	}
	if len(calls) == 0 {
		return invalidRequest(fmt.Sprintf("Invalid '%s.tool_calls': empty array. Expected an array with "+
			"minimum length 1, but got an empty array instead.", param), param+".tool_calls", "empty_array")
	}
	var rawCalls []struct {
		Function map[string]json.RawMessage `json:"function"`
	}
	_ = json.Unmarshal(raw, &rawCalls)
	var fields []map[string]json.RawMessage
	_ = json.Unmarshal(raw, &fields)
	callFields := []string{"id", "type", "function"}
	if lenient.callExtras {
		callFields = append(callFields, "extra_content")
	}
	for j, c := range calls {
		p := fmt.Sprintf("%s.tool_calls[%d]", param, j)
		for _, name := range slices.Sorted(maps.Keys(fields[j])) {
			if !slices.Contains(callFields, name) {
				return invalidRequest(fmt.Sprintf("Additional properties are not allowed ('%s' was unexpected) - '%s'.", name, p), p, "")
			}
		}
		switch {
		case c.ID == "":
			return invalidRequest(fmt.Sprintf("Missing required parameter: '%s.id'.", p), p+".id", "missing_required_parameter")
		case c.Type != "function":
			return invalidRequest(fmt.Sprintf("Invalid value: '%s'. Supported values are: 'function'.", c.Type),
				p+".type", "invalid_value")
		case c.Function.Name == "":
			return invalidRequest(fmt.Sprintf("Missing required parameter: '%s.function.name'.", p),
				p+".function.name", "missing_required_parameter")
		case rawCalls[j].Function["arguments"] == nil:
			return invalidRequest(fmt.Sprintf("Missing required parameter: '%s.function.arguments'.", p),
				p+".function.arguments", "missing_required_parameter")
		}
	}
	return nil
}

// checkConversation checks that tool messages answer the tool calls of the
// assistant message before them, each exactly once, before anything else is
// said, and that no tool call id is used twice.
func checkConversation(msgs []Message) *apiError {
	seen, answered := map[string]bool{}, map[string]bool{}
	var pending []string // ids of the open assistant message not yet answered
	open := -1           // index of the assistant message whose calls are being answered
	unanswered := func() *apiError {
		return invalidRequest(fmt.Sprintf("An assistant message with 'tool_calls' must be followed by tool messages "+
			"responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: %s",
			strings.Join(pending, ", ")), fmt.Sprintf("messages[%d].role", open), "")
	}
	for i, m := range msgs {
		if m.Role == "tool" {
			if open < 0 {
				return invalidRequest("Invalid parameter: messages with role 'tool' must be a response to a "+
					"preceding message with 'tool_calls'.", fmt.Sprintf("messages[%d].role", i), "")
			}
			k := slices.Index(pending, m.ToolCallID)
			if k < 0 && answered[m.ToolCallID] {
				return invalidRequest(fmt.Sprintf("Invalid parameter: tool call '%s' is answered more than once.",
					m.ToolCallID), fmt.Sprintf("messages[%d].tool_call_id", i), "")
			}
			if k < 0 {
				return invalidRequest(fmt.Sprintf("Invalid parameter: 'tool_call_id' of '%s' not found in "+
					"'tool_calls' of previous message.", m.ToolCallID), fmt.Sprintf("messages[%d].tool_call_id", i), "")
			}
			pending = slices.Delete(pending, k, k+1)
			answered[m.ToolCallID] = true
			continue
		}
		if len(pending) > 0 {
			return unanswered()
		}
		open = -1
		if m.Role != "assistant" || len(m.ToolCalls) == 0 {
			continue
		}
		open = i
		for j, c := range m.ToolCalls {
			if seen[c.ID] {
				return invalidRequest(fmt.Sprintf("Duplicate tool call id '%s'.", c.ID),
					fmt.Sprintf("messages[%d].tool_calls[%d].id", i, j), "")
			}
			seen[c.ID] = true
			pending = append(pending, c.ID)
		}
	}
	if len(pending) > 0 {
		return unanswered()
	}
	return nil
}

var toolName = lazyre.New(`^[a-zA-Z0-9_-]{1,64}$`)

// checkTools checks the tool definitions: function tools with valid, unique
// names and parameters that are a JSON Schema object.
func checkTools(tools []Tool, raw []map[string]json.RawMessage, params func(json.RawMessage) error) *apiError {
	names := map[string]bool{}
	for i, tool := range tools {
		p := fmt.Sprintf("tools[%d]", i)
		for _, name := range slices.Sorted(maps.Keys(raw[i])) {
			if name != "type" && name != "function" {
				return invalidRequest(fmt.Sprintf("Additional properties are not allowed ('%s' was unexpected) - '%s'.",
					name, p), p, "")
			}
		}
		var fields map[string]json.RawMessage
		_ = json.Unmarshal(raw[i]["function"], &fields)
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			if !slices.Contains([]string{"name", "description", "parameters", "strict"}, name) {
				return invalidRequest(fmt.Sprintf("Additional properties are not allowed ('%s' was unexpected) - '%s.function'.",
					name, p), p+".function", "")
			}
		}
		fn := tool.Function
		switch {
		case tool.Type != "function":
			return invalidRequest(fmt.Sprintf("Invalid value: '%s'. Supported values are: 'function'.", tool.Type),
				p+".type", "invalid_value")
		case !toolName.MatchString(fn.Name):
			return invalidRequest(fmt.Sprintf("Invalid '%s.function.name': string does not match pattern. "+
				"Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$' of at most 64 characters.", p),
				p+".function.name", "invalid_value")
		case names[fn.Name]:
			return invalidRequest(fmt.Sprintf("Duplicate tool name '%s'.", fn.Name), p+".function.name", "")
		}
		names[fn.Name] = true
		if fn.Parameters == nil {
			continue
		}
		if err := params(fn.Parameters); err != nil {
			return invalidRequest(fmt.Sprintf("Invalid schema for function '%s': %v.", fn.Name, err),
				p+".function.parameters", "invalid_function_parameters")
		}
	}
	return nil
}

// checkToolChoice checks tool_choice and parallel_tool_calls, which need tools.
func checkToolChoice(req Request) *apiError {
	if req.ParallelToolCalls != nil && len(req.Tools) == 0 {
		return invalidRequest("Invalid value for 'parallel_tool_calls': 'parallel_tool_calls' is only allowed "+
			"when 'tools' are specified.", "parallel_tool_calls", "")
	}
	if req.ToolChoice == nil || string(req.ToolChoice) == "null" {
		return nil
	}
	if len(req.Tools) == 0 {
		return invalidRequest("Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
			"tool_choice", "")
	}
	var mode string
	if json.Unmarshal(req.ToolChoice, &mode) == nil {
		if slices.Contains([]string{"none", "auto", "required"}, mode) {
			return nil
		}
		return invalidRequest(fmt.Sprintf("Invalid value: '%s'. Supported values are: 'none', 'auto', and 'required'.", mode),
			"tool_choice", "invalid_value")
	}
	var named struct {
		Type     string `json:"type"`
		Function struct {
			Name string `json:"name"`
		} `json:"function"`
	}
	if json.Unmarshal(req.ToolChoice, &named) != nil || named.Type != "function" {
		return invalidRequest("Invalid value for 'tool_choice': expected 'none', 'auto', 'required' or "+
			`{"type": "function", "function": {"name": ...}}.`, "tool_choice", "invalid_value")
	}
	for _, t := range req.Tools {
		if t.Function.Name == named.Function.Name {
			return nil
		}
	}
	return invalidRequest(fmt.Sprintf("Invalid value for 'tool_choice': function '%s' is not among the tools.",
		named.Function.Name), "tool_choice", "invalid_value")
}

// checkOptions checks stream_options and the sampling parameters' ranges.
func checkOptions(req Request) *apiError {
	switch {
	case req.StreamOptions != nil && !req.Stream:
		return invalidRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
			"stream_options", "invalid_value")
	case req.Temperature != nil && (*req.Temperature < 0 || *req.Temperature > 2):
		return invalidRequest(fmt.Sprintf("Invalid 'temperature': expected a value "+
			"between 0 and 2, but got %g instead.", *req.Temperature), "temperature", "invalid_value")
	case req.TopP != nil && (*req.TopP < 0 || *req.TopP > 1):
		return invalidRequest(fmt.Sprintf("Invalid 'top_p': expected a value between 0 and 1, but got %g instead.",
			*req.TopP), "top_p", "invalid_value")
	case req.N != nil && *req.N != 1:
		// The API allows more choices; the fake serves one, so a client asking
		// for more is a test that expects something it will not get.
		return invalidRequest(fmt.Sprintf("Invalid 'n': this server answers with one choice, got %d.", *req.N),
			"n", "invalid_value")
	case req.MaxTokens != nil && *req.MaxTokens < 1:
		return invalidRequest("Invalid 'max_tokens': expected a value of at least 1.", "max_tokens", "invalid_value")
	case req.MaxCompletionTokens != nil && *req.MaxCompletionTokens < 1:
		return invalidRequest("Invalid 'max_completion_tokens': expected a value of at least 1.",
			"max_completion_tokens", "invalid_value")
	case req.ReasoningEffort != "" && !slices.Contains([]string{"none", "minimal", "low", "medium", "high", "xhigh"}, req.ReasoningEffort):
		return invalidRequest(fmt.Sprintf("Invalid value: '%s'. Supported values are: 'none', 'minimal', 'low', "+
			"'medium', 'high' and 'xhigh'.", req.ReasoningEffort), "reasoning_effort", "invalid_value")
	}
	return nil
}
