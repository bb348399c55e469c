package architect

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/phase"
)

// DraftView is the design as the model reads it between edits: a line per
// part, flow, figure and decision, and the open questions. It is a small
// fraction of the rendered document, so it can follow every change
// without filling the conversation; read_design gives any section whole.
type DraftView struct {
	Title string `json:"title"`
	Kind  string `json:"kind"`
	// Recognition says when no archetype fits: the narrative must not
	// present the mechanism as settled.
	Recognition   string   `json:"recognition,omitempty"`
	Patterns      []string `json:"patterns,omitempty"`
	Components    []string `json:"components"`
	Flows         []string `json:"flows"`
	Figures       []string `json:"figures"`
	Decisions     []string `json:"decisions"`
	OpenQuestions []string `json:"open_questions"`
	// Dropped are edits the recorded requirements no longer fit.
	Dropped []string `json:"dropped_edits,omitempty"`
	// Missing are the requirement phases still to be captured, in a
	// conversation that interviews a person.
	Missing []string `json:"missing,omitempty"`
	Next    string   `json:"next"`
}

// summarise writes the compact summary of a design, and what to do next
// as the session's prompt has it: a one-shot run asks no questions, an
// interview asks for what is missing before it submits.
func (s *Session) summarise(d *design.Design, dropped []string) DraftView {
	v := DraftView{Title: d.Title, Kind: d.Kind, Recognition: d.Recognition, Dropped: dropped}
	switch {
	case !s.Interview:
		v.Next = "Edit the design where the system needs it, cite figures by id, then submit_design."
	default:
		st := phase.Assess(d.Requirements)
		for _, p := range []phase.Phase{phase.Functional, phase.Scale, phase.Reliability, phase.Constraints} {
			if !slices.Contains(st.Captured, p) {
				v.Missing = append(v.Missing, p.Title())
			}
		}
		if len(v.Missing) > 0 {
			v.Next = "Ask the user about what is missing, a question or two at a time, and record the requirements again; submit_design once the phases are captured or the user asks for the design."
		} else {
			v.Next = "The requirement phases are captured: edit the design where the system needs it, cite figures by id, then submit_design."
		}
	}
	if d.Recognition != "" {
		v.Next += " No archetype fits: say so in the summary and name the open questions that would decide the mechanism; do not present one as settled."
	}
	for _, p := range d.Patterns {
		v.Patterns = append(v.Patterns, p.ID)
	}
	if m := d.Model; m != nil {
		for _, c := range m.Components {
			line := fmt.Sprintf("%s: %s (%s, %s)", c.ID, c.Name, c.Kind, c.Technology)
			if c.Technology == c.Name || c.Technology == "" {
				line = fmt.Sprintf("%s: %s (%s)", c.ID, c.Name, c.Kind)
			}
			if c.CostNote != "" {
				line += " — " + strings.SplitN(c.CostNote, ",", 2)[0]
			}
			v.Components = append(v.Components, line)
		}
		for _, f := range m.Flows {
			line := fmt.Sprintf("%s (%s): %s", strings.Join(f.Workloads, ", "), f.Kind, strings.Join(f.Path, " → "))
			if f.StoreOfRecord != "" {
				line += "; kept in " + f.StoreOfRecord
			}
			v.Flows = append(v.Flows, line)
		}
	}
	for _, r := range slices.Concat(d.Capacity, d.Derived) {
		if r.Horizon != "" {
			continue // growth rows: read_design capacity
		}
		v.Figures = append(v.Figures, fmt.Sprintf("%s %s %s = %s", r.ID, r.Workload, r.Quantity, design.FormatValue(r.Value, r.Unit)))
	}
	for _, dec := range d.Decisions {
		v.Decisions = append(v.Decisions, dec.Question+": "+dec.Choice)
	}
	v.OpenQuestions = d.OpenQuestions
	return v
}

// sections maps each name read_design takes to the design's JSON key.
var sections = map[string]string{
	"requirements": "requirements", "patterns": "patterns", "capacity": "capacity", "derived": "derived",
	"components": "components", "services": "services", "state": "state", "hot_paths": "hot_paths",
	"data_flow": "data_flow", "model": "model", "failures": "failure_scenarios", "resilience": "resilience",
	"degradation": "degradation", "scaling": "scaling", "warnings": "warnings", "operations": "operations",
	"risks": "risks", "decisions": "decisions", "cost": "cost", "cost_summary": "cost_summary",
	"assumptions": "assumptions", "open_questions": "open_questions", "functional_trace": "functional_trace",
}

func sectionNames() []string {
	out := []string{"summary"}
	for k := range sections {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

type readArgs struct {
	Section string `json:"section" jsonschema:"summary, capacity, derived, components, services, model, state, hot_paths, data_flow, failures, cost, decisions, risks, assumptions, open_questions, requirements, …"`
}

// readTool gives the model any section of the current design on demand.
func (s *Session) readTool() agent.Tool {
	return agent.NewTool("read_design", "Read one section of the current design in full.",
		func(_ context.Context, a readArgs) (json.RawMessage, error) {
			if a.Section == "summary" {
				sum, err := s.DraftSummary()
				return json.RawMessage(sum), err
			}
			key, ok := sections[a.Section]
			if !ok {
				return nil, fmt.Errorf("no section %q; the sections are %s", a.Section, strings.Join(sectionNames(), ", "))
			}
			d, err := s.Design()
			if err != nil {
				return nil, err
			}
			b, err := json.Marshal(d)
			if err != nil {
				return nil, err
			}
			var all map[string]json.RawMessage
			if err := json.Unmarshal(b, &all); err != nil {
				return nil, err
			}
			if v, ok := all[key]; ok {
				return v, nil
			}
			return json.RawMessage("null"), nil
		})
}

// DraftSummary is the compact summary of the design the session holds,
// as JSON: what the model is given in place of the whole document.
func (s *Session) DraftSummary() (string, error) {
	d, err := s.Design()
	if err != nil {
		return "", err
	}
	s.mu.Lock()
	dropped := s.dropped
	s.mu.Unlock()
	b, err := json.Marshal(s.summarise(d, dropped))
	return string(b), err
}
