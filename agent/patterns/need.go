package patterns

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Parts needed by the load. Some of an archetype's parts exist for a load
// the ask may not have: a waiting room for an on-sale surge, a cache for
// browsing at thousands of reads a second, a sweeper for holds at scale.
// Such a component says in its YAML (needed_when) the figure or the
// explicit evidence under which it is needed; the engine fits the
// archetype to the ask before merging it (Fit), leaving the part out,
// with one line saying why, when no condition holds. Whatever concerns
// only that part goes with it: state, hot paths, steps, failures,
// decisions and figures that name it (part:), the steps and state that
// run on or live in it, and the sentence of the mechanism that names it.

// Need is when a component is needed. Any one condition that holds keeps
// it; a figure the ask does not give holds no condition.
type Need struct {
	// Kinds are the workload kinds whose peak rates, summed, PeakAbove
	// reads (the flows the part carries).
	Kinds []string `yaml:"kinds,omitempty" json:"kinds,omitempty"`
	// PeakAbove is the peak rate a second of those flows above which the
	// part is needed; 0 means unused.
	PeakAbove float64 `yaml:"peak_above,omitempty" json:"peak_above,omitempty"`
	// BurstAbove is a peak factor (peak over average) the requirements
	// state for one of those flows above which the part is needed.
	BurstAbove float64 `yaml:"burst_above,omitempty" json:"burst_above,omitempty"`
	// UsersAbove is a count of users above which the part is needed.
	UsersAbove float64 `yaml:"users_above,omitempty" json:"users_above,omitempty"`
	// Evidence are phrases the ask must state, not denied ("on-sale",
	// "flash sale"), for the part to be needed whatever the figures:
	// explicit evidence, never words any ask of the kind uses.
	Evidence []string `yaml:"evidence,omitempty" json:"evidence,omitempty"`
	// For names, in a few words, the load the part is for ("an on-sale
	// surge"): the left-out line says the ask's figure is below it.
	For string `yaml:"for" json:"for"`
	// AddWhen says when to add the part, the line's last clause.
	AddWhen string `yaml:"add_when" json:"add_when"`
	// Mechanism is the sentence of the archetype's mechanism that names
	// the part: it is cut when the part is left out.
	Mechanism string `yaml:"mechanism,omitempty" json:"mechanism,omitempty"`

	// evidence is Evidence as a phrase set, built with the catalogue
	// (catalogueSets).
	evidence *phrase.Set
}

// Load is what the engine knows of the ask when it fits an archetype:
// the peak rate a second of each workload kind, the largest stated peak
// factor of each kind, the count of users, and the ask's text.
type Load struct {
	Peak  map[string]float64
	Burst map[string]float64
	Users float64
	Text  string
}

// LeftOut is a part Fit left out, and the line that says why.
type LeftOut struct {
	Part string `json:"part"`
	Line string `json:"line"`
}

// needed says whether the load meets the need, and when it does not, why
// in a clause.
func (n *Need) needed(l Load) (bool, string) {
	var peak, burst float64
	rated := false
	for _, k := range n.Kinds {
		if v, ok := l.Peak[k]; ok {
			peak += v
			rated = true
		}
		burst = max(burst, l.Burst[k])
	}
	if n.PeakAbove > 0 && rated && peak > n.PeakAbove {
		return true, ""
	}
	if n.BurstAbove > 0 && burst > n.BurstAbove {
		return true, ""
	}
	if n.UsersAbove > 0 && l.Users > n.UsersAbove {
		return true, ""
	}
	if len(n.Evidence) > 0 {
		set := n.evidence
		if set == nil {
			set = phrase.NewSet(n.Evidence)
		}
		for _, h := range set.FindText(l.Text) {
			if !h.Negated {
				return true, ""
			}
		}
	}
	// The line reads "6/s of writes at peak, below 100/s, is not an
	// on-sale surge, and the ask names no on-sale or flash sale".
	var subject string
	var quals []string
	switch {
	case rated && (n.PeakAbove > 0 || n.BurstAbove > 0):
		subject = fmt.Sprintf("%s/s of %s at peak", quantity.FormatNumber(peak), kindsPlural(n.Kinds))
	case n.PeakAbove > 0 || n.BurstAbove > 0:
		subject = fmt.Sprintf("a load with no rate of %s stated", kindsPlural(n.Kinds))
	case n.UsersAbove > 0 && l.Users > 0:
		subject = fmt.Sprintf("%s users", quantity.FormatNumber(l.Users))
	case n.UsersAbove > 0:
		subject = "a load with no count of users stated"
	}
	if n.PeakAbove > 0 && rated {
		quals = append(quals, "below "+quantity.FormatNumber(n.PeakAbove)+"/s")
	}
	if n.BurstAbove > 0 {
		quals = append(quals, "with no stated peak factor above "+quantity.FormatNumber(n.BurstAbove))
	}
	if n.UsersAbove > 0 && l.Users > 0 {
		below := "below " + quantity.FormatNumber(n.UsersAbove)
		if strings.HasSuffix(subject, " users") {
			quals = append(quals, below)
		} else {
			quals = append(quals, "for "+quantity.FormatNumber(l.Users)+" users", below+" users")
		}
	}
	why := ""
	if subject != "" {
		why = strings.Join(append([]string{subject}, quals...), ", ")
		if len(quals) > 0 {
			why += ","
		}
		why += " is not " + n.For
	}
	if len(n.Evidence) > 0 {
		var ev []string
		seen := map[string]bool{}
		for _, e := range n.Evidence {
			if k := phrase.Key(e); !seen[k] && len(ev) < 2 {
				seen[k] = true
				ev = append(ev, e)
			}
		}
		if why == "" {
			return false, "the ask names no " + orList(ev) + ", so it is not " + n.For
		}
		why += ", and the ask names no " + orList(ev)
	}
	return false, why
}

// kindsPlural names workload kinds as flows: "writes", "reads and searches".
func kindsPlural(kinds []string) string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		switch k {
		case "search":
			out[i] = "searches"
		default:
			out[i] = k + "s"
		}
	}
	return andList(out)
}

func andList(s []string) string { return list(s, "and") }

func orList(s []string) string { return list(s, "or") }

func list(s []string, conj string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " " + conj + " " + s[len(s)-1]
}

// Conditional says whether any of the archetype's components carries a
// condition.
func (a *Archetype) Conditional() bool {
	return slices.ContainsFunc(a.Components, func(c Component) bool { return c.NeededWhen != nil })
}

// Fit returns the archetype as the load needs it: a copy without the
// components whose condition the load does not meet, and without what
// concerns only them (the flows it would carry stay on the engine's
// parts), and a line for each part left out. An archetype
// without conditions is returned as it is.
func (a *Archetype) Fit(l Load) (*Archetype, []LeftOut) {
	if !a.Conditional() {
		return a, nil
	}
	gone := map[string]bool{}
	var left []LeftOut
	for _, c := range a.Components {
		if c.NeededWhen == nil {
			continue
		}
		if ok, why := c.NeededWhen.needed(l); !ok {
			gone[c.Name] = true
			left = append(left, LeftOut{Part: c.Name, Line: fmt.Sprintf("%s: left out — %s; add it when %s.", c.Name, why, strings.TrimSuffix(c.NeededWhen.AddWhen, "."))})
		}
	}
	if len(gone) == 0 {
		return a, nil
	}
	return a.without(gone), left
}

// Without returns the archetype with the named parts left out, and what
// concerns only them, as Fit leaves them out.
func (a *Archetype) Without(parts ...string) *Archetype {
	gone := map[string]bool{}
	for _, p := range parts {
		gone[p] = true
	}
	return a.without(gone)
}

func (a *Archetype) without(gone map[string]bool) *Archetype {
	f := *a
	f.Components = nil
	for _, c := range a.Components {
		if gone[c.Name] {
			if s := c.NeededWhen.Mechanism; s != "" {
				f.Mechanism = strings.TrimSpace(strings.Replace(f.Mechanism, s, "", 1))
				f.Mechanism = strings.Join(strings.Fields(f.Mechanism), " ")
			}
			continue
		}
		c.From = slices.DeleteFunc(slices.Clone(c.From), func(s string) bool { return gone[s] })
		c.To = slices.DeleteFunc(slices.Clone(c.To), func(s string) bool { return gone[s] })
		f.Components = append(f.Components, c)
	}
	f.State = slices.DeleteFunc(slices.Clone(a.State), func(s State) bool { return gone[s.Part] || gone[s.Owner] || gone[s.Store] })
	f.HotPaths = slices.DeleteFunc(slices.Clone(a.HotPaths), func(h HotPath) bool { return gone[h.Part] })
	f.Steps = nil
	f.DataFlow = nil
	for _, st := range a.Steps {
		if gone[st.Part] || gone[st.On] {
			if st.Without == "" {
				continue
			}
			st.Step, st.Part, st.Without = st.Without, "", ""
		}
		f.Steps = append(f.Steps, st)
		f.DataFlow = append(f.DataFlow, st.Step)
	}
	f.Failures = slices.DeleteFunc(slices.Clone(a.Failures), func(x Failure) bool { return gone[x.Part] })
	f.Decisions = slices.DeleteFunc(slices.Clone(a.Decisions), func(d Decision) bool { return gone[d.Part] })
	f.Figures = slices.DeleteFunc(slices.Clone(a.Figures), func(x Figure) bool { return gone[x.Part] || gone[x.Sizes] })
	f.Absorbs = slices.DeleteFunc(slices.Clone(a.Absorbs), func(ab Absorb) bool { return gone[ab.To] })
	return &f
}

// validateNeeds checks the conditions and the part: references.
func validateNeeds(p *problems, a *Archetype) {
	conditional := map[string]bool{}
	for i, c := range a.Components {
		n := c.NeededWhen
		if n == nil {
			continue
		}
		conditional[c.Name] = true
		p.need(n.PeakAbove > 0 || n.BurstAbove > 0 || n.UsersAbove > 0 || len(n.Evidence) > 0,
			"components[%d] %q: needed_when needs a condition: peak_above, burst_above, users_above or evidence", i, c.Name)
		p.need(n.PeakAbove >= 0 && n.BurstAbove >= 0 && n.UsersAbove >= 0, "components[%d] %q: needed_when figures must be positive", i, c.Name)
		p.need((n.PeakAbove > 0 || n.BurstAbove > 0) == (len(n.Kinds) > 0), "components[%d] %q: needed_when kinds go with peak_above or burst_above, and they need kinds", i, c.Name)
		for _, k := range n.Kinds {
			p.need(slices.Contains(workloadKinds, k), "components[%d] %q: needed_when kind %q is not one of %s", i, c.Name, k, strings.Join(workloadKinds, ", "))
		}
		p.need(n.For != "" && n.AddWhen != "", "components[%d] %q: needed_when needs for (the load the part is for) and add_when", i, c.Name)
		p.need(n.Mechanism == "" || strings.Contains(a.Mechanism, n.Mechanism), "components[%d] %q: needed_when mechanism must be a sentence of the mechanism", i, c.Name)
		p.need(c.Refines == "", "components[%d] %q: a part that refines an engine part is that part, not one the load may leave out", i, c.Name)
		for _, e := range n.Evidence {
			p.need(len(phrase.Words(e)) >= 2 || strings.Contains(e, "-"), "components[%d] %q: needed_when evidence %q must be a phrase, not one word an ask uses in passing", i, c.Name, e)
		}
	}
	part := func(what string, i int, name string) {
		p.need(name == "" || conditional[name], "%s[%d]: part %q is not a component with needed_when", what, i, name)
	}
	for i, s := range a.State {
		part("state", i, s.Part)
	}
	for i, h := range a.HotPaths {
		part("hot_paths", i, h.Part)
	}
	for i, st := range a.Steps {
		part("data_flow", i, st.Part)
		p.need(st.Without == "" || st.Part != "", "data_flow[%d]: without is the step's text when its part is left out, so it needs part", i)
		p.need(st.Without == "" || !conditional[st.On], "data_flow[%d]: a step that runs on a part the load may leave out has no other text", i)
	}
	for i, f := range a.Failures {
		part("failures", i, f.Part)
	}
	for i, d := range a.Decisions {
		part("decisions", i, d.Part)
	}
	for i, f := range a.Figures {
		part("figures", i, f.Part)
	}
	// A part left out must not leave its archetype below the minimum.
	kept := 0
	for _, c := range a.Components {
		if c.NeededWhen == nil {
			kept++
		}
	}
	p.need(len(conditional) == 0 || kept >= 1, "at least one component must be needed at any load")
}
