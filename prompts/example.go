package prompts

import (
	"strings"
)

// Example is one worked example of when a persona should be used, in the
// shape Claude Code subagent descriptions use.
type Example struct {
	// Context sets the scene, e.g. "A team is planning ingestion".
	Context string
	// User is what the user says.
	User string
	// Assistant is how the main agent answers by handing over to the persona.
	Assistant string
	// Commentary says why the persona fits.
	Commentary string
}

// Text renders the example as an <example> block.
func (e Example) Text() string {
	var b strings.Builder
	b.WriteString("<example>\n")
	if e.Context != "" {
		b.WriteString("Context: " + e.Context + "\n")
	}
	if e.User != "" {
		b.WriteString(`user: "` + e.User + "\"\n")
	}
	if e.Assistant != "" {
		b.WriteString(`assistant: "` + e.Assistant + "\"\n")
	}
	if e.Commentary != "" {
		b.WriteString("<commentary>" + e.Commentary + "</commentary>\n")
	}
	b.WriteString("</example>")
	return b.String()
}

// ParseExample reads the text of one example, with or without its
// <example> tags. Lines without a label continue the field above them.
func ParseExample(text string) Example {
	text = strings.ReplaceAll(text, "<example>", "")
	text = strings.ReplaceAll(text, "</example>", "")
	var e Example
	field := &e.Context
	inCommentary := false
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if !inCommentary {
			if f, rest, ok := labelled(&e, line); ok {
				field, line = f, rest
				inCommentary = f == &e.Commentary
			}
		}
		if inCommentary {
			if before, _, closed := strings.Cut(line, "</commentary>"); closed {
				line, inCommentary = before, false
			}
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if *field != "" {
			*field += "\n"
		}
		*field += line
	}
	e.User = unquote(e.User)
	e.Assistant = unquote(e.Assistant)
	return e
}

// labelled reports which field a line's label selects, and the text after it.
func labelled(e *Example, line string) (*string, string, bool) {
	lower := strings.ToLower(line)
	for _, l := range []struct {
		prefix string
		field  *string
	}{
		{"context:", &e.Context},
		{"user:", &e.User},
		{"assistant:", &e.Assistant},
		{"<commentary>", &e.Commentary},
	} {
		if strings.HasPrefix(lower, l.prefix) {
			return l.field, line[len(l.prefix):], true
		}
	}
	return nil, "", false
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// extractExamples returns every <example>…</example> block in text; a last
// block without its closing tag runs to the end of the text.
func extractExamples(text string) []Example {
	var out []Example
	for {
		i := strings.Index(text, "<example>")
		if i < 0 {
			return out
		}
		text = text[i+len("<example>"):]
		inner := text
		if j := strings.Index(text, "</example>"); j >= 0 {
			inner, text = text[:j], text[j+len("</example>"):]
		} else {
			text = ""
		}
		if e := ParseExample(inner); e != (Example{}) {
			out = append(out, e)
		}
	}
}

// examplesFromText reads examples from one text item: its tagged blocks,
// or the whole text as a single example when it has no tags.
func examplesFromText(text string) []Example {
	if strings.Contains(text, "<example>") {
		return extractExamples(text)
	}
	if e := ParseExample(text); e != (Example{}) {
		return []Example{e}
	}
	return nil
}

// splitDescription separates a description from the <example> blocks that
// Claude Code subagent files fold into it.
func splitDescription(desc string) (string, []Example) {
	i := strings.Index(desc, "<example>")
	if i < 0 {
		return strings.TrimSpace(desc), nil
	}
	return strings.TrimSpace(desc[:i]), extractExamples(desc[i:])
}
