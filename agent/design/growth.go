package design

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// defaultGrowth is assumed when the requirements give no growth.
var defaultGrowth = []horizon{{"6mo", 6, 1.5}, {"1y", 12, 2}, {"3y", 36, 5}}

// growth computes the load at each horizon and the month each component
// passes its threshold.
func (b *builder) growth(fig figures, vd *verdicts, mg *merged, pl partLoads) error {
	if fig.totalPeak.Ref == "" {
		b.warnings(fig, vd)
		b.ask("What load do clients put on the system (reads, writes, searches, events), and how will it grow? Without a client request rate no scaling path could be computed.")
		return nil
	}
	b.warnings(fig, vd)
	prevPhase := fig.phase
	b.relied = nil
	b.d.Scaling = append(b.d.Scaling, ScalingStep{Horizon: "now", Growth: 1, PeakRPS: fig.totalPeak.Value, Phase: fig.phase,
		PeakRef: fig.totalPeak.Ref, PhaseRef: b.phaseRef(""), Changes: append(b.phaseChanges(vd, fig.phase, "stay in the", -1), b.partsNow(pl)...)})
	b.d.Scaling[0].Relies = b.takeRelied()
	prevMonths := 0.0
	for _, h := range fig.curve {
		step, err := b.horizonStep(fig, h)
		if err != nil {
			return err
		}
		step.Changes = b.horizonChanges(vd, prevPhase, step.Phase, prevMonths, h.Months)
		grown, grows, err := b.partsAt(mg, pl, h)
		if err != nil {
			return err
		}
		step.Grows = grows
		if len(grown) > 0 && len(step.Changes) == 1 && step.Changes[0] == noChange {
			step.Changes = nil
		}
		step.Changes = append(step.Changes, grown...)
		step.Relies = b.takeRelied()
		b.d.Scaling = append(b.d.Scaling, step)
		prevPhase, prevMonths = step.Phase, h.Months
	}
	return nil
}

// takeRelied returns the facts the sentences written since the last call
// count on, once each.
func (b *builder) takeRelied() []string {
	var out []string
	for _, f := range b.relied {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	b.relied = nil
	return out
}

// settleCurve reads the growth horizons, or assumes the default curve.
func (b *builder) settleCurve() ([]horizon, error) {
	if len(b.req.Growth) == 0 {
		b.assume("Growth of 1.5x in 6 months, 2x in a year and 5x in 3 years, since none is given.")
		b.ask("How fast will the load grow (6 months, 1 year, 3 years)?")
		return defaultGrowth, nil
	}
	var curve []horizon
	for name, f := range b.req.Growth {
		secs, err := quantity.ParseDuration(name)
		if err != nil || secs <= 0 {
			return nil, fmt.Errorf("growth: horizon %q is not a duration like 6mo, 1y or 3y", name)
		}
		if f <= 0 {
			return nil, fmt.Errorf("growth: %s: expected %s, got %s", name, quantity.FactorForm, formatNum(float64(f)))
		}
		curve = append(curve, horizon{Name: name, Months: secs / quantity.DefaultSecondsPerMonth, Factor: float64(f)})
	}
	slices.SortFunc(curve, func(x, y horizon) int { return cmp.Compare(x.Months, y.Months) })
	return curve, nil
}

// horizonStep recomputes each workload's peak with its count grown by the
// horizon's factor, totals them and places the total in the playbook.
func (b *builder) horizonStep(fig figures, h horizon) (ScalingStep, error) {
	var parts []part
	for _, l := range b.loads {
		if l.args == nil || !fig.phaseLoad(l) {
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
		peak = b.derive("client workloads", h.Name, total("peak client requests", "per_second", parts))
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

// phaseChanges lists what a playbook phase means for this design, after
// a lead line such as "move to the horizontal phase (10K-100K RPS)". The
// lines name the components actually chosen, never the playbook's
// generic ones, so Scaling Strategy and the Decision Log agree.
func (b *builder) phaseChanges(vd *verdicts, phase, lead string, after float64) []string {
	for _, p := range capacity.Playbook() {
		if p.Name != phase {
			continue
		}
		changes := []string{fmt.Sprintf("%s %s phase (%s)", lead, phase, p.Range)}
		switch phase {
		case "vertical":
			changes = append(changes, "stateless API servers as sized in Core Components, no load balancing tricks")
		case "horizontal":
			changes = append(changes, "load balancer in front of stateless API servers, added as the client load grows")
		default:
			changes = append(changes, "auto-scaling groups for the stateless tiers", "multi-region active-passive for the stores")
		}
		changes = append(changes, b.databaseLine(vd, after))
		if c := vd.by[qCache]; c != nil {
			changes = append(changes, "cache: "+c.Choice)
		}
		if vd.by[qQueue] != nil || b.hasBatch() {
			changes = append(changes, "background work on its own workers' tier, sized apart from the API")
		}
		if c := vd.by[qStorage]; behindCDN(c) {
			changes = append(changes, "CDN in front of object storage")
		}
		if phase == "vertical" {
			changes = append(changes, "simple and debuggable")
		}
		return changes
	}
	return []string{}
}

// databaseLine says what the database is and the next change Threshold
// Warnings give for it after month after.
func (b *builder) databaseLine(vd *verdicts, after float64) string {
	c := vd.by[qDatabase]
	if c == nil {
		return "database: none chosen"
	}
	line := "database: " + c.Choice
	if r := vd.by[qRecords]; r != nil {
		line += ", bulk records in " + r.Choice
	}
	var next *Warning
	for i, w := range b.d.Warnings {
		if w.Component == c.Choice && w.Crossed && w.Month > after && (next == nil || w.Month < next.Month) {
			next = &b.d.Warnings[i]
		}
	}
	if next != nil {
		if next.Shards {
			b.relied = append(b.relied, factSharded)
		}
		return fmt.Sprintf("%s until it passes %s around month %s [%s]; then %s", line, next.Threshold, formatNum(next.Month), next.Ref, next.Action)
	}
	return line + "; no further database threshold is passed within the horizons (Threshold Warnings)"
}

func (b *builder) hasBatch() bool {
	for _, l := range b.loads {
		if l.batch {
			return true
		}
	}
	return false
}

// horizonChanges says what the design must change by a horizon: a new
// phase, and every threshold passed since the previous horizon.
func (b *builder) horizonChanges(vd *verdicts, prevPhase, phase string, from, to float64) []string {
	changes := []string{}
	if phase != prevPhase {
		changes = append(changes, b.phaseChanges(vd, phase, "move to the", to)...)
	}
	for _, w := range b.d.Warnings {
		if w.Crossed && w.Month > from && w.Month <= to {
			if w.Shards {
				b.relied = append(b.relied, factSharded)
			}
			changes = append(changes, fmt.Sprintf("%s passes %s around month %s [%s]: %s", w.Component, w.Threshold, formatNum(w.Month), w.Ref, w.Action))
		}
	}
	if len(changes) == 0 {
		changes = append(changes, noChange)
	}
	return changes
}

// noChange is the change of a horizon the previous design carries.
const noChange = "no change: the design of the previous horizon carries this load"

// threshold is one limit to watch as the load grows. stored, when set,
// makes it a limit on bytes held: they grow with time as well as load.
type threshold struct {
	component, what string
	now             figure
	limit           float64
	unit, action    string
	stored          []storedPart
	// shards is true when the action spreads the database over nodes.
	shards bool
}

// warnings computes, for each limit the chosen components have, the month
// growth carries the load past it.
func (b *builder) warnings(fig figures, vd *verdicts) {
	for _, t := range b.thresholds(fig, vd) {
		var d derived
		var crossed bool
		if t.stored != nil {
			d, crossed = storedMonth(t.stored, t.limit, FormatValue(t.limit, t.unit)+" "+t.what, fig.curve)
		} else {
			d, crossed = growthMonth(t.what, t.now, t.limit, t.unit, fig.curve)
		}
		f := b.derive(t.component, "", d)
		b.d.Warnings = append(b.d.Warnings, Warning{Component: t.component, Threshold: FormatValue(t.limit, t.unit) + " " + t.what,
			Month: d.Value, Crossed: crossed, Ref: f.Ref, Action: t.action, Shards: t.shards})
	}
}

func (b *builder) thresholds(fig figures, vd *verdicts) []threshold {
	var ts []threshold
	add := func(t threshold) {
		if t.now.Ref != "" {
			ts = append(ts, t)
		}
	}
	if c := vd.by[qDatabase]; c != nil && isPostgres(c) {
		add(threshold{c.Choice, "writes", fig.dbWrites, capacity.PostgresEasyWrites, "per_second", "batch writes, partition hot tables by time, watch WAL and replication lag", nil, false})
		add(threshold{c.Choice, "writes", fig.dbWrites, capacity.DatabaseWritesPerSecond, "per_second", "shard with Vitess or move to CockroachDB", nil, true})
		if hasReplicas(c) {
			add(threshold{c.Choice, "uncached reads", fig.dbReads, (capacity.PostgresMaxReplicas - 1) * capacity.PostgresReadsPerNode * 0.7 /* the most reads 10 replicas, one spare, serve */, "per_second", "more replicas than replication serves well: shard the reads (Vitess) or raise the cache hit ratio", nil, true})
		} else {
			add(threshold{c.Choice, "uncached reads", fig.dbReads, capacity.PostgresReadsPerNode, "per_second", "add read replicas (peak reads / (15,000 × 0.7), plus one spare)", nil, false})
		}
		if parts := b.storeParts(fig.hot, fig.storeOf, storeDatabase); len(parts) > 0 {
			add(threshold{c.Choice, "stored (then partitioned)", fig.dbStored, capacity.PostgresComfortableBytes, "bytes", "partition the big tables by time and archive old partitions to object storage", parts, false})
			action := "move the append-heavy tables to a wide-column store, or shard by the owning key"
			if b.relational() {
				action = "shard by the owning key (Citus or Vitess): the data must stay relational"
			}
			add(threshold{c.Choice, "stored (then sharded)", fig.dbStored, capacity.PostgresMaxBytes, "bytes", action, parts, true})
		}
	}
	if c := vd.by[qQueue]; c != nil && !isLog(c) {
		add(threshold{c.Choice, "messages", fig.messagesPerHour, capacity.QueueMessagesPerHour, "per_hour", "move the queue to Kafka or Pulsar", nil, false})
	}
	if c := vd.by[qEvents]; c != nil && !isLog(c) {
		add(threshold{c.Choice, "events", fig.events, capacity.EventsPerSecond, "per_second", "move events to Kafka or NATS", nil, false})
	}
	if c := vd.by[qCache]; c != nil && c.Option == capacity.OptionRedis {
		add(threshold{c.Choice, "cacheable reads", fig.cacheReads, capacity.RedisOpsPerSecond, "per_second", "shard the cache (Redis Cluster)", nil, false})
		add(threshold{c.Choice, "cache memory", fig.cacheMem, capacity.RedisNodeBytes, "bytes", "shard the cache (Redis Cluster) or cache less", nil, false})
	} else if c == nil {
		add(threshold{"Cache (none yet)", "cacheable reads", fig.cacheReads, CacheReadsPerSecond, "per_second", "add a read-through Redis cache with TTLs", nil, false})
	}
	if c := vd.by[qSearch]; c != nil && !isElastic(c) {
		add(threshold{c.Choice, "search queries", fig.searchQueries, capacity.SearchFTSQueries, "per_second", "move search to a search cluster (Elasticsearch or OpenSearch)", nil, false})
		if fig.corpusFromStores.Ref != "" {
			parts := append(b.storeParts(fig.hot, fig.storeOf, storeDatabase), b.storeParts(fig.hot, fig.storeOf, storeRecords)...)
			add(threshold{c.Choice, "indexed", fig.corpusFromStores, capacity.SearchFTSBytes, "bytes", "move search to a search cluster (Elasticsearch or OpenSearch)", parts, false})
		}
	}
	for _, l := range b.loads {
		if c := vd.by[batchQuestion(l.Name)]; c != nil && c.Option == capacity.OptionCron {
			add(threshold{fmt.Sprintf("%s (%s)", c.Choice, l.Name), "scanned per run", l.scanBytes, capacity.BatchWorkerScanBytes, "bytes", "move the job to a distributed batch engine (Spark)", nil, false})
		}
	}
	switch fig.phase {
	case "vertical":
		add(threshold{"Scaling phase", "client requests", fig.totalPeak, capacity.VerticalMaxRPS, "per_second", "go horizontal: a load balancer and more API servers", nil, false})
		fallthrough
	case "horizontal":
		add(threshold{"Scaling phase", "client requests", fig.totalPeak, capacity.HorizontalMaxRPS, "per_second", "go distributed: auto-scaling, partitioned stores, multi-region", nil, false})
	}
	return ts
}
