package design

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
)

// verdictParts are the model part each verdict of the matrix is, by its
// key; a batch job's verdict is the scheduled jobs.
var verdictParts = map[questionID]string{qDatabase: "db", qRecords: "records", qCache: "cache", qQueue: "queue",
	qSearch: "search", qStorage: "blob", qEvents: "log"}

// verdictOfPart is the verdict whose part is this one (verdictParts read
// backwards), or "".
func verdictOfPart(part string) questionID {
	for key, p := range verdictParts {
		if p == part {
			return key
		}
	}
	return ""
}

// verdictPart is the model part a verdict is: its own part, or the
// database for the verdicts that live inside it (full-text search,
// LISTEN/NOTIFY); "" when the model has none.
func verdictPart(m *Model, c Component) string {
	p := verdictParts[c.key]
	if c.Need == "batch" {
		p = "scheduled_jobs"
	}
	if m.has(p) {
		return p
	}
	if (c.Option == capacity.OptionFullText || c.Option == capacity.OptionListenNotify) && m.has("db") {
		return "db"
	}
	return ""
}

// listParts ties each verdict to its part of the model and lists every
// other part of the model in components[], so a program reading the
// Design JSON sees every component: its kind as its need, its technology
// as its choice, and why it is there.
func (d *Design) listParts() {
	m := d.Model
	if m == nil {
		return
	}
	kinds := map[string]string{}
	for _, p := range m.Components {
		kinds[p.ID] = p.Kind
	}
	var out []Component
	covered := map[string]bool{}
	for _, c := range d.Components {
		if c.Source != SourceMatrix && c.Source != "" {
			continue // a part listed before: listed again below
		}
		if c.Part == "" || !m.has(c.Part) {
			c.Part = verdictPart(m, c)
		}
		c.Kind = kinds[c.Part]
		if c.Part != "" {
			covered[c.Part] = true
		}
		out = append(out, c)
	}
	for _, p := range m.Components {
		if covered[p.ID] {
			continue
		}
		why := p.Role
		if s := d.serviceOf(p); s != nil && s.Justification != "" {
			why = s.Justification
		}
		out = append(out, Component{Need: p.Kind, Choice: p.Technology, Reason: why, Purpose: p.Role,
			Inputs: json.RawMessage("{}"), Part: p.ID, Kind: p.Kind, Source: p.Source})
	}
	d.Components = out
}

// Label is the name of a verdict's row in Core Components: its need, or
// "Record store" for the wide-column store the written records live in
// beside the relational database.
func (c Component) Label() string {
	need := title(c.Need)
	if c.Part == storeRecords || c.key == storeRecords {
		need = "Record store"
	}
	if len(c.refined) == 0 {
		return need
	}
	names := make([]string, len(c.refined))
	for i, r := range c.refined {
		names[i] = r.name
	}
	return strings.Join(names, ", ") + " (" + strings.ToLower(need) + ")"
}

// RowPurpose is what a verdict's Core Components row says it is for: the
// purposes of the archetype parts it is, then its own.
func (c Component) RowPurpose() string {
	var out []string
	for _, r := range c.refined {
		out = append(out, r.purpose)
	}
	return strings.Join(append(out, c.Purpose), "; ")
}

// Refinement is why the archetype parts a verdict's part is are there,
// after the verdict's own reason.
func (c Component) Refinement() string {
	var out []string
	for _, r := range c.refined {
		out = append(out, r.name+": "+r.why)
	}
	return strings.Join(out, " ")
}

// serviceOf is the Core Components row of a part: the service placed as
// it or the archetype part's own row (by id), or, in a design read back
// from JSON, the row named as it.
func (d *Design) serviceOf(p ModelComponent) *Service {
	for i, s := range d.Services {
		if p.ID != "" && (s.part == p.ID || s.arch == p.ID) || s.Name == p.Name || slices.Contains(p.Refined, s.Name) {
			return &d.Services[i]
		}
	}
	return nil
}

// VerdictRows are the verdicts Core Components gives a row of their own:
// every verdict but one whose part a service row already is (each
// scheduled job's engine is a verdict, and the Scheduled jobs row lists
// them all), so a part has one row.
func (d *Design) VerdictRows() []Component {
	var out []Component
	for _, c := range d.Verdicts() {
		if c.Part != "" && slices.ContainsFunc(d.Services, func(s Service) bool { return s.part == c.Part }) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// OtherParts are the parts of the model the Core Components table has no
// row for yet, neither a service nor a verdict (a CDN the cost prices);
// the clients are the users' own.
func (d *Design) OtherParts() []ModelComponent {
	if d.Model == nil {
		return nil
	}
	verdict := map[string]bool{}
	for _, c := range d.Verdicts() {
		verdict[c.Part] = true
	}
	var out []ModelComponent
	for _, p := range d.Model.Components {
		if p.Kind != "client" && !verdict[p.ID] && d.serviceOf(p) == nil {
			out = append(out, p)
		}
	}
	return out
}
