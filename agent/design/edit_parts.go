package design

import (
	"fmt"
	"slices"
	"strings"
)

// SourceModel marks the parts a model placed with edits.
const SourceModel = "model"

// kindFailures say how a part of each kind fails and what contains it:
// the failure row every added part gets, so no part the design relies on
// is missing from the failure table.
var kindFailures = map[string][3]string{
	"edge":           {"Medium", "High", "Two or more instances behind health checks; clients retry with backoff against another instance."},
	"service":        {"Medium", "High", "Stateless instances behind the load balancer; health checks take a failed one out; callers time out and retry idempotent calls."},
	"worker":         {"Medium", "Medium", "Work waits in its queue while workers restart; handlers are idempotent and retried with backoff, poison items go to a dead-letter queue."},
	"in-process":     {"Low", "Medium", "It fails with its process; the process restarts and rebuilds what it holds from the store of record."},
	"store":          {"Low", "High", "Replicated with managed failover; writes fail fast with 503 while it promotes; point-in-time backups."},
	"in-memory":      {"Medium", "High", "Replicas with failover; what it holds is rebuilt from the store of record or the log on restart."},
	"cache":          {"Medium", "Medium", "Reads fall through to the store of record at higher latency; warm it gradually to avoid a stampede."},
	"index":          {"Low", "Medium", "Searches degrade to a message while it recovers; it is rebuilt from the store of record."},
	"queue":          {"Low", "High", "Replicated brokers; producers buffer and retry; consumers resume from their last committed position."},
	"object-storage": {"Low", "High", "Managed, replicated across zones; uploads retry with backoff."},
	"external":       {"Medium", "Medium", "Timeouts, a circuit breaker and retries with backoff; the feature degrades while the provider is down."},
	"client":         {"Medium", "Low", "The client retries with backoff and keeps unsent work locally."},
}

// kindFailure is the failure row of a part by its kind, if its kind has
// one.
func kindFailure(c ModelComponent) (FailureScenario, bool) {
	f, ok := kindFailures[c.Kind]
	if !ok {
		return FailureScenario{}, false
	}
	return FailureScenario{Failure: c.titled() + " down", Probability: f[0], Impact: f[1], Mitigation: f[2], Part: c.ID}, true
}

// notSizedQuestion is the open question a part that would cost money and
// has no figure that sizes it raises.
func notSizedQuestion(c ModelComponent) string {
	return fmt.Sprintf("%s is not sized, so the Cost Estimate leaves it out: what load does it carry, and how much does it keep?", c.titled())
}

// titled is a part's name with its technology, when that says more:
// "Workers (worker processes …)", but "Object storage" once.
func (c ModelComponent) titled() string {
	if c.Technology == "" || c.Technology == c.Name {
		return c.Name
	}
	return c.Name + " (" + c.Technology + ")"
}

func (d *Design) addPart(p PartEdit) error {
	if err := checkPart(p); err != nil {
		return err
	}
	m := d.Model
	taken := map[string]int{}
	for _, c := range m.Components {
		taken[c.ID] = 0
		if strings.EqualFold(c.Name, p.Name) {
			return fmt.Errorf("the model already has a part named %q (id %s); use replace_component to change it", c.Name, c.ID)
		}
	}
	if p.ID != "" {
		if _, dup := taken[p.ID]; dup {
			return fmt.Errorf("the id %q is taken; use replace_component to change that part, or give another id", p.ID)
		}
		if slug(p.ID) != p.ID {
			return fmt.Errorf("id %q: use lower-case letters, digits and _ (e.g. %q)", p.ID, slug(p.ID))
		}
	} else {
		p.ID = uniqueID(taken, slug(p.Name))
	}
	links, err := d.partLinks(p)
	if err != nil {
		return err
	}
	if err := d.checkFigures(p.Figures); err != nil {
		return err
	}
	c := ModelComponent{ID: p.ID, Name: p.Name, Kind: p.Kind, Technology: p.Technology, Role: p.Role, Source: SourceModel, Existing: p.Existing}
	m.Components = append(m.Components, c)
	m.Links = append(m.Links, links...)
	d.Services = append(d.Services, Service{Name: p.Name, Purpose: p.Role, Technology: p.Technology, Justification: p.Reason, part: p.ID, kind: p.Kind})
	d.ownState(p)
	if f, ok := kindFailure(c); ok {
		d.FailureScenarios = append(d.FailureScenarios, f)
	}
	c2 := &m.Components[len(m.Components)-1]
	d.noteCost(c2)
	d.sizeBy(c2, p.Figures)
	return nil
}

// checkFigures says which cited id is no row of the design.
func (d *Design) checkFigures(ids []string) error {
	for _, id := range ids {
		if !d.hasFigure(id) {
			return fmt.Errorf("figures: no capacity row has the id %q; cite ids from the capacity table (C…, D…) or from a capacity tool's answer (M…)", id)
		}
	}
	return nil
}

// sizeBy attaches the figures that size a part; one that costs money and
// has no cost line says it is sized but not priced.
func (d *Design) sizeBy(c *ModelComponent, ids []string) {
	if len(ids) == 0 {
		return
	}
	c.Sizing = append(c.Sizing, ids...)
	if c.Unpriced == unpricedNotSized {
		q := notSizedQuestion(*c)
		d.OpenQuestions = slices.DeleteFunc(d.OpenQuestions, func(s string) bool { return s == q })
		c.CostNote = fmt.Sprintf("sized by [%s] but not priced: no cost line prices it yet, so the total leaves it out", strings.Join(ids, ", "))
		c.Unpriced = unpricedNotPriced
	}
}

// partLinks are the links an added part brings: those it names, else the
// usual ones for its kind.
func (d *Design) partLinks(p PartEdit) ([]Link, error) {
	m := d.Model
	var links []Link
	for _, from := range p.From {
		if _, err := m.part(from); err != nil {
			return nil, fmt.Errorf("from: %w", err)
		}
		links = append(links, Link{From: from, To: p.ID})
	}
	for _, to := range p.To {
		if _, err := m.part(to); err != nil {
			return nil, fmt.Errorf("to: %w", err)
		}
		links = append(links, Link{From: p.ID, To: to})
	}
	if len(p.From) == 0 && m.has("api") {
		links = append(links, serviceLinks(m, p.ID, p.Kind)...)
	}
	return links, nil
}

// ownState adds a state ownership row for each piece of state the part
// owns.
func (d *Design) ownState(p PartEdit) {
	for _, s := range p.State {
		if s = strings.TrimSpace(s); s != "" {
			// The part reads what it owns; the edit says no retention,
			// and the row says so rather than leave the cell empty.
			d.State = append(d.State, StateRecord{Name: s, Owner: p.Name, Readers: []string{p.Name}, Storage: p.Technology, Class: "hot", Retention: "not stated"})
		}
	}
}

// noteCost says why a part the cost table does not price has no line:
// already in place, or not sized yet (which is also an open question).
func (d *Design) noteCost(c *ModelComponent) {
	c.Cost, c.Sizing, c.CostNote, c.Unpriced = nil, nil, "", ""
	if !slices.Contains(pricedKinds, c.Kind) {
		return
	}
	if c.Existing {
		c.CostNote, c.Unpriced = "already in place, so no new spend; watch its load against what it was sized for", unpricedExisting
		return
	}
	c.CostNote, c.Unpriced = "not sized: added to the design without a workload figure that sizes it, so the total leaves it out", unpricedNotSized
	q := notSizedQuestion(*c)
	if !slices.Contains(d.OpenQuestions, q) {
		d.OpenQuestions = append(d.OpenQuestions, q)
	}
}

func (d *Design) replacePart(p PartEdit) error {
	if p.ID == "" {
		return fmt.Errorf("replace_component needs the part's id")
	}
	m := d.Model
	i, err := m.part(p.ID)
	if err != nil {
		return err
	}
	if err := checkPart(p); err != nil {
		return err
	}
	if err := d.checkFigures(p.Figures); err != nil {
		return err
	}
	old := m.Components[i]
	for _, l := range slices.Concat(p.From, p.To) {
		if _, err := m.part(l); err != nil {
			return fmt.Errorf("from/to: %w", err)
		}
	}
	c := &m.Components[i]
	c.Name, c.Kind, c.Technology, c.Role, c.Existing = p.Name, p.Kind, p.Technology, p.Role, p.Existing
	if c.Source == "engine" && old.Name != p.Name {
		c.Source = SourceModel
	}
	for _, from := range p.From {
		m.Links = append(m.Links, Link{From: from, To: p.ID})
	}
	for _, to := range p.To {
		m.Links = append(m.Links, Link{From: p.ID, To: to})
	}
	d.renameEverywhere(old, p)
	d.ownState(p)
	if old.Technology != p.Technology || old.Kind != p.Kind || old.Existing != p.Existing {
		d.noteCost(c)
	}
	d.sizeBy(c, p.Figures)
	return nil
}

// renameEverywhere carries a replaced part's new name and technology into
// every table that named the old one, so one override does not leave
// eight rows saying the old technology.
func (d *Design) renameEverywhere(old ModelComponent, p PartEdit) {
	found := false
	for i := range d.Services {
		if s := &d.Services[i]; s.Name == old.Name || s.part == old.ID && old.ID != "" {
			*s = Service{Name: p.Name, Purpose: p.Role, Technology: p.Technology, Justification: p.Reason, part: p.ID, kind: p.Kind}
			found = true
		}
	}
	if need := verdictOfPart(old.ID); need != "" {
		for i := range d.Components {
			if c := &d.Components[i]; c.Need == string(need) {
				// No verdict of the matrix made the new choice.
				c.Alternative, c.Choice, c.Option, found = c.Choice, p.Technology, "", true
				if p.Reason != "" {
					c.Reason = p.Reason
				}
			}
		}
		for i := range d.Decisions {
			if dec := &d.Decisions[i]; dec.Question == string(need) {
				if !slices.Contains(dec.Options, p.Technology) {
					dec.Options = append(dec.Options, p.Technology)
				}
				dec.Choice = p.Technology
				dec.Reasoning = strings.TrimSpace(p.Reason + " (replaced " + old.Technology + ", which the decision matrix chose: " + dec.Reasoning + ")")
			}
		}
	}
	if !found {
		d.Services = append(d.Services, Service{Name: p.Name, Purpose: p.Role, Technology: p.Technology, Justification: p.Reason, part: p.ID, kind: p.Kind})
	}
	swap := func(s string) string { return s }
	if len(old.Technology) >= 3 && old.Technology != p.Technology {
		r := strings.NewReplacer(old.Technology, p.Technology)
		swap = r.Replace
	}
	for i := range d.State {
		s := &d.State[i]
		s.Storage, s.Owner = swap(s.Storage), swap(s.Owner)
	}
	for i := range d.FailureScenarios {
		f := &d.FailureScenarios[i]
		f.Failure, f.Mitigation = swap(f.Failure), swap(f.Mitigation)
	}
	for i := range d.DataFlow.Steps {
		d.DataFlow.Steps[i] = swap(d.DataFlow.Steps[i])
	}
	for i := range d.Resilience {
		d.Resilience[i].AppliesTo = swap(d.Resilience[i].AppliesTo)
	}
}

func (d *Design) removePart(id string) error {
	m := d.Model
	i, err := m.part(id)
	if err != nil {
		return err
	}
	c := m.Components[i]
	if len(c.Cost) > 0 {
		// Its cost lines and the totals would outlive it.
		return fmt.Errorf("%s is priced in the Cost Estimate (%s); replace it (replace_component) or change the requirements that size it", c.Name, strings.Join(c.Cost, ", "))
	}
	if need := verdictOfPart(id); need != "" && c.Source == "engine" {
		return fmt.Errorf("%s is the decision matrix's %s; replace it (replace_component) or change the requirements that call for it", c.Name, need)
	}
	for _, f := range m.Flows {
		if slices.Contains(f.Path, id) {
			return fmt.Errorf("the flow of %s passes %s; route it elsewhere first (route_flow)", strings.Join(f.Workloads, ", "), id)
		}
	}
	name := c.Name
	m.Components = slices.Delete(m.Components, i, i+1)
	m.Links = slices.DeleteFunc(m.Links, func(l Link) bool { return l.From == id || l.To == id })
	d.Services = slices.DeleteFunc(d.Services, func(s Service) bool { return s.Name == name || s.part == id })
	d.State = slices.DeleteFunc(d.State, func(s StateRecord) bool { return s.Owner == name })
	d.FailureScenarios = slices.DeleteFunc(d.FailureScenarios, func(f FailureScenario) bool { return f.Part == id })
	return nil
}
