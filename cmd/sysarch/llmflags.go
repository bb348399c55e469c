package main

import (
	"log/slog"
	"strings"
	"time"

	"github.com/spf13/pflag"
	"github.com/sysarch/sysarch/agent/provider"
)

// llmFlags are the model settings shared by the commands that can talk to
// a model.
type llmFlags struct {
	provider, model, baseURL string
	timeout                  time.Duration
	maxSteps                 int
	verbose                  bool
	noStreamOptions          bool
}

func (f *llmFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&f.provider, "provider", "", "model provider: "+strings.Join(provider.PresetNames(), ", ")+" (default: the one whose key is set)")
	fs.StringVar(&f.model, "model", "", "model name (default: $SYSARCH_MODEL, the config file, or the provider's default)")
	fs.StringVar(&f.baseURL, "base-url", "", "any OpenAI-compatible endpoint, e.g. http://localhost:8000/v1")
	fs.DurationVar(&f.timeout, "timeout", 120*time.Second, "time to wait for each model request to start answering")
	fs.IntVar(&f.maxSteps, "max-steps", 12, "model round trips per turn before giving up")
	fs.BoolVar(&f.verbose, "verbose", false, "log each model request to stderr")
	fs.BoolVar(&f.noStreamOptions, "no-stream-options", false, "do not send stream_options (for gateways that reject it; also SYSARCH_STREAM_OPTIONS=off)")
}

// resolve returns the effective provider configuration.
func (f *llmFlags) resolve(ios *IOStreams) (provider.Config, error) {
	path := provider.ConfigPath(ios.Getenv)
	file, err := provider.LoadFile(path)
	if err != nil {
		return provider.Config{}, usageError(err)
	}
	cfg, err := provider.Resolve(provider.Flags{Provider: f.provider, Model: f.model, BaseURL: f.baseURL, NoStreamOptions: f.noStreamOptions}, ios.Getenv, file, path)
	if err != nil {
		return cfg, usageError(err)
	}
	return cfg, nil
}

// client returns a model client; request logs go to stderr with --verbose.
func (f *llmFlags) client(ios *IOStreams, cfg provider.Config) *provider.Client {
	var logger *slog.Logger
	if f.verbose {
		logger = slog.New(slog.NewTextHandler(ios.ErrOut, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	return provider.New(cfg, provider.Options{Timeout: f.timeout, Logger: logger, Now: time.Now})
}
