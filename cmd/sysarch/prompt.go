package main

import (
	"fmt"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/prompts"
)

// promptOptions are the flags of the prompt command.
type promptOptions struct {
	io      *IOStreams
	persona string // a persona file; empty means the built-in persona
}

func newPromptCmd(ios *IOStreams) *cobra.Command {
	opts := &promptOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "prompt [--persona FILE]",
		Short: "Print the system prompt the model receives",
		Long: `Print the effective system prompt: the built-in one (the persona's
principles and phase rules in short, its figures left to the tools; 'sysarch
export claude' writes the full persona), or with --persona the body of a
persona file in the Claude Code subagent format (YAML front matter with name
and description, then a Markdown body).`,
		Example: `  sysarch prompt
  sysarch prompt --persona .claude/agents/sysarch.md`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return promptRun(opts) },
	}
	cmd.Flags().StringVar(&opts.persona, "persona", "", "persona file to use instead of the built-in persona")
	return cmd
}

func promptRun(opts *promptOptions) error {
	text, err := modelPrompt(opts.persona)
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(opts.io.Out, text)
	return err
}

// modelPrompt returns the system prompt of a model session: the body of
// the persona file in path, or the built-in session prompt when path is
// empty.
func modelPrompt(path string) (string, error) {
	if path == "" {
		return prompts.Session(), nil
	}
	p, err := loadPersona(path)
	if err != nil {
		return "", err
	}
	return p.SystemPrompt(), nil
}

// loadPersona returns the persona in path, or the built-in one when path is
// empty. A file that cannot be read or parsed is bad input: exit code 2.
func loadPersona(path string) (prompts.Persona, error) {
	if path == "" {
		return prompts.Builtin(), nil
	}
	p, err := prompts.LoadPersona(path)
	if err != nil {
		return prompts.Persona{}, usageError(err)
	}
	return p, nil
}
