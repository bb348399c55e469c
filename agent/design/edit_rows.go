package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/requirements"
)

// route sends workloads along a path of parts: the flows that carried
// them lose them, the links the path needs are drawn, and the data flow
// gains the step.
func (d *Design) route(f Flow) error {
	m := d.Model
	names := d.workloadNames()
	if len(f.Workloads) == 0 {
		return fmt.Errorf("route_flow needs workloads: one or more of %s", strings.Join(names, ", "))
	}
	for _, w := range f.Workloads {
		if !slices.Contains(names, w) {
			return fmt.Errorf("no workload is named %q; the workloads are %s", w, strings.Join(names, ", "))
		}
	}
	if len(f.Path) < 2 {
		return fmt.Errorf("route_flow needs a path of at least two part ids, in the order a request passes them")
	}
	for _, id := range f.Path {
		if _, err := m.part(id); err != nil {
			return fmt.Errorf("path: %w", err)
		}
	}
	kinds := requirements.KindNames()
	if f.Kind == "" {
		f.Kind = d.workloadKind(f.Workloads[0])
	}
	if !slices.Contains(kinds, f.Kind) {
		return fmt.Errorf("kind %q is not a kind of flow; use one of %s", f.Kind, strings.Join(kinds, ", "))
	}
	last := f.Path[len(f.Path)-1]
	if f.Kind == "write" && f.StoreOfRecord == "" {
		f.StoreOfRecord = last
	}
	if f.StoreOfRecord != "" {
		i, err := m.part(f.StoreOfRecord)
		if err != nil {
			return fmt.Errorf("store_of_record: %w", err)
		}
		if !slices.Contains(carrierKinds, m.Components[i].Kind) {
			return fmt.Errorf("store_of_record %q is a %s, which keeps no state; name a part of kind %s", f.StoreOfRecord, m.Components[i].Kind, strings.Join(carrierKinds, ", "))
		}
		if f.Kind == "write" && last != f.StoreOfRecord {
			return fmt.Errorf("a write ends at its store of record: the path ends at %q, store_of_record is %q", last, f.StoreOfRecord)
		}
	}
	var kept []Flow
	for _, old := range m.Flows {
		old.Workloads = slices.DeleteFunc(slices.Clone(old.Workloads), func(w string) bool { return slices.Contains(f.Workloads, w) })
		if len(old.Workloads) > 0 {
			kept = append(kept, old)
		}
	}
	m.Flows = append(kept, f)
	m.drawPath(f.Path)
	d.DataFlow.Steps = m.steps()
	return nil
}

func (d *Design) workloadNames() []string {
	var out []string
	for _, w := range d.Requirements.Workloads {
		out = append(out, w.Name)
	}
	return out
}

func (d *Design) workloadKind(name string) string {
	for _, w := range d.Requirements.Workloads {
		if w.Name == name {
			return string(w.Kind)
		}
	}
	return ""
}

// decide sets the Decision Log's row for a question, citing the figures
// it rests on.
func (d *Design) decide(e DecisionEdit) error {
	q := strings.TrimSpace(e.Question)
	switch {
	case q == "":
		return fmt.Errorf("set_decision needs question: what is decided (e.g. queue, admission)")
	case len(e.Options) < 2:
		return fmt.Errorf("set_decision of %q needs at least two options", q)
	case !slices.Contains(e.Options, e.Choice):
		return fmt.Errorf("choice %q is not among the options %s", e.Choice, strings.Join(e.Options, ", "))
	case strings.TrimSpace(e.Reason) == "":
		return fmt.Errorf("set_decision of %q needs reason", q)
	}
	if err := d.checkFigures(e.Figures); err != nil {
		return err
	}
	reason := strings.TrimSpace(e.Reason)
	if len(e.Figures) > 0 {
		reason += " [" + strings.Join(e.Figures, ", ") + "]"
	}
	if t := strings.TrimSpace(e.Threshold); t != "" {
		reason += " Revisit when " + strings.TrimSuffix(t, ".") + "."
	}
	row := Decision{Question: q, Decision: title(q), Options: e.Options, Choice: e.Choice, Reasoning: reason}
	for i := range d.Decisions {
		if d.Decisions[i].Question == q || strings.EqualFold(d.Decisions[i].Decision, q) {
			row.Decision = d.Decisions[i].Decision
			d.Decisions[i] = row
			return nil
		}
	}
	d.Decisions = append(d.Decisions, row)
	return nil
}

// hasFigure says whether a capacity or derived row has the id.
func (d *Design) hasFigure(id string) bool {
	for _, r := range slices.Concat(d.Capacity, d.Derived) {
		if r.ID == id {
			return true
		}
	}
	return false
}

// addNotes adds rows of state, failures, risks and trade-offs; each
// trade-off is its own row of the Decision Log.
func (d *Design) addNotes(n Notes) error {
	for i, s := range n.State {
		if s.Name == "" || s.Owner == "" || s.Storage == "" {
			return fmt.Errorf("state[%d] needs name, owner and storage (class: hot, warm, cold or transient)", i)
		}
		if s.Class == "" {
			s.Class = "hot"
		}
		d.State = append(d.State, s)
	}
	for i, f := range n.Failures {
		if f.Failure == "" || f.Mitigation == "" {
			return fmt.Errorf("failures[%d] needs failure and mitigation (probability and impact: low, medium, high)", i)
		}
		d.FailureScenarios = append(d.FailureScenarios, f)
	}
	for i, r := range n.Risks {
		if r.Risk == "" || r.Mitigation == "" {
			return fmt.Errorf("risks[%d] needs risk and mitigation (likelihood and impact: low, medium, high)", i)
		}
		d.Risks = append(d.Risks, r)
	}
	for i, t := range n.TradeOffs {
		if err := d.addTradeOff(t); err != nil {
			return fmt.Errorf("trade_offs[%d]: %w", i, err)
		}
	}
	return nil
}

// addTradeOff logs a trade-off under its own question, so a design may
// accept as many as it makes.
func (d *Design) addTradeOff(t TradeOff) error {
	t.Choice, t.Over = strings.TrimSpace(t.Choice), strings.TrimSpace(t.Over)
	if t.Choice == "" || t.Over == "" || strings.TrimSpace(t.Reason) == "" {
		return fmt.Errorf("a trade-off needs choice (what is taken), over (what is given up) and reason")
	}
	q := "trade-off: " + strings.ToLower(t.Choice)
	for _, dec := range d.Decisions {
		if dec.Question == q {
			return fmt.Errorf("the trade-off %q is already logged", t.Choice)
		}
	}
	d.Decisions = append(d.Decisions, Decision{Question: q, Decision: "Trade-off: " + t.Choice + " over " + t.Over,
		Options: []string{t.Choice, t.Over}, Choice: t.Choice, Reasoning: strings.TrimSpace(t.Reason)})
	return nil
}
