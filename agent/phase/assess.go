package phase

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Gap is one thing not yet known.
type Gap struct {
	Phase Phase
	// Field is where the answer goes in the requirements: "workloads[0].rate".
	Field string
	// What says what is missing, for a person: "how often redirect happens".
	What string
	// Essential gaps keep their phase from being captured; the others are
	// worth asking about but the design can do without them.
	Essential bool
}

// Status is what Assess found.
type Status struct {
	// Captured lists the requirement phases with nothing essential missing.
	Captured []Phase
	// Known lists what is known, one short line per item, by phase.
	Known map[Phase][]string
	// Missing lists the gaps, essential and not, in phase order.
	Missing []Gap
	// Current is the first requirement phase not captured, or State once
	// all four are.
	Current Phase
}

// Complete says whether every requirement phase is captured.
func (s Status) Complete() bool { return len(s.Captured) == 4 }

// MissingText returns the essential gaps as a list for a person.
func (s Status) MissingText() []string {
	var out []string
	for _, g := range s.Missing {
		if g.Essential {
			out = append(out, g.What)
		}
	}
	return out
}

// Brief writes what is known and what is missing, phase by phase, for the
// next turn's prompt and for /phase.
func (s Status) Brief() string {
	var b strings.Builder
	for _, p := range []Phase{Functional, Scale, Reliability, Constraints} {
		mark := "missing"
		if slices.Contains(s.Captured, p) {
			mark = "captured"
		}
		fmt.Fprintf(&b, "%s (%s)\n", p.Title(), mark)
		for _, k := range s.Known[p] {
			fmt.Fprintf(&b, "  known: %s\n", k)
		}
		for _, g := range s.Missing {
			if g.Phase != p {
				continue
			}
			if g.Essential {
				fmt.Fprintf(&b, "  missing: %s\n", g.What)
			} else {
				fmt.Fprintf(&b, "  not given: %s\n", g.What)
			}
		}
	}
	return b.String()
}

// Assess reads what req captures of each requirement phase.
func Assess(req requirements.Requirements) Status {
	a := &assessor{st: Status{Known: map[Phase][]string{}}}
	a.functional(req)
	a.scale(req)
	a.reliability(req)
	a.constraints(req)
	a.st.Current = State
	for _, p := range []Phase{Functional, Scale, Reliability, Constraints} {
		if a.essential[p] == 0 {
			a.st.Captured = append(a.st.Captured, p)
		} else if a.st.Current == State {
			a.st.Current = p
		}
	}
	return a.st
}

type assessor struct {
	st        Status
	essential [4]int
}

func (a *assessor) known(p Phase, format string, args ...any) {
	a.st.Known[p] = append(a.st.Known[p], fmt.Sprintf(format, args...))
}

func (a *assessor) missing(p Phase, field, what string, essential bool) {
	a.st.Missing = append(a.st.Missing, Gap{Phase: p, Field: field, What: what, Essential: essential})
	if essential {
		a.essential[p]++
	}
}

func (a *assessor) functional(req requirements.Requirements) {
	if req.Title != "" {
		a.known(Functional, "system: %s", req.Title)
	} else {
		a.missing(Functional, "title", "what the system is (a name)", true)
	}
	if req.Summary != "" {
		a.known(Functional, "summary: %s", req.Summary)
	}
	if len(req.Functional) > 0 {
		a.known(Functional, "capabilities: %s", strings.Join(req.Functional, ", "))
	} else {
		a.missing(Functional, "functional", "its core capabilities", true)
	}
}

func (a *assessor) scale(req requirements.Requirements) {
	if len(req.Workloads) == 0 {
		a.missing(Scale, "workloads", "the flows of traffic (name, rate, item size, latency)", true)
	}
	dau := req.Users != nil && req.Users.DAU > 0
	for i, w := range req.Workloads {
		a.known(Scale, "workload %s", describeWorkload(w))
		f := fmt.Sprintf("workloads[%d].", i)
		if w.Rate.IsZero() && (w.RatePerUser.IsZero() || !dau) {
			a.missing(Scale, f+"rate", "how often "+w.Name+" happens (its rate)", true)
		}
		if w.ItemSize == 0 {
			a.missing(Scale, f+"item_size", "the size of one "+w.Name+" item", true)
		}
		if w.LatencyP50 == 0 && w.LatencyP95 == 0 && w.LatencyP99 == 0 && w.Kind != requirements.Job {
			a.missing(Scale, f+"latency_p99", "the latency target of "+w.Name, w.Kind == requirements.Read)
		}
	}
	if dau {
		a.known(Scale, "daily active users: %s", quantity.FormatCount(float64(req.Users.DAU)))
	} else {
		a.missing(Scale, "users.dau", "daily active users", false)
	}
	if len(req.Growth) > 0 {
		a.known(Scale, "growth: %s", describeGrowth(req.Growth))
	} else {
		a.missing(Scale, "growth", "expected growth (e.g. 2x in 6 months)", false)
	}
}

func (a *assessor) reliability(req requirements.Requirements) {
	if req.Availability > 0 {
		a.known(Reliability, "availability: %s", quantity.FormatPercent(float64(req.Availability)))
	} else {
		a.missing(Reliability, "availability", "the availability target", true)
	}
	if req.Durability != "" {
		a.known(Reliability, "durability: %s", req.Durability)
	} else {
		a.missing(Reliability, "durability", "what must never be lost (durability)", true)
	}
	if len(req.Compliance) > 0 {
		a.known(Reliability, "compliance: %s", strings.Join(req.Compliance, ", "))
	} else {
		a.missing(Reliability, "compliance", "regulations that apply (GDPR, HIPAA…)", false)
	}
}

func (a *assessor) constraints(req requirements.Requirements) {
	c := req.Constraints
	if c == nil {
		c = &requirements.Constraints{}
	}
	for _, item := range []struct{ field, name, value string }{
		{"team", "team", c.Team}, {"budget", "budget", c.Budget}, {"timeline", "timeline", c.Timeline},
		{"existing", "existing infrastructure", strings.Join(c.Existing, ", ")},
	} {
		if item.value != "" {
			a.known(Constraints, "%s: %s", item.name, item.value)
		} else {
			a.missing(Constraints, "constraints."+item.field, "the "+item.name, item.field == "team")
		}
	}
}

// describeWorkload writes a workload on one line: "redirect (read, 10B/month, 500 B, p99 50ms)".
func describeWorkload(w requirements.Workload) string {
	var parts []string
	if w.Kind != "" {
		parts = append(parts, string(w.Kind))
	}
	if !w.Rate.IsZero() {
		parts = append(parts, w.Rate.String())
	} else if !w.RatePerUser.IsZero() {
		parts = append(parts, w.RatePerUser.String()+" per user")
	}
	if w.ItemSize > 0 {
		parts = append(parts, quantity.FormatBytes(float64(w.ItemSize)))
	}
	for _, l := range []struct {
		name string
		v    quantity.Duration
	}{{"p50", w.LatencyP50}, {"p95", w.LatencyP95}, {"p99", w.LatencyP99}} {
		if l.v > 0 {
			parts = append(parts, l.name+" "+quantity.FormatDuration(float64(l.v)))
		}
	}
	if w.Retention > 0 {
		parts = append(parts, "kept "+quantity.FormatDuration(float64(w.Retention)))
	}
	if w.Window > 0 {
		parts = append(parts, "window "+quantity.FormatDuration(float64(w.Window)))
	}
	if w.Cacheable {
		parts = append(parts, "cacheable")
	}
	if len(parts) == 0 {
		return w.Name
	}
	return w.Name + " (" + strings.Join(parts, ", ") + ")"
}

func describeGrowth(g map[string]quantity.Factor) string {
	keys := make([]string, 0, len(g))
	for k := range g {
		keys = append(keys, k)
	}
	// Order horizons by length where they read as durations.
	slices.SortFunc(keys, func(a, b string) int {
		da, _ := quantity.ParseDuration(a)
		db, _ := quantity.ParseDuration(b)
		if c := cmp.Compare(da, db); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %sx", k, quantity.FormatNumber(float64(g[k]))))
	}
	return strings.Join(parts, ", ")
}
