package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

func newConfigCmd(ios *IOStreams) *cobra.Command {
	var flags llmFlags
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Print the effective model configuration and where each value came from",
		Long: `Print which provider, model, endpoint and key sysarch would use, and where
each came from: a flag, the environment, the config file
($XDG_CONFIG_HOME/sysarch/config.yaml, kept 0600) or a default. The key
is never printed, only its last four characters.`,
		Args: subcommandArgs,
		RunE: func(*cobra.Command, []string) error {
			cfg, err := flags.resolve(ios)
			if err != nil {
				return err
			}
			tw := tabwriter.NewWriter(ios.Out, 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "provider\t%s\t(%s)\n", cfg.Provider, cfg.ProviderFrom)
			fmt.Fprintf(tw, "model\t%s\t(%s)\n", cfg.Model, cfg.ModelFrom)
			fmt.Fprintf(tw, "base_url\t%s\t(%s)\n", cfg.BaseURL, cfg.BaseURLFrom)
			keyFrom := cfg.KeySource
			if keyFrom == "" {
				keyFrom = "not set"
			}
			fmt.Fprintf(tw, "api_key\t%s\t(%s)\n", cfg.RedactedKey(), keyFrom)
			fmt.Fprintf(tw, "stream_options\t%s\t(%s)\n", onOff(cfg.StreamOptions), cfg.StreamOptionsFrom)
			fmt.Fprintf(tw, "schemas\t%s\t(default for %s)\n", cfg.Dialect, cfg.Provider)
			mode := "model"
			if !cfg.HasKey() {
				mode = "offline (no key; the deterministic engine is used)"
			}
			fmt.Fprintf(tw, "mode\t%s\t\n", mode)
			return tw.Flush()
		},
	}
	flags.register(cmd.Flags())
	cmd.AddCommand(newConfigSetCmd(ios))
	return cmd
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
