package design

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Per-server throughput assumed for the servers tool until a load test
// measures it; both are listed as assumptions when used.
const (
	// workerSizingFloor is the rate of jobs and messages below which the
	// workers' tier is one small pool and not counted in servers.
	workerSizingFloor = 100
	DefaultAvailable  = 0.999 // availability assumed when none is given
	defaultAvailLabel = "99.9%"
)

// fleet sizes what runs the code: servers per tier, workers, the scaling
// phase and the availability budget, and lists the services.
func (b *builder) fleet(vd *verdicts, fig figures) (fleetFigures, serviceList, error) {
	t, cacheable := fig.totals, fig.cacheable
	var out fleetFigures
	var sv serviceList
	for _, step := range []func() error{
		func() error { return b.apiTier(vd, &sv, &out, cacheable) },
		func() error { return b.ingestTier(vd, &sv, t, cacheable) },
		func() error { return b.workers(vd, &sv, t, cacheable) },
		func() error { return b.streamProcessor(vd, &sv) },
		func() error { return b.phaseNow(t, &out) },
		func() error { return b.availability(&out) },
	} {
		if err := step(); err != nil {
			return out, sv, err
		}
	}
	b.shapeDecisions(t, out)
	return out, sv, nil
}

// shapeDecisions logs the two choices every design makes: how the code is
// split, and how it scales today.
func (b *builder) shapeDecisions(t totals, out fleetFigures) {
	arch, why := "Modular monolith", "One deployable with a module per domain; each module owns its tables. Microservices from day one are premature distribution: network calls replace function calls and every deploy is coordinated."
	if n := b.teamSize(); n >= ServicesTeamSize {
		arch, why = "Microservices", fmt.Sprintf("A team of %d is several teams that must deploy on their own; extract services from the modular monolith one at a time along team boundaries.", n)
	}
	b.decide(qArchitecture, "Architecture", []string{"Modular monolith", "Microservices"}, arch, why+" Boring always wins ties.")
	if t.totalPeak.Ref == "" {
		return
	}
	ref := b.phaseRef("")
	b.decide(qScaling, "Scaling approach", []string{"vertical", "horizontal", "distributed"}, out.phase,
		fmt.Sprintf("A peak of %s/s [%s] places it in the %s phase [%s]; move on only when the figures in Scaling Strategy say so.", formatNum(t.totalPeak.Value), t.totalPeak.Ref, out.phase, ref))
}

// ingestSeparate says whether events get their own ingest tier: only when
// they are heavy enough to go through a log.
func (b *builder) ingestSeparate(vd *verdicts) bool {
	c, ok := vd.by[qEvents]
	return ok && isLog(c)
}

func (b *builder) apiTier(vd *verdicts, sv *serviceList, out *fleetFigures, cacheable map[*load]bool) error {
	kinds := kindIs(requirements.Read, requirements.Write, requirements.Search)
	if !b.ingestSeparate(vd) {
		kinds = kindIs(requirements.Read, requirements.Write, requirements.Search, requirements.Event)
	}
	// A step inside requests the system already serves is no request.
	keep := func(l *load) bool { return !l.inline && kinds(l) }
	peak := b.sum("peak API requests", "API workloads", keep)
	tech := "one stateless service in the team's language, one module per domain"
	if peak.Ref == "" {
		sv.add("api", "service", "API (modular monolith)", "validates requests, runs the business logic, owns each piece of state through one module", tech, "No request workload with a rate is given, so the fleet is not sized.")
		return nil
	}
	per, mix := b.perServerAs(keep, apiServerVCPU, apiClass(cacheable))
	out.apiPeak, out.apiPerServer = peak, per
	args := map[string]any{"peak_rps": peak.Value, "per_server_rps": per}
	f, _, err := b.measure("API tier", "servers", args, "servers", "utilization_at_peak")
	if err != nil {
		return err
	}
	b.assume("Each API server (32 cores) is counted by the CPU its requests take: %s. A load test should replace these figures before the fleet is bought. Only client requests count here: fan-out and jobs run on the workers' tier.", mix)
	sv.add("api", "service", "API (modular monolith)", "validates requests, runs the business logic, owns each piece of state through one module",
		tech, fmt.Sprintf("%s servers [%s] carry the peak at 70%% utilization with one spare; stateless, so any server can take any request.", formatNum(f.Value), f.Ref))
	if f.Value > 1 {
		sv.add("lb", "edge", "Load balancer", "spreads requests over the API servers and takes a failing one out on its health check",
			"managed load balancer (or nginx/HAProxy)", "Battle-tested, no state of its own.")
	}
	return nil
}

func (b *builder) ingestTier(vd *verdicts, sv *serviceList, t totals, cacheable map[*load]bool) error {
	if !b.ingestSeparate(vd) {
		return nil
	}
	per, mix := b.perServer(cacheable, kindIs(requirements.Event), ingestServerVCPU)
	args := map[string]any{"peak_rps": t.events.Value, "per_server_rps": per}
	f, _, err := b.measure("ingest tier", "servers", args, "servers", "utilization_at_peak")
	if err != nil {
		return err
	}
	b.assume("One ingest server (%s vCPU) appends to the log with no database call, counted by the CPU each record takes: %s; measure it with a load test.", formatNum(ingestServerVCPU), mix)
	sv.add("ingest", "edge", "Ingest API", "accepts batched events, validates them, appends them to the log and answers 202",
		"stateless HTTP service behind the load balancer", fmt.Sprintf("%s servers [%s] at peak; no database on this path, so it scales by adding servers.", formatNum(f.Value), f.Ref))
	return nil
}

// workers sizes the background workers on their own tier: fan-out and
// jobs never count as client load.
func (b *builder) workers(vd *verdicts, sv *serviceList, t totals, cacheable map[*load]bool) error {
	b.batchService(vd, sv)
	if t.queued.Ref == "" {
		return nil
	}
	just := fmt.Sprintf("%s/s jobs and messages at peak [%s]; the pool is that rate times one job's processing time (Little's law), measured before launch. Retries with backoff and a dead-letter list.",
		formatNum(t.queued.Value), t.queued.Ref)
	if t.queued.Value >= workerSizingFloor || b.longJobs() {
		// A worker is counted like the API and ingest tiers: by the CPU
		// each job or delivery takes, on the worker's own size.
		per, mix := b.perServer(cacheable, kindIs(requirements.Job, requirements.Message), workerVCPU)
		args := map[string]any{"peak_rps": t.queued.Value, "per_server_rps": per}
		f, _, err := b.measure("workers tier", "servers", args, "servers", "utilization_at_peak")
		if err != nil {
			return err
		}
		b.assume("One worker server (%s vCPU) is counted by the CPU each job or delivery takes: %s; measure it with the real handlers.", formatNum(workerVCPU), mix)
		just = fmt.Sprintf("%s worker servers [%s] for %s/s jobs and messages at peak [%s], sized apart from the API. Retries with backoff and a dead-letter list.",
			formatNum(f.Value), f.Ref, formatNum(t.queued.Value), t.queued.Ref)
	}
	tech := "worker processes of the same codebase"
	if c := vd.by[qQueue]; c != nil {
		tech += ", consuming " + consumedQueue(c.Choice, c.Option)
	}
	sv.add("workers", "worker", "Workers", "run jobs and deliver messages in the background, idempotently", tech, just)
	return nil
}

// longJobs says whether a queued job states its duration: its workers
// are busy for that long, however few jobs there are, so the pool is
// counted even below the sizing floor.
func (b *builder) longJobs() bool {
	for _, l := range b.loads {
		if l.kind == requirements.Job && l.Duration > 0 && l.peak.Ref != "" && !b.deliveredByPart(l) {
			return true
		}
	}
	return false
}

func (b *builder) streamProcessor(vd *verdicts, sv *serviceList) error {
	for _, l := range b.loads {
		if l.Window == 0 {
			continue
		}
		win := quantity.FormatDuration(float64(l.Window))
		if b.ingestSeparate(vd) {
			sv.add("proc", "worker", "Stream processor", fmt.Sprintf("aggregates %q over %s windows and writes each closed window's results", l.Name, win),
				"a consumer group of the log with windowed state (Kafka Streams, or Flink if the team already runs it)",
				"One consumer per partition; window state checkpointed so a restart resumes, not recomputes.")
		} else {
			sv.add("proc", "worker", "Window aggregation job", fmt.Sprintf("aggregates %q over %s windows with a SQL query on a schedule", l.Name, win),
				"scheduled job over PostgreSQL", "At this rate a GROUP BY over an indexed time column does the work; no stream processor to run.")
		}
		return nil
	}
	return nil
}

// phaseNow places today's peak in the scaling playbook.
func (b *builder) phaseNow(t totals, out *fleetFigures) error {
	if t.totalPeak.Ref == "" {
		return nil
	}
	r, err := b.call("scaling_phase", map[string]any{"peak_rps": t.totalPeak.Value})
	if err != nil {
		return err
	}
	b.record("all workloads", "", r, "monthly_cost_usd")
	out.phase = r.Outputs["phase"].(string)
	return nil
}

func (b *builder) availability(out *fleetFigures) error {
	target := float64(b.req.Availability)
	if target == 0 {
		target = DefaultAvailable
		b.assume("Availability target %s, a usual figure for a business system, since none is given.", defaultAvailLabel)
		b.ask("What availability must the system meet (99.9%%? 99.99%%?), and what does an hour of downtime cost?")
	}
	f, _, err := b.measure("whole system", "availability", map[string]any{"target": target}, "downtime_per_month_s", "downtime_per_year_s")
	out.downtime = f
	return err
}

// addServiceAs adds a service the engine places, as the part id of the
// system model, of the kind given.
func (b *builder) addServiceAs(part, kind, name, purpose, tech, justification string) {
	(*serviceList)(&b.d.Services).add(part, kind, name, purpose, tech, justification)
}

// serviceList is the services a pass places, in order: the fleet pass
// returns its own.
type serviceList []Service

// add places a service as the part id of the system model, of the kind
// given.
func (sv *serviceList) add(part, kind, name, purpose, tech, justification string) {
	*sv = append(*sv, Service{Name: name, Purpose: purpose, Technology: tech, Justification: justification, part: part, kind: kind})
}

// existing says whether the constraints list a technology as in place,
// by the first name of the choice: "Redis + workers" is Redis.
func (b *builder) existing(tech string) bool {
	words := strings.FieldsFunc(strings.ToLower(tech), func(r rune) bool { return r == ' ' || r == '/' })
	if b.req.Constraints == nil || len(words) == 0 {
		return false
	}
	for _, e := range b.req.Constraints.Existing {
		if strings.Contains(strings.ToLower(e), words[0]) {
			return true
		}
	}
	return false
}
