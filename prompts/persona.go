package prompts

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Persona is a system prompt with the metadata of a Claude Code subagent.
type Persona struct {
	// Name identifies the persona, e.g. "sysarch".
	Name string
	// Description says when to use the persona, without its examples.
	Description string
	// Model is the model the persona asks for, e.g. "inherit" or "opus"; may be empty.
	Model string
	// Color is the display colour the persona asks for; may be empty.
	Color string
	// Tools lists the tool names from the front matter; may be empty.
	Tools []string
	// Examples are the worked examples of when to use the persona.
	Examples []Example
	// Body is the Markdown below the front matter: the system prompt.
	Body string
}

// SystemPrompt returns the text a model receives as its system prompt.
func (p Persona) SystemPrompt() string {
	return p.Body
}

// frontMatter is the part of a persona file's YAML that sysarch reads.
// Other keys (permissionMode, skills, hooks, …) are ignored, as Claude
// Code subagent files carry many.
type frontMatter struct {
	Name        string    `yaml:"name"`
	Description string    `yaml:"description"`
	Model       string    `yaml:"model"`
	Color       string    `yaml:"color"`
	Tools       toolList  `yaml:"tools"`
	Examples    yaml.Node `yaml:"examples"`
}

// maxPersonaSize bounds a persona file: a few pages of Markdown. The
// bound is on what is read, since a device or a pipe reports no size.
const maxPersonaSize = 1 << 20

// LoadPersona reads and parses the persona file at path.
func LoadPersona(path string) (Persona, error) {
	data, err := readBounded(path)
	if err != nil {
		return Persona{}, fmt.Errorf("cannot read persona file %s: %v: check the path and its permissions", path, unwrapPathError(err))
	}
	if len(data) > maxPersonaSize {
		return Persona{}, fmt.Errorf("persona file %s is larger than 1 MiB: a persona is a few pages of Markdown", path)
	}
	p, err := ParsePersona(data)
	if err != nil {
		return Persona{}, fmt.Errorf("persona file %s: %w", path, err)
	}
	return p, nil
}

// ParsePersona parses a persona file: YAML front matter and a Markdown body.
func ParsePersona(data []byte) (Persona, error) {
	doc, err := splitFrontMatter(data)
	if err != nil {
		return Persona{}, err
	}
	fm, looseExamples, err := decodeFrontMatter(doc.yaml, doc.yamlLine)
	if err != nil {
		return Persona{}, err
	}
	if strings.TrimSpace(fm.Name) == "" {
		return Persona{}, errors.New("front matter has no name: add a line such as `name: my-architect`")
	}
	examples, err := decodeExamples(&fm.Examples, doc.yamlLine)
	if err != nil {
		return Persona{}, err
	}
	examples = append(examples, looseExamples...)
	desc, inline := splitDescription(fm.Description)
	if desc == "" {
		return Persona{}, errors.New("front matter has no description: add `description:` with one sentence on when to use this persona")
	}
	if strings.TrimSpace(doc.body) == "" {
		return Persona{}, errors.New("persona has no body: write the system prompt below the closing '---' line")
	}
	return Persona{
		Name:        strings.TrimSpace(fm.Name),
		Description: desc,
		Model:       strings.TrimSpace(fm.Model),
		Color:       strings.TrimSpace(fm.Color),
		Tools:       fm.Tools,
		Examples:    append(examples, inline...),
		Body:        doc.body,
	}, nil
}

// toolList reads `tools` written either as "Read, Grep" or as a YAML list.
type toolList []string

// UnmarshalYAML accepts a comma-separated string or a sequence of strings.
func (t *toolList) UnmarshalYAML(n *yaml.Node) error {
	var items []string
	switch n.Kind {
	case yaml.ScalarNode:
		items = strings.Split(n.Value, ",")
	case yaml.SequenceNode:
		if err := n.Decode(&items); err != nil {
			return err
		}
	default:
		return fmt.Errorf("line %d: tools must be a comma-separated string or a list of names", n.Line)
	}
	var out []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	*t = out
	return nil
}

// readBounded reads at most maxPersonaSize+1 bytes of path.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, maxPersonaSize+1))
}

// unwrapPathError drops the path from an *os.PathError, which the caller
// already names, so the message does not repeat it.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
