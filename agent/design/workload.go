package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// load is a workload as the engine sees it: its kind settled, its rate as
// tool arguments, and the figures computed for it.
type load struct {
	requirements.Workload
	index int
	kind  requirements.Kind
	// args are the throughput tool's count, per, users and peak_factor;
	// nil when the workload has no usable rate.
	args map[string]any
	// rated is the throughput tool's result for args once it has run
	// (rated): the fit, the capacity pass and the cache read it.
	rated *called

	avg, peak, perDay, inFlight figure
	// backlog is, for jobs and messages, the queue depth at which one
	// waits its whole latency budget.
	backlog figure
	// budget is the latency budget in seconds and where it came from.
	budget     float64
	budgetFrom string

	// total is what the flow keeps over its retention (storage tool) and
	// monthly what it adds a month (where it is kept is the components
	// pass's stored.storeOf).
	total, monthly figure
	// blobMonthly and blobTotal are what the file part of the items
	// (blob_size) adds to object storage; the record part stays in total
	// and monthly. indexedMonthly is the text the search index adds.
	blobMonthly, blobTotal, indexedMonthly figure
	// egress is the bytes a month the flow sends to clients.
	egress figure
	// into names the store of a recognised archetype that carries the
	// flow instead of the database (a limiter's counters, a live position
	// index), and by the archetype; both empty for ordinary flows.
	into, by string
	// to is the name of the archetype's component that carries it, and
	// inline says it is a step inside requests already served, not a
	// request of its own.
	to     string
	inline bool
	// work is the CPU class the absorb gives a request of it ("lookup"),
	// "" to judge it by its kind.
	work string
	// acidArch names the recognised archetype whose correctness rests on
	// transactions over the records of this write flow, and acidStore
	// its relational store (shortlived.go); both empty for other flows.
	acidArch, acidStore string
	// carrier is the catalogue component that carries an absorbed flow
	// (absorbingComponent), settled when the archetypes are recognised;
	// hasCarrier says there is one.
	carrier    patterns.Component
	hasCarrier bool
	// alsoTo and alsoBy name the archetype's part a flow updates after its
	// own store of record (absorbs with also), and the archetype.
	alsoTo, alsoBy string
	// byID and alsoByID are the ids of the archetypes by and alsoBy name:
	// the passes find the archetype's parts by them.
	byID, alsoByID string
	// viaWorkers says a worker of the archetype writes to the carrier (the
	// feed's fan-out workers push onto the timelines): the flow reaches it
	// through the queue and the workers, not from the API straight.
	viaWorkers bool

	// A scheduled job (schedule:) runs every interval seconds and scans
	// scanBytes per run; it has no per-second rate.
	batch                           bool
	interval                        float64
	runsPerDay, scanBytes, scanRows figure
	runsPeriod                      string
	scanSource                      *load
}

func (l *load) field() string {
	return fmt.Sprintf("workloads[%d] (%s)", l.index, l.Name)
}

// kindWords guesses a missing kind from the workload's name; the guess is
// listed as an assumption.
var kindWords = []struct {
	kind  requirements.Kind
	words []string
}{
	{requirements.Search, []string{"search", "find", "lookup by text", "autocomplete"}},
	{requirements.Event, []string{"event", "track", "ingest", "click", "telemetry", "metric", "log"}},
	{requirements.Message, []string{"notif", "send", "deliver", "push", "email", "sms", "fan-out", "fanout", "message"}},
	{requirements.Job, []string{"job", "process", "resize", "transcode", "report", "export", "import", "batch"}},
	{requirements.Write, []string{"create", "write", "post", "upload", "update", "delete", "save", "insert", "place", "submit", "register", "edit"}},
}

func guessKind(name string) requirements.Kind {
	n := strings.ToLower(name)
	for _, kw := range kindWords {
		for _, w := range kw.words {
			if strings.Contains(n, w) {
				return kw.kind
			}
		}
	}
	return requirements.Read
}

// resolve settles each workload's kind and rate, noting defaults and gaps.
func (b *builder) resolve() error {
	if b.d.Title == "" {
		b.d.Title = "Untitled system"
		b.ask("What is the system called? The requirements have no title.")
	}
	if len(b.req.Workloads) == 0 {
		b.ask("What traffic does the system take? No workloads are given, so no capacity figure could be computed; add workloads with a name, kind and rate.")
	}
	if b.scale != 1 {
		b.assume("Every workload rate is multiplied by %s (--scale): this design answers a what-if, not today's load.", formatNum(b.scale))
	}
	for i, w := range b.req.Workloads {
		l := &load{Workload: w, index: i, kind: requirements.Kind(strings.ToLower(strings.TrimSpace(string(w.Kind))))}
		if strings.TrimSpace(l.Name) == "" {
			l.Name = fmt.Sprintf("workload %d", i+1)
		}
		if err := b.settleKind(l); err != nil {
			return err
		}
		if l.Schedule == "" && l.Rate.IsZero() && l.RatePerUser.IsZero() {
			// "nightly report" with no rate is a job on a clock, not a
			// flow with an unknown rate.
			if word := scheduleWord(l.Name); word != "" && (l.kind == "" || l.kind == requirements.Job) {
				l.Schedule = word
				b.assume("Workload %q has no rate and its name says %s: it is sized as a scheduled job that runs %s.", l.Name, word, word)
			}
		}
		if l.Schedule != "" {
			if err := b.settleSchedule(l); err != nil {
				return err
			}
			b.loads = append(b.loads, l)
			continue
		}
		b.settleRate(l)
		b.settleBudget(l)
		b.loads = append(b.loads, l)
	}
	return nil
}

func (b *builder) settleKind(l *load) error {
	if l.Schedule != "" && l.kind == "" {
		l.kind = requirements.Job
	}
	if l.kind == "" {
		l.kind = guessKind(l.Name)
		b.assume("Workload %q has no kind: treated as %s from its name.", l.Name, l.kind)
		return nil
	}
	if !slices.Contains(requirements.Kinds, l.kind) {
		return fmt.Errorf("%s: unknown kind %q; expected one of %s", l.field(), l.Kind, strings.Join(requirements.KindNames(), ", "))
	}
	if l.Cacheable && l.kind != requirements.Read && l.kind != requirements.Search {
		b.assume("Workload %q is marked cacheable but is a %s: only reads and searches are cached, so the flag is ignored.", l.Name, l.kind)
		l.Cacheable = false
	}
	return nil
}

// settleRate turns the workload's rate into throughput arguments.
func (b *builder) settleRate(l *load) {
	var flow quantity.Flow
	var users float64
	switch {
	case !l.Rate.IsZero():
		flow = l.Rate
		if !l.RatePerUser.IsZero() {
			b.assume("Workload %q gives both rate and rate_per_user: rate is used.", l.Name)
		}
	case !l.RatePerUser.IsZero():
		if b.req.Users == nil || b.req.Users.DAU == 0 {
			b.ask("How many daily active users are there? Workload %q is given per user (%s) but users.dau is missing, so its rate is unknown.", l.Name, l.RatePerUser)
			return
		}
		flow, users = l.RatePerUser, float64(b.req.Users.DAU)
	default:
		b.ask("How often does %q happen? It has no rate, so it is left out of every figure.", l.Name)
		return
	}
	flow = flow.Scale(b.scale)
	l.args = map[string]any{"count": flow.Count, "per": flow.Per, "seconds_per_month": b.spm}
	if users > 0 {
		l.args["users"] = users
	}
	if l.PeakFactor != 0 {
		l.args["peak_factor"] = float64(l.PeakFactor)
	} else if !b.peaklessNoted {
		// The same sentence for every such workload: noted once.
		b.peaklessNoted = true
		b.assume("Peak traffic is twice the average (peak factor 2, the throughput tool's default) where no peak_factor is given: %s.", b.namesWithout(func(w requirements.Workload) bool {
			return w.PeakFactor == 0 && w.Schedule == "" && (!w.Rate.IsZero() || !w.RatePerUser.IsZero())
		}))
	}
}

// namesWithout lists the quoted names of workloads that match.
func (b *builder) namesWithout(match func(requirements.Workload) bool) string {
	var names []string
	for _, w := range b.req.Workloads {
		if match(w) {
			names = append(names, fmt.Sprintf("%q", w.Name))
		}
	}
	return strings.Join(names, ", ")
}

// Default latency budgets by kind, used when a workload has no target.
var defaultBudget = map[requirements.Kind]float64{
	requirements.Read: 0.2, requirements.Write: 0.5, requirements.Search: 0.5, requirements.Event: 0.1, requirements.Message: 5, requirements.Job: 60,
}

func (b *builder) settleBudget(l *load) {
	switch {
	case l.LatencyP99 > 0:
		l.budget, l.budgetFrom = float64(l.LatencyP99), "p99 target"
	case l.LatencyP95 > 0:
		l.budget, l.budgetFrom = float64(l.LatencyP95), "p95 target"
	case l.LatencyP50 > 0:
		l.budget, l.budgetFrom = float64(l.LatencyP50), "p50 target"
	default:
		l.budget, l.budgetFrom = defaultBudget[l.kind], "assumed"
		b.assume("Workload %q has no latency target: its budget is taken as %s, a usual figure for %s.", l.Name, quantity.FormatDuration(l.budget), kindNoun(l.kind))
		b.ask("What latency must %q meet (p50/p95/p99)?", l.Name)
	}
}

func kindNoun(kind requirements.Kind) string {
	switch kind {
	case requirements.Read:
		return "a read served to a person"
	case requirements.Write:
		return "a write a person waits for"
	case requirements.Search:
		return "a search a person waits for"
	case requirements.Event:
		return "an event accepted for later processing"
	case requirements.Message:
		return "a message delivered in the background"
	}
	return "a background job"
}

// scheduleWord finds a schedule named in a workload's name: hourly,
// nightly, daily, weekly, monthly, yearly.
func scheduleWord(name string) string {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if _, err := requirements.ScheduleInterval(w); err == nil {
			return w
		}
	}
	return ""
}
