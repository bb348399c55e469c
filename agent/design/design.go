// Package design is the engine: it turns Requirements into a typed Design
// through the capacity tools and the decision matrix, and renders the
// Design as Markdown (the document template is embedded here) or JSON.
package design

import (
	_ "embed"
	"encoding/json"

	"github.com/sysarch/sysarch/agent/requirements"
)

// documentTemplate is the text/template of the design document; its data
// is a *Design.
//
//go:embed design.md.tmpl
var documentTemplate string

// The kinds of ask a design answers.
const (
	KindGreenfield  = "greenfield"  // a new system from its requirements
	KindPerformance = "performance" // a running system got slow (requirements have current:)
	KindSelection   = "selection"   // a trade-off to weigh (requirements have question:)
)

// Design is the typed result of the engine: everything the design document
// shows, and nothing it does not. Its JSON keys are the contract of
// `sysarch design --format json`; fields are added, never renamed.
type Design struct {
	Title        string                    `json:"title"`
	Kind         string                    `json:"kind"`
	Requirements requirements.Requirements `json:"requirements"`
	// Scale is the what-if factor every rate was multiplied by (0 or 1
	// for the load as stated); the document marks its title with it.
	Scale float64 `json:"-"`

	ExecutiveSummary string `json:"executive_summary"`
	// Patterns are the archetypes recognised in the requirements, whose
	// mechanisms the design merges.
	Patterns []PatternUse `json:"patterns"`
	// Recognition says, for a new system no archetype fits, that the
	// mechanism is the open question; empty when one fits.
	Recognition string                    `json:"recognition,omitempty"`
	Extracted   []requirements.Extraction `json:"extracted,omitempty"`

	// Capacity holds one row per figure a registry tool produced.
	Capacity []CapacityRow `json:"capacity"`
	// Derived holds the figures combined from capacity rows (totals,
	// growth crossings) by the engine's own small pure functions, each
	// with its formula. They are kept apart so that every capacity row can
	// be reproduced with `sysarch calc`.
	Derived []CapacityRow `json:"derived"`

	Components []Component `json:"components"`
	// Services are the parts the team writes and runs (API, workers,
	// stream processors); components are what they stand on.
	Services []Service     `json:"services"`
	State    []StateRecord `json:"state"`
	HotPaths []HotPath     `json:"hot_paths"`
	DataFlow DataFlow      `json:"data_flow"`

	FailureScenarios []FailureScenario `json:"failure_scenarios"`
	Resilience       []Policy          `json:"resilience"`
	Degradation      []Fallback        `json:"degradation"`

	Scaling  []ScalingStep `json:"scaling"`
	Warnings []Warning     `json:"warnings"`

	Operations Operations `json:"operations"`
	Risks      []Risk     `json:"risks"`
	Decisions  []Decision `json:"decisions"`
	Checklist  []Check    `json:"checklist"`

	Performance *PerformanceAnalysis `json:"performance,omitempty"`
	Selection   *SelectionAnalysis   `json:"selection,omitempty"`

	// Cost prices every sized component; CostSummary totals it now and at
	// each horizon against the budget.
	Cost        []CostLine   `json:"cost"`
	CostSummary *CostSummary `json:"cost_summary,omitempty"`

	// Model is the system as typed parts, links and flows; the diagrams
	// are drawn from it.
	Model *Model `json:"model,omitempty"`

	Assumptions   []string `json:"assumptions"`
	OpenQuestions []string `json:"open_questions"`

	// FunctionalTrace says where each functional requirement landed.
	FunctionalTrace []Trace `json:"functional_trace"`

	// Detail is how much of the design the Markdown document shows
	// (DetailBrief or DetailFull); JSON always carries everything.
	Detail string `json:"-"`
}

// CapacityRow is one figure: which workload, which tool and output, its
// value in base units, and the formula the tool showed.
type CapacityRow struct {
	// ID names the row so the rest of the document can cite it: C1, D2.
	ID       string `json:"id"`
	Workload string `json:"workload"`
	// Horizon is empty for today's load and names the growth horizon
	// (6mo, 1y, 3y) for figures computed on grown rates.
	Horizon  string  `json:"horizon,omitempty"`
	Tool     string  `json:"tool"`
	Quantity string  `json:"quantity"`
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	Formula  string  `json:"formula"`
	// Inputs are the arguments the tool was called with: `sysarch calc
	// TOOL` with the same inputs gives the same value.
	Inputs json.RawMessage `json:"inputs,omitempty"`
}

// Component is the decision matrix's verdict for one need.
type Component struct {
	Need   string `json:"need"`
	Choice string `json:"choice"`
	// Option is the verdict's id (capacity.Option…): what the rest of the
	// engine and the check branch on. A choice that no matrix verdict made
	// (an override) has none.
	Option      string   `json:"option,omitempty"`
	Alternative string   `json:"alternative"`
	Reason      string   `json:"reason"`
	Threshold   string   `json:"threshold"`
	Purpose     string   `json:"purpose"`
	Notes       []string `json:"notes,omitempty"`
	// Basis cites the capacity row whose figure the choice was made on.
	Basis string `json:"basis,omitempty"`
	// Inputs are the arguments choose_component was called with.
	Inputs json.RawMessage `json:"inputs"`
	// Part is the id of the model component this is. Source is "matrix"
	// for a verdict of the decision matrix; every other part of the model
	// is listed too, with its kind as its need, its technology as its
	// choice and its source ("engine", "archetype:ID").
	Part   string `json:"part,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Source string `json:"source,omitempty"`
	// key is the verdict's key among the builder's verdicts (database,
	// records, batch:NAME…).
	key questionID
	// refined are the archetype parts that are this verdict's part (a
	// URL shortener's link table is the database): one Core Components
	// row names them, never a second row beside it.
	refined []refinement
}

// refinement is an archetype's part folded into the engine part it
// refines: its name, what it is for, and why.
type refinement struct{ name, purpose, why string }

// SourceMatrix marks a verdict of the decision matrix (Component.Source).
const SourceMatrix = "matrix"

// Verdicts are the components the decision matrix chose.
func (d *Design) Verdicts() []Component {
	var out []Component
	for _, c := range d.Components {
		if c.Source == SourceMatrix || c.Source == "" {
			out = append(out, c)
		}
	}
	return out
}

// Service is a part of the system the team builds and runs.
type Service struct {
	Name          string `json:"name"`
	Purpose       string `json:"purpose"`
	Technology    string `json:"technology"`
	Justification string `json:"justification"`
	// part and kind place the service in the system model: the id of its
	// part and its patterns.ComponentKinds kind; an archetype's parts are
	// placed from the archetype instead.
	part, kind string
	// arch is the model id of the archetype's part when the row is that
	// part's own (an archetype's part that joined another row has none).
	arch string
}

// StateRecord is one row of the state ownership matrix.
type StateRecord struct {
	Name    string   `json:"name"`
	Owner   string   `json:"owner"`
	Readers []string `json:"readers"`
	Storage string   `json:"storage"`
	// Class is hot, warm, cold or transient.
	Class     string `json:"class"`
	Retention string `json:"retention,omitempty"`
	// DerivedFrom names the state this is computed from (an index, a
	// cache, an aggregate, a timeline); empty for a source of truth.
	DerivedFrom string `json:"derived_from,omitempty"`
	// Rebuild says how derived state is rebuilt when it is lost.
	Rebuild string `json:"rebuild,omitempty"`
	// StorePart is the model part the records are kept in, when the row
	// names one: the check holds it to a part that keeps state.
	StorePart string `json:"store_part,omitempty"`
	// Workloads are the written workloads whose records the row is: each
	// write's records are one row, with one owner and one store.
	Workloads []string `json:"workloads,omitempty"`
	// role is what the engine keeps the row for (stateHistory, stateJobs,
	// stateFiles+subject), so a later pass finds it by role, not name.
	role string
	// arch is the archetype whose catalogue row this is, if any.
	arch string
	// keepsAny marks an archetype's row that keeps whatever the writes
	// write (full-text search's source documents): a row that names the
	// records replaces it.
	keepsAny bool
	// noun is what the workload that writes the records calls them ("tweet"
	// of "post tweet"), so a row an archetype renames keeps the user's word.
	noun string
	// catalogue is the archetype's own name for the row, when it renamed it.
	catalogue string
}

// The roles of state rows later passes look for.
const (
	stateHistory = "history"
	stateJobs    = "jobs"
	stateFiles   = "files:"
)

// HotPath is a request path worth optimising, with its rate and budget.
type HotPath struct {
	Name           string   `json:"name"`
	RatePerSecond  float64  `json:"rate_per_second"`
	LatencyBudgetS float64  `json:"latency_budget_s"`
	Optimizations  []string `json:"optimizations"`
	// RateRef cites the capacity row of the rate; BudgetFrom says where
	// the budget came from (a target or an assumption).
	RateRef    string `json:"rate_ref"`
	BudgetFrom string `json:"budget_from"`
	Critical   bool   `json:"critical"`
	// DurationS is how long one request lasts when the workload says so
	// (duration:): a stream or long job, whose timeout follows it while
	// the latency budget stays the target for its first response.
	DurationS float64 `json:"duration_s,omitempty"`
	// Relies lists the facts its optimisations count on (read replicas).
	Relies []string `json:"relies_on,omitempty"`
	// lead counts the optimisations at its head that the archetypes whose
	// flow it is put there, in the order they were merged.
	lead int
	// kinds are the kinds of the engine's optimisations (patterns.Opt…),
	// by index, "" for one of no kind: an archetype's path that covers a
	// kind replaces the engine's of that kind.
	kinds []string
	// said are the kinds the archetypes' own optimisations on the path
	// cover (their covers:).
	said []string
}

// DataFlow is the path of a request through the system, three ways.
type DataFlow struct {
	Steps   []string `json:"steps"`
	Mermaid string   `json:"mermaid"`
	Diagram string   `json:"diagram"`
}

// FailureScenario is one row of the failure table.
type FailureScenario struct {
	Failure     string `json:"failure"`
	Probability string `json:"probability"`
	Impact      string `json:"impact"`
	Mitigation  string `json:"mitigation"`
	// Part is the model component that fails, when the row is one
	// part's; Relies lists the facts its mitigation counts on.
	Part   string   `json:"part,omitempty"`
	Relies []string `json:"relies_on,omitempty"`
	// Source is "archetype:ID" for an archetype's own failure rows, which
	// cover the parts it brings.
	Source string `json:"source,omitempty"`
}

// Policy is a timeout, retry or circuit-breaker rule.
type Policy struct {
	Mechanism string `json:"mechanism"`
	AppliesTo string `json:"applies_to"`
	Setting   string `json:"setting"`
}

// Fallback is how a feature degrades when what it needs is down.
type Fallback struct {
	Feature  string `json:"feature"`
	Fallback string `json:"fallback"`
	Flag     string `json:"flag"`
}

// ScalingStep is the system at one growth horizon.
type ScalingStep struct {
	Horizon  string   `json:"horizon"`
	Growth   float64  `json:"growth"`
	PeakRPS  float64  `json:"peak_rps"`
	Phase    string   `json:"phase"`
	Changes  []string `json:"changes"`
	PeakRef  string   `json:"peak_ref"`
	PhaseRef string   `json:"phase_ref"`
	// Relies lists the facts its changes count on (a sharded database).
	Relies []string `json:"relies_on,omitempty"`
	// Grows lists the model parts that need more nodes by this horizon.
	Grows []string `json:"grows,omitempty"`
}

// Warning says when growth carries a component past its threshold.
type Warning struct {
	Component string  `json:"component"`
	Threshold string  `json:"threshold"`
	Month     float64 `json:"month"`
	// Crossed is false when the threshold is not reached within the
	// last growth horizon.
	Crossed bool   `json:"crossed"`
	Ref     string `json:"ref"`
	Action  string `json:"action"`
	// Shards is true when the action spreads the database over nodes.
	Shards bool `json:"shards,omitempty"`
}

// Operations is the operational plan.
type Operations struct {
	Signals    []GoldenSignals `json:"signals"`
	Alerts     []Alert         `json:"alerts"`
	Deployment []string        `json:"deployment"`
	Logging    []string        `json:"logging"`
	// Backups says how the data is backed up and how restores are tested.
	Backups string `json:"backups"`
}

// GoldenSignals are the four signals watched on one hot path.
type GoldenSignals struct {
	Path       string `json:"path"`
	Latency    string `json:"latency"`
	Traffic    string `json:"traffic"`
	Errors     string `json:"errors"`
	Saturation string `json:"saturation"`
}

// Alert is a condition that pages or tickets someone.
type Alert struct {
	Name      string `json:"name"`
	Condition string `json:"condition"`
	Severity  string `json:"severity"`
}

// Risk is one row of the risk assessment.
type Risk struct {
	Risk       string `json:"risk"`
	Likelihood string `json:"likelihood"`
	Impact     string `json:"impact"`
	Mitigation string `json:"mitigation"`
}

// Decision is one entry of the decision log.
type Decision struct {
	// Question names what is decided, once per design: the matrix's needs
	// (database, cache, queue, search, events, storage, records), the
	// design's shape (architecture, scaling, placement), or an archetype's
	// own question. An archetype answering a question the matrix already
	// answered refines that row instead of adding a second.
	Question  string   `json:"question"`
	Decision  string   `json:"decision"`
	Options   []string `json:"options"`
	Choice    string   `json:"choice"`
	Reasoning string   `json:"reasoning"`
}

// Check is one item of the quality checklist.
type Check struct {
	Item string `json:"item"`
	OK   bool   `json:"ok"`
	Note string `json:"note"`
}
