package chat

import (
	"fmt"
	"io"
	"strings"

	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/session"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// WriteTranscript writes the conversation in events as a person reads it:
// each user turn after the prompt it was typed at, each answer, a dim line
// per tool call, and "[cancelled]" after an answer cut short. With style
// false it writes plain text without escape codes.
func WriteTranscript(w io.Writer, events []session.Event, style bool) {
	p := phase.Functional
	for _, e := range events {
		switch e.Type {
		case session.User:
			cont := "\n" + strings.Repeat(" ", max(0, len([]rune(p.Prompt()))-2)) + "… "
			fmt.Fprintf(w, "%s%s\n", p.Prompt(), strings.ReplaceAll(termsafe.String(e.Text), "\n", cont))
		case session.Assistant:
			text := strings.TrimRight(termsafe.String(e.Text), "\n")
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

// toolLine sums up a tool call on one line: its Summary when the
// responder gave one, else its name and arguments.
func toolLine(t session.Tool) string {
	// The name and arguments are the model's, the error may quote them:
	// all are shown on one line, never obeyed.
	switch {
	case t.Error != "":
		return termsafe.Line(fmt.Sprintf("  %s failed: %s", t.Name, t.Error))
	case t.Summary != "":
		return termsafe.Line("  " + t.Summary)
	}
	return termsafe.Line(fmt.Sprintf("  %s %s", t.Name, strings.TrimSpace(string(t.Args))))
}

func dim(s string, style bool) string {
	if !style {
		return s
	}
	return "\x1b[2m" + s + "\x1b[0m"
}
