package architect

import "strings"

// SystemPrompt joins the persona's prompt, which never changes between
// turns or runs (so providers can cache it), and the part that does: the
// mode, what is known and what is missing.
func SystemPrompt(persona, dynamic string) string {
	return strings.TrimRight(persona, "\n") + "\n\n---\n\n" + strings.TrimSpace(dynamic) + "\n"
}

// OneShotInstructions is the dynamic part for `sysarch design --llm`: no
// questions, two tool calls.
const OneShotInstructions = `## This run
One-shot design: the user's message is a requirements document. Ask no questions.
1. Call record_requirements once with every requirement you can read from it, in the schema's fields and units. Leave out what the document does not say; sysarch lists the gaps as assumptions and open questions.
2. Read the draft it returns.
3. Call submit_design with the executive summary, the rationale for each component, the trade-offs and any risks the draft does not list. Cite figures by their id (C1, D1); never compute or restate a number yourself.
Override a component only when the requirements give a concrete reason (the team, existing infrastructure, a constraint).`
