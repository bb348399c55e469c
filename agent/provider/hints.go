package provider

import (
	"fmt"
	"net/http"
	"strings"
)

// knownCause is a failure whose cause is known from the provider's words,
// and what to do about it.
type knownCause struct {
	words []string // any of these, lower case, in the message
	hint  string
}

var knownCauses = []knownCause{
	{[]string{"enable-auto-tool-choice", "auto\" tool choice requires", "auto tool choice requires"},
		"start vLLM with --enable-auto-tool-choice --tool-call-parser NAME (hermes for Qwen, llama3_json for Llama)"},
	{[]string{"does not support tools", "support tool use", "tools is not supported", "tool calling is not supported",
		"does not support function calling", "tool use is not supported", "tools are not supported"},
		"this model cannot call tools: pick one that can (llama3.1, qwen3, mistral-nemo…), or design without --llm"},
	{[]string{"stream_options"}, "turn it off with --no-stream-options or SYSARCH_STREAM_OPTIONS=off"},
	{[]string{"proto field is not repeating", "thought_signature", "thought signature"}, "use --provider gemini, which sends single-type schemas and keeps thought signatures"},
	{[]string{"reasoning_content"}, "use --provider deepseek, which sends reasoning_content back"},
	{[]string{"tool_use_failed", "failed to call a function", "failed_generation"},
		"the model wrote a tool call the server could not parse; try again or pick a stronger model"},
	{[]string{"--jinja"}, "start llama-server with --jinja so the model can call tools"},
}

// hint names the likely cause of a failure and the fix.
func (c *Client) hint(status int, detail string) string {
	l := strings.ToLower(detail)
	for _, k := range knownCauses {
		for _, w := range k.words {
			if strings.Contains(l, w) {
				return k.hint
			}
		}
	}
	p, _ := PresetNamed(c.cfg.Provider)
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden ||
		strings.Contains(l, "api key") || strings.Contains(l, "api_key"):
		if c.cfg.KeySource == "" && p.KeyEnv != "" {
			return "set " + p.KeyEnv
		}
		if c.cfg.KeySource == "" {
			return "set SYSARCH_API_KEY, or the provider's key variable with --provider"
		}
		return fmt.Sprintf("check the key in %s (for %s, from its console)", c.cfg.KeySource, p.Title)
	case status == http.StatusNotFound || strings.Contains(l, "model") &&
		(strings.Contains(l, "not found") || strings.Contains(l, "does not exist") || strings.Contains(l, "unknown") || strings.Contains(l, "not exist")):
		return fmt.Sprintf("check --model (%q) and --base-url; the server lists its models at %s/models", c.cfg.Model, strings.TrimRight(c.cfg.BaseURL, "/"))
	}
	return ""
}
