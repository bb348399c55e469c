package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/sysarch/sysarch/agent/provider"
)

// registerCompletions offers values for flags whose values come from a
// short list, so the shell can complete "--format j" or "--provider o".
// An enum flag (enumFlag) completes its own words; the values of a
// command's own flag (by command path) win over the values by flag name.
func registerCompletions(root *cobra.Command, ios *IOStreams) {
	byName := map[string]func() []string{
		"provider": providerNames,
		"scale":    constant("2x\tthe load doubled", "10x\ta tenfold what-if", "0.5x\thalf the load"),
		"per":      constant("second", "minute", "hour", "day", "week", "month", "year"),
		"resume":   func() []string { return sessionIDs(ios) },
	}
	byCommand := map[string]map[string]func() []string{
		"sysarch export openai": {"format": constant("codex\tagent and config files", "agents-sdk\tJSON on stdout")},
		"sysarch export claude": {"model": constant("opus", "sonnet", "haiku", "inherit")},
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		own := byCommand[c.CommandPath()]
		c.LocalFlags().VisitAll(func(f *pflag.Flag) {
			values, ok := own[f.Name]
			if e, isEnum := f.Value.(*enumValue); !ok && isEnum {
				values, ok = constant(e.values...), true
			}
			if !ok {
				values, ok = byName[f.Name]
			}
			if ok {
				register(c, f.Name, values)
			}
		})
		switch c.CommandPath() {
		// "chat --resume ID": the flag's value is optional, so the id is
		// completed as the argument it then is.
		case "sysarch sessions show", "sysarch sessions rm", "sysarch chat":
			c.ValidArgsFunction = func(c *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 || (c.Name() == "chat" && !c.Flags().Changed("resume")) {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return sessionIDs(ios), cobra.ShellCompDirectiveNoFileComp
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// register offers values for c's own flag name, if c has one.
func register(c *cobra.Command, name string, values func() []string) {
	if c.LocalFlags().Lookup(name) == nil {
		return
	}
	_ = c.RegisterFlagCompletionFunc(name, func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, v := range values() {
			if strings.HasPrefix(v, prefix) {
				out = append(out, v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
}

func constant(values ...string) func() []string { return func() []string { return values } }

func providerNames() []string {
	var names []string
	for _, p := range provider.Presets() {
		names = append(names, p.Name+"\t"+p.BaseURL)
	}
	return names
}

// sessionIDs lists the sessions, the latest first, with their titles.
func sessionIDs(ios *IOStreams) []string {
	store, err := openSessionStore(ios)
	if err != nil {
		return nil
	}
	list, err := store.List()
	if err != nil {
		return nil
	}
	var ids []string
	for _, s := range list {
		ids = append(ids, s.ID+"\t"+s.Title)
	}
	return ids
}
