// Package patterns is sysarch's catalogue of system archetypes: recurring
// problems (news feed, web crawler, rate limiter, chat, …) with the
// mechanism that solves them, and the matcher that recognises them in a
// set of requirements.
//
// The catalogue is data: one YAML file per archetype under data/, which
// the tests parse and validate and go generate turns into the package-level
// data the binary holds (catalogue_gen.go), phrases split into words and
// indexed: loading it runs no code. Each entry names
// how it is recognised, the components of its mechanism with the figure
// that changes each choice, the state it adds (derived state included),
// its hot paths, data flow, failure scenarios, decisions, the capacity
// figures it adds through the capacity tools, the questions to ask when an
// input is missing, and its public sources.
//
// The package is a leaf: the design engine, the review, the model's tools
// and the MCP server all read it without reaching each other.
package patterns

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Archetype is one recurring system problem and the mechanism that solves it.
type Archetype struct {
	ID        string    `yaml:"id" json:"id"`
	Name      string    `yaml:"name" json:"name"`
	Recognise Recognise `yaml:"recognise" json:"recognise"`
	// Cases are short asks the archetype must and must not match; the
	// package tests run them all.
	Cases Cases `yaml:"cases" json:"-"`
	// Mechanism is the core of the solution in a few concrete sentences:
	// the data structures and algorithms, not the boxes.
	Mechanism  string      `yaml:"mechanism" json:"mechanism"`
	Components []Component `yaml:"components" json:"components"`
	State      []State     `yaml:"state" json:"state"`
	HotPaths   []HotPath   `yaml:"hot_paths" json:"hot_paths"`
	// DataFlow lists the text of the steps, in order (Steps' text).
	DataFlow []string `yaml:"-" json:"data_flow"`
	// Steps are the data-flow steps as written, each with the flow it
	// runs on when it names one.
	Steps      []FlowStep  `yaml:"data_flow" json:"data_flow_steps"`
	Failures   []Failure   `yaml:"failures" json:"failures"`
	Decisions  []Decision  `yaml:"decisions" json:"decisions"`
	Parameters []Parameter `yaml:"parameters,omitempty" json:"parameters,omitempty"`
	Figures    []Figure    `yaml:"figures,omitempty" json:"figures,omitempty"`
	Questions  []string    `yaml:"questions" json:"questions"`
	Sources    []string    `yaml:"sources" json:"sources"`
	// Excludes names technologies this mechanism does not need and a design
	// built on it should not bring in (a graph database for a social graph
	// searched by BFS over shards, say); the decisions say why.
	Excludes []string `yaml:"excludes,omitempty" json:"excludes,omitempty"`
	// Absorbs names the flows the mechanism takes off the system of record:
	// driver positions go to an in-memory geo index, limit checks to Redis
	// counters, samples to a time-series store. The engine sizes them on
	// that store, not against the database.
	Absorbs []Absorb `yaml:"absorbs,omitempty" json:"absorbs,omitempty"`
	// Covers names archetypes this one includes: when both match, the
	// covered one is left out (video streaming covers blob storage).
	Covers []string `yaml:"covers,omitempty" json:"covers,omitempty"`
	// Review is what a design of the archetype must say (review.go).
	Review *ArchetypeReview `yaml:"review,omitempty" json:"review,omitempty"`
}

// Absorb is a flow an archetype's own store carries.
type Absorb struct {
	// Kind is the workload kind (read, write, event, message, search, job).
	Kind string `yaml:"kind" json:"kind"`
	// Words are phrases of which one must be in the workload's name; empty
	// means every workload of the kind.
	Words []string `yaml:"words,omitempty" json:"words,omitempty"`
	// Into names the store that carries the flow, as the document says it.
	Into string `yaml:"into" json:"into"`
	// To is the name of the archetype's component that carries the flow:
	// the flow's path in the system model ends there, and it is sized by
	// the flow.
	To string `yaml:"to,omitempty" json:"to,omitempty"`
	// Inline says the flow is a step inside requests the system already
	// serves (a limit check in the gateway's middleware), not a request of
	// its own: it loads the carrying store but sizes no API fleet.
	Inline bool `yaml:"inline,omitempty" json:"inline,omitempty"`
	// Work is what one request of the flow costs in CPU where it is
	// served, when its kind alone would misjudge it: lookup (an in-memory
	// lookup and a small reply: a prefix's stored completions, a rank in
	// a sorted set), crud, heavy, deliver. Empty: judged by the kind.
	Work string `yaml:"work,omitempty" json:"work,omitempty"`
	// Also says the workload keeps its own path and store of record and
	// then updates the part too (a score inserted into the score log is
	// then added to the boards' sorted sets): the part is sized for it as
	// well, and the data flow says so.
	Also bool `yaml:"also,omitempty" json:"also,omitempty"`
}

// Works are the values Absorb.Work takes.
var Works = []string{"lookup", "crud", "heavy", "deliver"}

// Takes says whether the absorb covers a workload of this kind and name.
func (ab Absorb) Takes(kind, name string) bool {
	if ab.Kind != kind {
		return false
	}
	if len(ab.Words) == 0 {
		return true
	}
	n := strings.ToLower(name)
	for _, w := range ab.Words {
		if strings.Contains(n, strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// The values of a component's at_scale.
const (
	// AtScaleRecords: the component moves to the wide-column record store
	// when the written records outgrow one relational node.
	AtScaleRecords = "records"
	// AtScaleSharded: it stays relational, sharded, for its transactions.
	AtScaleSharded = "sharded"
)

// Recognise says how an archetype is recognised in requirements.
type Recognise struct {
	// Defining are the weighted phrases that name the archetype's
	// subject: its problem or its mechanism ("request a ride", "ledger",
	// "double entry", "crawl"): words an ask about another kind of system rarely
	// states as its subject. Without a strong phrase, an archetype is
	// merged only when one of them is in the subject of the ask (the rule
	// in score.go).
	Defining []string `yaml:"defining,omitempty" json:"defining,omitempty"`
	// Guards are defining phrases that name what the archetype's
	// mechanism prevents ("same seat", "double booking", "sold twice"):
	// an ask states them as a guarantee, under a negator ("two people
	// must never get the same desk"), so a negator before one does not
	// deny it. Weighted like Defining.
	Guards []string `yaml:"guards,omitempty" json:"guards,omitempty"`
	// Words are the generic phrases: parts, actors and objects many kinds
	// of systems have ("payment", "courier", "pickup", "session"). They
	// add to the evidence and never suffice alone. Phrases are matched
	// case-insensitively on word boundaries, tolerant of plurals; a phrase
	// may end in ^N to weigh N (default 1).
	Words []string `yaml:"words" json:"words"`
	// Strong phrases identify the archetype on their own.
	Strong []string `yaml:"strong,omitempty" json:"strong,omitempty"`
	// Names are the strong phrases that are products the archetype is
	// known by ("Dropbox", "Uber"). A name says what is built only as the
	// whole of a title's clause or beside a word of building ("design
	// Gmail", "Yelp-like", "a TinyURL clone"); elsewhere the ask uses the
	// product ("alerts to Slack") and the name weighs as one word. A name
	// may also be listed in Strong, where the review of a design document
	// reads it; the matcher reads it as a name.
	Names []string `yaml:"names,omitempty" json:"names,omitempty"`
	// Not are phrases that, in the subject of an ask, say it is something
	// else ("expense approval" is not personal finance): they rule the
	// archetype out.
	Not []string `yaml:"not,omitempty" json:"not,omitempty"`
	// Kinds are workload kinds that support the archetype once a word has
	// been seen (read, write, search, event, message, job).
	Kinds []string `yaml:"kinds,omitempty" json:"kinds,omitempty"`
	// MinItemBytes supports the archetype when a workload's items are at
	// least this large (written as a size, e.g. 100KB); 0 means unused.
	MinItemBytes float64 `yaml:"min_item_bytes,omitempty" json:"min_item_bytes,omitempty"`
	// Scheduled supports the archetype when a workload runs on a schedule.
	Scheduled bool `yaml:"scheduled,omitempty" json:"scheduled,omitempty"`
	// ScaleFrom is, for an archetype whose mechanism exists because of
	// scale, the size (players, places, keys, sites, requests a second)
	// where it starts to matter: an ask whose largest stated size is
	// below it is a near miss (scale.go). 0 for an archetype whose
	// mechanism is about correctness, at any size.
	ScaleFrom float64 `yaml:"scale_from,omitempty" json:"scale_from,omitempty"`
	// ScaleWhy says in a clause what does the job below ScaleFrom ("a
	// sorted table ranks them"); required with ScaleFrom.
	ScaleWhy string `yaml:"scale_why,omitempty" json:"scale_why,omitempty"`
}

// Cases are asks written as people write them: a first sentence read as
// the title, each further sentence as a functional line.
type Cases struct {
	Match    []string `yaml:"match"`
	NotMatch []string `yaml:"not_match"`
}

// IsName says whether a strong phrase is a product name.
func (r Recognise) IsName(s string) bool {
	return slices.ContainsFunc(r.Names, func(n string) bool { return phrase.Key(n) == phrase.Key(s) })
}

// Component is one part of the mechanism.
type Component struct {
	Name       string `yaml:"name" json:"name"`
	Technology string `yaml:"technology" json:"technology"`
	// Kind is what the component is in the system model: one of
	// ComponentKinds. It places the component in the diagrams' tiers, says
	// whether it keeps state, and whether it runs inside another part.
	Kind string `yaml:"kind" json:"kind"`
	// Refines names the engine's own part this component is (db, cache,
	// blob, search, queue, workers, log, proc, lb, api, ingest): the link
	// table of a URL shortener is the database the matrix chose, not a
	// second one. Empty for a part of the archetype's own.
	Refines string `yaml:"refines,omitempty" json:"refines,omitempty"`
	// AtScale "records" says the component moves to the wide-column
	// record store when the written records outgrow one relational node;
	// "sharded" says it stays relational, partitioned across PostgreSQL
	// shards, because the archetype is correct only inside its
	// transactions and unique constraints (a ledger, an inventory).
	AtScale string `yaml:"at_scale,omitempty" json:"at_scale,omitempty"`
	// Covers names components of other archetypes that are this one, as
	// ARCHETYPE/Component name: when both archetypes are recognised, the
	// design keeps one part (ride dispatch's location service holds the
	// live positions geo search would keep in a store of its own). An
	// entry functional/ID names an implication of functional.yaml this
	// component answers: a line that implies it lands here, and the
	// implication's own service and state are not added (the chat's
	// connection gateways are its push channel).
	Covers []string `yaml:"covers,omitempty" json:"covers,omitempty"`
	// From and To name what calls this component and what it calls, where
	// the kind's default is wrong (a CDN is fed by object storage, not by
	// the API): an engine part id or another component of the archetype.
	From    []string `yaml:"from,omitempty" json:"from,omitempty"`
	To      []string `yaml:"to,omitempty" json:"to,omitempty"`
	Purpose string   `yaml:"purpose" json:"purpose"`
	Why     string   `yaml:"why" json:"why"`
	// Threshold is the figure at which this choice changes.
	Threshold string `yaml:"threshold" json:"threshold"`
	// DecidedBy names the decision-matrix question whose choice is this
	// component's technology (queue: the fan-out workers consume the
	// queue the Queue decision chose). A component that refines an engine
	// part takes the choice of that part's question without it. The
	// technology above stands when the matrix decides none.
	DecidedBy string `yaml:"decided_by,omitempty" json:"decided_by,omitempty"`
	// NeededWhen is the load under which the part is needed (need.go);
	// nil for a part the mechanism needs at any load.
	NeededWhen *Need `yaml:"needed_when,omitempty" json:"needed_when,omitempty"`
}

// State is one piece of state the archetype adds, with its single owner.
type State struct {
	Name    string `yaml:"name" json:"name"`
	Owner   string `yaml:"owner" json:"owner"`
	Storage string `yaml:"storage" json:"storage"`
	// Class is hot, warm, cold or transient.
	Class string `yaml:"class" json:"class"`
	// DerivedFrom names the state this one is computed from; empty for a
	// source of truth.
	DerivedFrom string `yaml:"derived_from,omitempty" json:"derived_from,omitempty"`
	// Rebuild says how derived state is rebuilt when lost.
	Rebuild string `yaml:"rebuild,omitempty" json:"rebuild,omitempty"`
	// Store names the archetype's component the records are kept in: the
	// design then states the storage of that part (the wide-column store
	// when the post store moved there at scale), not the text above.
	Store string `yaml:"store,omitempty" json:"store,omitempty"`
	// Covers names state rows of other archetypes that are this one, as
	// ARCHETYPE/state name: when both are recognised, this row stands for
	// both, so the record keeps one owner and one store.
	Covers []string `yaml:"covers,omitempty" json:"covers,omitempty"`
	// Keeps names the written workloads whose records this row is (the
	// messages of "send message"): the engine's row for those records
	// merges into this one, so they keep one owner and one store.
	Keeps *WorkloadMatch `yaml:"keeps,omitempty" json:"keeps,omitempty"`
	// Part names the component (one with needed_when) this row
	// concerns alone: it goes when the load leaves that part out.
	Part string `yaml:"part,omitempty" json:"part,omitempty"`
	// Readers name who reads the state when it is not the archetype's
	// flows (a report is read by finance and audit); empty means those
	// flows.
	Readers []string `yaml:"readers,omitempty" json:"readers,omitempty"`
	// Retention says how long the state is kept when that is not as
	// long as the records (an idempotency key lives for its dedup
	// window); empty means as long as the records.
	Retention string `yaml:"retention,omitempty" json:"retention,omitempty"`
}

// WorkloadMatch picks workloads of a kind whose name holds one of the
// words; no words picks every workload of the kind.
type WorkloadMatch struct {
	Kind  string   `yaml:"kind" json:"kind"`
	Words []string `yaml:"words,omitempty" json:"words,omitempty"`
}

// Takes says whether a workload of this kind and name is one it picks.
func (w WorkloadMatch) Takes(kind, name string) bool {
	return Absorb{Kind: w.Kind, Words: w.Words}.Takes(kind, name)
}

// HotPath is a path on the request or event path that needs care.
type HotPath struct {
	Name string `yaml:"name" json:"name"`
	// Kind is the workload kind whose rate the path rides on.
	Kind          string   `yaml:"kind" json:"kind"`
	Optimizations []string `yaml:"optimizations" json:"optimizations"`
	// Covers lists the kinds of the engine's generic optimisations
	// (OptIdempotency, OptShortTransaction, OptOutbox) this path's own
	// optimisations already say for its mechanism: on the workload's row
	// the engine's of those kinds give way, so one measure is said once.
	Covers []string `yaml:"covers,omitempty" json:"covers,omitempty"`
	// Part names the component (one with needed_when) this path
	// concerns alone: it goes when the load leaves that part out.
	Part string `yaml:"part,omitempty" json:"part,omitempty"`
}

// The kinds of optimisation a hot path's Covers names: what a measure
// does, whatever the sentence that says it.
const (
	OptIdempotency      = "idempotency"       // a retried request cannot act twice
	OptShortTransaction = "short-transaction" // one short transaction per request
	OptOutbox           = "outbox"            // side effects after commit through an outbox
)

// OptimizationKinds are the kinds Covers may name.
var OptimizationKinds = []string{OptIdempotency, OptShortTransaction, OptOutbox}

// Failure is a failure scenario specific to the archetype.
type Failure struct {
	Failure string `yaml:"failure" json:"failure"`
	// Probability is Low, Medium or High.
	Probability string `yaml:"probability" json:"probability"`
	// Impact is Low, Medium, High or Critical.
	Impact     string `yaml:"impact" json:"impact"`
	Mitigation string `yaml:"mitigation" json:"mitigation"`
	// Part names the component (one with needed_when) this failure
	// concerns alone: it goes when the load leaves that part out.
	Part string `yaml:"part,omitempty" json:"part,omitempty"`
}

// Decision is a choice the archetype forces, with the options weighed.
type Decision struct {
	Decision string `yaml:"decision" json:"decision"`
	// Refines names the design question this decision answers when the
	// engine asks it too (database, cache, queue, search, events, storage,
	// records) or another archetype may (positions): the design keeps one
	// answer per question. Empty means a question of this archetype alone.
	Refines string `yaml:"refines,omitempty" json:"refines,omitempty"`
	// AtScale "records" says the choice moves to the wide-column record
	// store when the written records outgrow one relational node.
	AtScale string   `yaml:"at_scale,omitempty" json:"at_scale,omitempty"`
	Options []string `yaml:"options" json:"options"`
	// Choice is one of Options.
	Choice    string `yaml:"choice" json:"choice"`
	Why       string `yaml:"why" json:"why"`
	Threshold string `yaml:"threshold" json:"threshold"`
	// Part names the component (one with needed_when) this decision
	// concerns alone: it goes when the load leaves that part out.
	Part string `yaml:"part,omitempty" json:"part,omitempty"`
}

// Parameter is an input the archetype's figures need that requirements
// rarely state (followers per account, say). The engine uses Default and
// records an assumption when the requirements do not give it.
type Parameter struct {
	Name string `yaml:"name" json:"name"`
	// Default is written in the quantity grammar: "200", "1KB", "30s".
	Default  string `yaml:"default" json:"default"`
	Unit     string `yaml:"unit" json:"unit"`
	Question string `yaml:"question" json:"question"`
}

// Value reads Default by the parameter's unit (see Parse).
func (p Parameter) Value() (float64, error) { return p.Parse(p.Default) }

// Parse reads a value of the parameter by its unit: a unit starting with
// "bytes" reads a size ("500B" is 500 bytes, not 500 billion), "duration"
// reads seconds, "fraction" a ratio, anything else a count.
func (p Parameter) Parse(s string) (float64, error) {
	switch {
	case strings.HasPrefix(p.Unit, "bytes"):
		return quantity.ParseBytes(s)
	case p.Unit == "duration":
		return quantity.ParseDuration(s)
	case p.Unit == "fraction":
		return quantity.ParseRatio(s)
	}
	return quantity.ParseCount(s)
}

// The catalogue's source is data/*.yaml (read by the tests, see dataFS);
// the binary holds it as the package-level data of catalogue_gen.go,
// which TestGeneratedCatalogue checks against the YAML: the archetypes,
// their recognition phrases and those phrases' words indexed by first
// word, and the phrase sets of their review blocks and of their parts'
// evidence of need, laid out by the linker. Loading it runs no code and
// allocates nothing but the matcher's header. Parsing the YAML took tens
// of milliseconds and megabytes in every design and review; building Go
// values from generated code, then splitting every phrase into words,
// still took 1.3–3 ms and 760 kB.
//go:generate go test -run TestGenerated -update-generated .

// catalogue is the validated catalogue and its compiled matcher.
type catalogue struct {
	// all is sorted by ID.
	all     []*Archetype
	matcher *matcher
}

// load reads the catalogue once, on first use.
var load = sync.OnceValues(func() (*catalogue, error) { return newCatalogue(), nil })

// newCatalogue is the catalogue as the generated data holds it: the
// matcher reads the generated phrases and table where they lie.
func newCatalogue() *catalogue {
	m := &matcher{archs: catalogueData, phrases: catalogueCues, set: catalogueSet}
	return &catalogue{all: catalogueData, matcher: m}
}

func mustLoad() *catalogue {
	c, err := load()
	if err != nil {
		panic(fmt.Sprintf("patterns: embedded catalogue: %v", err))
	}
	return c
}

// All returns every archetype, sorted by ID. The archetypes are shared:
// callers must not change them.
func All() []*Archetype { return slices.Clone(mustLoad().all) }

// Get returns the archetype with the given ID.
func Get(id string) (*Archetype, bool) {
	all := mustLoad().all
	i, ok := slices.BinarySearchFunc(all, id, func(a *Archetype, id string) int { return strings.Compare(a.ID, id) })
	if !ok {
		return nil, false
	}
	return all[i], true
}

// IDs returns every archetype ID, sorted.
func IDs() []string {
	all := mustLoad().all
	ids := make([]string, len(all))
	for i, a := range all {
		ids[i] = a.ID
	}
	return ids
}

// ComponentKinds are the kinds of part a system model holds.
var ComponentKinds = []string{
	"client",         // runs on the user's device
	"edge",           // load balancer, gateway, CDN, connection or protocol front end
	"service",        // a client-facing or internal service the team runs
	"worker",         // workers, consumers, stream processors, batch and scheduled jobs
	"in-process",     // a library, config or memory inside another part's process
	"store",          // a durable store: a database, a journal, a key-value store
	"in-memory",      // a shared in-memory store (Redis counters, timelines, registries)
	"cache",          // a cache of data kept elsewhere
	"index",          // a search or spatial index derived from a store
	"queue",          // a queue or a log of messages or events
	"object-storage", // blobs in an object store
	"external",       // a provider's service the system calls
}

// FlowStep is one step of an archetype's data flow: its text, and the flow
// it runs on (required): a workload kind (write, read, message, job…) or
// one of the archetype's components the step starts at.
type FlowStep struct {
	Step string `yaml:"step" json:"step"`
	On   string `yaml:"on,omitempty" json:"on,omitempty"`
	// Part names the component (one with needed_when) this step
	// concerns alone: it goes when the load leaves that part out.
	Part string `yaml:"part,omitempty" json:"part,omitempty"`
	// Without is the step's text when its part is left out (the buyer
	// picks from the seat map, not "admitted by the waiting room"); empty
	// drops the step with the part.
	Without string `yaml:"without,omitempty" json:"without,omitempty"`
}
