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
One-shot design from the requirements document and draft summary in the user's message. Ask no questions; state assumptions in the narrative.
1. Where the draft misread the requirements or matched an archetype on stray words, record the corrected requirements.
2. Edit the design where the system needs parts, paths or decisions it lacks; compute and cite the figures you need.
3. Call submit_design; it ends the run. Override a component only for a concrete reason in the requirements (team, infrastructure in place, a constraint).`
