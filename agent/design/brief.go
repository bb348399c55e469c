package design

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// document is what the template renders: the design, and for a brief
// document the capacity rows its text cites.
type document struct {
	*Design
	// cited holds the row IDs the text cites; nil shows every row.
	cited map[string]bool
}

// citeRe finds a citation: [C3], [D1], [M2] (a figure the model
// computed), or several in one bracket, [C1, M2].
var citeRe = lazyre.New(`\[([CDM]\d+(?:, [CDM]\d+)*)\]`)

// citedRows collects the row IDs a rendered document cites.
func citedRows(md []byte) map[string]bool {
	cited := map[string]bool{}
	for _, m := range citeRe.FindAllSubmatch(md, -1) {
		for _, id := range strings.Split(string(m[1]), ", ") {
			cited[id] = true
		}
	}
	return cited
}

// Brief says whether the document leaves out what says nothing for this
// system. A design built elsewhere without a level is brief in the
// vertical phase, like Build's default.
func (d *Design) Brief() bool {
	if d.Detail != "" {
		return d.Detail == DetailBrief
	}
	phase := ""
	if len(d.Scaling) > 0 {
		phase = d.Scaling[0].Phase
	}
	return autoDetail(phase) == DetailBrief
}

// QuietGrowth says whether growth changes nothing: every horizon stays in
// today's phase, no threshold is crossed and no part needs more nodes.
func (d *Design) QuietGrowth() bool {
	if len(d.Scaling) < 2 || len(d.CrossedWarnings()) > 0 {
		return false
	}
	for _, s := range d.Scaling[1:] {
		if s.Phase != d.Scaling[0].Phase || len(s.Grows) > 0 {
			return false
		}
	}
	return true
}

// LastStep is the scaling step of the last horizon.
func (d *Design) LastStep() *ScalingStep {
	if len(d.Scaling) == 0 {
		return nil
	}
	return &d.Scaling[len(d.Scaling)-1]
}

// CrossedWarnings are the thresholds growth passes within the horizon.
func (d *Design) CrossedWarnings() []Warning {
	var ws []Warning
	for _, w := range d.Warnings {
		if w.Crossed {
			ws = append(ws, w)
		}
	}
	return ws
}

// NoCrossing is the one line a brief document gives the thresholds
// growth does not reach.
func (d *Design) NoCrossing() string {
	var order []string
	limits := map[string][]string{}
	months := 0.0
	for _, w := range d.Warnings {
		if _, ok := limits[w.Component]; !ok {
			order = append(order, w.Component)
		}
		limits[w.Component] = append(limits[w.Component], w.Threshold)
		months = math.Max(months, w.Month)
	}
	var parts []string
	for _, c := range order {
		parts = append(parts, c+" at "+joinAnd(limits[c]))
	}
	return fmt.Sprintf("No threshold is crossed within %s months (%s).", formatNum(months), strings.Join(parts, "; "))
}

// ShownDerived are today's derived rows the document shows: a brief one
// leaves out the months of thresholds never crossed, which nothing cites.
func (d *Design) ShownDerived() []CapacityRow {
	rows := filterRows(d.Derived, false)
	if !d.Brief() {
		return rows
	}
	hidden := map[string]bool{}
	for _, w := range d.Warnings {
		if !w.Crossed {
			hidden[w.Ref] = true
		}
	}
	var out []CapacityRow
	for _, r := range rows {
		if !hidden[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

// ShownLater are the rows at the growth horizons the document shows: when
// growth changes nothing, a brief one keeps only the last horizon, which
// its one line on scaling cites, and what each store holds.
func (d *Design) ShownLater() []CapacityRow {
	rows := laterRows(d.Capacity, d.Derived)
	if !d.Brief() || !d.QuietGrowth() {
		return rows
	}
	last := d.LastStep().Horizon
	var out []CapacityRow
	for _, r := range rows {
		// What each store holds at each horizon is the check of the
		// store itself, and the first horizon's figure chose it.
		if r.Horizon == last || r.Tool == "stored_bytes" {
			out = append(out, r)
		}
	}
	return out
}

// BriefRow is a capacity row as the brief document's single table shows
// it: today's rows, derived rows and rows at a horizon together.
type BriefRow struct {
	CapacityRow
	Over string
}

// BriefCapacity is the one capacity table of a brief document: the rows
// the text cites, and the data each store holds (the storage tool's last
// output); the other outputs share a shown row's formula or nothing cites
// them, and stay in the JSON.
func (doc *document) BriefCapacity() []BriefRow {
	var out []BriefRow
	rows := append(filterRows(doc.Capacity, false), doc.ShownDerived()...)
	rows = append(rows, doc.ShownLater()...)
	for i, r := range rows {
		if doc.cited != nil && !doc.cited[r.ID] && (r.Tool != "storage" || !doc.lastUncited(rows, i)) {
			continue
		}
		over := r.Workload
		if r.Horizon != "" {
			over += " at " + r.Horizon
		}
		out = append(out, BriefRow{CapacityRow: r, Over: over})
	}
	return out
}

// lastUncited says whether rows[i] is the last output of a tool call none
// of whose outputs the text cites.
func (doc *document) lastUncited(rows []CapacityRow, i int) bool {
	same := func(a, b CapacityRow) bool {
		return a.Workload == b.Workload && a.Horizon == b.Horizon && a.Tool == b.Tool && a.Formula == b.Formula
	}
	for j, r := range rows {
		if !same(r, rows[i]) {
			continue
		}
		if doc.cited[r.ID] || j > i {
			return false
		}
	}
	return true
}

// BriefDecisions folds the needs left out into one row, so the log of a
// small system is its few real choices and one line of restraint.
func (d *Design) BriefDecisions() []Decision {
	var kept []Decision
	left := Decision{Decision: "Left out", Choice: "none"}
	var reasons []string
	for _, dec := range d.Decisions {
		if dec.Choice != "none" {
			kept = append(kept, dec)
			continue
		}
		left.Options = append(left.Options, dec.Decision)
		reasons = append(reasons, dec.Decision+": "+strings.TrimSpace(strings.TrimSuffix(dec.Reasoning, "Boring always wins ties.")))
	}
	if len(reasons) < 2 {
		return d.Decisions
	}
	left.Reasoning = strings.Join(reasons, " ") + " Boring always wins ties."
	return append(kept, left)
}

// ChecklistMet lists the items met, for the brief checklist's one line.
func (d *Design) ChecklistMet() []string {
	var met []string
	for _, c := range d.Checklist {
		if c.OK {
			met = append(met, c.Item)
		}
	}
	return met
}

// ChecklistOpen lists the items not met; each keeps its note.
func (d *Design) ChecklistOpen() []Check {
	var open []Check
	for _, c := range d.Checklist {
		if !c.OK {
			open = append(open, c)
		}
	}
	return open
}

// DiagramWorthIt says whether a brief document shows the diagram: a
// straight line of four boxes says nothing the numbered steps do not.
func (d *Design) DiagramWorthIt() bool {
	if d.Model == nil {
		return false
	}
	calls := 0
	for _, l := range d.Model.Links {
		if !l.InProcess {
			calls++
		}
	}
	return calls > 3
}

// ShownTrace is the traceability table: every functional line, and the
// summary only when it lands somewhere the lines do not.
func (d *Design) ShownTrace() []Trace {
	landed := map[string]bool{}
	var out []Trace
	for _, t := range d.FunctionalTrace {
		if t.Source != "summary" {
			for _, l := range t.LandsIn {
				landed[l] = true
			}
			out = append(out, t)
		}
	}
	for _, t := range d.FunctionalTrace {
		if t.Source != "summary" {
			continue
		}
		for _, l := range t.LandsIn {
			if !landed[l] {
				out = append(out, t)
				break
			}
		}
	}
	return out
}
