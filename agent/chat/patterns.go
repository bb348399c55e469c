package chat

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/session"
)

// patternsCmd runs /patterns: with no arguments it lists the archetypes the
// requirements so far call for, with the near misses; "add ID" and "drop
// ID" force or exclude one for the rest of the session, as patterns: [id]
// and [-id] do in a requirements file.
func (c *Chat) patternsCmd(args []string) error {
	if len(args) == 0 {
		c.listPatterns()
		return nil
	}
	if len(args) != 2 || (args[0] != "add" && args[0] != "drop") {
		return fmt.Errorf("usage: /patterns [add|drop ID]; /patterns alone lists them")
	}
	id := strings.TrimPrefix(args[1], "-")
	if _, ok := patterns.Get(id); !ok {
		return fmt.Errorf("unknown archetype %q; known: %s", id, strings.Join(patterns.IDs(), ", "))
	}
	entry := id
	if args[0] == "drop" {
		entry = "-" + id
	}
	c.pins = append(withoutPattern(c.pins, id), entry)
	c.pinPatterns()
	req := c.req
	c.record(session.Event{Type: session.Requirements, Requirements: &req, Assumptions: c.assum})
	verb := "added: the design merges its mechanism"
	if args[0] == "drop" {
		verb = "dropped: the design leaves it out"
	}
	fmt.Fprintf(c.results(), "%s %s (patterns: [%s]); /design shows the result.\n", id, verb, strings.Join(c.req.Patterns, ", "))
	return nil
}

func (c *Chat) listPatterns() {
	out := c.results()
	r := design.Recognize(c.req)
	if len(r.Matches) == 0 {
		fmt.Fprintln(out, design.NoArchetype+".")
	}
	for _, m := range r.Matches {
		fmt.Fprintf(out, "%s (%s): %s\n", m.Archetype.ID, m.Confidence(), firstOf(m.Evidence))
	}
	for _, m := range r.Near {
		fmt.Fprintf(out, "possibly %s, because %s (not merged: /patterns add %s)\n", m.Archetype.ID, firstOf(m.Evidence), m.Archetype.ID)
	}
	for _, p := range c.req.Patterns {
		if id, ok := strings.CutPrefix(p, "-"); ok {
			fmt.Fprintf(out, "%s dropped for this session\n", id)
		}
	}
	fmt.Fprintln(out, "/patterns add ID or /patterns drop ID changes them; the catalogue's ids are listed on a bad one.")
}

// pinPatterns puts the session's /patterns choices into the requirements,
// over whatever they said of the same archetypes.
func (c *Chat) pinPatterns() {
	for _, pin := range c.pins {
		c.req.Patterns = append(withoutPattern(c.req.Patterns, strings.TrimPrefix(pin, "-")), pin)
	}
}

func withoutPattern(list []string, id string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(p string) bool { return strings.TrimPrefix(strings.TrimSpace(p), "-") == id })
}

func firstOf(evidence []string) string {
	if len(evidence) == 0 {
		return "named in the requirements"
	}
	return evidence[0]
}
