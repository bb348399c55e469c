package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/design"
)

type patternsOptions struct {
	io     *IOStreams
	format string
}

func newPatternsCmd(ios *IOStreams) *cobra.Command {
	opts := &patternsOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "patterns [ID]",
		Short: "List the system archetypes sysarch designs around, or show one in full",
		Long: `sysarch recognises recurring problems in requirements (short links, news
feed, web crawler, chat, rate limiter, geo search, video, …) and builds the
design around each one's mechanism. Without an ID this lists the catalogue;
with one it shows the archetype's components, state, hot paths, data flow,
failures, decisions, figures, questions and sources.

In a requirements file, patterns: [ID] forces an archetype and
patterns: [-ID] excludes one.`,
		Example: "  sysarch patterns\n  sysarch patterns news-feed\n  sysarch patterns rate-limiter --format json",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			id := ""
			if len(args) == 1 {
				id = args[0]
			}
			return patternsRun(opts, id)
		},
	}
	enumFlag(cmd.Flags(), &opts.format, "format", "md", "output format", "md\tMarkdown", "json\tJSON for programs")
	return cmd
}

func patternsRun(opts *patternsOptions, id string) error {
	format := opts.format
	q := design.PatternQuery{Action: "list"}
	if id != "" {
		q = design.PatternQuery{Action: "get", ID: id}
	}
	ans, err := design.QueryPatterns(q)
	if err != nil {
		return usageErrorf("%s (sysarch patterns lists them)", strings.TrimSuffix(err.Error(), "; call patterns with action list for the ids"))
	}
	if format == "json" {
		if ans.Archetype != nil {
			return writeJSON(opts.io.Out, ans.Archetype)
		}
		return writeJSON(opts.io.Out, ans.Archetypes)
	}
	md := design.RenderCatalogue(ans.Archetypes)
	if ans.Archetype != nil {
		if md, err = design.RenderArchetype(ans.Archetype); err != nil {
			return err
		}
	}
	md = opts.io.renderMarkdown(md)
	_, err = opts.io.Out.Write(md)
	return err
}
