// Package provider connects sysarch's agent loop to any OpenAI-compatible
// chat endpoint (OpenAI, Anthropic's compatible endpoint, Ollama, vLLM,
// OpenRouter, LM Studio) through go-openai, and resolves which endpoint,
// model and key to use from flags, the environment and a config file.
package provider

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/sysarch/sysarch/agent/fileio"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Preset is a known provider: where it lives, which variable holds its
// key, and a sensible current model.
type Preset struct {
	Name      string
	BaseURL   string
	KeyEnv    string // empty: no key needed
	URLEnv    string // variable that may override the base URL
	Model     string
	NeedsKey  bool
	Docstring string
}

// Presets returns the providers sysarch knows by name.
func Presets() []Preset {
	return []Preset{
		{Name: "openai", BaseURL: "https://api.openai.com/v1", KeyEnv: "OPENAI_API_KEY", URLEnv: "OPENAI_BASE_URL", Model: "gpt-5-mini", NeedsKey: true},
		{Name: "anthropic", BaseURL: "https://api.anthropic.com/v1/", KeyEnv: "ANTHROPIC_API_KEY", URLEnv: "ANTHROPIC_BASE_URL", Model: "claude-sonnet-4-5", NeedsKey: true},
		{Name: "ollama", BaseURL: "http://localhost:11434/v1", URLEnv: "OLLAMA_BASE_URL", Model: "llama3.1"},
		{Name: "openrouter", BaseURL: "https://openrouter.ai/api/v1", KeyEnv: "OPENROUTER_API_KEY", URLEnv: "OPENROUTER_BASE_URL", Model: "openai/gpt-5-mini", NeedsKey: true},
	}
}

// PresetNamed returns the named preset.
func PresetNamed(name string) (Preset, bool) {
	for _, p := range Presets() {
		if p.Name == strings.ToLower(name) {
			return p, true
		}
	}
	return Preset{}, false
}

// Flags are the provider settings given on the command line; empty means
// not given.
type Flags struct {
	Provider, Model, BaseURL string
}

// FileConfig is the config file: $XDG_CONFIG_HOME/sysarch/config.yaml.
type FileConfig struct {
	Provider string `yaml:"provider,omitempty"`
	Model    string `yaml:"model,omitempty"`
	BaseURL  string `yaml:"base_url,omitempty"`
	APIKey   string `yaml:"api_key,omitempty"`
}

// Config is the effective provider configuration and where each value
// came from.
type Config struct {
	Provider, Model, BaseURL string
	APIKey                   string
	// KeySource names where the key came from, e.g. "OPENAI_API_KEY" or
	// the config file path; it is safe to print, the key is not.
	KeySource                            string
	ProviderFrom, ModelFrom, BaseURLFrom string
	NeedsKey                             bool
}

// HasKey says whether a model can be called: a key is present, or the
// provider needs none.
func (c Config) HasKey() bool { return c.APIKey != "" || !c.NeedsKey }

// RedactedKey returns the key for display: its last four characters at most.
func (c Config) RedactedKey() string {
	if c.APIKey == "" {
		return "(none)"
	}
	if len(c.APIKey) <= 8 {
		return "****"
	}
	return "****" + c.APIKey[len(c.APIKey)-4:]
}

// ConfigPath returns the config file's path from the environment.
func ConfigPath(getenv func(string) string) string {
	dir := getenv("XDG_CONFIG_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".config")
	}
	return filepath.Join(dir, "sysarch", "config.yaml")
}

// maxConfigBytes bounds the config file: a few settings, never more.
const maxConfigBytes = 64 << 10

// LoadFile reads the config file. A missing file is an empty config; a
// file readable by others is refused, since it may hold a key.
func LoadFile(path string) (FileConfig, error) {
	var fc FileConfig
	if path == "" {
		return fc, nil
	}
	info, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fc, nil
	}
	if err != nil {
		return fc, fmt.Errorf("config file %s: %v", path, err)
	}
	if info.Mode().Perm()&0o077 != 0 {
		return fc, fmt.Errorf("config file %s is readable by others (mode %04o); run: chmod 600 %s", path, info.Mode().Perm(), path)
	}
	data, err := fileio.ReadFile(path, maxConfigBytes)
	if errors.As(err, new(*fileio.TooLargeError)) {
		return fc, fmt.Errorf("config file %v: it holds a few settings, is this the right file?", err)
	}
	if err != nil {
		return fc, fmt.Errorf("config file %s: %v", path, fileio.Cause(err))
	}
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) { // an empty file is an empty config
		return FileConfig{}, fmt.Errorf("config file %s: %s", path, oneLine(err.Error()))
	}
	return fc, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// SaveFile writes the config file with mode 0600, creating its directory
// with mode 0700, atomically (see fileio.WriteAtomic).
func SaveFile(path string, fc FileConfig) error {
	data, err := yaml.Marshal(fc)
	if err != nil {
		return err
	}
	return fileio.WriteAtomic(path, data, fileio.WriteOptions{Perm: 0o600, ExactPerm: true, Replace: true, DirPerm: 0o700})
}

// Resolve picks each setting by precedence: flags, then the environment,
// then the config file, then the preset's default.
func Resolve(flags Flags, getenv func(string) string, file FileConfig, filePath string) (Config, error) {
	var c Config
	pick := func(dst, from *string, candidates ...[2]string) {
		for _, cand := range candidates {
			if strings.TrimSpace(cand[0]) != "" {
				*dst, *from = strings.TrimSpace(cand[0]), cand[1]
				return
			}
		}
	}
	pick(&c.Provider, &c.ProviderFrom,
		[2]string{flags.Provider, "--provider"}, [2]string{getenv("SYSARCH_PROVIDER"), "SYSARCH_PROVIDER"},
		[2]string{file.Provider, filePath}, [2]string{inferProvider(getenv), "detected from the environment"}, [2]string{"openai", "default"})
	preset, ok := PresetNamed(c.Provider)
	if !ok {
		names := make([]string, 0, 4)
		for _, p := range Presets() {
			names = append(names, p.Name)
		}
		return c, fmt.Errorf("unknown provider %q (from %s); use one of %s, or --base-url for any OpenAI-compatible endpoint", c.Provider, c.ProviderFrom, strings.Join(names, ", "))
	}
	c.Provider, c.NeedsKey = preset.Name, preset.NeedsKey
	pick(&c.Model, &c.ModelFrom,
		[2]string{flags.Model, "--model"}, [2]string{getenv("SYSARCH_MODEL"), "SYSARCH_MODEL"},
		[2]string{file.Model, filePath}, [2]string{preset.Model, "default for " + preset.Name})
	pick(&c.BaseURL, &c.BaseURLFrom,
		[2]string{flags.BaseURL, "--base-url"}, [2]string{getenv(preset.URLEnv), preset.URLEnv},
		[2]string{file.BaseURL, filePath}, [2]string{preset.BaseURL, "default for " + preset.Name})
	if flags.BaseURL != "" || getenv(preset.URLEnv) != "" || file.BaseURL != "" {
		// A custom endpoint (a local vLLM, LM Studio, a proxy) may need no key.
		c.NeedsKey = false
	}
	if preset.KeyEnv != "" && getenv(preset.KeyEnv) != "" {
		c.APIKey, c.KeySource = getenv(preset.KeyEnv), preset.KeyEnv
	} else if getenv("SYSARCH_API_KEY") != "" {
		c.APIKey, c.KeySource = getenv("SYSARCH_API_KEY"), "SYSARCH_API_KEY"
	} else if file.APIKey != "" {
		c.APIKey, c.KeySource = file.APIKey, filePath
	}
	return c, nil
}

// inferProvider picks the provider whose key is set when none is named.
func inferProvider(getenv func(string) string) string {
	for _, p := range Presets() {
		if p.KeyEnv != "" && getenv(p.KeyEnv) != "" {
			return p.Name
		}
	}
	return ""
}
