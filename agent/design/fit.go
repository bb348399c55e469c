package design

import (
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
)

// fit fits each recognised archetype to the load before anything is
// merged or sized: a part whose condition (needed_when in the catalogue) the load
// does not meet is left out with what concerns only it, and the
// archetype's Patterns entry says so in one line each. The matches the
// later passes read are the fitted ones, so no section names a part the
// model lacks.
func (b *builder) fit(matches []patterns.Match) (map[string][]string, error) {
	if len(matches) == 0 {
		return nil, nil
	}
	l, err := b.fitLoad()
	if err != nil {
		return nil, err
	}
	left := map[string][]string{}
	for i, m := range matches {
		a, out := m.Archetype.Fit(l)
		matches[i].Archetype = a
		for _, o := range out {
			left[a.ID] = append(left[a.ID], o.Line)
		}
	}
	return left, nil
}

// fitLoad is what the conditions read: the peak rate of each workload
// kind summed over its workloads (the throughput tool's peak, the figure
// the capacity pass then records), the largest peak factor the
// requirements state for a kind, the users, and the ask's text with
// the workloads' names.
func (b *builder) fitLoad() (patterns.Load, error) {
	r := b.req
	l := patterns.Load{Peak: map[string]float64{}, Burst: map[string]float64{}}
	for _, w := range b.loads {
		k := string(w.kind)
		if w.args != nil {
			c, err := b.rated(w)
			if err != nil {
				return l, err
			}
			peak, _ := c.Outputs["peak_per_second"].(float64)
			l.Peak[k] += peak
		}
		l.Burst[k] = max(l.Burst[k], float64(w.PeakFactor))
	}
	if u := r.Users; u != nil {
		l.Users = float64(max(u.Total, u.MAU, u.DAU))
	}
	text := append([]string{r.Title, r.Summary, r.Body}, r.Functional...)
	for _, w := range b.loads {
		// A workload named for the part ("join the waiting room") is
		// evidence of it.
		text = append(text, w.Name)
	}
	l.Text = strings.Join(text, "\n")
	return l, nil
}
