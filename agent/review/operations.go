package review

import (
	"fmt"
	"strings"
)

// group is one kind of evidence an item asks for: "timeouts", "alerts".
type group struct {
	name string
	t    terms
}

// coverage reports, per group, the first hit in the given sections and the
// first hit anywhere in the document (strict terms, when given, for the
// whole-document search: "latency" under Monitoring is a metric, in the
// requirements it is not).
func (rv *reviewer) coverage(groups, strict []group, secs []int) (inSecs, anywhere map[string]hit) {
	inSecs, anywhere = map[string]hit{}, map[string]hit{}
	for i, g := range groups {
		if hits := rv.d.inSubtrees(g.t, secs); len(hits) > 0 {
			inSecs[g.name] = hits[0]
			anywhere[g.name] = hits[0]
			continue
		}
		wide := g.t
		if strict != nil {
			wide = strict[i].t
		}
		if hits := rv.d.searchAll(wide); len(hits) > 0 {
			anywhere[g.name] = hits[0]
		}
	}
	return inSecs, anywhere
}

// A table names failures, signals or alerts by its columns as well as by
// its words: a row under "Failure" is a failure scenario.
var (
	failureColumns = newTerms("failure*", "scenario*", "fault*", "what fails", "incident*")
	metricColumns  = newTerms("metric*", "signal*", "latency", "traffic", "errors", "saturation", "sli*")
	alertColumns   = newTerms("alert*", "page*", "paging")
)

// fromColumn counts group name as found when a column of cols holds a
// cell that says something.
func (rv *reviewer) fromColumn(name string, cols terms, secs []int, inSecs, anywhere map[string]hit) {
	if _, ok := inSecs[name]; ok {
		return
	}
	if h, ok := rv.columnCell(cols, secs); ok && len(secs) > 0 {
		inSecs[name], anywhere[name] = h, h
		return
	}
	if _, ok := anywhere[name]; ok {
		return
	}
	if h, ok := rv.columnCell(cols, nil); ok {
		anywhere[name] = h
	}
}

func missingGroups(groups []group, found map[string]hit) []string {
	var out []string
	for _, g := range groups {
		if _, ok := found[g.name]; !ok {
			out = append(out, g.name)
		}
	}
	return out
}

// Failure handling: a section about failure (by title) or at least two
// kinds of mechanism in the text. Missing entirely is high; missing
// timeouts or retries is medium; missing only circuit breakers or
// failure scenarios is low.
var (
	failureTitles = newTerms("failure*", "timeout*", "retries", "circuit breaker*", "fault*", "resilien*", "reliability", "error handling", "errors", "disaster*", "degrad*", "recovery", "outage*", "incident*", "availability", "redundan*", "fallback*", "failover")
	failureGroups = []group{
		{"timeouts", newTerms("timeout*", "time out", "time-out*", "timed out", "deadline*", "time limit*")},
		{"retries", newTerms("retry", "retries", "retried", "retrying", "backoff", "back off", "back-off", "idempoten*", "redeliver*", "dead letter*", "dead-letter*", "dlq")},
		{"circuit breakers", newTerms("circuit breaker*", "circuit-break*", "breaker*", "bulkhead*", "load shed*", "shed load", "shedding")},
		{"failure scenarios", newTerms("failure scenario*", "failure mode*", "failover", "fails", "failed", "lost", "loss of", "overload*", "network partition*", "corrupt*", "outage*", "fail over", "fallback*", "degrad*", "outage*", "goes down", "is down", "unavailable", "unreachable", "crash*", "disaster recovery", "rto", "rpo", "restore*", "backup*")},
	}
)

func (rv *reviewer) checkFailure() (bool, string) {
	secs := rv.titled(failureTitles, terms{})
	inSecs, anywhere := rv.coverage(failureGroups, nil, secs)
	rv.fromColumn("failure scenarios", failureColumns, secs, inSecs, anywhere)
	if len(inSecs) == 0 && len(anywhere) < 2 {
		f := Finding{ID: "failure-handling-missing", Severity: High,
			Title:  "No failure handling",
			Detail: "The document does not say what happens when a dependency is slow or down: no timeouts, no retries, no circuit breakers, no failure scenarios. Everything fails eventually; unplanned, a slow database takes the whole service with it.",
			Ref:    rv.whole(),
			Fix:    "Add a Failure Scenarios section: a table of failures (database down, cache down, a slow dependency, a crash) with probability, impact and mitigation; a timeout on every network call, retries with backoff on idempotent operations only, a circuit breaker around each remote dependency, and what degrades gracefully.",
		}
		if len(secs) > 0 {
			f.Ref = rv.sectionRef(secs[0])
			f.Detail = fmt.Sprintf("Section %q names no timeout, retry, circuit breaker or concrete failure scenario.", rv.d.Sections[secs[0]].Title)
		}
		rv.add(f)
		return false, "not found: no timeouts, retries, circuit breakers or failure scenarios"
	}
	where := rv.evidenceAt(secs, anywhere, failureGroups)
	missing := missingGroups(failureGroups, anywhere)
	if len(missing) == 0 {
		return true, where + ": " + joinNames(failureGroups)
	}
	sev := Low
	for _, m := range missing {
		if m == "timeouts" || m == "retries" {
			sev = Medium
		}
	}
	ref := rv.whole()
	if len(secs) > 0 {
		ref = rv.sectionRef(secs[0])
	}
	rv.add(Finding{ID: "failure-handling-incomplete", Severity: sev,
		Title:  "Failure handling without " + strings.Join(missing, " or "),
		Detail: "Failure is discussed, but the document never mentions " + strings.Join(missing, ", ") + ".",
		Ref:    ref,
		Fix:    failureFix(missing),
	})
	return false, where + ", but no " + strings.Join(missing, ", no ")
}

func failureFix(missing []string) string {
	fixes := map[string]string{
		"timeouts":          "set a timeout on every network call, shorter than the caller's budget",
		"retries":           "retry idempotent operations with exponential backoff and jitter, a few times at most",
		"circuit breakers":  "put a circuit breaker around each remote dependency so a slow one fails fast",
		"failure scenarios": "list the failures (database, cache, a dependency, a region) with impact and mitigation",
	}
	var parts []string
	for _, m := range missing {
		parts = append(parts, fixes[m])
	}
	s := strings.Join(parts, "; ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// Monitoring: a section about operations or observability (by title), or
// at least two of logs, metrics and alerts in the text. Missing entirely
// is high; missing metrics or alerts is medium; missing logs is low.
var (
	monitorTitles = newTerms("monitor*", "observab*", "operation*", "telemetry", "alert*", "instrument*", "dashboard*", "slo*", "logging", "metrics", "on-call", "oncall", "sre", "visibility")
	monitorGroups = []group{
		{"logs", newTerms("log", "logs", "logging", "logged", "structured log*", "trace*", "tracing", "opentelemetry", "otel", "request id*", "correlation id*", "audit log*")},
		{"metrics", newTerms("metric*", "dashboard*", "prometheus", "grafana", "datadog", "cloudwatch", "golden signal*", "statsd", "histogram*", "p50", "p95", "p99", "latency", "saturation", "error rate*", "throughput", "new relic", "honeycomb")},
		{"alerts", newTerms("alert*", "page", "pages", "paging", "pager*", "pagerduty", "opsgenie", "on-call", "oncall", "burn rate*", "escalat*")},
	}
	monitorStrict = []group{
		{"logs", newTerms("logs", "logging", "structured log*", "log aggregation", "log analy*", "log search", "centralised log*", "centralized log*", "tracing", "opentelemetry", "loggly", "splunk", "sumo logic", "papertrail", "kibana", "loki")},
		{"metrics", newTerms("metric*", "dashboard*", "prometheus", "grafana", "datadog", "cloudwatch", "golden signal*", "statsd")},
		{"alerts", newTerms("alert*", "pagerduty", "opsgenie", "on-call", "oncall", "paging", "pager*")},
	}
)

func (rv *reviewer) checkMonitoring() (bool, string) {
	secs := rv.titled(monitorTitles, terms{})
	inSecs, anywhere := rv.coverage(monitorGroups, monitorStrict, secs)
	rv.fromColumn("metrics", metricColumns, secs, inSecs, anywhere)
	rv.fromColumn("alerts", alertColumns, secs, inSecs, anywhere)
	if len(inSecs) == 0 && len(anywhere) < 2 {
		f := Finding{ID: "monitoring-missing", Severity: High,
			Title:  "No monitoring",
			Detail: "The document defines no logs, metrics or alerts: the first sign of trouble will be a user's complaint, and nobody will have the data to find the cause.",
			Ref:    rv.whole(),
			Fix:    "Add a Monitoring section: the golden signals per hot path (latency p50/p95/p99, traffic, errors, saturation), structured logs with a request id, and alerts on SLO breaches and error spikes that page a person.",
		}
		if len(secs) > 0 {
			f.Ref = rv.sectionRef(secs[0])
			f.Detail = fmt.Sprintf("Section %q defines no logs, metrics or alerts.", rv.d.Sections[secs[0]].Title)
		}
		rv.add(f)
		return false, "not found: no logs, metrics or alerts"
	}
	where := rv.evidenceAt(secs, anywhere, monitorGroups)
	missing := missingGroups(monitorGroups, anywhere)
	if len(missing) == 0 {
		return true, where + ": " + joinNames(monitorGroups)
	}
	sev := Low
	if len(missing) > 1 || missing[0] != "logs" {
		sev = Medium
	}
	ref := rv.whole()
	if len(secs) > 0 {
		ref = rv.sectionRef(secs[0])
	}
	rv.add(Finding{ID: "monitoring-incomplete", Severity: sev,
		Title:  "Monitoring without " + strings.Join(missing, " or "),
		Detail: "Monitoring is described, but the document never mentions " + strings.Join(missing, ", ") + ".",
		Ref:    ref,
		Fix:    "Define logs (structured, with a request id), metrics (the golden signals: latency, traffic, errors, saturation) and alerts (on SLO breaches, paging a person), each for the hot paths first.",
	})
	return false, where + ", but no " + strings.Join(missing, ", no ")
}

// evidenceAt names the first matching section, or the first hit.
func (rv *reviewer) evidenceAt(secs []int, found map[string]hit, groups []group) string {
	if len(secs) > 0 {
		return rv.at(rv.d.Sections[secs[0]].Line)
	}
	for _, g := range groups {
		if h, ok := found[g.name]; ok {
			return rv.at(h.Line)
		}
	}
	return "whole document"
}

func joinNames(groups []group) string {
	var names []string
	for _, g := range groups {
		names = append(names, g.name)
	}
	return strings.Join(names, ", ")
}

// Scaling path: a section about scaling or growth (by title) that says how
// (replicas, sharding, phases…), or at least three such terms in the text.
var (
	scaleTitles = newTerms("scal*", "growth", "evolution", "roadmap", "capacity plan*", "future", "phases", "expansion")
	scaleWords  = newTerms("scale out", "scale up", "scales out", "horizontal*", "vertical*", "shard*", "partition*", "read replica*", "replica*", "autoscal*", "auto-scal*", "auto scal*", "add more", "more servers", "more nodes", "more instances", "more workers", "more process*",
		"add a second", "add another", "second instance*", "second server*", "second process*", "threshold*",
		"phase*", "10x", "2x", "growth", "grow*", "bottleneck*", "next step*", "headroom")
)

func (rv *reviewer) checkScaling() (bool, string) {
	secs := rv.titled(scaleTitles, terms{})
	for _, i := range secs {
		s := rv.d.Sections[i]
		if hits := rv.d.search(scaleWords, s.Line+1, s.SubtreeEnd); len(hits) > 0 {
			return true, rv.at(s.Line)
		}
	}
	hits := rv.d.searchAll(scaleWords)
	kinds := map[string]bool{}
	for _, h := range hits {
		kinds[h.Text] = true
	}
	if len(kinds) >= 3 {
		return true, fmt.Sprintf("%q at %s", hits[0].Text, rv.at(hits[0].Line))
	}
	f := Finding{ID: "scaling-path-missing", Severity: Medium,
		Title:  "No scaling path",
		Detail: "The document does not say what changes as load grows: which component gives out first, at what load, and what replaces it.",
		Ref:    rv.whole(),
		Fix:    "Add a Scaling Strategy: phases by peak load (one big server below 10k rps, then replicas and more app servers to 100k, then sharding), the growth expected at 6 months, 1 and 3 years, and the threshold that triggers each step.",
	}
	if len(secs) > 0 {
		f.Ref = rv.sectionRef(secs[0])
		f.Detail = fmt.Sprintf("Section %q says nothing concrete about how the system grows: no phases, replicas, partitions or thresholds.", rv.d.Sections[secs[0]].Title)
	}
	rv.add(f)
	return false, "not found: no scaling phases, thresholds or growth plan"
}

// Debuggable at 3am: at least two of runbooks, rollback and tracing.
var debugGroups = []group{
	{"runbooks", newTerms("runbook*", "run book*", "playbook*", "troubleshoot*", "on-call", "oncall", "debug*", "3am", "3 am", "postmortem*", "post-mortem*")},
	{"rollback", newTerms("rollback*", "roll back", "roll-back", "rolled back", "feature flag*", "kill switch*", "blue-green", "blue/green", "canary")},
	{"tracing", newTerms("trace id*", "request id*", "correlation id*", "tracing", "distributed trac*", "structured log*", "opentelemetry")},
}

func (rv *reviewer) checkDebuggable() (bool, string) {
	_, found := rv.coverage(debugGroups, nil, nil)
	have, missing := foundGroups(debugGroups, found), missingGroups(debugGroups, found)
	where := rv.evidenceAt(nil, found, debugGroups)
	switch {
	case len(missing) == 0:
		return true, where + ": " + joinNames(debugGroups)
	case len(have) >= 2:
		return true, where + ": " + strings.Join(have, ", ") + " (no " + strings.Join(missing, ", ") + ")"
	case len(have) == 1:
		rv.add(Finding{ID: "debuggability-thin", Severity: Low,
			Title:  "Little to debug with at 3am",
			Detail: "Of runbooks, rollback and request tracing, the document only covers " + have[0] + ".",
			Ref:    rv.whole(),
			Fix:    "Give the person on call a runbook per alert, a rollback that takes minutes, and a request id carried through every log line.",
		})
		return false, "only " + have[0] + " at " + where + "; no " + strings.Join(missing, ", no ")
	}
	rv.add(Finding{ID: "debuggability-missing", Severity: Medium,
		Title:  "Not debuggable at 3am",
		Detail: "No runbooks, no rollback plan, no request tracing: whoever is paged at night has to reverse-engineer the system first.",
		Ref:    rv.whole(),
		Fix:    "Add runbooks for each alert, a rollback that takes minutes (blue-green or a feature flag), and a request id carried through every log line; keep the design simple enough to explain on one page.",
	})
	return false, "not found: no runbooks, rollback or tracing"
}

// foundGroups lists, in order, the groups that were found.
func foundGroups(groups []group, found map[string]hit) []string {
	var out []string
	for _, g := range groups {
		if _, ok := found[g.name]; ok {
			out = append(out, g.name)
		}
	}
	return out
}
