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
	session bool   // the built-in prompt of sysarch's own model sessions
}

func newPromptCmd(ios *IOStreams) *cobra.Command {
	opts := &promptOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "prompt [--persona FILE]",
		Short: "Print the system prompt the model receives",
		Long: `Print the effective system prompt: the built-in persona's, or with
--persona the body of a persona file in the Claude Code subagent format
(YAML front matter with name and description, then a Markdown body).
Without --persona, 'design --llm' and 'chat' send a shorter prompt, the
persona's principles and phase rules with its figures left to the tools:
--session prints it.`,
		Example: `  sysarch prompt
  sysarch prompt --session
  sysarch prompt --persona .claude/agents/sysarch.md`,
		Args: cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error { return promptRun(opts) },
	}
	cmd.Flags().StringVar(&opts.persona, "persona", "", "persona file to use instead of the built-in persona")
	cmd.Flags().BoolVar(&opts.session, "session", false, "print the built-in prompt of design --llm and chat")
	return cmd
}

func promptRun(opts *promptOptions) error {
	if opts.session && opts.persona != "" {
		return usageErrorf("--session prints the built-in session prompt; --persona replaces it: pass one")
	}
	text := prompts.Session()
	if !opts.session {
		persona, err := loadPersona(opts.persona)
		if err != nil {
			return err
		}
		text = persona.SystemPrompt()
	}
	_, err := fmt.Fprint(opts.io.Out, text)
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
