package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
)

// commandAliases are words people try for a command that has another
// name. The calc tools ("cost", "storage"…) are added from the calc
// command itself, so a new tool needs no entry here.
var commandAliases = map[string]string{
	"lint": "review", "check": "review", "audit": "review",
	"serve": "mcp", "server": "mcp",
	"history": "sessions", "resume": "chat --resume", "interview": "chat", "ask": "chat",
	"new": "init", "template": "init",
	"pattern": "patterns", "archetypes": "patterns",
	"calculate": "calc", "tool": "tools",
	"generate": "design", "run": "design",
}

// checkCommandWord reports a mistyped command before its flags are
// parsed: cobra would otherwise complain about the first flag ("unknown
// shorthand flag: 'f' in -f") of "sysarch desing -f x" instead of the
// word. It walks the words that name commands and stops at the first
// that names none.
func checkCommandWord(root *cobra.Command, args []string) error {
	// help and completion are added when the root runs; add them now so
	// that they are known words.
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd(args...)
	c := root
	for _, a := range args {
		if strings.HasPrefix(a, "-") || !c.HasSubCommands() {
			return nil
		}
		next := findSub(c, a)
		if next == nil {
			if c == root && (a == cobra.ShellCompRequestCmd || a == cobra.ShellCompNoDescRequestCmd) {
				return nil
			}
			if c.FParseErrWhitelist.UnknownFlags {
				return nil // the group checks its own words (calc TOOL)
			}
			return unknownCommand(c, a)
		}
		c = next
	}
	return nil
}

// findSub returns c's subcommand named or aliased a.
func findSub(c *cobra.Command, a string) *cobra.Command {
	for _, sub := range c.Commands() {
		if sub.Name() == a || slices.Contains(sub.Aliases, a) {
			return sub
		}
	}
	return nil
}

// unknownCommand says a word names no command of c, with the nearest
// name, an alias people try, or the file it may be.
func unknownCommand(c *cobra.Command, word string) error {
	msg := fmt.Sprintf("unknown command %q for %q", word, c.CommandPath())
	c.SuggestionsMinimumDistance = 2
	switch alias := aliasFor(c, word); {
	case alias != "":
		msg += "; did you mean " + c.CommandPath() + " " + alias + "?"
	case len(c.SuggestionsFor(word)) > 0:
		msg += "; did you mean " + strings.Join(c.SuggestionsFor(word), " or ") + "?"
	case !c.HasParent() && (strings.ContainsAny(word, "./") || strings.HasSuffix(word, ".md")):
		msg += fmt.Sprintf("; to design from a file: sysarch design -f %s", word)
	default:
		msg += fmt.Sprintf("; see '%s --help'", c.CommandPath())
	}
	return usageErrorf("%s", msg)
}

// aliasFor returns the command of the root people mean by word: "cost"
// is "calc cost".
func aliasFor(c *cobra.Command, word string) string {
	if c.HasParent() {
		return ""
	}
	if a, ok := commandAliases[word]; ok {
		return a
	}
	// The names, not calc's commands: those are built only for calc.
	for _, name := range capacity.DefaultNames() {
		if name == word || strings.ReplaceAll(name, "_", "-") == word {
			return "calc " + name
		}
	}
	return ""
}

var invalidValueRe = lazyre.New(`^invalid argument "(.*)" for "(?:-\w, )?(--[\w-]+)" flag: (.*)$`)

var unknownFlagRe = lazyre.New(`unknown (?:shorthand )?flag: (?:'(\w)' in )?(-{1,2}[^\s=]+)`)

// unknownFlagError turns pflag's complaint into a usage error that names the
// flag meant: "unknown flag: --detial; did you mean --detail?".
func unknownFlagError(c *cobra.Command, err error) error {
	msg := err.Error()
	// An enum flag's word: "--format: expected md or json, got "yaml"".
	if m := invalidValueRe.FindStringSubmatch(msg); m != nil {
		reason, hint, _ := strings.Cut(m[3], "; ")
		if hint != "" {
			hint = "; " + hint
		}
		return usageErrorf("%s: %s, got %q%s", m[2], reason, m[1], hint)
	}
	if m := unknownFlagRe.FindStringSubmatch(msg); m != nil && strings.HasPrefix(m[2], "--") {
		typed := strings.TrimPrefix(m[2], "--")
		if near := nearestFlag(c, typed); near != "" {
			return usageErrorf("unknown flag --%s; did you mean --%s? (see '%s --help')", typed, near, c.CommandPath())
		}
	}
	return usageErrorf("%v (see '%s --help')", err, c.CommandPath())
}

// nearestFlag returns the flag of c whose name is nearest typed: within
// two edits, or one that typed begins or ends ("--rate-per-secnd" →
// --rate-per-second).
func nearestFlag(c *cobra.Command, typed string) string {
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
	if near := nearest(typed, names, max(2, len(typed)/5)); near != "" {
		return near
	}
	for _, n := range names {
		if len(typed) >= 3 && strings.HasPrefix(n, typed) {
			return n
		}
	}
	return ""
}
