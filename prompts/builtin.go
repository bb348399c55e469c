package prompts

import (
	_ "embed"
	"fmt"
)

// builtinSource is the built-in persona file. It is the cached prefix of
// every model request, so it must stay byte-stable: nothing in it is
// generated at run time.
//
//go:embed persona.md
var builtinSource []byte

// BuiltinSource returns a copy of the built-in persona file as embedded.
func BuiltinSource() []byte {
	return append([]byte(nil), builtinSource...)
}

// Builtin returns the built-in persona.
func Builtin() Persona {
	p, err := ParsePersona(builtinSource)
	if err != nil {
		// The tests parse the embedded file, so this only fires if a broken
		// persona.md was built without running them.
		panic(fmt.Sprintf("prompts: built-in persona does not parse: %v", err))
	}
	return p
}

// sessionSource is the system prompt of sysarch's own model sessions
// (`design --llm`, `chat`) when no persona file is given: the persona's
// principles and phase rules in a few kilobytes, with its figures and
// thresholds left to the tools that hold them (choose_component,
// scaling_phase, patterns). Every request carries it, so it is kept
// short; the full persona (persona.md) is what `sysarch export` and
// `sysarch prompt` give to agents that lack sysarch's tools.
//
//go:embed session.md
var sessionSource string

// Session returns the system prompt of sysarch's own model sessions.
func Session() string { return sessionSource }
