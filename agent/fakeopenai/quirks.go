package fakeopenai

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Quirk is a way a compatible server differs from OpenAI's in what it
// accepts. A request that breaks a quirk's rule is answered the way that
// server answers it; unlike a malformed request it does not fail the
// test, since a correct client may send it before it learns better.
type Quirk string

// The quirks a server can be given.
const (
	// RejectListTypes refuses tool schemas whose "type" is a list, as
	// Gemini's endpoint does ("Proto field is not repeating").
	RejectListTypes Quirk = "reject_list_types"
	// RejectStreamOptions refuses stream_options, as strict gateways and
	// Azure OpenAI on older API versions do.
	RejectStreamOptions Quirk = "reject_stream_options"
	// EchoReasoning streams reasoning_content with every reply and
	// refuses an assistant turn with tool calls that does not send it
	// back, as DeepSeek's thinking mode does.
	EchoReasoning Quirk = "echo_reasoning"
	// ThoughtSignatures gives every tool call an extra_content thought
	// signature and refuses a tool call sent back without it, as Gemini 3
	// does.
	ThoughtSignatures Quirk = "thought_signatures"
	// NoAutoToolChoice refuses any request with tools, as vLLM does when
	// it was started without --enable-auto-tool-choice.
	NoAutoToolChoice Quirk = "no_auto_tool_choice"
	// NoToolSupport refuses any request with tools, as Ollama does for a
	// model that cannot call tools.
	NoToolSupport Quirk = "no_tool_support"
)

// Shape is the form of an error body.
type Shape string

// The error body shapes of the providers.
const (
	ShapeOpenAI    Shape = "openai"    // {"error": {"message", "type", "param", "code"}}
	ShapeArray     Shape = "array"     // Gemini: [{"error": {"code", "message", "status"}}]
	ShapeObject    Shape = "object"    // vLLM, Mistral: {"object": "error", "message", "type", "code"}
	ShapeAnthropic Shape = "anthropic" // {"type": "error", "error": {"type", "message"}}
	ShapeText      Shape = "text"      // a plain-text body
)

// presetQuirks are the quirks and error shape of each provider preset.
var presetQuirks = map[string]struct {
	quirks    []Quirk
	shape     Shape
	reasoning string // the field reasoning deltas come in
	keepAlive int    // comment lines before each stream
}{
	"openai":     {nil, ShapeOpenAI, "", 0},
	"anthropic":  {nil, ShapeAnthropic, "", 0},
	"gemini":     {[]Quirk{RejectListTypes, ThoughtSignatures}, ShapeArray, "", 0},
	"azure":      {[]Quirk{RejectStreamOptions}, ShapeOpenAI, "", 0},
	"ollama":     {nil, ShapeOpenAI, "reasoning", 0},
	"vllm":       {nil, ShapeObject, "reasoning_content", 0},
	"llamacpp":   {nil, ShapeOpenAI, "reasoning_content", 0},
	"lmstudio":   {nil, ShapeText, "reasoning", 0},
	"openrouter": {nil, ShapeOpenAI, "reasoning", 320},
	"groq":       {nil, ShapeOpenAI, "reasoning", 0},
	"deepseek":   {[]Quirk{EchoReasoning}, ShapeOpenAI, "reasoning_content", 0},
	"mistral":    {[]Quirk{RejectStreamOptions}, ShapeObject, "", 0},
}

// Presets lists the providers Preset knows.
func Presets() []string {
	var names []string
	for name := range presetQuirks {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// Preset makes the server behave like the named provider: its quirks,
// its error body shape, the field its reasoning comes in, and, for
// OpenRouter, keep-alive comments before every stream.
func Preset(name string) Option {
	p, ok := presetQuirks[name]
	if !ok {
		panic(fmt.Sprintf("fakeopenai: unknown preset %q; known: %s", name, strings.Join(Presets(), ", ")))
	}
	return func(c *config) {
		c.quirks = append(c.quirks, p.quirks...)
		c.shape, c.reasoningField, c.keepAlive = p.shape, p.reasoning, p.keepAlive
	}
}

// Quirks adds quirks to the server.
func Quirks(q ...Quirk) Option { return func(c *config) { c.quirks = append(c.quirks, q...) } }

// ErrorShape sets the shape of the server's error bodies.
func ErrorShape(s Shape) Option { return func(c *config) { c.shape = s } }

func (c *config) has(q Quirk) bool { return slices.Contains(c.quirks, q) }

// checkQuirks applies the server's quirks to a request that is otherwise
// valid, returning the provider's answer to one that breaks them.
func (s *Server) checkQuirks(req Request) *apiError {
	c := &s.cfg
	switch {
	case c.has(RejectStreamOptions) && req.StreamOptions != nil:
		return invalidRequest("Unrecognized request argument supplied: stream_options", "", "")
	case c.has(NoAutoToolChoice) && len(req.Tools) > 0:
		e := newAPIError(http.StatusBadRequest, `"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set`, "BadRequestError", "", "")
		e.shape = ShapeObject
		return e
	case c.has(NoToolSupport) && len(req.Tools) > 0:
		return newAPIError(http.StatusBadRequest, "registry.ollama.ai/library/"+req.Model+":latest does not support tools", "api_error", "", "")
	}
	if c.has(RejectListTypes) {
		for i, t := range req.Tools {
			if at := listType(t.Function.Parameters, ""); at != "" {
				e := newAPIError(http.StatusBadRequest, fmt.Sprintf("Invalid JSON payload received. Unknown name \"type\" at "+
					"'tools[%d].function.parameters%s': Proto field is not repeating, cannot start list.", i, at), "", "", "")
				e.shape, e.status2 = ShapeArray, "INVALID_ARGUMENT"
				return e
			}
		}
	}
	for i, m := range req.Messages {
		if m.Role != "assistant" || len(m.ToolCalls) == 0 {
			continue
		}
		if c.has(EchoReasoning) && m.ReasoningContent == "" {
			return invalidRequest(fmt.Sprintf("Missing `reasoning_content` field in the assistant message at message index %d. "+
				"For more information, please refer to https://api-docs.deepseek.com/guides/thinking_mode#tool-calls", i), "", "invalid_request_error")
		}
		if c.has(ThoughtSignatures) {
			for j, call := range m.ToolCalls {
				if !s.signed(call) {
					e := newAPIError(http.StatusBadRequest, fmt.Sprintf("Function call is missing a thought_signature in functionCall parts. "+
						"This is required for tools to work correctly. Additional data, function call `default_api:%s` , position %d.", call.Function.Name, j+1), "", "", "")
					e.shape, e.status2 = ShapeArray, "INVALID_ARGUMENT"
					return e
				}
			}
		}
	}
	return nil
}

// listType finds a list-valued "type" in a schema and returns where.
func listType(raw json.RawMessage, at string) string {
	var node any
	if json.Unmarshal(raw, &node) != nil {
		return ""
	}
	return findList(node, at)
}

func findList(node any, at string) string {
	switch n := node.(type) {
	case map[string]any:
		if _, ok := n["type"].([]any); ok {
			return at + ".type"
		}
		keys := make([]string, 0, len(n))
		for k := range n {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if found := findList(n[k], at+"."+k); found != "" {
				return found
			}
		}
	case []any:
		for i, e := range n {
			if found := findList(e, fmt.Sprintf("%s[%d]", at, i)); found != "" {
				return found
			}
		}
	}
	return ""
}

// signature is the thought signature the server gives the call with id.
func signature(id string) string { return "sig-" + id }

// signed says whether a tool call sent back carries the signature the
// server gave it.
func (s *Server) signed(call ToolCall) bool {
	var x struct {
		Google struct {
			ThoughtSignature string `json:"thought_signature"`
		} `json:"google"`
	}
	return json.Unmarshal(call.ExtraContent, &x) == nil && x.Google.ThoughtSignature == signature(call.ID)
}
