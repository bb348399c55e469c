package design

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// checklist marks each quality item met or not, with why.
func (b *builder) checklist(fig figures, vd *verdicts) {
	add := func(item string, ok bool, note string) { b.d.Checklist = append(b.d.Checklist, Check{item, ok, note}) }
	add("State ownership is clear: one writer per piece of state", len(b.d.State) > 0 && b.singleOwners(),
		b.pick(len(b.d.State) > 0, fmt.Sprintf("%s, each with one owner (State Ownership).", count(len(b.d.State), "piece of state", "pieces of state")), "No state identified: the requirements give no write or event flow."))
	add("Hot paths are identified and optimised", len(b.d.HotPaths) > 0,
		b.pick(len(b.d.HotPaths) > 0, fmt.Sprintf("%s with rate, budget and optimisations (Hot Paths).", count(len(b.d.HotPaths), "path", "paths")), "No workload rate given, so no hot path could be ranked."))
	idxOK, idxNote := b.indexCheck()
	add("Database queries are indexed for their access patterns", idxOK, idxNote)
	bgOK, bgNote := b.backgroundCheck(vd)
	add("Slow work runs in background jobs", bgOK, bgNote)
	breakers := fmt.Sprintf("breakers open after %d failures for %d s with %d half-open probes", BreakerFailures, BreakerOpenSeconds, BreakerHalfOpenProbes)
	if !b.hasBreakers(vd) {
		breakers = "no circuit breaker, with a single dependency"
	}
	add("Failure handling is explicit: timeouts, retries, circuit breakers", true,
		fmt.Sprintf("%d failure scenarios; %s; at most %d retries with backoff; a timeout per hot path.", len(b.d.FailureScenarios), breakers, RetryAttempts))
	add("Monitoring is defined: logs, metrics, alerts", true,
		fmt.Sprintf("Golden signals for %s, %s, structured logs, backups (Operational Plan).", count(len(b.d.Operations.Signals), "path", "paths"), count(len(b.d.Operations.Alerts), "alert", "alerts")))
	add("The scaling path is documented", len(b.d.Scaling) > 0,
		b.pick(len(b.d.Scaling) > 0, fmt.Sprintf("Load and phase at %d horizons, with the month each threshold is passed (Scaling Strategy).", len(b.d.Scaling)), "No rates, so no scaling path; see Open Questions."))
	add("The team can debug it at 3am", fig.phase != "distributed",
		b.pick(fig.phase != "distributed", fmt.Sprintf("%s, one codebase, structured logs with request ids.", count(len(b.d.Components), "off-the-shelf component", "off-the-shelf components")),
			"The distributed phase has many moving parts: tracing across services, runbooks and on-call practice must be in place before launch."))
	add("No premature optimisation", true, b.restraintNote())
	add("Boring technology choices are justified", true, "Each component names its reason and the threshold that would change it (Decision Log).")
}

// count writes "1 path" or "3 paths".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func (b *builder) pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}

func (b *builder) singleOwners() bool {
	seen := map[string]bool{}
	for _, s := range b.d.State {
		if s.Owner == "" || seen[s.Name] {
			return false
		}
		seen[s.Name] = true
	}
	return true
}

func (b *builder) indexCheck() (bool, string) {
	if p := b.d.Performance; p != nil {
		for _, c := range p.Causes {
			if c.ID == "missing-index" && c.Likelihood != "low" {
				return false, "A missing index is a likely cause of the regression: run EXPLAIN ANALYZE on the slow queries (Performance Analysis)."
			}
		}
	}
	if !b.has(requirements.Read) && !b.has(requirements.Search) {
		return false, "No read or search workload given: the access patterns, and so the indexes, are unknown."
	}
	return true, "Each read and search path names the index it relies on (Hot Paths)."
}

func (b *builder) backgroundCheck(vd *verdicts) (bool, string) {
	if p := b.d.Performance; p != nil {
		for _, c := range p.Causes {
			if (c.ID == "sync-call" || c.ID == "sync-logging") && c.Likelihood == "high" {
				return false, "New synchronous calls on the request path are a likely cause of the regression: move them off it."
			}
		}
	}
	if c, ok := vd.by[qQueue]; ok {
		return true, "Jobs and messages go through " + c.Choice + "; requests return without waiting for them."
	}
	return true, "No slow work is named in the requirements, and none runs inline; add a queue when some appears."
}

func (b *builder) restraintNote() string {
	var alts []string
	for _, c := range b.d.Components {
		if c.Choice != defaultChoice(c.Need) {
			alts = append(alts, fmt.Sprintf("%s (%s)", c.Choice, c.Threshold))
		}
	}
	if len(alts) == 0 {
		return "Every component is the boring default; what the load does not need is left out (Decision Log)."
	}
	return "Scale alternatives only where a figure is past the threshold: " + strings.Join(alts, "; ") + "."
}

// defaultChoice is the decision matrix's boring default for a need.
func defaultChoice(need string) string {
	return map[string]string{"database": "PostgreSQL", "cache": "Redis", "queue": "Redis + workers",
		"search": "PostgreSQL full-text search", "storage": "Object storage (S3/GCS)", "events": "PostgreSQL LISTEN/NOTIFY"}[need]
}

// summary writes the executive summary from the figures already made.
func (b *builder) summary(fig figures, mg *merged, pl partLoads) {
	var s []string
	head := b.d.Title
	if b.req.Summary != "" {
		head += ": " + strings.TrimSuffix(strings.TrimSpace(b.req.Summary), ".") + "."
	} else {
		head += "."
	}
	s = append(s, head)
	switch {
	case b.d.Performance != nil:
		s = append(s, b.performanceSummary())
	case b.d.Selection != nil && b.d.Selection.Topic != "":
		s = append(s, fmt.Sprintf("Asked: %s Recommended: %s.", b.d.Selection.Question, b.d.Selection.Recommendation))
	}
	if len(b.d.Patterns) > 0 {
		var names []string
		for _, p := range b.d.Patterns {
			names = append(names, strings.ToLower(p.Name[:1])+p.Name[1:])
		}
		s = append(s, "At its core it is "+joinAnd(names)+": the Patterns section names the mechanism the design is built around.")
	}
	// The design is about its heaviest load: when a part sized by a flow
	// it carries (a limiter's counter store) takes more than the requests
	// the API serves itself, that part leads and the phase follows.
	lead, leads := b.heaviestPart(fig, pl)
	if leads {
		var names []string
		for _, l := range b.loads {
			if p, ok := b.carrier(mg, l); ok && absorbed(l) && p.id == lead.id {
				names = append(names, fmt.Sprintf("%q", l.Name))
			}
		}
		what := "its heaviest load"
		if len(names) > 0 {
			what = joinAnd(names)
		}
		s = append(s, fmt.Sprintf("The load it is built for is %s: %s %s/s at peak [%s] on the %s (%s), %s %s [%s].",
			what, formatNum(lead.peak.Value), lead.what(), lead.peak.Ref, lead.name, b.partTechnology(mg, lead.id), formatNum(lead.nodes.Value), lead.unitShort(), lead.nodes.Ref))
	}
	if fig.totalPeak.Ref != "" {
		row, _ := b.d.row(b.phaseRef(""))
		line := fmt.Sprintf("A peak of %s/s [%s] puts it in the %s phase, about $%s/month [%s]", formatNum(fig.totalPeak.Value), fig.totalPeak.Ref, fig.phase, formatNum(row.Value), row.ID)
		if leads {
			line = fmt.Sprintf("The requests its API answers itself peak at %s/s [%s], the %s phase, about $%s/month [%s]", formatNum(fig.totalPeak.Value), fig.totalPeak.Ref, fig.phase, formatNum(row.Value), row.ID)
		}
		if c := b.d.CostSummary; c != nil {
			line += fmt.Sprintf("; priced component by component it comes to $%s/month (Cost Estimate)", formatNum(c.TotalUSD))
		}
		s = append(s, line+".")
	}
	// The other parts that carry load of their own beside the client
	// requests: the phase alone would hide them.
	var carried []string
	for _, p := range pl {
		if leads && p.id == lead.id {
			continue
		}
		carried = append(carried, fmt.Sprintf("%s carries %s %s/s at peak [%s] on %s %s [%s]", p.name, formatNum(p.peak.Value), p.what(), p.peak.Ref, formatNum(p.nodes.Value), p.unitShort(), p.nodes.Ref))
	}
	if len(carried) > 0 {
		s = append(s, title(joinAnd(carried))+".")
	}
	var choices []string
	for _, c := range b.d.Components {
		choices = append(choices, c.Choice)
	}
	switch {
	case leads && len(choices) > 0:
		s = append(s, fmt.Sprintf("It stands on the %s, which %s brings, and on %s, chosen by the decision matrix; everything the load does not need is left out.", lead.name, b.partPattern(mg, lead.id), joinAnd(choices)))
	case len(choices) > 0:
		s = append(s, "It stands on "+joinAnd(choices)+", chosen by the decision matrix; everything the load does not need is left out.")
	}
	b.d.ExecutiveSummary = strings.Join(s, " ")
}

func (b *builder) performanceSummary() string {
	p := b.d.Performance
	var s []string
	if p.RegressionRef != "" {
		s = append(s, fmt.Sprintf("p95 went from %s to %s [%s].", quantity.FormatDuration(p.BeforeP95S), quantity.FormatDuration(p.AfterP95S), p.RegressionRef))
	}
	if p.Culprit != "" {
		if row, ok := b.d.row(p.CulpritRef); ok {
			s = append(s, fmt.Sprintf("Stage %q takes %s of the time [%s].", p.Culprit, FormatValue(row.Value, row.Unit), row.ID))
		}
	}
	if len(p.Causes) > 0 && p.Causes[0].Likelihood != "low" {
		s = append(s, "Most likely cause: "+p.Causes[0].Cause+".")
	}
	return strings.Join(s, " ")
}

func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// heaviestPart is the part sized by the flows it carries with the largest
// peak, when that peak is above the requests the API serves itself.
func (b *builder) heaviestPart(fig figures, pl partLoads) (partLoad, bool) {
	var best partLoad
	for _, p := range pl {
		if p.peak.Ref != "" && p.peak.Value > best.peak.Value {
			best = p
		}
	}
	return best, best.peak.Ref != "" && best.peak.Value > fig.totalPeak.Value
}

// partTechnology is the technology of an archetype's part by its id.
func (b *builder) partTechnology(mg *merged, id string) string {
	for _, p := range mg.parts {
		if p.id == id {
			return p.tech
		}
	}
	return id
}

// partPattern names the archetype that brought a part, by its id.
func (b *builder) partPattern(mg *merged, id string) string {
	for _, p := range mg.parts {
		if p.id == id {
			return strings.ToLower(p.arch.Name[:1]) + p.arch.Name[1:]
		}
	}
	return "an archetype"
}
