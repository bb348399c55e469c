package export

import (
	"strings"
	"testing"
)

func TestAgentName(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"sysarch", "sysarch"},
		{"system-designer2", "system-designer"},
		{"My Architect", "my-architect"},
		{"--a--b--c--", "a-b-c"},
		{"Kafka_Whisperer v2", "kafka-whisperer-v"},
	}
	for _, tt := range tests {
		got, err := AgentName(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("AgentName(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "ab", "42", "a1", strings.Repeat("a", 51)} {
		if got, err := AgentName(bad); err == nil {
			t.Errorf("AgentName(%q) = %q, want an error", bad, got)
		}
	}
}

func TestIsClaudeModel(t *testing.T) {
	for _, m := range []string{"opus", "sonnet", "haiku", "inherit", "claude-sonnet-4-5", "claude-opus-4-1-20250805"} {
		if !isClaudeModel(m) {
			t.Errorf("isClaudeModel(%q) = false, want true", m)
		}
	}
	for _, m := range []string{"", "gpt-5", "Opus", "claude", "claude-", "sonnet ", "claude-x y"} {
		if isClaudeModel(m) {
			t.Errorf("isClaudeModel(%q) = true, want false", m)
		}
	}
}

func TestOpenAIModel(t *testing.T) {
	tests := []struct {
		requested, persona, want string
	}{
		{"", "inherit", ""},
		{"", "opus", ""},
		{"", "gpt-5-codex", "gpt-5-codex"},
		{"o4-mini", "opus", "o4-mini"},
	}
	for _, tt := range tests {
		got, err := openAIModel(tt.requested, tt.persona)
		if err != nil || got != tt.want {
			t.Errorf("openAIModel(%q, %q) = %q, %v; want %q", tt.requested, tt.persona, got, err, tt.want)
		}
	}
	if _, err := openAIModel("gpt 5", ""); err == nil {
		t.Error("openAIModel accepted a model with a space")
	}
}
