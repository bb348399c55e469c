package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Model is the designed system as typed parts: the components, the links
// between them and the path each workload takes. The diagrams are drawn
// from it and the consistency check walks it, so a part an archetype
// brings is drawn, sized or said to be unsized, and checked like the
// engine's own.
type Model struct {
	Components []ModelComponent `json:"components"`
	Links      []Link           `json:"links"`
	Flows      []Flow           `json:"flows"`
	// Unrouted are the paths through an archetype's parts that no
	// workload of the requirements takes, with the archetype's steps: the
	// Data Flow still says how its mechanism runs.
	Unrouted []Flow `json:"unrouted,omitempty"`
}

// ModelComponent is one part of the system.
type ModelComponent struct {
	// ID is the part's stable name in the model and the diagrams: the
	// engine's parts have short ids (api, db, cache), an archetype's parts
	// the slug of their name.
	ID   string `json:"id"`
	Name string `json:"name"`
	// Kind is one of patterns.ComponentKinds.
	Kind       string `json:"kind"`
	Technology string `json:"technology,omitempty"`
	Role       string `json:"role,omitempty"`
	// Source is "engine" for the parts the engine places from the
	// workloads and the decision matrix, "archetype:ID" for an archetype's.
	Source string `json:"source"`
	// Refined lists the archetype parts that are this part (the link table
	// of a URL shortener is the database).
	Refined []string `json:"refined,omitempty"`
	// Existing is true when the constraints name its technology as
	// already in place.
	Existing bool `json:"existing,omitempty"`
	// Cost lists the cost lines that price this part; CostNote says why a
	// part that would cost money has none.
	Cost     []string `json:"cost,omitempty"`
	CostNote string   `json:"cost_note,omitempty"`
	// Unpriced says why by id: existing, not-sized or not-priced.
	Unpriced string `json:"unpriced,omitempty"`
	// Sizing cites the figures its cost lines are sized from.
	Sizing []string `json:"sizing,omitempty"`
	// Decision is the decision-matrix question whose choice is this
	// part's technology (an archetype's fan-out workers consume the queue
	// the Queue decision chose); the check holds the two together.
	Decision string `json:"decision,omitempty"`
}

// Link is an edge of the model: From calls, writes to or feeds To.
type Link struct {
	From  string `json:"from"`
	To    string `json:"to"`
	Label string `json:"label,omitempty"`
	// InProcess marks a part that runs inside From's process.
	InProcess bool `json:"in_process,omitempty"`
}

// Flow is the path one or more workloads take through the model's parts.
type Flow struct {
	Workloads []string `json:"workloads"`
	Kind      string   `json:"kind"`
	Path      []string `json:"path"`
	// StoreOfRecord is the part a write flow's records are kept in.
	StoreOfRecord string `json:"store_of_record,omitempty"`
	// Detail says what happens along the path; the numbered Data Flow
	// step is the path's part names followed by it.
	Detail string `json:"detail,omitempty"`
	// Mechanism are the steps of the recognised archetypes whose parts
	// the path runs through, each led by the archetype's name.
	Mechanism []MechanismStep `json:"mechanism,omitempty"`
	// carrier and carriedBy are the part and the archetype id of an
	// absorbed flow, so its workloads of one kind share one flow.
	carrier, carriedBy string
}

// MechanismStep is one step of a recognised archetype's mechanism on a
// flow's path.
type MechanismStep struct {
	Pattern string `json:"pattern"`
	Step    string `json:"step"`
	// On is the workload kind the archetype says the step runs on, when
	// it says one: the step sits on a flow of that kind when the design
	// has one.
	On string `json:"on,omitempty"`
}

// kindOfNode is the model kind of each part the engine places.
var kindOfNode = map[string]string{
	"client": "client", "lb": "edge", "cdn": "edge", "ingest": "edge", "api": "service",
	"db": "store", "records": "store", "cache": "cache", "blob": "object-storage", "search": "index",
	"queue": "queue", "log": "queue", "workers": "worker", "proc": "worker",
}

// Why a part that costs money has no cost line (ModelComponent.Unpriced).
const (
	unpricedExisting  = "existing"
	unpricedNotSized  = "not-sized"
	unpricedNotPriced = "not-priced"
)

// pricedKinds are the kinds of part that cost money to run; a part of
// these kinds without a cost line says why.
var pricedKinds = []string{"edge", "service", "worker", "store", "in-memory", "cache", "index", "queue", "object-storage"}

// carrierKinds are the kinds of part that can carry an absorbed flow.
var carrierKinds = []string{"in-memory", "store", "index", "cache", "queue", "object-storage"}

// archPart is a component an archetype brought into the design.
type archPart struct {
	arch *patterns.Archetype
	comp patterns.Component
	tech string
	// id is the part's id in the model: the engine part it refines, or
	// its own, or the part of the component that covers it.
	id string
	// coveredBy names the other archetype's component that is this part.
	coveredBy string
	// decision is the matrix question whose choice is tech, if any.
	decision string
	// row says the part has its own Core Components row (Service.arch is
	// its id); a part that refines another joins that part's row.
	row bool
}

// merged is what the archetypes pass returns: the parts the recognised
// archetypes brought, in the order they were merged, and those a figure
// counts in nodes. ids are the model ids its parts took.
type merged struct {
	parts []archPart
	nodes []nodeCount
	ids   map[string]int
}

// partID gives an archetype's component its model id, once: the engine
// part it refines, or the slug of its name, made unique.
func (mg *merged) partID(c patterns.Component) string {
	if c.Refines != "" {
		return c.Refines
	}
	if mg.ids == nil {
		mg.ids = map[string]int{}
		for id := range kindOfNode {
			mg.ids[id] = 0
		}
	}
	id := uniqueID(mg.ids, slug(c.Name))
	mg.ids[id] = 0
	return id
}

// carrier is the archetype part that carries an absorbed flow: the
// component its absorb names, else the archetype's first part that keeps
// state.
func (b *builder) carrier(mg *merged, l *load) (archPart, bool) {
	for _, p := range mg.parts {
		if p.arch.ID == l.byID && l.to != "" && p.comp.Name == l.to {
			return b.covering(mg, p), true
		}
	}
	for _, p := range mg.parts {
		if p.arch.ID == l.byID && slices.Contains(carrierKinds, p.comp.Kind) {
			return b.covering(mg, p), true
		}
	}
	return archPart{}, false
}

// covering is the part that carries what p carries: the component that
// covers p, or p.
func (b *builder) covering(mg *merged, p archPart) archPart {
	if p.coveredBy == "" {
		return p
	}
	for _, q := range mg.parts {
		if q.id == p.id && q.coveredBy == "" {
			return q
		}
	}
	return p
}

// modelInput is everything the model is assembled from, each the output
// of an earlier pass.
type modelInput struct {
	// graph holds the parts and links the data flow placed (architecture).
	graph *graph
	// services are the parts the fleet and functional passes placed.
	services []Service
	// archParts are the recognised archetypes' parts (archetypes).
	archParts []archPart
	// flows are every workload's path (architecture, absorbed flows).
	flows []Flow
	// cdn says the cost prices a CDN for the files' egress.
	cdn bool
	// existing says whether constraints.existing names a technology;
	// existingParts are the parts in place by id (an API fleet).
	existing      func(tech string) bool
	existingParts []string
}

// assembleModel builds the model from the parts the passes placed: the
// data flow's graph, the services, the archetypes' parts (a part that
// refines or is covered by another joins it), the flows, and a CDN the
// cost prices. It reads nothing else.
func assembleModel(in modelInput) *Model {
	m := &Model{}
	index := map[string]int{}
	addPart := func(c ModelComponent) {
		index[c.ID] = len(m.Components)
		m.Components = append(m.Components, c)
	}
	for _, tier := range in.graph.tiers {
		for _, n := range tier {
			addPart(ModelComponent{ID: n.id, Name: n.label, Kind: kindOfNode[n.id], Technology: n.label, Role: n.role, Source: "engine"})
		}
	}
	for _, e := range in.graph.edges {
		m.Links = append(m.Links, Link{From: e.from, To: e.to, Label: e.label})
	}
	for _, s := range in.services {
		if s.part == "" {
			continue
		}
		if i, ok := index[s.part]; ok {
			m.Components[i].Name = s.Name // the name the Core Components table gives it
			m.Components[i].Technology = s.Technology
			continue
		}
		addPart(ModelComponent{ID: s.part, Name: s.Name, Kind: s.kind, Technology: s.Technology, Role: s.Purpose, Source: "engine"})
		m.Links = append(m.Links, serviceLinks(m, s.part, s.kind)...)
	}
	var links []Link
	for _, p := range in.archParts {
		if i, ok := index[p.id]; ok {
			m.Components[i].Refined = append(m.Components[i].Refined, p.comp.Name)
			// The part it is takes the paths it names (the workers push
			// onto the home timelines); it is reached as that part is.
			links = append(links, namedLinks(in.archParts, p)...)
			continue
		}
		addPart(ModelComponent{ID: p.id, Name: p.comp.Name, Kind: p.comp.Kind, Technology: p.tech, Role: p.comp.Purpose, Source: "archetype:" + p.arch.ID, Decision: p.decision})
		links = append(links, archLinks(m, in.archParts, p)...)
	}
	// An end that names a part the design left out (ruled out, or an
	// engine part it has none of) is no link.
	for _, l := range links {
		if _, ok := index[l.From]; !ok {
			continue
		}
		if _, ok := index[l.To]; ok {
			m.Links = append(m.Links, l)
		}
	}
	if in.cdn && !m.has("cdn") {
		// The cost prices a CDN for the files' egress: it is a part.
		addPart(ModelComponent{ID: "cdn", Name: "CDN", Kind: "edge", Technology: "CDN in front of object storage", Role: "public files near readers", Source: "engine"})
		m.Links = append(m.Links, Link{From: "client", To: "cdn", Label: "files"})
		if m.has("blob") {
			m.Links = append(m.Links, Link{From: "cdn", To: "blob", Label: "origin"})
		}
	}
	for i := range m.Components {
		c := &m.Components[i]
		c.Existing = c.Kind != "client" && c.Kind != "in-process" && (in.existing(c.Technology) || slices.Contains(in.existingParts, c.ID))
	}
	m.Flows = in.flows
	// Every hop of a flow is an edge of the drawing.
	for _, f := range m.Flows {
		m.drawPath(f.Path)
	}
	return m
}

// drawPath links each hop of a path between two parts of the model that
// no link joins yet.
func (m *Model) drawPath(path []string) {
	for i := 1; i < len(path); i++ {
		from, to := path[i-1], path[i]
		if m.has(from) && m.has(to) && !slices.ContainsFunc(m.Links, func(l Link) bool { return l.From == from && l.To == to }) {
			m.Links = append(m.Links, Link{From: from, To: to})
		}
	}
}

// systemModel is the model pass: the flows the archetypes' parts carry
// are added, the model is assembled (assembleModel) and priced
// (priceModel), a "none" an archetype's part answers is settled, every
// part is listed and given its failure row, and both diagrams are drawn
// from it.
func (b *builder) systemModel(vd *verdicts, mg *merged, dr *drawing, matches []patterns.Match, pr priced) {
	if dr == nil || dr.graph == nil {
		return
	}
	flows := b.absorbedFlows(vd, mg, dr)
	m := assembleModel(modelInput{graph: dr.graph, services: b.d.Services, archParts: mg.parts, flows: flows,
		cdn: b.usesCDN(vd), existing: b.existing, existingParts: pr.existingParts})
	for _, q := range priceModel(m, pr.lines, pr.summed) {
		b.ask("%s", q)
	}
	b.d.failurePerPart(m)
	b.settleDeclines(mg)
	b.mechanismSteps(mg, m, matches)
	b.d.Model = m
	b.d.DataFlow.Steps = m.steps()
	b.d.listParts()
	b.d.DataFlow.Mermaid = m.mermaid()
	b.d.DataFlow.Diagram = m.boxes()
}

// failurePerPart gives every part that keeps state a failure row: the
// engine's rows name their part, an archetype's rows cover the parts it
// brings, and a part neither covers gets the row of its kind.
func (d *Design) failurePerPart(m *Model) {
	for _, c := range m.Components {
		if !slices.Contains(carrierKinds, c.Kind) || d.failureCovers(c) {
			continue
		}
		if f, ok := kindFailure(c); ok {
			d.FailureScenarios = append(d.FailureScenarios, f)
		}
	}
}

// failureCovers says whether a failure row covers a part: one names it,
// or the archetype that brought it has rows of its own.
func (d *Design) failureCovers(c ModelComponent) bool {
	return slices.ContainsFunc(d.FailureScenarios, func(f FailureScenario) bool {
		return f.Part == c.ID || c.Source != "engine" && f.Source == c.Source
	})
}

// archLinks joins an archetype's part to the rest: a part in a process
// hangs off the API; a client talks to the edge; workers consume the
// archetype's queue when it has one; the rest is called by the API.
func archLinks(m *Model, parts []archPart, p archPart) []Link {
	id := p.id
	if len(p.comp.From) > 0 || len(p.comp.To) > 0 {
		links := namedLinks(parts, p)
		if len(p.comp.From) == 0 {
			links = append(links, Link{From: "api", To: id})
		}
		return links
	}
	return defaultLinks(m, id, p.comp.Kind, archQueue(m, p.arch))
}

// namedLinks are the links an archetype's part names: from each part its
// from: lists, to each its to: lists.
func namedLinks(parts []archPart, p archPart) []Link {
	var links []Link
	for _, f := range p.comp.From {
		links = append(links, Link{From: archPartID(parts, p.arch, f), To: p.id})
	}
	for _, t := range p.comp.To {
		links = append(links, Link{From: p.id, To: archPartID(parts, p.arch, t)})
	}
	return links
}

// defaultLinks joins a part by its kind: a part in a process hangs off the
// API, a client talks to the edge, an edge fronts the API, workers consume
// queue (or take work from the API when there is none), the API calls a
// provider and everything else.
func defaultLinks(m *Model, id, kind, queue string) []Link {
	switch kind {
	case "in-process":
		return []Link{{From: "api", To: id, Label: "in process", InProcess: true}}
	case "client":
		entry := "api"
		if m.has("lb") {
			entry = "lb"
		}
		return []Link{{From: id, To: entry, Label: "syncs"}}
	case "edge":
		return []Link{{From: "client", To: id}, {From: id, To: "api"}}
	case "worker":
		if queue != "" {
			return []Link{{From: queue, To: id, Label: "consume"}}
		}
		return []Link{{From: "api", To: id, Label: "async"}}
	case "external":
		return []Link{{From: "api", To: id, Label: "calls"}}
	}
	return []Link{{From: "api", To: id}}
}

// serviceLinks joins a service the data flow did not draw, by its kind;
// workers consume the job queue when there is one.
func serviceLinks(m *Model, id, kind string) []Link {
	queue := ""
	if m.has("queue") {
		queue = "queue"
	}
	return defaultLinks(m, id, kind, queue)
}

// archQueue is the id of the archetype's own queue or log in the model.
func archQueue(m *Model, a *patterns.Archetype) string {
	for _, c := range a.Components {
		if c.Kind != "queue" {
			continue
		}
		for _, mc := range m.Components {
			if mc.Name == c.Name || slices.Contains(mc.Refined, c.Name) {
				return mc.ID
			}
		}
	}
	return ""
}

func (m *Model) has(id string) bool {
	return slices.ContainsFunc(m.Components, func(c ModelComponent) bool { return c.ID == id })
}

// priceModel ties the cost lines to the parts they price, and says of
// every part that would cost money and has no line why it has none; it
// returns the open question of each part that is not sized. With priced
// false (no cost estimate) no part is judged.
func priceModel(m *Model, cost []CostLine, priced bool) (questions []string) {
	index := map[string]int{}
	for i, c := range m.Components {
		index[c.ID] = i
	}
	for _, l := range cost {
		part := l.part
		if part == "" && l.args["component"] == "cdn" {
			part = "cdn" // the CDN line prices the CDN's transfer
		}
		for _, part := range append([]string{part}, l.alsoParts...) {
			i, ok := index[part]
			if !ok {
				continue
			}
			m.Components[i].Cost = append(m.Components[i].Cost, l.Component)
			if l.Basis != "" && !slices.Contains(m.Components[i].Sizing, l.Basis) {
				m.Components[i].Sizing = append(m.Components[i].Sizing, l.Basis)
			}
		}
	}
	if !priced {
		return nil
	}
	for i := range m.Components {
		c := &m.Components[i]
		if len(c.Cost) > 0 || !slices.Contains(pricedKinds, c.Kind) {
			continue
		}
		switch {
		case c.Existing:
			c.CostNote, c.Unpriced = "already in place (constraints: existing), so no new spend; watch its load against what it was sized for", unpricedExisting
		default:
			c.CostNote, c.Unpriced = "not sized: no workload figure sizes it yet, so the total leaves it out", unpricedNotSized
			questions = append(questions, notSizedQuestion(*c))
		}
	}
	return questions
}

// Unpriced lists the parts that would cost money and have no cost line.
func (m *Model) Unpriced() []ModelComponent {
	if m == nil {
		return nil
	}
	var out []ModelComponent
	for _, c := range m.Components {
		if c.CostNote != "" {
			out = append(out, c)
		}
	}
	return out
}

// slug turns a part's name into a Mermaid-safe id.
func slug(name string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			sb.WriteRune(r)
		case sb.Len() > 0 && !strings.HasSuffix(sb.String(), "_"):
			sb.WriteByte('_')
		}
	}
	return strings.TrimSuffix(sb.String(), "_")
}

// uniqueID returns id, or id_2, id_3… when it is taken.
func uniqueID(index map[string]int, id string) string {
	if id == "" {
		id = "part"
	}
	if _, taken := index[id]; !taken && !slices.Contains(mermaidReserved, id) {
		return id
	}
	for n := 2; ; n++ {
		c := fmt.Sprintf("%s_%d", id, n)
		if _, taken := index[c]; !taken {
			return c
		}
	}
}

// mermaidReserved are words Mermaid's flowchart grammar keeps for itself.
var mermaidReserved = []string{"end", "graph", "subgraph", "flowchart", "style", "class", "click", "default", "call", "href"}

// declinedKinds are, for each need the matrix may decline, the kinds of
// part that answer it.
var declinedKinds = map[string][]string{"queue": {"queue"}, "cache": {"cache"}}

// settleDeclines turns a "none" the matrix logged into the part an
// archetype brought for the same need: a design must not leave out a
// queue beside its own channel queues.
func (b *builder) settleDeclines(mg *merged) {
	for i := range b.d.Decisions {
		dec := &b.d.Decisions[i]
		kinds, ok := declinedKinds[dec.Question]
		if !ok || dec.Choice != "none" {
			continue
		}
		for _, p := range mg.parts {
			if p.comp.Refines != "" || !slices.Contains(kinds, p.comp.Kind) {
				continue
			}
			*dec = Decision{Question: dec.Question, Decision: dec.Decision, Options: append([]string{p.comp.Name}, dec.Options...), Choice: p.comp.Name,
				Reasoning: fmt.Sprintf("No workload of its own asks for one, but %s brings %s (%s) for this: %s. It is this design's %s.",
					p.arch.Name, p.comp.Name, p.tech, strings.TrimSuffix(p.comp.Purpose, "."), strings.ToLower(dec.Decision))}
			break
		}
	}
}

// archPartID resolves a component's from/to entry: another component of the
// same archetype by name, else an engine part id.
func archPartID(parts []archPart, a *patterns.Archetype, name string) string {
	if id, ok := findArchPart(parts, a, name); ok {
		return id
	}
	return name
}

// findArchPart is the model part of an archetype's component, by its name.
func findArchPart(parts []archPart, a *patterns.Archetype, name string) (string, bool) {
	for _, p := range parts {
		if p.arch == a && p.comp.Name == name {
			return p.id, true
		}
	}
	return "", false
}

// absorbedFlows returns the data flow's flows with the path of each flow
// an archetype's part carries: from the client through the API to that
// part, its store of record when it writes. The drawing is left as the
// architecture pass returned it.
func (b *builder) absorbedFlows(vd *verdicts, mg *merged, dr *drawing) []Flow {
	flows := slices.Clone(dr.flows)
	for _, l := range b.loads {
		if !absorbed(l) {
			continue
		}
		to := "api" // the archetype's store was ruled out: the API answers
		if p, ok := b.carrier(mg, l); ok {
			to = p.id
		}
		if i := slices.IndexFunc(flows, func(f Flow) bool { return f.Kind == "event" && slices.Contains(f.Workloads, l.Name) }); i >= 0 {
			// Events still arrive through the log; its consumers write
			// them into the archetype's store, on the same path.
			if f := &flows[i]; !slices.Contains(f.Path, to) {
				f.Path = append(slices.Clone(f.Path), to)
				f.Detail += fmt.Sprintf("; consumers write them on to the last part (%s)", l.by)
			}
			continue
		}
		if i := slices.IndexFunc(flows, func(f Flow) bool {
			return f.Kind == string(l.kind) && f.carrier == to && f.carriedBy == l.byID
		}); i >= 0 {
			// Another workload of its kind already runs to that part:
			// one flow names both ("view standings", "my rank").
			flows[i].Workloads = append(slices.Clone(flows[i].Workloads), l.Name)
			continue
		}
		f := Flow{Workloads: []string{l.Name}, Kind: string(l.kind), Path: append(b.front(), to),
			Detail: fmt.Sprintf("carried there alone, with no database call on the path (%s)", l.by), carrier: to, carriedBy: l.byID}
		if b.deliveredByPart(l) {
			f.Detail = fmt.Sprintf("the API hands each straight to the part that delivers it: no queue, worker or database call on the path (%s)", l.by)
			if keepsRecords(l) {
				// Kept as history: stored (and acknowledged) first, then
				// handed on; the database is its store of record.
				f.StoreOfRecord = "db"
				f.Detail = fmt.Sprintf("the API stores each in %s, the store of record for its history, acknowledges the sender, then hands it straight to the part that delivers it: no queue or worker on the path (%s)", b.choiceOf(vd, qDatabase, "PostgreSQL"), l.by)
			}
		}
		if q := vd.by[qQueue]; l.kind == requirements.Message && q != nil && dr.graph.has("queue") && dr.graph.has("workers") && to != "api" {
			// The queue the matrix sized for these messages hands them to
			// the workers, which deliver them through the archetype's part.
			f.Path = []string{"api", "queue", "workers", to}
			f.Detail = fmt.Sprintf("the API appends each to the queue; workers consume them and deliver through the last part, with no database call on the path (%s)", l.by)
		}
		if l.kind == "write" {
			f.StoreOfRecord = to
		}
		flows = append(flows, f)
	}
	for _, l := range b.loads {
		// A flow that then updates an archetype's part says so on its
		// own step: the insert into the score log, then the boards.
		p, ok := b.loadedPart(mg, l)
		if absorbed(l) || !ok {
			continue
		}
		if i := slices.IndexFunc(flows, func(f Flow) bool { return slices.Contains(f.Workloads, l.Name) }); i >= 0 {
			flows[i].Detail += fmt.Sprintf("; then %q also updates the %s (%s)", l.Name, p.comp.Name, l.alsoBy)
		}
	}
	return flows
}

// mechanismSteps puts each recognised archetype's data-flow steps on the
// flow each says it runs on (every catalogue step names one): a step on a
// workload kind goes to a flow of that kind (the one the archetype's own
// store carries, else one through its parts, else any), a step on a
// component to the flow through that part. A step whose flow the design
// does not have goes to the flow the archetype's store carries or the
// first through its parts, else to a path of the archetype's own parts
// that no workload takes yet (Unrouted).
func (b *builder) mechanismSteps(mg *merged, m *Model, matches []patterns.Match) {
	kinds := workloadKinds(&b.req)
	for _, match := range matches {
		a := match.Archetype
		if len(a.Steps) == 0 {
			continue
		}
		var own []string
		for _, p := range mg.parts {
			if p.arch == a && !slices.Contains(own, p.id) {
				own = append(own, p.id)
			}
		}
		carried := func(f Flow) bool {
			return slices.ContainsFunc(f.Workloads, func(w string) bool { return b.carriedBy(w) == a.ID })
		}
		through := func(f Flow) bool {
			return slices.ContainsFunc(f.Path, func(id string) bool { return slices.Contains(own, id) })
		}
		at := slices.IndexFunc(m.Flows, func(f Flow) bool { return carried(f) && through(f) })
		if at < 0 {
			at = slices.IndexFunc(m.Flows, through)
		}
		var unrouted *Flow
		for _, step := range a.Steps {
			on, kind := -1, ""
			switch {
			case slices.Contains(workloadKindNames, step.On):
				kind = step.On
				of := func(f Flow) bool { return flowRuns(f, kind, kinds) }
				if on = slices.IndexFunc(m.Flows, func(f Flow) bool { return of(f) && carried(f) }); on < 0 {
					if on = slices.IndexFunc(m.Flows, func(f Flow) bool { return of(f) && through(f) }); on < 0 {
						on = slices.IndexFunc(m.Flows, of)
					}
				}
			case step.On != "":
				if id, _ := findArchPart(mg.parts, a, step.On); id != "" {
					on = slices.IndexFunc(m.Flows, func(f Flow) bool { return slices.Contains(f.Path, id) })
				}
			}
			if on < 0 {
				on = at
			}
			if on >= 0 {
				m.Flows[on].Mechanism = append(m.Flows[on].Mechanism, MechanismStep{Pattern: a.Name, Step: step.Step, On: kind})
				continue
			}
			if len(own) == 0 {
				continue // every part of it was ruled out and no flow is of its kind
			}
			if unrouted == nil {
				m.Unrouted = append(m.Unrouted, Flow{Kind: "mechanism", Path: append([]string{"api"}, own...), Detail: "the parts " + a.Name + " brings; no workload of the requirements runs through them yet"})
				unrouted = &m.Unrouted[len(m.Unrouted)-1]
			}
			unrouted.Mechanism = append(unrouted.Mechanism, MechanismStep{Pattern: a.Name, Step: step.Step})
		}
	}
}

// workloadKindNames are the kinds a workload, and an archetype's step, may
// name.
var workloadKindNames = requirements.KindNames()

// workloadKinds maps each workload's name to its kind.
func workloadKinds(req *requirements.Requirements) map[string]string {
	kinds := map[string]string{}
	if req == nil {
		return kinds
	}
	for _, w := range req.Workloads {
		kinds[w.Name] = string(w.Kind)
	}
	return kinds
}

// flowRuns says whether a flow runs workloads of a kind: its own kind, or
// the kind of one of its workloads (a message on the background path).
func flowRuns(f Flow, kind string, kinds map[string]string) bool {
	return f.Kind == kind || slices.ContainsFunc(f.Workloads, func(w string) bool { return kinds[w] == kind })
}

// carriedBy is the id of the archetype whose store carries a workload,
// or "".
func (b *builder) carriedBy(name string) string {
	for _, l := range b.loads {
		if l.Name == name {
			return l.byID
		}
	}
	return ""
}
