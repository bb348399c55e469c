package architect

import "strings"

// SystemPrompt joins the persona's prompt, which never changes between
// turns or runs (so providers can cache it), and the part that does: the
// mode, what is known and what is missing.
func SystemPrompt(persona, dynamic string) string {
	return strings.TrimRight(persona, "\n") + "\n\n---\n\n" + strings.TrimSpace(dynamic) + "\n"
}

// OneShotInstructions is the dynamic part for `sysarch design --llm`: no
// questions, the draft corrected and submitted.
const OneShotInstructions = `## This run
One-shot design: the user's message holds a requirements document and a summary of the draft sysarch computed from it. Ask no questions: where something is missing, state the assumption in the narrative.
1. Where the draft misread the requirements or matched an archetype on stray words, call record_requirements with the corrected requirements (all of them).
2. Where the system needs parts, paths or decisions the draft lacks, edit it.
3. Compute every figure you need with a capacity tool and cite it by id.
4. Call submit_design; it ends the run. Override a component only for a concrete reason in the requirements (the team, infrastructure in place, a constraint).`
