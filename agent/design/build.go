package design

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Options change how a design is built.
type Options struct {
	// Scale multiplies every workload's rate (0 or 1 leaves them as
	// written): the what-if of a scalability question, `--scale 10x`.
	Scale float64
	// SecondsPerMonth is the month every rate is converted with; 0 takes
	// the requirements' seconds_per_month, or the average month.
	SecondsPerMonth float64
	// Detail is how much the Markdown document shows: DetailBrief,
	// DetailFull, or "" for brief in the vertical phase and full above.
	Detail string
	// Prices replaces the embedded price table of the cost tool
	// (--prices FILE); nil keeps it.
	Prices *capacity.Prices
	// Now is the clock the design is dated by: the price table's age is
	// judged against it. Commands pass the real clock, tests and goldens a
	// fixed one; nil means the date is unknown, so the table's date is
	// stated without judging its age.
	Now func() time.Time
	// IDs keeps the ids of capacity and derived rows stable across the
	// builds of one session (RowIDs); nil numbers each build's rows from 1.
	IDs *RowIDs
}

// builder carries one Build: the options, the requirements, the design
// being filled and the row bookkeeping. The figures are not kept here:
// each pass takes the ones it reads and returns the ones it computes
// (figures.go, the passes table).
type builder struct {
	// The options: the requirements, the tools and prices every figure
	// comes from, the clock, the what-if scale and the month's length.
	req requirements.Requirements
	reg *capacity.Registry
	// prices is the table the cost lines come from.
	prices *capacity.Prices
	// now is the clock of Options.Now, or nil.
	now   func() time.Time
	scale float64
	// spm is the month every rate is converted with, in seconds.
	spm float64

	// d is the design being written: every pass adds its sections.
	d *Design
	// The row bookkeeping: the next row numbers, the session's row ids,
	// how often each row's key has occurred in this build, and the totals
	// already derived, so the same terms cite the same row.
	nextRow, nextDerived int
	ids                  *RowIDs
	occurrences          map[string]int
	totals               map[string]figure
	// noted holds every assumption and question already listed;
	// peaklessNoted says the flows without a peak factor are listed: every
	// such workload cites the same list, and building it once per workload
	// made a design quadratic in its workloads. relied collects the facts
	// the sentences being written count on (see facts.go), until the
	// section takes them.
	noted         map[string]bool
	peaklessNoted bool
	relied        []string

	// loads are the workloads as resolve settled them, marked by
	// recognise (the archetype that absorbs one) and given their own
	// figures by capacity (peak, daily and stored bytes); no pass after
	// capacity writes one, and what components decides per flow is in its
	// stored output.
	loads []*load
}

// checkWorkloadCount is requirements.CheckWorkloadCount; the scaling
// benchmarks lift the cap to show the engine's cost stays linear beyond it.
var checkWorkloadCount = requirements.CheckWorkloadCount

// Build turns requirements into a Design. Every figure comes from a
// registry tool call (or a derived total with its formula); every default
// is listed as an assumption and every gap as an open question. An error
// means the requirements hold a value the tools reject.
func Build(req requirements.Requirements, opts Options) (*Design, error) {
	if math.IsNaN(opts.Scale) || math.IsInf(opts.Scale, 0) || opts.Scale < 0 {
		return nil, errors.New("scale must be a positive factor like 10x")
	}
	detail, err := settleDetail(opts.Detail)
	if err != nil {
		return nil, err
	}
	// Requirements from a model skip the parser; the bound holds for them too.
	if err := checkWorkloadCount(len(req.Workloads)); err != nil {
		return nil, err
	}
	b := &builder{req: req, reg: capacity.Default(), prices: capacity.DefaultPrices(), scale: opts.Scale, spm: opts.SecondsPerMonth, now: opts.Now, ids: opts.IDs, totals: map[string]figure{}}
	if b.scale == 0 {
		b.scale = 1
	}
	if opts.Prices != nil {
		b.reg, b.prices = capacity.WithPrices(opts.Prices), opts.Prices
	}
	b.d = newDesign(req)
	b.d.Scale = b.scale
	if err := b.settleMonth(); err != nil {
		return nil, err
	}
	var h handoff
	for _, p := range passes {
		if err := p.run(b, &h); err != nil {
			return nil, err
		}
	}
	b.d.Detail = detail
	if detail == "" {
		b.d.Detail = autoDetail(h.fig.phase)
	}
	if err := refuseNonFinite(b.d); err != nil {
		return nil, err
	}
	b.dropRuledOut()
	if bad := b.d.Check(); len(bad) > 0 {
		return nil, &InconsistentError{Title: b.d.Title, Found: bad}
	}
	return b.d, nil
}

// pass is one pass of the engine, by the name docs/ARCHITECTURE.md gives
// it. run calls it with what it takes from the hand-off and keeps there
// what it returns, for the passes after it.
type pass struct {
	name string
	run  func(*builder, *handoff) error
}

// handoff is what the passes return for the passes after them, one field
// per output; the builder keeps none of them (TestBuilderKeepsNoPassOutput).
type handoff struct {
	// matches are the archetypes recognised in the requirements (recognise).
	matches []patterns.Match
	// leftOut are, by archetype id, the lines saying which of its parts
	// the load does not need (recognise, which fits each archetype).
	leftOut map[string][]string
	// fig are the figures: the totals (capacity), what the stores hold and
	// take and what was decided per flow (components), the API tier, the
	// phase and the downtime budget (fleet).
	fig figures
	// vd are the decision matrix's verdicts by question id (components;
	// functional adds to them).
	vd *verdicts
	// drawing is the data flow's graph and flows (architecture; redrawn
	// by functional when a line adds a component).
	drawing *drawing
	// merged are the parts the archetypes brought (archetypes).
	merged *merged
	// sized are the archetype parts the engine sized (sizeParts).
	sized partLoads
	// priced is what the model is priced from (cost).
	priced priced
}

// passes are the engine's passes in order: recognise, then place and
// size (capacity to sizeParts), then growth and price, then the
// analyses, then the model is assembled from what they placed. Check
// and render follow, on the Design alone.
var passes = []pass{
	{"resolve", func(b *builder, _ *handoff) error { return b.resolve() }},
	{"recognise", func(b *builder, h *handoff) (err error) { h.matches, h.leftOut, err = b.recognise(); return err }},
	{"capacity", func(b *builder, h *handoff) (err error) { h.fig.totals, err = b.capacity(); return err }},
	{"components", func(b *builder, h *handoff) (err error) {
		h.vd, h.fig.stored, err = b.components(h.fig.totals)
		return err
	}},
	{"fleet", func(b *builder, h *handoff) (err error) {
		var services serviceList
		h.fig.fleetFigures, services, err = b.fleet(h.vd, h.fig)
		b.d.Services = append(b.d.Services, services...)
		return err
	}},
	{"architecture", func(b *builder, h *handoff) (err error) { h.drawing, err = b.architecture(h.fig, h.vd); return err }},
	{"archetypes", func(b *builder, h *handoff) (err error) {
		h.merged, err = b.archetypes(h.vd, h.drawing, h.matches, h.leftOut)
		return err
	}},
	{"functional", func(b *builder, h *handoff) (err error) {
		h.drawing, err = b.functional(h.fig, h.vd, h.merged, h.drawing)
		return err
	}},
	{"sizeParts", func(b *builder, h *handoff) (err error) {
		h.sized, err = b.sizeParts(h.merged, &h.fig.stored)
		return err
	}},
	{"growth", func(b *builder, h *handoff) error { return b.growth(h.fig, h.vd, h.merged, h.sized) }},
	{"cost", func(b *builder, h *handoff) (err error) {
		h.priced, err = b.cost(h.fig, h.vd, h.merged, h.drawing, h.sized)
		return err
	}},
	{"analyses", func(b *builder, h *handoff) error { return b.analyses(h.fig, h.vd) }},
	{"wrapUp", func(b *builder, h *handoff) error { return b.wrapUp(h.fig, h.vd, h.merged, h.drawing, h.sized) }},
	{"systemModel", func(b *builder, h *handoff) error {
		b.systemModel(h.vd, h.merged, h.drawing, h.matches, h.priced)
		return nil
	}},
}

// settleMonth picks the month length every rate is converted with: the
// option, else the requirements' seconds_per_month, else the average
// Gregorian month.
func (b *builder) settleMonth() error {
	if b.spm == 0 {
		b.spm = float64(b.req.SecondsPerMonth)
	}
	switch {
	case math.IsNaN(b.spm) || b.spm < 0:
		return errors.New("seconds per month must be a positive number like 2.5M")
	case b.spm == 0:
		b.spm = quantity.DefaultSecondsPerMonth
		b.assume("A month is %s s, the average Gregorian month, in every rate conversion; set seconds_per_month (2.5M in the system-design-primer) to change it.", formatNum(b.spm))
	default:
		b.assume("A month is %s s (seconds_per_month) in every rate conversion, so 1 request per second is %s requests a month.", formatNum(b.spm), formatNum(b.spm))
	}
	return nil
}

// newDesign starts a design with empty (not null) lists, so its JSON
// always has every contract key.
func newDesign(req requirements.Requirements) *Design {
	d := &Design{
		Title: strings.TrimSpace(req.Title), Kind: DetectKind(req), Requirements: req,
		Extracted: req.Extracted,
		Capacity:  []CapacityRow{}, Derived: []CapacityRow{}, Components: []Component{},
		Services: []Service{}, State: []StateRecord{}, HotPaths: []HotPath{},
		DataFlow:         DataFlow{Steps: []string{}},
		FailureScenarios: []FailureScenario{}, Resilience: []Policy{}, Degradation: []Fallback{},
		Scaling: []ScalingStep{}, Warnings: []Warning{}, Patterns: []PatternUse{},
		Operations: Operations{Signals: []GoldenSignals{}, Alerts: []Alert{}, Deployment: []string{}, Logging: []string{}},
		Risks:      []Risk{}, Decisions: []Decision{}, Checklist: []Check{},
		Assumptions: []string{}, OpenQuestions: []string{}, FunctionalTrace: []Trace{}, Cost: []CostLine{},
	}
	return d
}

// DetectKind says which ask the requirements make: a performance
// regression when they describe the current system (current:), a
// technology selection when they ask a question (question:), otherwise a
// greenfield design.
func DetectKind(req requirements.Requirements) string {
	switch {
	case req.Current != nil:
		return KindPerformance
	case strings.TrimSpace(req.Question) != "":
		return KindSelection
	}
	return KindGreenfield
}

// capacity computes each workload's figures, then returns the totals the
// decision matrix is fed with.
func (b *builder) capacity() (totals, error) {
	var t totals
	for _, l := range b.loads {
		if err := b.workloadCapacity(l); err != nil {
			return t, fmt.Errorf("%s: %w", l.field(), err)
		}
	}
	for _, l := range b.loads {
		if err := b.batchCapacity(l); err != nil {
			return t, fmt.Errorf("%s: %w", l.field(), err)
		}
	}
	// Client requests alone size the scaling phase, the API fleet and the
	// load balancer; fan-out and jobs are sized on the workers' tier.
	t.phaseLoad = clientFacing
	t.totalPeak = b.sum("peak client requests", "client workloads", clientFacing)
	if t.totalPeak.Ref == "" {
		// A system of background work only (a crawler, a pipeline of
		// jobs) is placed in the playbook by that work.
		t.phaseLoad = func(l *load) bool { return !l.inline }
		t.totalPeak = b.sum("peak background work", "job and message workloads", t.phaseLoad)
		if t.totalPeak.Ref != "" {
			b.assume("No client request flow has a rate: the scaling phase is placed by the background work, which is the whole load.")
		}
	}
	t.writes = b.sum("peak writes", "write workloads", kindIs(requirements.Write))
	t.events = b.sum("peak events", "event workloads", kindIs(requirements.Event))
	t.queued = b.sum("peak queued messages", "job and message workloads", func(l *load) bool {
		return kindIs(requirements.Job, requirements.Message)(l) && !b.deliveredByPart(l)
	})
	return t, nil
}

// clientFacing says whether a workload is a request a client makes, as
// opposed to work the system does on its own behalf.
func clientFacing(l *load) bool {
	return !l.inline && kindIs(requirements.Read, requirements.Write, requirements.Search, requirements.Event)(l)
}

func kindIs(kinds ...requirements.Kind) func(*load) bool {
	return func(l *load) bool {
		for _, k := range kinds {
			if l.kind == k {
				return true
			}
		}
		return false
	}
}

// sum totals the peak rate of the workloads keep selects.
func (b *builder) sum(quantityName, workload string, keep func(*load) bool) figure {
	return b.sumOf(quantityName, workload, "per_second", keep, func(l *load) figure { return l.peak })
}

// sumOf totals one figure of the workloads keep selects. With one
// workload the total is that workload's own row; with none it is empty.
func (b *builder) sumOf(quantityName, workload, unit string, keep func(*load) bool, of func(*load) figure) figure {
	var parts []part
	for _, l := range b.loads {
		f := of(l)
		if f.Ref == "" || keep != nil && !keep(l) {
			continue
		}
		parts = append(parts, part{Name: l.Name, Value: f.Value, Ref: f.Ref})
	}
	switch len(parts) {
	case 0:
		return figure{}
	case 1:
		return figure{Value: parts[0].Value, Ref: parts[0].Ref}
	}
	// The same terms give the same total: cite the row already made.
	key := fmt.Sprint(parts)
	if f, ok := b.totals[key]; ok {
		return f
	}
	f := b.derive(workload, "", total(quantityName, unit, parts))
	b.totals[key] = f
	return f
}
