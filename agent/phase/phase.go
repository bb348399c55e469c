// Package phase tracks where a design conversation stands. Requirements
// come first, in four phases (functional; scale and performance;
// reliability and compliance; constraints), then the design phases: state
// analysis, hot paths, component selection, failure and scaling, and the
// document.
//
// Assess reads a Requirements value and says which requirement phases are
// captured, what is known and what is still missing, in words a person (or
// a model's prompt) can use.
package phase

import "strings"

// Phase is one step of the method, in order.
type Phase int

// The phases, in the order the conversation moves through them.
const (
	Functional  Phase = iota // what the system does
	Scale                    // load, data volume, latency, growth
	Reliability              // availability, durability, retention, regulation
	Constraints              // team, budget, timeline, what exists
	State                    // what state exists and who owns it
	HotPaths                 // the paths every request takes
	Components               // the decision matrix
	Failure                  // failure scenarios and the scaling path
	Document                 // the design document
)

var names = [...]string{"functional", "scale", "reliability", "constraints", "state", "hot paths", "components", "failure", "document"}

var titles = [...]string{
	"Functional requirements", "Scale and performance", "Reliability and compliance", "Constraints",
	"State analysis", "Hot paths", "Component selection", "Failure and scaling", "Design document",
}

// All returns every phase in order.
func All() []Phase {
	return []Phase{Functional, Scale, Reliability, Constraints, State, HotPaths, Components, Failure, Document}
}

// String returns the short name shown in the prompt: "scale".
func (p Phase) String() string {
	if p < 0 || int(p) >= len(names) {
		return "unknown"
	}
	return names[p]
}

// Title returns the phase's heading: "Scale and performance".
func (p Phase) Title() string {
	if p < 0 || int(p) >= len(titles) {
		return "Unknown"
	}
	return titles[p]
}

// IsRequirements says whether p is one of the four requirement phases.
func (p Phase) IsRequirements() bool { return p >= Functional && p <= Constraints }

// Prompt returns the chat prompt for the phase: "[scale] › ".
func (p Phase) Prompt() string { return "[" + p.String() + "] › " }

// Parse reads a phase by its short name ("hot paths" or "hot-paths").
func Parse(name string) (Phase, bool) {
	n := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), "-", " ")
	for i, s := range names {
		if s == n {
			return Phase(i), true
		}
	}
	return 0, false
}
