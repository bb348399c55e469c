package main

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/fileio"
	"github.com/sysarch/sysarch/agent/provider"
)

// newConfigSetCmd writes one setting to the config file, which it creates
// with mode 0600 in a 0700 directory.
func newConfigSetCmd(ios *IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "set KEY VALUE",
		Short: "Save provider, model, base_url, api_key or stream_options in the config file (api_key - reads stdin)",
		Long: `Save one setting in $XDG_CONFIG_HOME/sysarch/config.yaml, created with mode
0600. Keys: provider, model, base_url, api_key, stream_options (on or
off: off for gateways that reject it). Give the key as '-' to read
it from standard input, so it stays out of the shell's history; an empty
value removes the setting.`,
		Example: `  sysarch config set provider anthropic
  sysarch config set model claude-sonnet-4-5
  printf '%s' "$KEY" | sysarch config set api_key -`,
		Args: cobra.ExactArgs(2),
		RunE: func(_ *cobra.Command, args []string) error {
			key, value := strings.ToLower(args[0]), args[1]
			if value == "-" {
				line, err := bufio.NewReader(ios.In).ReadString('\n')
				if err != nil && line == "" {
					return usageErrorf("config set %s -: nothing on standard input", key)
				}
				value = strings.TrimSpace(line)
			}
			path := provider.ConfigPath(ios.Getenv)
			if path == "" {
				return usageErrorf("cannot place the config file: set HOME or XDG_CONFIG_HOME")
			}
			fc, err := provider.LoadFile(path)
			if err != nil {
				return usageError(err)
			}
			switch key {
			case "provider":
				if _, ok := provider.PresetNamed(value); !ok && value != "" {
					return usageErrorf("unknown provider %q; use one of %s", value, strings.Join(provider.PresetNames(), ", "))
				}
				fc.Provider = value
			case "model":
				fc.Model = value
			case "base_url", "base-url":
				fc.BaseURL = value
			case "api_key", "api-key":
				fc.APIKey = value
			case "stream_options", "stream-options":
				switch strings.ToLower(value) {
				case "":
					fc.StreamOptions = nil
				case "on", "true":
					fc.StreamOptions = new(bool)
					*fc.StreamOptions = true
				case "off", "false":
					fc.StreamOptions = new(bool)
				default:
					return usageErrorf("stream_options takes on or off, not %q", value)
				}
			default:
				return usageErrorf("unknown setting %q; use provider, model, base_url, api_key or stream_options", args[0])
			}
			if err := provider.SaveFile(path, fc); err != nil {
				return fmt.Errorf("cannot write %s: %v", path, fileio.Cause(err))
			}
			fmt.Fprintf(ios.ErrOut, "saved %s in %s\n", key, path)
			return nil
		},
	}
}
