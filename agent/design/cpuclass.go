package design

import (
	"fmt"
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
}

// The classes and their figures: rules of thumb of a service in a
// garbage-collected language on current x86 cores, to be replaced by a
// load test. Indexed CRUD is the figure the fleet was always counted at
// (10,000 requests/s on 32 vCPU).
var (
	cpuTrivial = cpuClass{"trivial check", 0.3, "a lookup of a cached key or an in-memory value and a small reply"}
	cpuCRUD    = cpuClass{"indexed CRUD", 3.2, "parse, authorise, one or two indexed queries, serialise the reply"}
	cpuHeavy   = cpuClass{"heavy render", 20, "a page, report or export assembled from many rows"}
	cpuBatch   = cpuClass{"small-record ingest in batches", 0.05, "records of up to 1 KB arriving about a hundred to a request, validated and appended"}
	cpuEvent   = cpuClass{"event append", 0.4, "one event of more than 1 KB validated and appended to the log"}
)

// heavyWords name reads that assemble many rows into one response.
var heavyWords = []string{"render", "report", "export", "dashboard", "pdf", "analytics"}

// cpuClassOf classifies one workload's requests.
func cpuClassOf(l *load) cpuClass {
	switch {
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
	case l.kind == requirements.Read && l.Cacheable && l.ItemSize > 0 && l.ItemSize <= 1000:
		return cpuTrivial
	}
	return cpuCRUD
}

// perServer is the requests a second one server of vcpu cores takes at
// full load for the mix of workloads keep selects, weighted by their
// peaks, with the terms of the mix for the assumption.
func (b *builder) perServer(keep func(*load) bool, vcpu float64) (float64, string) {
	var rate, cpu float64
	var classes []cpuClass
	names := map[string][]string{}
	for _, l := range b.loads {
		if !keep(l) || l.peak.Ref == "" {
			continue
		}
		c := cpuClassOf(l)
		rate += l.peak.Value
		cpu += l.peak.Value * c.ms
		if names[c.name] == nil {
			classes = append(classes, c)
		}
		names[c.name] = append(names[c.name], fmt.Sprintf("%q", l.Name))
	}
	var terms []string
	for _, c := range classes {
		terms = append(terms, fmt.Sprintf("%s %s ms (%s): %s", c.name, formatNum(c.ms), c.why, strings.Join(names[c.name], ", ")))
	}
	if rate == 0 || cpu == 0 {
		return float64(capacity.LargeServerRPS) * vcpu / apiServerVCPU, ""
	}
	per := capacity.Tidy(vcpu * 1000 / (cpu / rate))
	return per, fmt.Sprintf("%s vCPU × 1,000 ms ÷ %s ms a request on average = %s requests/s; %s",
		formatNum(vcpu), formatNum(capacity.Tidy(cpu/rate)), formatNum(per), strings.Join(terms, "; "))
}
