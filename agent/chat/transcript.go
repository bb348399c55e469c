package chat

import (
	"fmt"
	"io"
	"strings"

	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/session"
)

// WriteTranscript writes the conversation in events as a person reads it:
// each user turn after the prompt it was typed at, each answer, a dim line
// per tool call, and "[cancelled]" after an answer cut short. With style
// false it writes plain text without escape codes. With a width above 0
// (a terminal's) every line is wrapped at word boundaries, so that the
// terminal never breaks one in the middle of a number.
func WriteTranscript(w io.Writer, events []session.Event, style bool, width int) {
	p := phase.Functional
	for _, e := range events {
		switch e.Type {
		case session.User:
			cont := "\n" + strings.Repeat(" ", max(0, len([]rune(p.Prompt()))-2)) + "… "
			fmt.Fprintf(w, "%s\n", wrapText(p.Prompt()+strings.ReplaceAll(e.Text, "\n", cont), width))
		case session.Assistant:
			text := wrapText(strings.TrimRight(e.Text, "\n"), width)
			if e.Partial {
				mark := "[cut short]"
				if e.Cancelled {
					mark = "[cancelled]"
				}
				text += " " + dim(mark, style)
			}
			fmt.Fprintln(w, text)
		case session.ToolResult:
			if e.Tool != nil {
				fmt.Fprintln(w, dim(toolLine(*e.Tool), style))
			}
		case session.Phase:
			if q, ok := phase.Parse(e.Phase); ok {
				p = q
			}
		case session.Reset:
			fmt.Fprintln(w, dim("— started over —", style))
			p = phase.Functional
		}
	}
}

// wrapText wraps each line of text at word boundaries to width, keeping
// its indentation; a width of 0 or less leaves it as it is.
func wrapText(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = wrapLine("", l, width)
	}
	return strings.Join(lines, "\n")
}

// toolLine sums up a tool call on one line: its Summary when the
// responder gave one, else its name and arguments.
func toolLine(t session.Tool) string {
	switch {
	case t.Error != "":
		return fmt.Sprintf("  %s failed: %s", t.Name, t.Error)
	case t.Summary != "":
		return "  " + t.Summary
	}
	return fmt.Sprintf("  %s %s", t.Name, strings.TrimSpace(string(t.Args)))
}

func dim(s string, style bool) string {
	if !style {
		return s
	}
	return "\x1b[2m" + s + "\x1b[0m"
}

// terminalWidth is the width to wrap plain text to: the terminal's, or 0
// (no wrapping) when the chat is not on one.
func (c *Chat) terminalWidth() int {
	if !c.opts.Terminal {
		return 0
	}
	return c.opts.Width
}
