package export

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// agentNameRE is Claude Code's rule for subagent names: lowercase letters
// and hyphens.
var agentNameRE = lazyre.New(`^[a-z]+(-[a-z]+)*$`)

// AgentName turns a persona name into an agent name Claude Code accepts:
// lowercase letters and hyphens, 3 to 50 characters. Other characters
// become hyphens.
func AgentName(personaName string) (string, error) {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(personaName) {
		if r >= 'a' && r <= 'z' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
		} else {
			hyphen = true
		}
	}
	name := b.String()
	if len(name) < 3 || len(name) > 50 || !agentNameRE.MatchString(name) {
		return "", fmt.Errorf("persona name %q does not make an agent name of 3 to 50 lowercase letters and hyphens: rename the persona", personaName)
	}
	return name, nil
}

// claudeModelID matches a full Claude model id such as claude-sonnet-4-5.
var claudeModelID = lazyre.New(`^claude-[a-z0-9][a-z0-9.-]*$`)

// isClaudeModel reports whether model is one Claude Code accepts for a
// subagent: an alias, "inherit", or a full model id.
func isClaudeModel(model string) bool {
	switch model {
	case "opus", "sonnet", "haiku", "inherit":
		return true
	}
	return claudeModelID.MatchString(model)
}

func checkClaudeModel(model string) error {
	if !isClaudeModel(model) {
		return fmt.Errorf("model %q is not one Claude Code accepts: use opus, sonnet, haiku, inherit or a full model id starting with claude-", model)
	}
	return nil
}

// ClaudeColors lists the subagent colours Claude Code documents.
func ClaudeColors() []string {
	return []string{"red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"}
}

func checkClaudeColor(color string) error {
	for _, c := range ClaudeColors() {
		if color == c {
			return nil
		}
	}
	return fmt.Errorf("color %q is not one Claude Code documents: use one of %s", color, strings.Join(ClaudeColors(), ", "))
}

// toolNameRE is what both MCP clients and the Responses API accept as a
// tool name.
var toolNameRE = lazyre.New(`^[A-Za-z0-9_-]{1,64}$`)

func checkToolNames(names []string) error {
	if len(names) == 0 {
		return fmt.Errorf("no capacity tools were given: the agent needs sysarch's tools to compute its figures")
	}
	seen := map[string]bool{}
	for _, n := range names {
		if !toolNameRE.MatchString(n) {
			return fmt.Errorf("tool name %q is not 1 to 64 letters, digits, '_' or '-'", n)
		}
		if seen[n] {
			return fmt.Errorf("tool name %q is listed twice", n)
		}
		seen[n] = true
	}
	return nil
}

// openAIModel picks the model for an OpenAI-side export: the one asked for,
// else the persona's unless it names a Claude model, which OpenAI products
// would not know.
func openAIModel(requested, personaModel string) (string, error) {
	model := requested
	if model == "" && !isClaudeModel(personaModel) {
		model = personaModel
	}
	if strings.ContainsAny(model, " \t\r\n\"'") {
		return "", fmt.Errorf("model %q contains spaces or quotes: give a model id such as the one in your Codex config", model)
	}
	return model, nil
}
