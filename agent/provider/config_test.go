package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestResolvePrecedence(t *testing.T) {
	file := FileConfig{Provider: "openrouter", Model: "file-model", BaseURL: "http://file/v1", APIKey: "file-key"}
	tests := []struct {
		name                       string
		flags                      Flags
		env                        map[string]string
		file                       FileConfig
		provider, model, url, from string
		key, keySource             string
	}{
		{"defaults", Flags{}, nil, FileConfig{}, "openai", "gpt-5-mini", "https://api.openai.com/v1", "default for openai", "", ""},
		{"env key picks its provider", Flags{}, map[string]string{"ANTHROPIC_API_KEY": "ak"}, FileConfig{}, "anthropic", "claude-sonnet-4-5", "https://api.anthropic.com/v1/", "default for anthropic", "ak", "ANTHROPIC_API_KEY"},
		{"file over defaults", Flags{}, nil, file, "openrouter", "file-model", "http://file/v1", "/cfg", "file-key", "/cfg"},
		{"env over file", Flags{}, map[string]string{"SYSARCH_MODEL": "env-model", "OPENROUTER_API_KEY": "ork"}, file, "openrouter", "env-model", "http://file/v1", "SYSARCH_MODEL", "ork", "OPENROUTER_API_KEY"},
		{"flags over all", Flags{Provider: "ollama", Model: "qwen", BaseURL: "http://127.0.0.1:9/v1"}, map[string]string{"SYSARCH_MODEL": "env-model"}, file, "ollama", "qwen", "http://127.0.0.1:9/v1", "--model", "file-key", "/cfg"},
		{"base url from env", Flags{}, map[string]string{"OPENAI_BASE_URL": "http://127.0.0.1:1/v1", "OPENAI_API_KEY": "k"}, FileConfig{}, "openai", "gpt-5-mini", "http://127.0.0.1:1/v1", "default for openai", "k", "OPENAI_API_KEY"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Resolve(tt.flags, env(tt.env), tt.file, "/cfg")
			if err != nil {
				t.Fatal(err)
			}
			if c.Provider != tt.provider || c.Model != tt.model || c.BaseURL != tt.url || c.ModelFrom != tt.from || c.APIKey != tt.key || c.KeySource != tt.keySource {
				t.Errorf("got %+v", c)
			}
		})
	}
	if _, err := Resolve(Flags{Provider: "acme"}, env(nil), FileConfig{}, ""); err == nil || !strings.Contains(err.Error(), "use one of openai, anthropic, gemini, azure, ollama, vllm, llamacpp, lmstudio, openrouter, groq, deepseek, mistral, custom") {
		t.Errorf("unknown provider error = %v", err)
	}
}

func TestHasKey(t *testing.T) {
	c, _ := Resolve(Flags{}, env(nil), FileConfig{}, "")
	if c.HasKey() {
		t.Error("openai without a key says it has one")
	}
	c, _ = Resolve(Flags{Provider: "ollama"}, env(nil), FileConfig{}, "")
	if !c.HasKey() {
		t.Error("ollama needs no key")
	}
	c, _ = Resolve(Flags{}, env(map[string]string{"OPENAI_API_KEY": "sk-abcdefghijkl"}), FileConfig{}, "")
	if got := c.RedactedKey(); got != "****ijkl" {
		t.Errorf("RedactedKey = %q", got)
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sysarch", "config.yaml")
	if err := SaveFile(path, FileConfig{Model: "m", APIKey: "secret"}); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	if info.Mode().Perm() != 0o600 {
		t.Errorf("config mode = %v, want 0600", info.Mode().Perm())
	}
	fc, err := LoadFile(path)
	if err != nil || fc.Model != "m" || fc.APIKey != "secret" {
		t.Errorf("LoadFile = %+v, %v", fc, err)
	}
	os.Chmod(path, 0o644)
	if _, err := LoadFile(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("an open config file was accepted: %v", err)
	}
	os.Chmod(path, 0o600)
	os.WriteFile(path, []byte("modle: x\n"), 0o600)
	if _, err := LoadFile(path); err == nil || !strings.Contains(err.Error(), "modle") {
		t.Errorf("unknown key accepted: %v", err)
	}
	if fc, err := LoadFile(filepath.Join(dir, "missing.yaml")); err != nil || fc != (FileConfig{}) {
		t.Errorf("missing file = %+v, %v", fc, err)
	}
	if got := ConfigPath(env(map[string]string{"HOME": "/h"})); got != "/h/.config/sysarch/config.yaml" {
		t.Errorf("ConfigPath = %q", got)
	}
}

func TestBaseURLAlonePicksSafeDefaults(t *testing.T) {
	c, err := Resolve(Flags{BaseURL: "http://127.0.0.1:9/v1"}, env(map[string]string{"OPENAI_API_KEY": "sk-openai"}), FileConfig{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if c.Provider != "custom" || c.Dialect != Conservative || c.StreamOptions || c.NeedsKey {
		t.Errorf("--base-url alone = %+v, want the custom preset: conservative schemas, no stream_options, no key needed", c)
	}
	if c.APIKey != "" {
		t.Errorf("the OpenAI key went to an endpoint that is not OpenAI's (from %s)", c.KeySource)
	}
	c, _ = Resolve(Flags{BaseURL: "http://127.0.0.1:9/v1"}, env(map[string]string{"SYSARCH_API_KEY": "k"}), FileConfig{}, "")
	if c.APIKey != "k" {
		t.Errorf("SYSARCH_API_KEY was not used for a custom endpoint")
	}
}

func TestStreamOptionsSetting(t *testing.T) {
	off, on := false, true
	tests := []struct {
		name  string
		flags Flags
		env   map[string]string
		file  FileConfig
		want  bool
		from  string
	}{
		{"preset on", Flags{Provider: "openai"}, nil, FileConfig{}, true, "default for openai"},
		{"preset off", Flags{Provider: "mistral"}, nil, FileConfig{}, false, "default for mistral"},
		{"flag", Flags{Provider: "openai", NoStreamOptions: true}, map[string]string{"SYSARCH_STREAM_OPTIONS": "on"}, FileConfig{}, false, "--no-stream-options"},
		{"env", Flags{Provider: "mistral"}, map[string]string{"SYSARCH_STREAM_OPTIONS": "on"}, FileConfig{StreamOptions: &off}, true, "SYSARCH_STREAM_OPTIONS"},
		{"file", Flags{Provider: "openai"}, nil, FileConfig{StreamOptions: &off}, false, "/cfg"},
		{"file on", Flags{Provider: "azure", BaseURL: "http://127.0.0.1:9/v1"}, nil, FileConfig{StreamOptions: &on}, true, "/cfg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Resolve(tt.flags, env(tt.env), tt.file, "/cfg")
			if err != nil {
				t.Fatal(err)
			}
			if c.StreamOptions != tt.want || c.StreamOptionsFrom != tt.from {
				t.Errorf("stream_options = %v (%s), want %v (%s)", c.StreamOptions, c.StreamOptionsFrom, tt.want, tt.from)
			}
		})
	}
	if _, err := Resolve(Flags{}, env(map[string]string{"SYSARCH_STREAM_OPTIONS": "maybe"}), FileConfig{}, ""); err == nil {
		t.Error("SYSARCH_STREAM_OPTIONS=maybe was accepted")
	}
}

func TestEveryPresetResolves(t *testing.T) {
	for _, p := range Presets() {
		flags := Flags{Provider: p.Name}
		if p.BaseURL == "" {
			if _, err := Resolve(flags, env(nil), FileConfig{}, ""); err == nil || !strings.Contains(err.Error(), p.URLEnv) {
				t.Errorf("%s without an endpoint: %v, want the variable to set named", p.Name, err)
			}
			flags.BaseURL = "https://example.invalid/v1"
		}
		c, err := Resolve(flags, env(nil), FileConfig{}, "")
		if err != nil || c.Provider != p.Name || c.Model == "" || c.Dialect == "" {
			t.Errorf("%s: %+v, %v", p.Name, c, err)
		}
	}
}
