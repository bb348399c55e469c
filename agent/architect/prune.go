package architect

import (
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent"
)

// staleAnswer replaces an answer that a later change made stale.
const staleAnswer = `{"superseded": "the design changed after this answer; read_design with section summary gives it as it is now"}`

// draftMarker begins the draft's summary in the one-shot run's first
// message; staleDraft replaces what follows it once the design changed.
const (
	draftMarker = "\n\n---\nThe draft sysarch computed from it (JSON summary):\n"
	staleDraft  = "\n\n---\nThe draft has changed since; read_design with section summary gives it as it is now.\n"
)

// OneShotMessage is the first message of a one-shot run: the requirements
// text and the summary of the draft sysarch computed from it (read_design
// gives any section whole, so the document is not sent). Once the design
// changes, PruneStale sends the message without the summary.
func OneShotMessage(text []byte, summary string) string {
	return "Requirements document:\n\n" + strings.TrimSpace(string(text)) +
		"\n\nsysarch has recorded the requirements it parsed from it; if the document says more than the draft captured, call record_requirements with the complete requirements." +
		draftMarker + summary
}

// readers are the tools whose answers describe the design as it was;
// changers are those after which such an answer is stale.
var (
	readers  = []string{"record_requirements", "read_design"}
	changers = []string{"record_requirements", "add_component", "replace_component", "remove_component", "route_flow", "set_decision", "add_notes"}
)

// PruneStale returns the messages with every summary or section the
// design has since changed under replaced by a short note, so a long
// conversation does not re-send drafts no longer true. The messages
// given are not changed.
func PruneStale(msgs []agent.Message) []agent.Message {
	names := map[string]string{}
	for _, m := range msgs {
		for _, c := range m.ToolCalls {
			names[c.ID] = c.Name
		}
	}
	lastChange := -1
	for i, m := range msgs {
		if m.Role == agent.ToolRole && !m.IsError && slices.Contains(changers, names[m.ToolCallID]) {
			lastChange = i
		}
	}
	var out []agent.Message
	for i, m := range msgs {
		if i < lastChange && m.Role == agent.User {
			if head, _, ok := strings.Cut(m.Content, draftMarker); ok {
				if out == nil {
					out = slices.Clone(msgs)
				}
				out[i].Content = head + staleDraft
			}
			continue
		}
		if i < lastChange && m.Role == agent.ToolRole && !m.IsError && slices.Contains(readers, names[m.ToolCallID]) && m.Content != staleAnswer {
			if out == nil {
				out = slices.Clone(msgs)
			}
			out[i].Content = staleAnswer
		}
	}
	if out == nil {
		return msgs
	}
	return out
}
