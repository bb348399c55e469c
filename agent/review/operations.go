package review

// The operational items of the checklist (failure handling, monitoring,
// the scaling path, debuggability) as coverage checks: the headings that
// answer each, the kinds of evidence it asks for, and how the evidence
// is weighed. evaluate runs them.

// A table names failures, signals or alerts by its columns as well as by
// its words: a row under "Failure" is a failure scenario.
var (
	failureColumns = newTerms("failure*", "scenario*", "fault*", "what fails", "incident*")
	metricColumns  = newTerms("metric*", "signal*", "latency", "traffic", "errors", "saturation", "sli*")
	alertColumns   = newTerms("alert*", "page*", "paging")
)

// Failure handling: a section about failure (by title) or at least two
// kinds of mechanism in the text. Missing entirely is high; missing
// timeouts or retries is medium; missing only circuit breakers or
// failure scenarios is low.
var failureTitles = newTerms("failure*", "timeout*", "retries", "circuit breaker*", "fault*", "resilien*", "reliability", "error handling", "errors", "disaster*", "degrad*", "recovery", "outage*", "incident*", "availability", "redundan*", "fallback*", "failover")

var failureCheck = &coverCheck{
	titles: failureTitles,
	kinds: []kind{
		{name: "timeouts", key: true, terms: newTerms("timeout*", "time out", "time-out*", "timed out", "deadline*", "time limit*"),
			fix: "set a timeout on every network call, shorter than the caller's budget"},
		{name: "retries", key: true, terms: newTerms("retry", "retries", "retried", "retrying", "backoff", "back off", "back-off", "idempoten*", "redeliver*", "dead letter*", "dead-letter*", "dlq"),
			fix: "retry idempotent operations with exponential backoff and jitter, a few times at most"},
		{name: "circuit breakers", terms: newTerms("circuit breaker*", "circuit-break*", "breaker*", "bulkhead*", "load shed*", "shed load", "shedding"),
			fix: "put a circuit breaker around each remote dependency so a slow one fails fast"},
		{name: "failure scenarios", columns: failureColumns, terms: newTerms("failure scenario*", "failure mode*", "failover", "fails", "failed", "lost", "loss of", "overload*", "network partition*", "corrupt*", "outage*", "fail over", "fallback*", "degrad*", "outage*", "goes down", "is down", "unavailable", "unreachable", "crash*", "disaster recovery", "rto", "rpo", "restore*", "backup*"),
			fix: "list the failures (database, cache, a dependency, a region) with impact and mitigation"},
	},
	substance: coveredKinds, missingBelow: 2,
	missing:       rFailureMissing,
	detail:        "The document does not say what happens when a dependency is slow or down: no timeouts, no retries, no circuit breakers, no failure scenarios. Everything fails eventually; unplanned, a slow database takes the whole service with it.",
	sectionDetail: "Section %q names no timeout, retry, circuit breaker or concrete failure scenario.",
	missingText:   "not found: no timeouts, retries, circuit breakers or failure scenarios",
	lacking:       rFailureIncompleteMinor, keyLacking: rFailureIncomplete, lackingFix: true,
	lackingDetail: "Failure is discussed, but the document never mentions %[4]s.",
	lackingText:   "%[1]s, but no %[2]s",
}

// Monitoring: a section about operations or observability (by title), or
// at least two of logs, metrics and alerts in the text. Missing entirely
// is high; missing metrics or alerts is medium; missing logs is low.
var monitorTitles = newTerms("monitor*", "observab*", "operation*", "telemetry", "alert*", "instrument*", "dashboard*", "slo*", "logging", "metrics", "on-call", "oncall", "sre", "visibility")

var monitoringCheck = &coverCheck{
	titles: monitorTitles,
	kinds: []kind{
		{name: "logs",
			terms:  newTerms("log", "logs", "logging", "logged", "structured log*", "trace*", "tracing", "opentelemetry", "otel", "request id*", "correlation id*", "audit log*"),
			strict: newTerms("logs", "logging", "structured log*", "log aggregation", "log analy*", "log search", "centralised log*", "centralized log*", "tracing", "opentelemetry", "loggly", "splunk", "sumo logic", "papertrail", "kibana", "loki")},
		{name: "metrics", key: true, columns: metricColumns,
			terms:  newTerms("metric*", "dashboard*", "prometheus", "grafana", "datadog", "cloudwatch", "golden signal*", "statsd", "histogram*", "p50", "p95", "p99", "latency", "saturation", "error rate*", "throughput", "new relic", "honeycomb"),
			strict: newTerms("metric*", "dashboard*", "prometheus", "grafana", "datadog", "cloudwatch", "golden signal*", "statsd")},
		{name: "alerts", key: true, columns: alertColumns,
			terms:  newTerms("alert*", "page", "pages", "paging", "pager*", "pagerduty", "opsgenie", "on-call", "oncall", "burn rate*", "escalat*"),
			strict: newTerms("alert*", "pagerduty", "opsgenie", "on-call", "oncall", "paging", "pager*")},
	},
	substance: coveredKinds, missingBelow: 2,
	missing:       rMonitoringMissing,
	detail:        "The document defines no logs, metrics or alerts: the first sign of trouble will be a user's complaint, and nobody will have the data to find the cause.",
	sectionDetail: "Section %q defines no logs, metrics or alerts.",
	missingText:   "not found: no logs, metrics or alerts",
	lacking:       rMonitoringIncompleteLogs, keyLacking: rMonitoringIncomplete,
	lackingDetail: "Monitoring is described, but the document never mentions %[4]s.",
	lackingText:   "%[1]s, but no %[2]s",
}

// Scaling path: a section about scaling or growth (by title) that says how
// (replicas, sharding, phases…), or at least three such terms in the text.
var (
	scaleTitles = newTerms("scal*", "growth", "evolution", "roadmap", "capacity plan*", "future", "phases", "expansion")
	scaleWords  = newTerms("scale out", "scale up", "scales out", "horizontal*", "vertical*", "shard*", "partition*", "read replica*", "replica*", "autoscal*", "auto-scal*", "auto scal*", "add more", "more servers", "more nodes", "more instances", "more workers", "more process*",
		"add a second", "add another", "second instance*", "second server*", "second process*", "threshold*",
		"phase*", "10x", "2x", "growth", "grow*", "bottleneck*", "next step*", "headroom")
)

var scalingCheck = &coverCheck{
	substance: anyKind,
	titles:    scaleTitles,
	kinds: []kind{
		{name: "a scaling section that says how", find: sectionSaying(scaleWords)},
		{name: "three kinds of growth in the text", find: words(scaleWords, 3, true, "%q at %s")},
	},
	missing:       rScalingMissing,
	detail:        "The document does not say what changes as load grows: which component gives out first, at what load, and what replaces it.",
	sectionDetail: "Section %q says nothing concrete about how the system grows: no phases, replicas, partitions or thresholds.",
	missingText:   "not found: no scaling phases, thresholds or growth plan",
}

// Debuggable at 3am: at least two of runbooks, rollback and tracing.
var debuggabilityCheck = &coverCheck{
	kinds: []kind{
		{name: "runbooks", terms: newTerms("runbook*", "run book*", "playbook*", "troubleshoot*", "on-call", "oncall", "debug*", "3am", "3 am", "postmortem*", "post-mortem*")},
		{name: "rollback", terms: newTerms("rollback*", "roll back", "roll-back", "rolled back", "feature flag*", "kill switch*", "blue-green", "blue/green", "canary")},
		{name: "tracing", terms: newTerms("trace id*", "request id*", "correlation id*", "tracing", "distributed trac*", "structured log*", "opentelemetry")},
	},
	substance: coveredKinds, enough: 2, missingBelow: 1,
	missing:     rDebuggabilityMissing,
	detail:      "No runbooks, no rollback plan, no request tracing: whoever is paged at night has to reverse-engineer the system first.",
	missingText: "not found: no runbooks, rollback or tracing",
	lacking:     rDebuggabilityThin, keyLacking: rDebuggabilityThin,
	lackingDetail: "Of runbooks, rollback and request tracing, the document only covers %[3]s.",
	lackingText:   "only %[3]s at %[1]s; no %[2]s",
}
