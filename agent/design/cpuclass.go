package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Not every request costs the same CPU. A rate-limit check or a cached
// redirect is a fraction of a millisecond; an indexed read or write with
// its parsing, authorisation and serialisation a few; a page or report
// assembled from many rows tens. A fleet counted at one rate for every
// request buys thirty servers for what three carry, or three for what
// needs thirty. Each workload gets a class with a stated CPU time, and a
// tier's rate per server is its vCPUs over the mix of its classes.

// cpuClass is the CPU one request of a kind of work takes.
type cpuClass struct {
	name string
	ms   float64 // CPU milliseconds a request (or a record, for batches)
	why  string
	// source is the public figure the class is read from, and how far
	// the class is above it.
	source string
}

// The classes and their figures. Each starts from a published benchmark
// of the same kind of work and is set 5 to 16 times above the benchmark's
// CPU per request: a benchmark handler does nothing but the test, while a
// production one authenticates, validates, logs, traces, serialises a
// fuller reply and leaves the collector room. A load test replaces them.
//
//   - trivial check: TechEmpower Round 9 (techempower.com/blog, 2014):
//     one server of 40 hardware threads (two Xeon E5-2660 v2) answered
//     1,039,305 JSON requests/s, 0.04 ms of CPU each; 0.3 ms is ×8.
//   - indexed CRUD: TechEmpower Round 15 (2018), single query (one row
//     read by key, serialised as JSON): 137,073 responses/s for Go's
//     fasthttp with PostgreSQL, 191,353 for the fastest, on one lab
//     server; on the 28 to 80 hardware threads such servers have, 0.2 to
//     0.6 ms of CPU each; 3.2 ms is ×5 to ×16. It is also the rate the
//     fleet was counted at before the classes (10,000 requests/s on 32
//     vCPU, capacity.LargeServerRPS).
//   - heavy render: no direct figure; TechEmpower's multiple-queries test
//     (20 rows fetched for one response) is this shape; 20 ms is about
//     six CRUD requests of CPU.
//   - small-record ingest in batches: VictoriaMetrics' vminsert is sized
//     at one core per 100,000 samples/s before its 2× headroom (DaoCloud's
//     VictoriaMetrics resource plan), 0.01 ms a sample; 0.05 ms is ×5.
//   - event append: the trivial check's reply plus parsing and appending
//     an event of a few KB: 0.4 ms, ×10 the JSON figure above.
var (
	cpuTrivial = cpuClass{"trivial check", 0.3, "a lookup of a cached key or an in-memory value and a small reply",
		jsonTestSource}
	cpuCRUD = cpuClass{"indexed CRUD", 3.2, "parse, authorise, one or two indexed queries, serialise the reply",
		"TechEmpower Round 15, single query (Go, fasthttp, PostgreSQL): 0.2–0.6 ms of CPU a response on one server of 28–80 threads, ×5–16"}
	cpuHeavy = cpuClass{"heavy render", 20, "a page, report or export assembled from many rows",
		"no direct benchmark; TechEmpower's 20-query test is this shape: about six CRUD requests"}
	cpuBatch = cpuClass{"small-record ingest in batches", 0.05, "records of up to 1 KB arriving about a hundred to a request, validated and appended",
		"VictoriaMetrics vminsert sizing: 0.01 ms of CPU a sample, ×5"}
	cpuEvent = cpuClass{"event append", 0.4, "one event of more than 1 KB validated and appended to the log",
		"the JSON figure of TechEmpower Round 9 (0.04 ms) ×10 for parsing and appending a few KB"}
	cpuForward = cpuClass{"forward", 0.3, "parse the request, pass it to the archetype's part that does the work and relay its small reply",
		jsonTestSource}
	cpuDeliver = cpuClass{"message delivery", 0.4, "one message read from the queue, its recipient looked up and the message written to a connection or a provider's API",
		"the JSON figure of TechEmpower Round 9 (0.04 ms) ×10 for reading, routing and writing one small message"}
)

// jsonTestSource is the figure both the trivial check and the forward are
// read from: the same small reply, no store between.
const jsonTestSource = "TechEmpower Round 9, JSON test: 0.04 ms of CPU a response on 40 hardware threads, ×8"

// heavyWords name reads that assemble many rows into one response.
var heavyWords = []string{"render", "report", "export", "dashboard", "pdf", "analytics"}

// cpuClassOf classifies one workload's requests; cacheable says its
// reads go through the cache (stored.cacheable).
func cpuClassOf(l *load, cacheable bool) cpuClass {
	switch l.work { // the archetype that carries it knows its work
	case "lookup":
		return cpuTrivial
	case "crud":
		return cpuCRUD
	case "heavy":
		return cpuHeavy
	case "deliver":
		return cpuDeliver
	}
	switch {
	case l.kind == requirements.Job && l.Duration > 0:
		// A long job holds its worker for its whole duration.
		return cpuClass{"long job", float64(l.Duration) * 1000, "a job that runs its stated duration, taken as holding one vCPU throughout (CPU-bound, the safe side)",
			"the workload's duration"}
	case l.kind == requirements.Event && l.ItemSize > 0 && l.ItemSize <= 1000:
		return cpuBatch
	case l.kind == requirements.Event && l.ItemSize == 0:
		return cpuBatch // events with no size are taken as small (AssumedEventBytes)
	case l.kind == requirements.Event:
		return cpuEvent
	case l.kind == requirements.Read && hasWord(l.Name, heavyWords):
		// A read that assembles many rows; a write named "report
		// position" only reports one.
		return cpuHeavy
	case l.kind == requirements.Read && cacheable && l.ItemSize > 0 && l.ItemSize <= 1000:
		return cpuTrivial
	case l.kind == requirements.Message:
		return cpuDeliver
	case l.kind == requirements.Job && hasWord(l.Name, heavyWords):
		return cpuHeavy
	}
	return cpuCRUD
}

// perServer is the requests a second one server of vcpu cores takes at
// full load for the mix of workloads keep selects, weighted by their
// peaks, with the terms of the mix for the assumption.
func (b *builder) perServer(cacheable map[*load]bool, keep func(*load) bool, vcpu float64) (float64, string) {
	return b.perServerAs(keep, vcpu, func(l *load) cpuClass { return cpuClassOf(l, cacheable[l]) })
}

// apiClass is the CPU one request takes on the API: a request an
// archetype's serving tier, worker pool or index answers (a path search
// on the social graph's search service) only passes through it.
// cacheable are the flows that read through the cache.
func apiClass(cacheable map[*load]bool) func(*load) cpuClass {
	return func(l *load) cpuClass {
		if c := l.carrier; absorbed(l) && l.hasCarrier && c.Refines == "" && slices.Contains([]string{"service", "worker", "index"}, c.Kind) {
			return cpuForward
		}
		return cpuClassOf(l, cacheable[l])
	}
}

// perServerAs is perServer with the class of each request given.
func (b *builder) perServerAs(keep func(*load) bool, vcpu float64, classOf func(*load) cpuClass) (float64, string) {
	var rate, cpu float64
	var classes []cpuClass
	names := map[string][]string{}
	for _, l := range b.loads {
		if !keep(l) || l.peak.Ref == "" {
			continue
		}
		c := classOf(l)
		rate += l.peak.Value
		cpu += l.peak.Value * c.ms
		if names[c.name] == nil {
			classes = append(classes, c)
		}
		names[c.name] = append(names[c.name], fmt.Sprintf("%q", l.Name))
	}
	var terms []string
	for _, c := range classes {
		terms = append(terms, fmt.Sprintf("%s %s ms (%s; from %s): %s", c.name, formatNum(c.ms), c.why, c.source, strings.Join(names[c.name], ", ")))
	}
	if rate == 0 || cpu == 0 {
		return float64(capacity.LargeServerRPS) * vcpu / apiServerVCPU, ""
	}
	per := capacity.Tidy(vcpu * 1000 / (cpu / rate))
	return per, fmt.Sprintf("%s vCPU × 1,000 ms ÷ %s ms a request on average = %s requests/s; %s",
		formatNum(vcpu), formatNum(capacity.Tidy(cpu/rate)), formatNum(per), strings.Join(terms, "; "))
}
