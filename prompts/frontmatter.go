package prompts

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"go.yaml.in/yaml/v3"
)

// document is a persona file cut into its YAML and its body.
type document struct {
	yaml     string // the lines between the two "---" lines
	yamlLine int    // the file line on which yaml starts
	body     string // the Markdown after the closing "---", or ""
}

// splitFrontMatter cuts a persona file at its "---" delimiters.
func splitFrontMatter(data []byte) (document, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	if !isDelimiter(lines[0]) {
		return document{}, errors.New("no front matter: start the file with a '---' line, then `name:` and `description:` lines, then a closing '---' line")
	}
	for i := 1; i < len(lines); i++ {
		if isDelimiter(lines[i]) {
			return document{
				yaml:     strings.Join(lines[1:i], "\n"),
				yamlLine: 2,
				body:     cleanBody(strings.Join(lines[i+1:], "\n")),
			}, nil
		}
	}
	return document{}, errors.New("front matter is not closed: add a '---' line after the last front matter key")
}

func isDelimiter(line string) bool {
	return strings.TrimRight(line, " \t") == "---"
}

// cleanBody drops the blank lines around the body and ends it with one
// newline, so that writing "---\n\n" + body reads back as the same body.
func cleanBody(s string) string {
	s = strings.TrimLeft(s, "\n")
	s = strings.TrimRight(s, " \t\n")
	if s == "" {
		return ""
	}
	return s + "\n"
}

// decodeFrontMatter decodes the YAML between the delimiters. Many published
// subagent files (the seed persona among them) write examples as unindented
// multi-line text that is not valid YAML; when strict decoding fails and an
// examples block holding <example> tags exists, the block is read as text and
// the rest is decoded strictly.
func decodeFrontMatter(src string, firstLine int) (frontMatter, []Example, error) {
	fm, err := decodeStrict(src)
	if err == nil {
		return fm, nil, nil
	}
	rest, block, ok := cutExamplesBlock(src)
	if !ok {
		return frontMatter{}, nil, yamlError(err, firstLine)
	}
	fm, err2 := decodeStrict(rest)
	if err2 != nil {
		return frontMatter{}, nil, yamlError(err2, firstLine)
	}
	return fm, extractExamples(block), nil
}

func decodeStrict(src string) (frontMatter, error) {
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		return frontMatter{}, err
	}
	var fm frontMatter
	if root.Kind == 0 {
		return fm, nil // empty front matter; the caller reports the missing name
	}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		return fm, fmt.Errorf("line %d: front matter must be `key: value` lines", doc.Line)
	}
	if err := doc.Decode(&fm); err != nil {
		return frontMatter{}, err
	}
	return fm, nil
}

// topLevelKey matches a line that starts a new top-level YAML key.
var topLevelKey = lazyre.New(`^[A-Za-z_][A-Za-z0-9_-]*[ \t]*:`)

// cutExamplesBlock removes the top-level examples block from src, keeping
// the line count so that YAML errors elsewhere still name the right line.
// It reports ok only when the block holds at least one <example> tag.
func cutExamplesBlock(src string) (rest, block string, ok bool) {
	lines := strings.Split(src, "\n")
	start := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "examples") && topLevelKey.MatchString(l) {
			start = i
			break
		}
	}
	if start < 0 {
		return "", "", false
	}
	end := start + 1
	for end < len(lines) && !topLevelKey.MatchString(lines[end]) {
		end++
	}
	block = strings.Join(lines[start:end], "\n")
	if !strings.Contains(block, "<example>") {
		return "", "", false
	}
	for i := start; i < end; i++ {
		lines[i] = ""
	}
	return strings.Join(lines, "\n"), block, true
}

// yamlLineRef finds "line N" in a YAML error message.
var yamlLineRef = lazyre.New(`\bline (\d+)`)

// yamlError turns a YAML decoding error into one line that names the file
// line and says how to fix it.
func yamlError(err error, firstLine int) error {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msgs = te.Errors
	}
	msg := strings.Join(strings.Fields(strings.TrimPrefix(msgs[0], "yaml: ")), " ")
	// YAML counts lines from the start of the front matter; people count
	// them from the top of the file.
	msg = yamlLineRef.ReplaceAllStringFunc(msg, func(ref string) string {
		n, _ := strconv.Atoi(strings.TrimPrefix(ref, "line "))
		return "line " + strconv.Itoa(n+firstLine-1)
	})
	const hint = "fix the YAML there; quote values that contain ': '"
	if where, reason, ok := strings.Cut(msg, ": "); ok && strings.HasPrefix(where, "line ") {
		return fmt.Errorf("invalid YAML in front matter at %s: %s: %s", where, reason, hint)
	}
	return fmt.Errorf("invalid YAML in front matter: %s: %s", msg, hint)
}

// decodeExamples reads the examples key: a list whose items are text (with
// or without <example> tags) or mappings with context, user, assistant and
// commentary.
func decodeExamples(n *yaml.Node, firstLine int) ([]Example, error) {
	switch n.Kind {
	case 0:
		return nil, nil
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil, nil
		}
		return examplesFromText(n.Value), nil
	case yaml.SequenceNode:
	default:
		return nil, exampleShapeError(n, firstLine)
	}
	var out []Example
	for _, item := range n.Content {
		switch item.Kind {
		case yaml.ScalarNode:
			out = append(out, examplesFromText(item.Value)...)
		case yaml.MappingNode:
			var e struct {
				Context    string `yaml:"context"`
				User       string `yaml:"user"`
				Assistant  string `yaml:"assistant"`
				Commentary string `yaml:"commentary"`
			}
			if err := item.Decode(&e); err != nil {
				return nil, yamlError(err, firstLine)
			}
			out = append(out, Example(e))
		default:
			return nil, exampleShapeError(item, firstLine)
		}
	}
	return out, nil
}

func exampleShapeError(n *yaml.Node, firstLine int) error {
	return fmt.Errorf("examples at line %d must be a list of text items or of mappings with context, user, assistant and commentary", n.Line+firstLine-1)
}
