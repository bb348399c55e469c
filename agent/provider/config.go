// Package provider connects sysarch's agent loop to any OpenAI-compatible
// chat endpoint through go-openai, and resolves which endpoint, model and
// key to use from flags, the environment and a config file.
//
// Each known provider is a preset (OpenAI, Anthropic's and Gemini's
// compatible endpoints, Azure OpenAI, Ollama, vLLM, llama.cpp, LM Studio,
// OpenRouter, Groq, DeepSeek, Mistral) that also says how its requests
// and answers differ from OpenAI's: the schema dialect it accepts, whether
// it takes stream_options, which reasoning and tool-call fields must go
// back to it. The client turns every error body shape into one readable
// line and tolerates the stream shapes these servers send.
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

// Flags are the provider settings given on the command line; empty means
// not given.
type Flags struct {
	Provider, Model, BaseURL string
	// NoStreamOptions stops sending stream_options (--no-stream-options).
	NoStreamOptions bool
}

// FileConfig is the config file: $XDG_CONFIG_HOME/sysarch/config.yaml.
type FileConfig struct {
	Provider string `yaml:"provider,omitempty"`
	Model    string `yaml:"model,omitempty"`
	BaseURL  string `yaml:"base_url,omitempty"`
	APIKey   string `yaml:"api_key,omitempty"`
	// StreamOptions, when set, turns stream_options on or off whatever
	// the preset says.
	StreamOptions *bool `yaml:"stream_options,omitempty"`
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

	// The preset's adaptations; see Preset.
	Dialect           Dialect
	StreamOptions     bool
	StreamOptionsFrom string
	EchoReasoning     bool
	KeepCallExtras    bool
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
// then the config file, then the preset's default. An endpoint given
// without naming a provider gets the custom preset's safe adaptations.
func Resolve(flags Flags, getenv func(string) string, file FileConfig, filePath string) (Config, error) {
	var c Config
	pick(&c.Provider, &c.ProviderFrom,
		[2]string{flags.Provider, "--provider"}, [2]string{getenv("SYSARCH_PROVIDER"), "SYSARCH_PROVIDER"},
		[2]string{file.Provider, filePath})
	if c.Provider == "" {
		switch {
		case flags.BaseURL != "":
			c.Provider, c.ProviderFrom = custom, "--base-url without --provider"
		case file.BaseURL != "":
			c.Provider, c.ProviderFrom = custom, "base_url without provider in "+filePath
		default:
			pick(&c.Provider, &c.ProviderFrom, [2]string{inferProvider(getenv), "detected from the environment"}, [2]string{"openai", "default"})
		}
	}
	preset, ok := PresetNamed(c.Provider)
	if !ok {
		return c, fmt.Errorf("unknown provider %q (from %s); use one of %s, or --base-url for any OpenAI-compatible endpoint",
			c.Provider, c.ProviderFrom, strings.Join(PresetNames(), ", "))
	}
	c.Provider, c.NeedsKey = preset.Name, preset.NeedsKey
	c.Dialect, c.EchoReasoning, c.KeepCallExtras = preset.Dialect, preset.EchoReasoning, preset.KeepCallExtras
	pick(&c.Model, &c.ModelFrom,
		[2]string{flags.Model, "--model"}, [2]string{getenv("SYSARCH_MODEL"), "SYSARCH_MODEL"},
		[2]string{file.Model, filePath}, [2]string{preset.Model, "default for " + preset.Name})
	urlEnv := ""
	if preset.URLEnv != "" {
		urlEnv = getenv(preset.URLEnv)
	}
	pick(&c.BaseURL, &c.BaseURLFrom,
		[2]string{flags.BaseURL, "--base-url"}, [2]string{urlEnv, preset.URLEnv},
		[2]string{file.BaseURL, filePath}, [2]string{preset.BaseURL, "default for " + preset.Name})
	if c.BaseURL == "" {
		return c, fmt.Errorf("%s needs its endpoint: set %s or pass --base-url (for Azure: https://RESOURCE.openai.azure.com/openai/v1)", preset.Title, preset.URLEnv)
	}
	if flags.BaseURL != "" || urlEnv != "" || file.BaseURL != "" {
		// A custom endpoint (a local vLLM, LM Studio, a proxy) may need no key.
		c.NeedsKey = false
	}
	if err := c.resolveStreamOptions(preset, flags, getenv, file, filePath); err != nil {
		return c, err
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

// pick sets dst to the first candidate that is not blank, and from to
// where it came from.
func pick(dst, from *string, candidates ...[2]string) {
	for _, cand := range candidates {
		if strings.TrimSpace(cand[0]) != "" {
			*dst, *from = strings.TrimSpace(cand[0]), cand[1]
			return
		}
	}
}

// resolveStreamOptions decides whether requests carry stream_options:
// --no-stream-options, then SYSARCH_STREAM_OPTIONS, then the config file,
// then the preset.
func (c *Config) resolveStreamOptions(preset Preset, flags Flags, getenv func(string) string, file FileConfig, filePath string) error {
	c.StreamOptions, c.StreamOptionsFrom = preset.StreamOptions, "default for "+preset.Name
	switch v := strings.ToLower(strings.TrimSpace(getenv("SYSARCH_STREAM_OPTIONS"))); {
	case flags.NoStreamOptions:
		c.StreamOptions, c.StreamOptionsFrom = false, "--no-stream-options"
	case v == "on" || v == "true" || v == "1":
		c.StreamOptions, c.StreamOptionsFrom = true, "SYSARCH_STREAM_OPTIONS"
	case v == "off" || v == "false" || v == "0":
		c.StreamOptions, c.StreamOptionsFrom = false, "SYSARCH_STREAM_OPTIONS"
	case v != "":
		return fmt.Errorf("SYSARCH_STREAM_OPTIONS=%q: use on or off", v)
	case file.StreamOptions != nil:
		c.StreamOptions, c.StreamOptionsFrom = *file.StreamOptions, filePath
	}
	return nil
}

// inferProvider picks the provider whose key is set when none is named.
func inferProvider(getenv func(string) string) string {
	for _, p := range Presets() {
		if p.KeyEnv != "" && p.Name != custom && getenv(p.KeyEnv) != "" {
			return p.Name
		}
	}
	return ""
}
