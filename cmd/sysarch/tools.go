package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/capacity"
)

func newToolsCmd(ios *IOStreams) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "tools",
		Short: "List the capacity tools (--json: as OpenAI tool definitions)",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			reg := capacity.Default()
			if asJSON {
				return writeJSON(ios.Out, reg.OpenAI())
			}
			tw := tabwriter.NewWriter(ios.Out, 0, 0, 2, ' ', 0)
			for _, t := range reg.Tools() {
				fmt.Fprintf(tw, "%s\t%s\n", t.Name, t.Description)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the tools as OpenAI tool definitions")
	return cmd
}
