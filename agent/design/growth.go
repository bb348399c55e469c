package design

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// defaultGrowth is assumed when the requirements give no growth.
var defaultGrowth = []horizon{{"6mo", 6, 1.5}, {"1y", 12, 2}, {"3y", 36, 5}}

// growth computes the load at each horizon and the month each component
// passes its threshold.
func (b *builder) growth() error {
	if err := b.settleCurve(); err != nil {
		return err
	}
	if b.totalPeak.Ref == "" {
		b.ask("What load is expected in 6 months, 1 year and 3 years? Without workload rates no scaling path could be computed.")
		return nil
	}
	b.warnings()
	prevPhase := b.phase
	b.d.Scaling = append(b.d.Scaling, ScalingStep{Horizon: "now", Growth: 1, PeakRPS: b.totalPeak.Value, Phase: b.phase,
		PeakRef: b.totalPeak.Ref, PhaseRef: b.phaseRef(""), Changes: b.phaseChanges(b.phase, "stay in the")})
	prevMonths := 0.0
	for _, h := range b.curve {
		step, err := b.horizonStep(h)
		if err != nil {
			return err
		}
		step.Changes = b.horizonChanges(prevPhase, step.Phase, prevMonths, h.Months)
		b.d.Scaling = append(b.d.Scaling, step)
		prevPhase, prevMonths = step.Phase, h.Months
	}
	return nil
}

// settleCurve reads the growth horizons, or assumes the default curve.
func (b *builder) settleCurve() error {
	if len(b.req.Growth) == 0 {
		b.curve = defaultGrowth
		b.assume("Growth of 1.5x in 6 months, 2x in a year and 5x in 3 years, since none is given.")
		b.ask("How fast will the load grow (6 months, 1 year, 3 years)?")
		return nil
	}
	for name, f := range b.req.Growth {
		secs, err := quantity.ParseDuration(name)
		if err != nil || secs <= 0 {
			return fmt.Errorf("growth: horizon %q is not a duration like 6mo, 1y or 3y", name)
		}
		if f <= 0 {
			return fmt.Errorf("growth: %s: expected %s, got %s", name, quantity.FactorForm, formatNum(float64(f)))
		}
		b.curve = append(b.curve, horizon{Name: name, Months: secs / quantity.DefaultSecondsPerMonth, Factor: float64(f)})
	}
	slices.SortFunc(b.curve, func(x, y horizon) int { return cmp.Compare(x.Months, y.Months) })
	return nil
}

// horizonStep recomputes each workload's peak with its count grown by the
// horizon's factor, totals them and places the total in the playbook.
func (b *builder) horizonStep(h horizon) (ScalingStep, error) {
	var parts []part
	for _, l := range b.loads {
		if l.args == nil {
			continue
		}
		args := flowArgs(l, map[string]any{"count": l.args["count"].(float64) * h.Factor})
		r, err := b.call("throughput", args)
		if err != nil {
			return ScalingStep{}, fmt.Errorf("%s at %s: %w", l.field(), h.Name, err)
		}
		ids := b.record(l.Name, h.Name, r, "peak_per_second")
		parts = append(parts, part{Name: l.Name, Value: r.Outputs["peak_per_second"].(float64), Ref: ids["peak_per_second"]})
	}
	peak := figure{Value: parts[0].Value, Ref: parts[0].Ref}
	if len(parts) > 1 {
		peak = b.derive("all workloads", h.Name, total("total peak load", "per_second", parts))
	}
	args := map[string]any{"peak_rps": peak.Value}
	r, err := b.call("scaling_phase", args)
	if err != nil {
		return ScalingStep{}, err
	}
	ids := b.record("all workloads", h.Name, r, "monthly_cost_usd")
	return ScalingStep{Horizon: h.Name, Growth: h.Factor, PeakRPS: peak.Value, Phase: r.Outputs["phase"].(string),
		PeakRef: peak.Ref, PhaseRef: ids["monthly_cost_usd"]}, nil
}

// phaseRef finds the scaling_phase row of a horizon ("" is now).
func (b *builder) phaseRef(h string) string {
	for _, r := range b.d.Capacity {
		if r.Tool == "scaling_phase" && r.Horizon == h {
			return r.ID
		}
	}
	return ""
}

// phaseChanges lists a playbook phase's changes after a lead line such
// as "move to the horizontal phase (10K-100K RPS)".
func (b *builder) phaseChanges(phase, lead string) []string {
	for _, p := range capacity.Playbook() {
		if p.Name != phase {
			continue
		}
		changes := []string{fmt.Sprintf("%s %s phase (%s)", lead, phase, p.Range)}
		for _, c := range p.Changes {
			if b.needed(c) {
				changes = append(changes, c)
			}
		}
		return changes
	}
	return []string{}
}

// needed says whether a playbook change concerns a part this design has:
// the playbook's Redis, workers and streaming come only with the needs
// that call for them.
func (b *builder) needed(change string) bool {
	c := strings.ToLower(change)
	switch {
	case strings.Contains(c, "redis"):
		return b.comps["cache"] != nil
	case strings.Contains(c, "job workers"):
		return b.comps["queue"] != nil
	case strings.Contains(c, "event streaming"):
		return b.comps["events"] != nil || b.comps["queue"] != nil
	case strings.Contains(c, "cdn"):
		return b.comps["storage"] != nil || b.cacheReads.Ref != ""
	}
	return true
}

// horizonChanges says what the design must change by a horizon: a new
// phase, and every threshold passed since the previous horizon.
func (b *builder) horizonChanges(prevPhase, phase string, from, to float64) []string {
	changes := []string{}
	if phase != prevPhase {
		changes = append(changes, b.phaseChanges(phase, "move to the")...)
	}
	for _, w := range b.d.Warnings {
		if w.Crossed && w.Month > from && w.Month <= to {
			changes = append(changes, fmt.Sprintf("%s passes %s around month %s [%s]: %s", w.Component, w.Threshold, formatNum(w.Month), w.Ref, w.Action))
		}
	}
	if len(changes) == 0 {
		changes = append(changes, "no change: the design of the previous horizon carries this load")
	}
	return changes
}

// threshold is one limit to watch as the load grows.
type threshold struct {
	component, what string
	now             figure
	limit           float64
	unit, action    string
}

// warnings computes, for each limit the chosen components have, the month
// growth carries the load past it.
func (b *builder) warnings() {
	for _, t := range b.thresholds() {
		d, crossed := growthMonth(t.what, t.now, t.limit, t.unit, b.curve)
		f := b.derive(t.component, "", d)
		b.d.Warnings = append(b.d.Warnings, Warning{Component: t.component, Threshold: FormatValue(t.limit, t.unit),
			Month: d.Value, Crossed: crossed, Ref: f.Ref, Action: t.action})
	}
}

func (b *builder) thresholds() []threshold {
	var ts []threshold
	add := func(t threshold) {
		if t.now.Ref != "" {
			ts = append(ts, t)
		}
	}
	if b.comps["database"] != nil && b.comps["database"].Choice == "PostgreSQL" {
		add(threshold{"PostgreSQL", "writes", b.writes, capacity.PostgresEasyWrites, "per_second", "batch writes, partition hot tables by time, watch WAL and replication lag"})
		add(threshold{"PostgreSQL", "writes", b.writes, capacity.DatabaseWritesPerSecond, "per_second", "shard with Vitess or move to CockroachDB"})
	}
	if c := b.comps["queue"]; c != nil && !isLog(c.Choice) {
		add(threshold{"Queue", "messages", b.messagesPerHour, capacity.QueueMessagesPerHour, "per_hour", "move the queue to Kafka or Pulsar"})
	}
	if c := b.comps["events"]; c != nil && !isLog(c.Choice) {
		add(threshold{"Events", "events", b.events, capacity.EventsPerSecond, "per_second", "move events to Kafka or NATS"})
	}
	if c := b.comps["cache"]; c != nil && c.Choice == "Redis" {
		add(threshold{"Cache", "cacheable reads", b.cacheReads, capacity.RedisOpsPerSecond, "per_second", "shard the cache (Redis Cluster)"})
	} else if c == nil {
		add(threshold{"Cache", "cacheable reads", b.cacheReads, CacheReadsPerSecond, "per_second", "add a read-through Redis cache with TTLs"})
	}
	switch b.phase {
	case "vertical":
		add(threshold{"Scaling phase", "total load", b.totalPeak, capacity.VerticalMaxRPS, "per_second", "go horizontal: load balancer, more app servers, read replicas"})
		fallthrough
	case "horizontal":
		add(threshold{"Scaling phase", "total load", b.totalPeak, capacity.HorizontalMaxRPS, "per_second", "go distributed: sharding, event streaming, multi-region"})
	}
	return ts
}
