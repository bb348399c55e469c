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
One-shot design: the user's message is a requirements document and the draft sysarch computed from it. Ask no questions.
1. Read the draft. Where it misread the requirements, or matched an archetype on stray words, call record_requirements with the corrected requirements (exclude an archetype with patterns: ["-id"]); your edits and figures are kept.
2. Where the system needs parts, paths or decisions the draft lacks, change it with add_component, replace_component, remove_component, route_flow, set_decision and add_notes.
3. Compute any figure you need with a capacity tool and cite it by the id in its figure_ids (M1); cite the draft's figures by theirs (C1, D1). Never compute or restate a number yourself.
4. Call submit_design with the executive summary, the rationale for each component, the trade-offs and any risks the draft does not list. It ends the run.
Override a component only when the requirements give a concrete reason (the team, existing infrastructure, a constraint).`
