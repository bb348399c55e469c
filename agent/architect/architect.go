// Package architect gives the model sysarch's own design tools beside the
// capacity tools: record_requirements, which runs the offline engine on
// the requirements the model gathered and returns a summary of the draft;
// read_design for any section of it; the edit tools, which change the
// system model with typed operations (design.Edit); and submit_design,
// which takes the model's narrative. Every capacity call the model makes
// becomes a citable row (M1). The document is always rendered from the
// typed Design, so every figure in it came from a tool.
package architect

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Session holds what the model has recorded and submitted in one
// conversation. It is safe for the concurrent tool calls of one turn.
type Session struct {
	// Options are the engine's options for every design of the session:
	// the what-if scale, the month, the price table and the clock, as the
	// command built them.
	Options design.Options
	// Interview says the model interviews a person (the chat); otherwise
	// the run is one-shot and asks no questions. What each answer tells
	// the model to do next follows it.
	Interview bool

	mu        sync.Mutex
	req       *requirements.Requirements
	draft     *design.Design
	narrative *Narrative
	// edits are the model's changes to the system model, re-applied on
	// every rebuild so that recording requirements again loses none.
	edits []design.Edit
	// dropped are edits the last recorded requirements no longer fit.
	dropped []string
	// figures are the capacity rows of the model's own tool calls.
	figures []design.CapacityRow
}

// Requirements returns the last recorded requirements, or nil.
func (s *Session) Requirements() *requirements.Requirements {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.req
}

// Record sets the requirements (from a file, the interview or the model)
// and computes the draft design from them.
func (s *Session) Record(req requirements.Requirements) (*design.Design, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.Options.IDs == nil {
		// Ids by what each figure measures, for as long as the session
		// lasts: recording the requirements again renumbers nothing.
		s.Options.IDs = design.NewRowIDs()
	}
	d, kept, dropped, err := s.rebuild(req, s.edits)
	if err != nil {
		return nil, err
	}
	s.req, s.draft, s.narrative, s.edits, s.dropped = &req, d, nil, kept, dropped
	return d, nil
}

// Submitted says whether the model has submitted its narrative.
func (s *Session) Submitted() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.narrative != nil
}

// Design returns the design with the narrative applied, or an error when
// no requirements were recorded.
func (s *Session) Design() (*design.Design, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.req == nil {
		return nil, errors.New("no requirements were recorded")
	}
	d, _, _, err := s.rebuild(*s.req, s.edits)
	if err != nil {
		return nil, err
	}
	if s.narrative != nil {
		apply(d, *s.narrative)
	}
	return d, nil
}

// Tools returns every capacity tool plus record_requirements and
// submit_design (which ends a run once it succeeds).
func (s *Session) Tools() []agent.Tool {
	reg := capacity.Default()
	if s.Options.Prices != nil {
		// The model's cost tool prices with the table the document uses.
		reg = capacity.WithPrices(s.Options.Prices)
	}
	tools := append(s.figureTools(agent.CapacityTools(reg)), s.patternsTool(), s.recordTool(), s.readTool())
	return compactTools(append(append(tools, s.editTools()...), s.submitTool()))
}

// needsDraft are the tools that work on a computed design: until the
// requirements are recorded they can only answer "record first", so they
// are not offered.
var needsDraft = []string{"read_design", "add_component", "replace_component", "remove_component", "route_flow", "set_decision", "add_notes", "submit_design"}

// Offer picks the tools a request shows the model: every tool once the
// requirements are recorded; before, those that need no draft (the
// capacity tools, patterns and record_requirements).
func (s *Session) Offer(defs []agent.ToolDef) []agent.ToolDef {
	if s.Requirements() != nil {
		return defs
	}
	return slices.DeleteFunc(slices.Clone(defs), func(d agent.ToolDef) bool { return slices.Contains(needsDraft, d.Name) })
}

func (s *Session) recordTool() agent.Tool {
	return agent.NewTool("record_requirements",
		"Record all the requirements known so far. sysarch computes the design and answers with a summary of the draft. "+
			"Call it again whenever they change: your edits and figures are kept.",
		func(_ context.Context, req requirements.Requirements) (DraftView, error) {
			d, err := s.Record(req)
			if err != nil {
				return DraftView{}, err
			}
			s.mu.Lock()
			dropped := s.dropped
			s.mu.Unlock()
			return s.summarise(d, dropped), nil
		})
}
