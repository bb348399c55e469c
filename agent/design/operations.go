package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// wrapUp adds what reads the whole design: the operational plan, the
// risks, the checklist and the summary.
func (b *builder) wrapUp(fig figures, vd *verdicts, mg *merged, dr *drawing, pl partLoads) error {
	b.operations(fig, vd, mg, dr, pl)
	b.risks(fig, vd)
	b.checklist(fig, vd)
	b.summary(fig, mg, pl)
	return nil
}

// LightAvailability is the availability target below which the
// operational plan is the light one: a health check, backups and two
// alerts, deploys by redeploying, no burn-rate policy or blue-green.
const LightAvailability = 0.999

// light says whether the availability target asks only for the light
// operational plan. An unstated target is taken as the usual 99.9%.
func (b *builder) light() bool {
	return b.req.Availability > 0 && float64(b.req.Availability) < LightAvailability
}

var officeHoursRe = lazyre.Guarded(`(?i)\b(office|business|working) hours\b`, "hours")

// officeHours says whether the requirements say the system is used only
// during working hours, when a person can react to an alert in the day.
func (b *builder) officeHours() bool {
	return officeHoursRe.MatchString(b.req.Summary + "\n" + b.req.Body + "\n" + strings.Join(b.req.Functional, "\n"))
}

func (b *builder) operations(fig figures, vd *verdicts, mg *merged, dr *drawing, pl partLoads) {
	ops := &b.d.Operations
	errs := "5xx rate and timeouts"
	if fig.downtime.Ref != "" {
		errs += fmt.Sprintf(", against an error budget of %s of downtime a month [%s]", quantity.FormatDuration(fig.downtime.Value), fig.downtime.Ref)
	}
	for _, h := range b.d.HotPaths {
		ops.Signals = append(ops.Signals, GoldenSignals{
			Path:       h.Name,
			Latency:    fmt.Sprintf("p50, p95, p99 against a budget of %s (%s)", quantity.FormatDuration(h.LatencyBudgetS), h.BudgetFrom),
			Traffic:    fmt.Sprintf("rate per second; planned peak %s/s [%s]", formatNum(h.RatePerSecond), h.RateRef),
			Errors:     errs,
			Saturation: b.saturation(fig, vd, mg, dr, h.Name),
		})
	}
	if b.light() {
		b.lightOperations(vd)
	} else {
		b.fullOperations()
	}
	b.componentAlerts(vd, pl)
}

// lightOperations is the plan for a target below 99.9%: the downtime
// budget is hours a month, so a person reacting within the hour is enough.
func (b *builder) lightOperations(vd *verdicts) {
	ops := &b.d.Operations
	db := b.choiceOf(vd, qDatabase, "PostgreSQL")
	sev := "page"
	if b.officeHours() {
		sev = "notify the team in office hours"
	}
	ops.Alerts = append(ops.Alerts,
		Alert{"Service down", fmt.Sprintf("the health check (the API answers and runs one %s query) fails from outside for 5 minutes", db), sev},
		Alert{"Backups or disk", fmt.Sprintf("last night's %s backup is missing, or its disk is above 80%%", db), "ticket"})
	ops.Deployment = []string{
		"Replace the servers one at a time once the new version passes its health check; schema changes expand then contract, so old and new code both run.",
		fmt.Sprintf("Rollback plan: redeploy the previous build, under %d minutes.", RollbackMinutes),
	}
	ops.Backups = fmt.Sprintf("%s backups with point-in-time recovery, kept at least 7 days; a restore rehearsed each quarter.", db)
	ops.Logging = []string{
		"Structured JSON logs with request id, route, latency and outcome, kept 30 days.",
		"One dashboard: latency, traffic and errors per path, and the database's connections and disk.",
	}
}

// fullOperations is the plan for 99.9% and above: minutes of downtime a
// month, so alerts burn against the budget and deploys never take it down.
func (b *builder) fullOperations() {
	ops := &b.d.Operations
	alert := func(name, cond, sev string) { ops.Alerts = append(ops.Alerts, Alert{name, cond, sev}) }
	alert("Availability budget burn", "errors spend the month's downtime budget faster than it refills (multi-window burn rate)", "page")
	for _, h := range b.d.HotPaths {
		if h.Critical {
			alert("Latency "+h.Name, fmt.Sprintf("p99 of %q above its %s budget for 10 minutes", h.Name, quantity.FormatDuration(h.LatencyBudgetS)), "page")
		}
	}
	alert("Database health", "replication lag above 30 s, disk above 80%, or connections above 80% of the pool", "page")
	ops.Deployment = []string{
		"Blue-green deploys: the new version takes traffic only after its health checks pass.",
		"Feature flags for risky changes, so they can be switched off without a deploy.",
		fmt.Sprintf("Rollback plan: the previous version stays ready; switching back takes under %d minutes.", RollbackMinutes),
		"Schema changes expand then contract: every migration works with both the old and the new code.",
	}
	ops.Backups = "Point-in-time recovery with a replica in another zone; backups restored and checked on a schedule."
	ops.Logging = []string{
		"Structured JSON logs with request id, trace id, route, latency, cache hit, query count and outcome.",
		"Logs searchable and kept 30 days; traces sampled, with every error and slow request kept.",
		"Dashboards per hot path: latency, traffic, errors, saturation.",
	}
}

// componentAlerts watch the parts only some designs have.
func (b *builder) componentAlerts(vd *verdicts, pl partLoads) {
	ops := &b.d.Operations
	alert := func(name, cond, sev string) { ops.Alerts = append(ops.Alerts, Alert{name, cond, sev}) }
	if _, ok := vd.by[qCache]; ok {
		alert("Cache hit ratio", "hit ratio below the planned 0.8 for 15 minutes", "ticket")
	}
	if _, ok := vd.by[qQueue]; ok {
		alert("Background backlog", "the oldest pending job older than its latency budget, or the dead-letter list growing", "page")
	}
	if svc := b.windowService(); svc != "" {
		alert("Consumer lag", svc+" more than one window behind the log", "page")
	}
	if b.hasBreakers(vd) {
		alert("Circuit breaker open", "any breaker open for more than one cycle", "ticket")
	}
	for _, p := range pl {
		if p.vcpu > 0 {
			alert(p.name+" saturation", fmt.Sprintf("%s above 80%% of what its %s %s [%s] take, or CPU above 80%%", p.what(), formatNum(p.nodes.Value), p.unitShort(), p.nodes.Ref), "page")
			continue
		}
		alert(p.name+" saturation", fmt.Sprintf("operations above 80%% of what its %s nodes [%s] take, or memory above 80%%", formatNum(p.nodes.Value), p.nodes.Ref), "page")
	}
	if !b.light() {
		alert("Capacity", "a figure reaches 80% of a threshold in the Scaling Strategy", "ticket")
	}
}

// saturatedPart names what fills up first on a path that does not reach
// the relational database: the archetype part that carries it, or the
// record store its writes land on. "" for a path through the database.
func (b *builder) saturatedPart(fig figures, mg *merged, dr *drawing, l *load) string {
	if absorbed(l) {
		p, ok := b.carrier(mg, l)
		if !ok {
			return ""
		}
		switch p.comp.Kind {
		case "in-memory", "cache":
			return p.comp.Name + ": operations a second per node and memory (no database on this path)"
		case "queue":
			return p.comp.Name + ": append rate, disk and consumer lag (no database on this path)"
		case "index":
			return p.comp.Name + ": index size and query CPU (no database on this path)"
		case "object-storage":
			return p.comp.Name + ": request rate and transfer (no database on this path)"
		case "edge":
			return p.comp.Name + ": open connections, send rate and memory per server (no database on this path)"
		case "service", "worker":
			return p.comp.Name + ": CPU and requests in flight per server (no database on this path)"
		}
		if l.kind == requirements.Read || l.kind == requirements.Search {
			return p.comp.Name + ": query CPU and the data each query scans (no database on this path)"
		}
		return p.comp.Name + ": its write rate, CPU and disk (no database on this path)"
	}
	if l.kind == requirements.Write && fig.storeOf[l] == storeRecords {
		return "the record store's writes per node, compaction backlog and disk"
	}
	// Where the flow's path ends is what it loads: reads of the records
	// in the wide-column store never touch the database's pool.
	for _, f := range dr.flows {
		if slices.Contains(f.Workloads, l.Name) && len(f.Path) > 0 && f.Path[len(f.Path)-1] == storeRecords {
			return "the record store's reads per node, partitions read per query and disk"
		}
	}
	return ""
}

// saturation names what fills up first on a path.
func (b *builder) saturation(fig figures, vd *verdicts, mg *merged, dr *drawing, name string) string {
	for _, l := range b.loads {
		if l.Name != name {
			continue
		}
		s := map[requirements.Kind]string{
			requirements.Read:    "database connection pool and CPU",
			requirements.Write:   "database connection pool, WAL volume and disk",
			requirements.Search:  "index size and query CPU",
			requirements.Event:   "ingest CPU, log disk and consumer lag",
			requirements.Message: "queue depth, age of the oldest message, worker utilization",
			requirements.Job:     "queue depth, age of the oldest job, worker utilization",
		}[l.kind]
		if on := b.saturatedPart(fig, mg, dr, l); on != "" && l.viaWorkers {
			// The queue and the workers carry it to the part: both fill.
			s += ", then " + on
		} else if on != "" {
			s = on
		} else if fig.cacheable[l] && vd.by[qCache] != nil {
			s = "cache memory and evictions, then " + s
		}
		if l.inFlight.Ref != "" {
			s += fmt.Sprintf("; %s in flight at peak [%s]", formatNum(l.inFlight.Value), l.inFlight.Ref)
		}
		if l.backlog.Ref != "" {
			s += fmt.Sprintf("; late beyond %s pending [%s]", formatNum(l.backlog.Value), l.backlog.Ref)
		}
		return s
	}
	return "CPU, memory, connection pools"
}

func (b *builder) risks(fig figures, vd *verdicts) {
	add := func(risk, like, impact, mit string) { b.d.Risks = append(b.d.Risks, Risk{risk, like, impact, mit}) }
	dur := b.d.Operations.Backups
	if b.req.Durability != "" {
		dur = "Requirement: " + b.req.Durability + ". Plan: " + dur
	}
	add("Data loss", "Low", "Critical", dur)
	if !b.light() {
		add("Performance degradation", "Medium", "High", "Golden-signal dashboards per hot path; a load test at the planned peak before each launch and phase change.")
	}
	add("Security breach", "Low", "Critical", b.securityMitigation())
	if len(b.req.Compliance) > 0 {
		add("Non-compliance with "+strings.Join(b.req.Compliance, ", "), "Medium", "High",
			"The state ownership matrix is the data inventory: each owner implements export and deletion for its state; data stays in the agreed regions.")
	}
	b.budgetRisk(fig, add)
	if n := b.teamSize(); n > 0 && n <= 5 {
		for _, need := range capacity.Needs() {
			if c := vd.by[questionID(need)]; c != nil && isLog(c) {
				add(fmt.Sprintf("%s run by a team of %d", c.Choice, n), "Medium", "High", "Use a managed service (Amazon MSK, Confluent Cloud); keep one cluster; practise the runbooks.")
				break
			}
		}
	}
	for _, w := range b.d.Warnings {
		if w.Crossed && w.Month > 0 {
			add(fmt.Sprintf("Growth carries %s past %s around month %s [%s]", w.Component, w.Threshold, formatNum(w.Month), w.Ref), "Medium", "Medium",
				"Watch the figure on the capacity dashboard; plan the change a quarter ahead: "+w.Action+".")
		}
	}
	if b.req.Constraints != nil && b.req.Constraints.Timeline != "" {
		add("Delivery within "+b.req.Constraints.Timeline, "Medium", "Medium", "Build the boring core first; every component here is off the shelf; defer what the thresholds do not yet require.")
	}
}

var (
	publicRe = lazyre.Guarded(`(?i)\b(public|anonymous|anyone|unauthenticated|without (an account|logging in|signing in)|no (login|account))\b`,
		"public", "anonymous", "anyone", "unauthenticated", "without", "login", "account")
	internalRe = lazyre.Guarded(`(?i)\b(internal|employees?|staff|back-office|backoffice|support team)\b`, "internal", "employee", "staff", "back", "support team")
)

// securityMitigation fits authentication to who uses the system: public
// reads stay anonymous, an internal tool signs in through the company.
func (b *builder) securityMitigation() string {
	text := b.req.Title + "\n" + b.req.Summary + "\n" + b.req.Body + "\n" + strings.Join(b.req.Functional, "\n")
	rest := "encryption in transit and at rest, least-privilege access to the database."
	switch {
	case publicRe.MatchString(text):
		return "Public reads stay anonymous and are rate-limited per client; authentication on every write and admin route; " + rest
	case internalRe.MatchString(text):
		return "Single sign-on through the company's identity provider on every route, roles for who may change what; " + rest
	}
	return "Authentication on every route, " + rest
}

// budgetRisk compares the cost of the phase now, and at each horizon,
// with the budget constraint.
func (b *builder) budgetRisk(fig figures, add func(string, string, string, string)) {
	if s := b.d.CostSummary; s != nil && s.BudgetUSD > 0 {
		b.costRisk(s, add)
		return
	}
	if b.req.Constraints == nil || b.req.Constraints.Budget == "" || fig.totalPeak.Ref == "" {
		return
	}
	budget := b.budgetUSD()
	if budget <= 0 {
		return
	}
	mit := "Stay in the cheapest phase the load allows; managed services over self-run clusters; review the bill monthly."
	like, when, st := "Low", "now", b.d.Scaling[0]
	for i, step := range b.d.Scaling {
		if row, ok := b.d.row(step.PhaseRef); ok && row.Value > budget {
			like, when, st = "Medium", "by "+step.Horizon, step
			if i == 0 {
				like, when = "High", "now"
			}
			break
		}
	}
	row, _ := b.d.row(st.PhaseRef)
	if st.Phase == "vertical" && row.Value > budget && fig.totalPeak.Value < capacity.VerticalMaxRPS/10 {
		mit = fmt.Sprintf("The vertical phase's cost is for one large server near 10,000 rps; a peak of %s/s [%s] fits a smaller one. ", formatNum(fig.totalPeak.Value), fig.totalPeak.Ref) + mit
	}
	add(fmt.Sprintf("Running cost %s: the %s phase at about $%s/month [%s] against a budget of %s", when, st.Phase, formatNum(row.Value), row.ID, b.req.Constraints.Budget),
		like, "Medium", mit)
}

// costRisk weighs the bottom-up estimate, now and at each horizon,
// against the budget, with the cheapest changes as the mitigation.
func (b *builder) costRisk(s *CostSummary, add func(string, string, string, string)) {
	like, when, total := "Low", "now", s.TotalUSD
	if total > s.BudgetUSD {
		like = "High"
	} else {
		for _, h := range s.Horizons {
			if h.TotalUSD > s.BudgetUSD {
				like, when, total = "Medium", "by "+h.Horizon, h.TotalUSD
				break
			}
		}
	}
	mit := "Review the bill monthly against the Cost Estimate; commit to a year of steady capacity once the load is known."
	impact := "Medium"
	if s.TotalUSD > 2*s.BudgetUSD {
		// More than twice the budget: the design as it stands cannot be
		// afforded, so the risk says what closes the gap and what does not.
		impact = "High"
	}
	if len(s.Savings) > 0 {
		shown := s.Savings
		if impact != "High" {
			shown = shown[:min(3, len(shown))]
		}
		var changes []string
		saved := 0.0
		for _, sv := range shown {
			changes = append(changes, fmt.Sprintf("%s (saves $%s/month)", sv.Change, formatNum(sv.SavingUSD)))
			saved += sv.SavingUSD
		}
		mit = "Cheapest changes first: " + strings.Join(changes, "; ") + " (Cost Estimate)."
		if impact == "High" {
			if after := capacity.Tidy(s.TotalUSD - saved); after > s.BudgetUSD {
				mit += fmt.Sprintf(" Together they bring it to about $%s/month, still over the budget: the rest needs a smaller design (less kept, less sent) or a larger budget.", formatNum(after))
			} else {
				mit += fmt.Sprintf(" Together they bring it to about $%s/month, within the budget.", formatNum(after))
			}
		}
	}
	add(fmt.Sprintf("Running cost %s: $%s/month bottom-up against a budget of %s", when, formatNum(total), b.req.Constraints.Budget), like, impact, mit)
}
