package design

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
)

// The operations an Edit makes on a design.
const (
	OpAddComponent     = "add_component"
	OpReplaceComponent = "replace_component"
	OpRemoveComponent  = "remove_component"
	OpRouteFlow        = "route_flow"
	OpSetDecision      = "set_decision"
	OpAddNotes         = "add_notes"
)

// Edit is one typed change to a built design: a part added, replaced or
// removed, a workload routed, a decision set, or rows of state, failures,
// risks and trade-offs added. Op says which; only its field is read.
type Edit struct {
	Op       string        `json:"op"`
	Part     *PartEdit     `json:"part,omitempty"`
	ID       string        `json:"id,omitempty"`
	Flow     *Flow         `json:"flow,omitempty"`
	Decision *DecisionEdit `json:"decision,omitempty"`
	Notes    *Notes        `json:"notes,omitempty"`
}

// PartEdit is a part of the system as an edit gives it.
type PartEdit struct {
	ID         string   `json:"id,omitempty" jsonschema:"the part's id in the model; omitted, it is made from the name (replace_component: the id of the part to replace)"`
	Name       string   `json:"name" jsonschema:"the part's name as the Core Components table shows it, e.g. Admission scheduler"`
	Kind       string   `json:"kind" jsonschema:"client, edge, service, worker, in-process, store, in-memory, cache, index, queue, object-storage or external"`
	Technology string   `json:"technology" jsonschema:"what it is built on, e.g. Go service, Amazon SQS"`
	Role       string   `json:"role" jsonschema:"what it does in this system, one sentence"`
	Reason     string   `json:"reason,omitempty" jsonschema:"why it is needed here"`
	State      []string `json:"state,omitempty" jsonschema:"the state this part owns, e.g. per-priority queues"`
	Existing   bool     `json:"existing,omitempty" jsonschema:"true when it is already in place (no new spend)"`
	From       []string `json:"from,omitempty" jsonschema:"ids of the parts that call or feed it; omitted, the usual caller for its kind"`
	To         []string `json:"to,omitempty" jsonschema:"ids of the parts it calls or writes to"`
	Figures    []string `json:"figures,omitempty" jsonschema:"ids of the capacity rows that size it (e.g. M7 from a servers call)"`
}

// DecisionEdit sets the Decision Log's row for one question.
type DecisionEdit struct {
	Question  string   `json:"question" jsonschema:"what is decided, e.g. queue or admission; a row for the same question is replaced"`
	Options   []string `json:"options" jsonschema:"the options weighed, at least two"`
	Choice    string   `json:"choice" jsonschema:"the option chosen, one of options"`
	Reason    string   `json:"reason" jsonschema:"why, grounded in the requirements and figures"`
	Threshold string   `json:"threshold,omitempty" jsonschema:"the point at which the choice changes"`
	Figures   []string `json:"figures,omitempty" jsonschema:"ids of the capacity rows the choice rests on (C3, D1, M2)"`
}

// TradeOff is one trade-off the design accepts.
type TradeOff struct {
	Choice string `json:"choice" jsonschema:"what the design takes, e.g. at-least-once delivery"`
	Over   string `json:"over" jsonschema:"what it gives up, e.g. exactly-once"`
	Reason string `json:"reason" jsonschema:"why the price is worth paying here"`
}

// Notes are rows added to the design's tables.
type Notes struct {
	State     []StateRecord     `json:"state,omitempty" jsonschema:"state ownership rows: name, owner, storage, class (hot, warm, cold, transient)"`
	Failures  []FailureScenario `json:"failures,omitempty" jsonschema:"failure modes: failure, probability, impact, mitigation"`
	Risks     []Risk            `json:"risks,omitempty" jsonschema:"risks: risk, likelihood, impact, mitigation"`
	TradeOffs []TradeOff        `json:"trade_offs,omitempty" jsonschema:"trade-offs, one row each"`
}

// Apply makes the edits on the design in order, draws both diagrams again
// from the model and checks the result. It fails on the first edit that
// does not fit the design, naming what would, and when the edits make the
// document contradict itself in a way it did not before. The design is
// changed even when Apply fails: apply edits to a freshly built design.
func (d *Design) Apply(edits ...Edit) error {
	if d.Model == nil {
		return errors.New("this design has no system model to edit (performance and selection answers have none)")
	}
	before := map[string]bool{}
	for _, b := range d.Check() {
		before[b.Rule+b.Text] = true
	}
	for i, e := range edits {
		if err := d.applyOne(e); err != nil {
			if len(edits) > 1 {
				return fmt.Errorf("edit %d (%s): %w", i+1, e.Op, err)
			}
			return err
		}
	}
	d.DataFlow.Mermaid = d.Model.mermaid()
	d.DataFlow.Diagram = d.Model.boxes()
	d.listParts()
	var msgs []string
	for _, b := range d.Check() {
		if !before[b.Rule+b.Text] {
			msgs = append(msgs, b.Rule+": "+b.Text)
		}
	}
	if len(msgs) > 0 {
		return fmt.Errorf("the document would contradict itself: %s", strings.Join(msgs, "; "))
	}
	return nil
}

func (d *Design) applyOne(e Edit) error {
	need := func(ok bool, field string) error {
		if !ok {
			return fmt.Errorf("%s needs %q", e.Op, field)
		}
		return nil
	}
	switch e.Op {
	case OpAddComponent:
		if err := need(e.Part != nil, "part"); err != nil {
			return err
		}
		return d.addPart(*e.Part)
	case OpReplaceComponent:
		if err := need(e.Part != nil, "part"); err != nil {
			return err
		}
		return d.replacePart(*e.Part)
	case OpRemoveComponent:
		if err := need(e.ID != "", "id"); err != nil {
			return err
		}
		return d.removePart(e.ID)
	case OpRouteFlow:
		if err := need(e.Flow != nil, "flow"); err != nil {
			return err
		}
		return d.route(*e.Flow)
	case OpSetDecision:
		if err := need(e.Decision != nil, "decision"); err != nil {
			return err
		}
		return d.decide(*e.Decision)
	case OpAddNotes:
		if err := need(e.Notes != nil, "notes"); err != nil {
			return err
		}
		return d.addNotes(*e.Notes)
	}
	return fmt.Errorf("unknown op %q; the ops are %s", e.Op, strings.Join(Ops, ", "))
}

// Ops lists every operation of an Edit.
var Ops = []string{OpAddComponent, OpReplaceComponent, OpRemoveComponent, OpRouteFlow, OpSetDecision, OpAddNotes}

// part returns the index of the part with the id, or an error naming the
// ids there are.
func (m *Model) part(id string) (int, error) {
	for i, c := range m.Components {
		if c.ID == id {
			return i, nil
		}
	}
	ids := make([]string, len(m.Components))
	for i, c := range m.Components {
		ids[i] = c.ID
	}
	return -1, fmt.Errorf("no part has the id %q; the parts are %s", id, strings.Join(ids, ", "))
}

// checkPart says what is missing or wrong in a part before it is placed.
func checkPart(p PartEdit) error {
	var missing []string
	for _, f := range []struct{ name, v string }{{"name", p.Name}, {"kind", p.Kind}, {"technology", p.Technology}, {"role", p.Role}} {
		if strings.TrimSpace(f.v) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("the part needs %s", strings.Join(missing, ", "))
	}
	if !slices.Contains(patterns.ComponentKinds, p.Kind) {
		return fmt.Errorf("kind %q is not a kind of part; use one of %s", p.Kind, strings.Join(patterns.ComponentKinds, ", "))
	}
	return nil
}
