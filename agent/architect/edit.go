package architect

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/requirements"
)

// rebuild builds the design from the requirements, adds the model's own
// figures and re-applies the edits that still fit; it returns those kept
// and says why each other was dropped. The caller holds s.mu.
func (s *Session) rebuild(req requirements.Requirements, edits []design.Edit) (*design.Design, []design.Edit, []string, error) {
	base := func() (*design.Design, error) {
		d, err := design.Build(req, s.Options)
		if err != nil {
			return nil, err
		}
		d.Capacity = append(d.Capacity, s.figures...)
		return d, nil
	}
	d, err := base()
	if err != nil || len(edits) == 0 {
		return d, nil, nil, err
	}
	if d.Apply(edits...) == nil {
		return d, edits, nil, nil
	}
	// Some edit no longer fits (a workload was renamed, a part left):
	// keep the others, in order.
	var kept []design.Edit
	var dropped []string
	for _, e := range edits {
		try, err := base()
		if err != nil {
			return nil, nil, nil, err
		}
		if len(kept) > 0 {
			try.Apply(kept...) // they fitted, in this order, a moment ago
		}
		if err := try.Apply(e); err != nil {
			dropped = append(dropped, fmt.Sprintf("%s: %v", e.Op, err))
			continue
		}
		kept = append(kept, e)
	}
	d, err = base()
	if err != nil {
		return nil, nil, nil, err
	}
	return d, kept, dropped, d.Apply(kept...)
}

// edit applies one edit to the design the session holds, keeping it when
// it fits.
func (s *Session) edit(e design.Edit) (*design.Design, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.req == nil {
		return nil, errors.New("call record_requirements first: edits change a computed design")
	}
	d, err := design.Build(*s.req, s.Options)
	if err != nil {
		return nil, err
	}
	d.Capacity = append(d.Capacity, s.figures...)
	if len(s.edits) > 0 {
		if err := d.Apply(s.edits...); err != nil {
			return nil, fmt.Errorf("the design no longer takes the earlier edits: %v", err)
		}
	}
	if err := d.Apply(e); err != nil {
		return nil, err
	}
	s.edits = append(s.edits, e)
	s.draft = d
	if s.narrative != nil {
		// The narrative described the design before this edit.
		s.narrative = nil
	}
	return d, nil
}

// Edits returns the edits the session keeps.
func (s *Session) Edits() []design.Edit {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.edits)
}

// partView is the answer to an edit of a part: the part as the model now
// holds it, its links and the flows through it.
type partView struct {
	Part  design.ModelComponent `json:"part"`
	Links []design.Link         `json:"links"`
	Flows []design.Flow         `json:"flows,omitempty"`
}

func viewPart(d *design.Design, id string) (partView, error) {
	var v partView
	found := false
	for _, c := range d.Model.Components {
		if c.ID == id {
			v.Part, found = c, true
		}
	}
	if !found {
		return v, fmt.Errorf("no part %q after the edit", id)
	}
	for _, l := range d.Model.Links {
		if l.From == id || l.To == id {
			v.Links = append(v.Links, l)
		}
	}
	for _, f := range d.Model.Flows {
		if slices.Contains(f.Path, id) {
			v.Flows = append(v.Flows, f)
		}
	}
	return v, nil
}

// routeArgs route workloads through parts.
type routeArgs struct {
	Workloads     []string `json:"workloads" jsonschema:"workload names"`
	Path          []string `json:"path" jsonschema:"part ids in order, e.g. [lb, scheduler, db]"`
	Kind          string   `json:"kind,omitempty" jsonschema:"read, write, event, message, search or job; omitted, the first workload's"`
	StoreOfRecord string   `json:"store_of_record,omitempty" jsonschema:"writes: the part keeping the records; omitted, the path's last"`
}

type removeArgs struct {
	ID string `json:"id"`
}

type removed struct {
	Removed string   `json:"removed"`
	Parts   []string `json:"parts"`
}

func (s *Session) editTools() []agent.Tool {
	partTool := func(name, desc, op string) agent.Tool {
		return agent.NewTool(name, desc, func(_ context.Context, p design.PartEdit) (partView, error) {
			// The session keeps the edit (and the part it points to):
			// nothing here writes to p once it is handed over.
			d, err := s.edit(design.Edit{Op: op, Part: &p})
			if err != nil {
				return partView{}, err
			}
			id := p.ID
			if id == "" {
				// The id was made from the name: the last part added.
				id = d.Model.Components[len(d.Model.Components)-1].ID
			}
			return viewPart(d, id)
		})
	}
	return []agent.Tool{
		describe(partTool("add_component", "Add a part to the system model; it joins the components, diagrams, failures and cost. Answers with the part and its links.", design.OpAddComponent),
			map[string]string{"id": "omitted, made from the name", "name": "e.g. Admission scheduler", "figures": "ids of the figures that size it, e.g. M7"}),
		describe(plainFields(partTool("replace_component", "Change a part by id (db, queue, or one added), with add_component's fields; every table that named it follows.", design.OpReplaceComponent)),
			map[string]string{"id": "the part to change"}),
		agent.NewTool("remove_component", "Remove a part by id (route its flows elsewhere first).",
			func(_ context.Context, a removeArgs) (removed, error) {
				d, err := s.edit(design.Edit{Op: design.OpRemoveComponent, ID: a.ID})
				if err != nil {
					return removed{}, err
				}
				out := removed{Removed: a.ID}
				for _, c := range d.Model.Components {
					out.Parts = append(out.Parts, c.ID)
				}
				return out, nil
			}),
		agent.NewTool("route_flow", "Route workloads through parts, in order; the data flow, links and diagrams follow.",
			func(_ context.Context, a routeArgs) (design.Flow, error) {
				f := design.Flow{Workloads: a.Workloads, Path: a.Path, Kind: a.Kind, StoreOfRecord: a.StoreOfRecord}
				d, err := s.edit(design.Edit{Op: design.OpRouteFlow, Flow: &f})
				if err != nil {
					return design.Flow{}, err
				}
				return d.Model.Flows[len(d.Model.Flows)-1], nil
			}),
		agent.NewTool("set_decision", "Set the Decision Log's row for a question, replacing the engine's.",
			func(_ context.Context, a design.DecisionEdit) (design.Decision, error) {
				d, err := s.edit(design.Edit{Op: design.OpSetDecision, Decision: &a})
				if err != nil {
					return design.Decision{}, err
				}
				for _, dec := range d.Decisions {
					if dec.Question == a.Question {
						return dec, nil
					}
				}
				return design.Decision{}, fmt.Errorf("the decision %q was not logged", a.Question)
			}),
		agent.NewTool("add_notes", "Add rows: state ownership, failure modes, risks, trade-offs (each a Decision Log row).",
			func(_ context.Context, n design.Notes) (notesAdded, error) {
				d, err := s.edit(design.Edit{Op: design.OpAddNotes, Notes: &n})
				if err != nil {
					return notesAdded{}, err
				}
				return notesAdded{State: len(d.State), Failures: len(d.FailureScenarios), Risks: len(d.Risks), Decisions: len(d.Decisions)}, nil
			}),
	}
}

// notesAdded counts the rows of each table after the notes were added.
type notesAdded struct {
	State     int `json:"state_rows"`
	Failures  int `json:"failure_rows"`
	Risks     int `json:"risk_rows"`
	Decisions int `json:"decision_rows"`
}
