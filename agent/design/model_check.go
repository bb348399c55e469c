package design

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/phrase"
)

// checkModel walks the system model for the invariants every section
// relies on: links and flows join parts that exist, a write flow lands on
// one store of record that keeps state, every part is drawn in both
// diagrams and listed among the components, and every part that costs
// money has a cost line or says why it has none.
func (d *Design) checkModel(add func(rule, format string, args ...any)) {
	m := d.Model
	if m == nil {
		return
	}
	ids := map[string]ModelComponent{}
	for _, c := range m.Components {
		if _, dup := ids[c.ID]; dup {
			add("one part per id", "the model has two parts with the id %q", c.ID)
		}
		ids[c.ID] = c
	}
	for _, l := range m.Links {
		for _, end := range []string{l.From, l.To} {
			if _, ok := ids[end]; !ok {
				add("links join parts", "a link %s → %s names %q, which is not a part of the model", l.From, l.To, end)
			}
		}
	}
	for _, f := range m.Flows {
		for _, id := range f.Path {
			if _, ok := ids[id]; !ok {
				add("flows run through parts", "the flow of %s passes %q, which is not a part of the model", strings.Join(f.Workloads, ", "), id)
			}
		}
		if f.Kind == "write" {
			c, ok := ids[f.StoreOfRecord]
			switch {
			case !ok:
				add("a write has one store of record", "the writes %s name no store of record in the model", strings.Join(f.Workloads, ", "))
			case !slices.Contains(carrierKinds, c.Kind):
				add("a write has one store of record", "the writes %s land on %s, a %s that keeps no state", strings.Join(f.Workloads, ", "), c.Name, c.Kind)
			case f.Path[len(f.Path)-1] != f.StoreOfRecord:
				add("a write has one store of record", "the writes %s end at %q, not at their store of record %q", strings.Join(f.Workloads, ", "), f.Path[len(f.Path)-1], f.StoreOfRecord)
			}
		}
	}
	written := map[string]string{}
	for _, f := range m.Flows {
		if f.Kind != "write" {
			continue
		}
		for _, w := range f.Workloads {
			if prev, twice := written[w]; twice && prev != f.StoreOfRecord {
				add("a write has one store of record", "%q is written to both %s and %s", w, prev, f.StoreOfRecord)
			}
			written[w] = f.StoreOfRecord
		}
	}
	// Each write's records are one row of the State table: one owner, one
	// store. A write an archetype's own store carries may be kept in a row
	// of that archetype's that names no workload.
	rows := map[string][]string{}
	for _, s := range d.State {
		for _, w := range s.Workloads {
			rows[w] = append(rows[w], s.Name)
		}
	}
	for _, f := range m.Flows {
		if f.Kind != "write" {
			continue
		}
		for _, w := range f.Workloads {
			switch n := len(rows[w]); {
			case n > 1:
				add("no records owned twice", "the records %q writes are in %d state rows (%s), each with its owner", w, n, strings.Join(rows[w], ", "))
			case n == 0 && ids[f.StoreOfRecord].Source == "engine":
				add("no records owned twice", "the records %q writes are in no state row", w)
			}
		}
	}
	// One record type is one row: two rows kept in one store never keep
	// the same workload's records, and every row says who reads it and
	// how long it is kept.
	inStore := map[[2]string][]string{}
	for _, s := range d.State {
		for _, w := range s.Workloads {
			if s.StorePart != "" {
				k := [2]string{s.StorePart, w}
				inStore[k] = append(inStore[k], s.Name)
			}
		}
		if len(s.Readers) == 0 || s.Retention == "" {
			add("every state is read and kept", "%q names no readers or no retention", s.Name)
		}
	}
	for k, names := range inStore {
		if len(names) > 1 {
			add("one row per record type", "%s keeps the records of %q in %d state rows (%s)", k[0], k[1], len(names), strings.Join(names, ", "))
		}
	}
	for _, s := range d.State {
		if s.StorePart == "" {
			continue
		}
		if c, ok := ids[s.StorePart]; !ok || !slices.Contains(carrierKinds, c.Kind) {
			add("every state has one store", "%q is kept in %q, which is not a part of the model that keeps state", s.Name, s.StorePart)
		}
	}
	// An archetype's step that names a workload kind runs on a flow of that
	// kind when the design has one.
	kinds := workloadKinds(&d.Requirements)
	for _, f := range m.Flows {
		for _, st := range f.Mechanism {
			if st.On == "" || flowRuns(f, st.On, kinds) {
				continue
			}
			if slices.ContainsFunc(m.Flows, func(o Flow) bool { return flowRuns(o, st.On, kinds) }) {
				add("steps run on their flow", "%s's step %q runs on a %s flow, yet sits under the %s flow of %s", st.Pattern, st.Step, st.On, f.Kind, strings.Join(f.Workloads, ", "))
			}
		}
	}
	// A row of written records keeps the requirements' word for them: the
	// noun of one of the writes it keeps is a word of its name.
	for _, s := range d.State {
		if len(s.Workloads) == 0 {
			continue
		}
		named := false
		for _, w := range s.Workloads {
			// The noun is read into words as the name is: "cross-match"
			// is the words cross and match in both.
			named = named || kinds[w] != "write" || len(phrase.Words(recordNoun(w))) == 0 || namesNoun(s.Name, recordNoun(w))
		}
		if !named {
			add("records keep the user's word", "%q keeps the records of %s without their name", s.Name, strings.Join(s.Workloads, ", "))
		}
	}
	d.checkSizedForPath(m, kinds, add)
	// Derived state kept in one part is one row: an archetype's index that
	// is the engine's search index is that row, not a second one.
	derived := map[string][]string{}
	for _, s := range d.State {
		if s.DerivedFrom != "" && s.StorePart != "" {
			derived[s.StorePart] = append(derived[s.StorePart], s.Name)
		}
	}
	for part, names := range derived {
		if len(names) > 1 {
			add("no records owned twice", "%s keeps %d derived state rows (%s) for one derived record set", part, len(names), strings.Join(names, ", "))
		}
	}
	// A part the matrix answered runs on the matrix's choice. Only the
	// matrix's verdicts answer a question: an archetype's part listed
	// among the components with its kind as its need (a sequencer's
	// journal, of kind queue) is not the queue decision.
	chose, option := map[string]string{}, map[string]string{}
	for _, c := range d.Components {
		if c.Need != "" && (c.Source == SourceMatrix || c.Source == "") {
			chose[c.Need], option[c.Need] = c.Choice, c.Option
		}
	}
	for _, c := range m.Components {
		if c.Decision == "" {
			continue
		}
		switch choice, ok := chose[c.Decision]; {
		case !ok || choice == "none":
			add("parts follow their decision", "%s runs on the %s decision, which chose nothing", c.Name, c.Decision)
		case c.Technology != decidedTechnology(c.Kind, choice, option[c.Decision]):
			add("parts follow their decision", "%s runs on %s while the %s decision chose %s", c.Name, c.Technology, c.Decision, choice)
		}
	}
	d.checkNoPartTwice(m, chose, add)
	// One Core Components row per part: an archetype's part that refines
	// an engine part is named in that part's row, not in a row beside it.
	for _, c := range m.Components {
		rows := 0
		for _, s := range d.Services {
			if s.part == c.ID || s.arch == c.ID || s.part == "" && (s.Name == c.Name || slices.Contains(c.Refined, s.Name)) {
				rows++
			}
		}
		for _, v := range d.VerdictRows() {
			// Full-text search and LISTEN/NOTIFY are the database's own
			// features, each a decision of its own: not a second database.
			if v.Part == c.ID && v.Option != capacity.OptionFullText && v.Option != capacity.OptionListenNotify {
				rows++
			}
		}
		if rows > 1 {
			add("no part twice", "%s has %d rows in Core Components", c.Name, rows)
		}
	}
	listed := map[string]bool{}
	for _, c := range d.Components {
		listed[c.Part] = true
		if _, drawn := ids[c.Part]; !drawn {
			add("every part is drawn", "the %s component is not a part of the model", c.Need)
		}
	}
	// Both diagrams are the model's drawing, tier by tier: a part is drawn
	// when its kind has a tier, and the diagrams are drawn from this model.
	if d.DataFlow.Mermaid != m.mermaid() {
		add("every part is drawn", "the Mermaid diagram is not the drawing of the model")
	}
	if d.DataFlow.Diagram != m.boxes() {
		add("every part is drawn", "the text diagram is not the drawing of the model")
	}
	for _, c := range m.Components {
		if !slices.ContainsFunc(tiers, func(t tier) bool { return slices.Contains(t.kinds, c.Kind) }) {
			add("every part is drawn", "%s is of kind %q, which no tier of the diagrams draws", c.Name, c.Kind)
		}
		if !listed[c.ID] {
			add("every part is listed", "%s is drawn but not among the components", c.Name)
		}
		if slices.Contains(carrierKinds, c.Kind) && !d.failureCovers(c) {
			add("every stateful part can fail", "%s keeps state and no failure row says how it fails", c.Name)
		}
		if d.CostSummary != nil && slices.Contains(pricedKinds, c.Kind) && len(c.Cost) == 0 && c.CostNote == "" {
			add("every part is priced", "%s has no cost line and does not say why", c.Name)
		}
	}
}

// checkSizedForPath holds the worker pool to the flows that run through it:
// the peak its servers are sized for is no more than the jobs and
// messages whose paths reach a worker or a queue. A delivery an
// archetype's part makes itself (the chat's gateways) is not worker load.
func (d *Design) checkSizedForPath(m *Model, kinds map[string]string, add func(rule, format string, args ...any)) {
	peak := map[string]float64{}
	for _, r := range d.Capacity {
		if r.Horizon == "" && r.Quantity == "peak_per_second" {
			if _, seen := peak[r.Workload]; !seen {
				peak[r.Workload] = r.Value
			}
		}
	}
	kind := map[string]string{}
	for _, c := range m.Components {
		kind[c.ID] = c.Kind
	}
	carried := 0.0
	for _, f := range m.Flows {
		if !slices.ContainsFunc(f.Path, func(id string) bool { return kind[id] == "worker" || kind[id] == "queue" }) {
			continue
		}
		for _, w := range f.Workloads {
			if kinds[w] == "message" || kinds[w] == "job" {
				carried += peak[w]
			}
		}
	}
	for _, c := range m.Components {
		if c.ID != "workers" {
			continue
		}
		for _, ref := range c.Sizing {
			for _, r := range d.Capacity {
				if r.ID != ref || r.Tool != "servers" {
					continue
				}
				var in struct {
					PeakRPS float64 `json:"peak_rps"`
				}
				if json.Unmarshal(r.Inputs, &in) == nil && in.PeakRPS > carried*(1+1e-9)+1e-9 {
					add("sized for the path", "Workers are sized [%s] for %s/s, while the jobs and messages whose paths reach a worker or a queue peak at %s/s", r.ID, formatNum(in.PeakRPS), formatNum(carried))
				}
			}
		}
	}
}

// checkNoPartTwice refuses two parts that are one: of the same kind and
// on the same technology — one matrix question's choice (the queue the
// Queue decision chose, and the worker pool consuming it), or the same
// product — holding the same records. An archetype's part that does the
// job of an engine part refines it by id; one placed beside it is a
// second row, a second box and a second price for one thing.
func (d *Design) checkNoPartTwice(m *Model, chose map[string]string, add func(rule, format string, args ...any)) {
	held := map[string][]string{} // part id → the records it holds
	for _, s := range d.State {
		if s.StorePart != "" {
			held[s.StorePart] = append(held[s.StorePart], "state "+s.Name)
		}
	}
	for _, f := range m.Flows {
		for _, id := range f.Path {
			for _, w := range f.Workloads {
				held[id] = append(held[id], "workload "+w)
			}
		}
	}
	decisionOf := func(c ModelComponent) string {
		switch {
		case c.Decision != "":
			return c.Decision
		case c.Source != "engine":
			return ""
		case c.ID == "workers":
			if choice, ok := chose["queue"]; ok && choice != "none" {
				return "queue" // the workers consume the queue it chose
			}
			return ""
		}
		if q := string(verdictOfPart(c.ID)); q != "" && chose[q] != "" && chose[q] != "none" {
			return q
		}
		return ""
	}
	for i, a := range m.Components {
		for _, b := range m.Components[i+1:] {
			if a.Kind != b.Kind || a.Kind == "client" {
				continue
			}
			qa, qb := decisionOf(a), decisionOf(b)
			switch {
			case qa != "" && qa == qb:
				add("no part twice", "%s and %s are both the %s on the %s decision's choice (%s): one part, which an archetype's part refines by id", a.Name, b.Name, a.Kind, qa, chose[qa])
			case a.Technology == b.Technology && slices.ContainsFunc(held[a.ID], func(r string) bool { return slices.Contains(held[b.ID], r) }):
				add("no part twice", "%s and %s are both %s on %s holding the same records: one part, which an archetype's part refines by id", a.Name, b.Name, a.Kind, a.Technology)
			}
		}
	}
}
