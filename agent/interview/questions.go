package interview

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// spec is one question: its words, how to read an answer into the
// requirements, and what to assume when it is skipped.
type spec struct {
	phase   phase.Phase
	text    string // {name} is the workload's name
	example string
	help    string
	// parse stores the answer, or says why it cannot be read; it may
	// return a short acknowledgement.
	parse func(iv *Interview, wl int, answer string) (string, error)
	// skip stores the default, if any, and returns the assumption.
	skip func(iv *Interview, wl int) string
}

var questions = map[string]spec{
	"title": {phase.Functional,
		"What are we designing? Give it a name, and after a colon a sentence on what it does if you like.",
		"URL shortener: turns long links into short ones and redirects fast",
		"The name heads the design document; the sentence becomes its summary.",
		parseTitle,
		func(iv *Interview, _ int) string {
			iv.req.Title = "Unnamed system"
			return "the system is called \"Unnamed system\""
		}},
	"functional": {phase.Functional,
		"What must it do? List the core capabilities, separated by commas.",
		"create short links, redirect, expire old links",
		"Capabilities are what users (or other systems) can do with it; the critical ones first.",
		func(iv *Interview, _ int, a string) (string, error) {
			iv.req.Functional = splitList(a)
			return "", nil
		},
		func(*Interview, int) string { return "no capabilities were listed" }},
	"workload.name": {phase.Scale,
		"Now the load. Name one flow of traffic — a kind of request, write, event or job — the busiest first.",
		"redirect",
		"Each flow gets its own rate, size and latency, and its own capacity figures.",
		parseName,
		func(iv *Interview, wl int) string {
			if wl == 0 {
				return "no flow of traffic was given, so the design has no capacity figures"
			}
			return "there are no more flows of traffic"
		}},
	"workload.kind": {phase.Scale,
		"Is the {name} flow a read, a write, an event, a message, a search or a background job?",
		"read",
		"Reads may be cached, writes are stored, events may be windowed, messages and jobs are queued.",
		parseKind,
		func(iv *Interview, wl int) string {
			iv.req.Workloads[wl].Kind = "read"
			return "the " + iv.wname(wl) + " flow is a read"
		}},
	"workload.rate": {phase.Scale,
		"What is the average rate of {name}? A count per period will do.",
		"100M/month, 5k/min or 1,200/s",
		"The average rate; the peak comes next.",
		parseRate,
		func(iv *Interview, wl int) string {
			return "the rate of " + iv.wname(wl) + " is unknown, so it has no capacity figures"
		}},
	"workload.peak": {phase.Scale,
		"How much higher than the average is the peak of {name}? Give a factor, or say none for the usual 2x.",
		"3x",
		"Capacity is sized for the peak: a busy hour, a daily spike or a launch.",
		parsePeak,
		func(iv *Interview, wl int) string { return "the peak of " + iv.wname(wl) + " is twice its average" }},
	"workload.size": {phase.Scale,
		"How big is one item of {name} — the request, record or event — in bytes?",
		"500B, 2KB or 1MiB",
		"The size drives storage and bandwidth.",
		parseSize,
		func(iv *Interview, wl int) string {
			iv.req.Workloads[wl].ItemSize = 1000
			return "one item of " + iv.wname(wl) + " is 1 KB"
		}},
	"workload.latency": {phase.Scale,
		"What latency must the {name} flow stay under for 99% of requests (p99)? Write p50 or p95 before it for another percentile.",
		"50ms, 1s or p95 200ms",
		"The latency target sets the budget for every stage on the path.",
		parseLatency,
		func(iv *Interview, wl int) string {
			iv.req.Workloads[wl].LatencyP99 = 0.2
			return "the p99 latency target of " + iv.wname(wl) + " is 200ms"
		}},
	"workload.cacheable": {phase.Scale,
		"Can the answers to {name} be cached for a while? (yes or no)",
		"yes",
		"Cacheable reads can be served from memory instead of the database.",
		parseCacheable,
		func(iv *Interview, wl int) string { return "the answers to " + iv.wname(wl) + " are not cached" }},
	"workload.retention": {phase.Scale,
		"How long must the records of {name} be kept?",
		"90d, 1y or 7y",
		"Retention multiplies the storage the flow needs.",
		parseRetention,
		func(iv *Interview, wl int) string {
			iv.req.Workloads[wl].Retention = quantity.Duration(12 * quantity.DefaultSecondsPerMonth)
			return "the records of " + iv.wname(wl) + " are kept for 1 year"
		}},
	"workload.window": {phase.Scale,
		"Is the {name} flow aggregated over a time window? Give its length, or say no.",
		"5m",
		"A window sets how many events must be held in memory at once.",
		parseWindow,
		func(iv *Interview, wl int) string { return "the " + iv.wname(wl) + " flow is not windowed" }},
	"workload.more": {phase.Scale,
		"Is there another flow of traffic? (yes or no)",
		"no",
		"Add every flow that matters for capacity: reads, writes, events, background jobs.",
		func(iv *Interview, _ int, a string) (string, error) {
			yes, err := parseYesNo(a)
			iv.another = yes
			if yes {
				return "another flow", err
			}
			return "no more flows", err
		},
		func(*Interview, int) string { return "there are no more flows of traffic" }},
	"users": {phase.Scale,
		"How many people use it on a typical day (daily active users)? Say none if only machines call it.",
		"10M or 250k",
		"Daily users size sessions and per-user rates.",
		parseUsers,
		func(*Interview, int) string { return "the number of daily users is unknown" }},
	"availability": {phase.Reliability,
		"What availability must it reach?",
		"99.9% or 99.95%",
		"Each extra nine cuts the downtime allowed per year tenfold.",
		parseAvailability,
		func(iv *Interview, _ int) string {
			iv.req.Availability = 0.999
			return "the availability target is 99.9%"
		}},
	"durability": {phase.Reliability,
		"What must never be lost? Say it in a sentence.",
		"no acknowledged write is lost",
		"Durability decides replication, backups and when a write is acknowledged.",
		func(iv *Interview, _ int, a string) (string, error) { iv.req.Durability = a; return "", nil },
		func(iv *Interview, _ int) string {
			iv.req.Durability = "no acknowledged write is lost"
			return "no acknowledged write may be lost"
		}},
	"compliance": {phase.Reliability,
		"Which regulations apply? List them, or say none.",
		"GDPR, PCI DSS",
		"Regulations constrain where data lives and how long it is kept.",
		parseCompliance,
		func(*Interview, int) string { return "no regulation applies" }},
	"team": {phase.Constraints,
		"Who will build and run it? The team's size and what it knows well.",
		"3 backend engineers who know PostgreSQL",
		"Boring choices the team already knows beat better ones it does not.",
		func(iv *Interview, _ int, a string) (string, error) { iv.constraints().Team = a; return "", nil },
		func(iv *Interview, _ int) string {
			iv.constraints().Team = "a small team"
			return "a small team builds and runs it"
		}},
	"budget": {phase.Constraints,
		"What may it cost to run? Say none if there is no set limit.",
		"2000 USD/month",
		"The budget caps how far up the scaling path the design may go.",
		func(iv *Interview, _ int, a string) (string, error) {
			if isNone(a) {
				return "", nil
			}
			// The budget reader of the prose miner: "800 USD a month" →
			// 800 USD/month; what it cannot read is kept as written.
			iv.constraints().Budget = a
			if b, ok := requirements.ReadBudget(a); ok {
				iv.constraints().Budget = b
				return b, nil
			}
			return "", nil
		},
		func(*Interview, int) string { return "there is no set budget" }},
	"timeline": {phase.Constraints,
		"When must it be ready?",
		"3 months",
		"A short timeline favours fewer, better-known components.",
		func(iv *Interview, _ int, a string) (string, error) { iv.constraints().Timeline = a; return "", nil },
		func(*Interview, int) string { return "there is no deadline" }},
	"existing": {phase.Constraints,
		"What infrastructure is already there that it should use? List it, or say none.",
		"PostgreSQL, AWS",
		"What already runs (and is already understood) is the cheapest component.",
		func(iv *Interview, _ int, a string) (string, error) {
			if !isNone(a) {
				iv.constraints().Existing = splitList(a)
			}
			return "", nil
		},
		func(*Interview, int) string { return "nothing is in place yet" }},
	"growth": {phase.Scale,
		"Last one: how much will the load grow? Give a multiplier per horizon, or say none.",
		"2x in 6 months, 4x in 1 year, 20x in 3 years (or 6mo 2x, 1y 4x)",
		"Growth sets the scaling phases the design must plan for; none plans for today's load alone.",
		parseGrowth,
		func(*Interview, int) string {
			return "the growth is unknown, so the design assumes 1.5x in 6 months, 2x in a year and 5x in 3 years"
		}},
}

// followUps returns the questions an answer to st opens.
func (iv *Interview) followUps(st step) []step {
	switch st.id {
	case "workload.name":
		if st.wl < len(iv.req.Workloads) {
			return []step{{"workload.kind", st.wl}}
		}
	case "workload.kind":
		ids := []string{"workload.rate", "workload.peak", "workload.size"}
		kind := iv.req.Workloads[st.wl].Kind
		if kind != requirements.Job {
			ids = append(ids, "workload.latency")
		}
		switch kind {
		case requirements.Read, requirements.Search:
			ids = append(ids, "workload.cacheable")
		case requirements.Write, requirements.Message:
			ids = append(ids, "workload.retention")
		case requirements.Event:
			ids = append(ids, "workload.retention", "workload.window")
		}
		var out []step
		for _, id := range append(ids, "workload.more") {
			out = append(out, step{id, st.wl})
		}
		return out
	case "workload.more":
		if iv.another {
			iv.another = false
			return []step{{"workload.name", st.wl + 1}}
		}
	}
	return nil
}

func (iv *Interview) wname(wl int) string { return iv.req.Workloads[wl].Name }

func (iv *Interview) constraints() *requirements.Constraints {
	if iv.req.Constraints == nil {
		iv.req.Constraints = &requirements.Constraints{}
	}
	return iv.req.Constraints
}

// notRead says an answer could not be read as the form wanted.
func notRead(answer, form string, err error) error {
	if err != nil {
		return fmt.Errorf("could not read %q: I need %s", answer, form)
	}
	return fmt.Errorf("%q is not a usable value here: I need %s", answer, form)
}

func parseTitle(iv *Interview, _ int, a string) (string, error) {
	title, summary, ok := strings.Cut(a, ":")
	if !ok {
		title, summary, _ = strings.Cut(a, " - ")
	}
	iv.req.Title = strings.TrimSpace(title)
	iv.req.Summary = strings.TrimSpace(summary)
	if iv.req.Title == "" {
		return "", fmt.Errorf("the name comes before the colon")
	}
	return "", nil
}
