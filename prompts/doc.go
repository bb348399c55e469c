// Package prompts holds sysarch's built-in persona and reads persona files.
//
// A persona file uses the Claude Code subagent format: YAML front matter
// between two "---" lines (name, description, and optionally model, color,
// tools and examples), followed by a Markdown body that becomes the system
// prompt. The built-in persona is embedded in the binary; Builtin returns it,
// and LoadPersona reads any other file of the same format, including files
// whose examples list is written in the loose style many published subagents
// use.
package prompts
