package design

import (
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
)

// fit fits each recognised archetype to the load once its peaks are
// known: a part whose condition (needed_when in the catalogue) the load
// does not meet is left out with what concerns only it, and the
// archetype's Patterns entry says so in one line each. The matches the
// later passes read are the fitted ones, so no section names a part the
// model lacks.
func (b *builder) fit(matches []patterns.Match) map[string][]string {
	if len(matches) == 0 {
		return nil
	}
	l := b.fitLoad()
	left := map[string][]string{}
	for i, m := range matches {
		a, out := m.Archetype.Fit(l)
		matches[i].Archetype = a
		for _, o := range out {
			left[a.ID] = append(left[a.ID], o.Line)
		}
	}
	return left
}

// fitLoad is what the conditions read: the peak rate of each workload
// kind summed over its workloads, the largest peak factor the
// requirements state for a kind, the users, and the ask's text.
func (b *builder) fitLoad() patterns.Load {
	r := b.req
	l := patterns.Load{Peak: map[string]float64{}, Burst: map[string]float64{}}
	for _, w := range b.loads {
		k := string(w.kind)
		if w.args != nil {
			l.Peak[k] += w.peak.Value
		}
		l.Burst[k] = max(l.Burst[k], float64(w.PeakFactor))
	}
	if u := r.Users; u != nil {
		l.Users = float64(max(u.Total, u.MAU, u.DAU))
	}
	l.Text = strings.Join(append([]string{r.Title, r.Summary, r.Body}, r.Functional...), "\n")
	return l
}
