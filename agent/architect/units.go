package architect

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/lazyre"
)

// measureRe finds a number with what it measures: a rate ("9,000
// requests per second", "12k rps") or a count of machines ("12 servers").
// Such a number must be a figure of that kind, not merely a token that
// occurs somewhere in the draft.
var measureRe = lazyre.New(`(?i)(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\s*(?:(?:requests?|req|reads?|writes?|messages?|events?|queries|calls|jobs)\s*(?:per second|/s|a second)|rps\b|qps\b|/s\b|per second\b|(servers|replicas|instances|nodes|machines|hosts)\b)`)

// halfUnit is how far a stated number may be from the figure it rounds:
// half a unit of its last significant digit ("463" for 462.96, "120" for
// 115.7, "1.2k" for 1,157), so a rounded figure passes and a neighbouring
// one does not.
func halfUnit(digits string, scale float64) float64 {
	digits = strings.ReplaceAll(digits, ",", "")
	exp := 0.0
	if whole, frac, ok := strings.Cut(digits, "."); ok {
		exp = -float64(len(frac))
	} else {
		exp = float64(len(whole) - len(strings.TrimRight(whole, "0")))
	}
	return 0.5 * math.Pow(10, exp) * scale
}

// measure is a number read with its kind: "per_second" or "count".
type measure struct {
	text  string
	value float64
	unit  string
	// slack is how far the figure it restates may be (halfUnit).
	slack float64
	// before is the text just before the number, where its subject is
	// named ("the orders peak at …").
	before string
}

// subjectWindow is how far before a number its subject is looked for.
const subjectWindow = 60

func measures(text string) []measure {
	var out []measure
	for _, at := range measureRe.FindAllStringSubmatchIndex(text, -1) {
		m := make([]string, 4)
		for i := range m {
			if at[2*i] >= 0 {
				m[i] = text[at[2*i]:at[2*i+1]]
			}
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
		if err != nil {
			continue
		}
		scale := 1.0
		switch strings.ToLower(m[2]) {
		case "k", "thousand":
			scale = 1e3
		case "m", "million":
			scale = 1e6
		}
		v *= scale
		unit := "per_second"
		if m[3] != "" {
			unit = "count"
		}
		out = append(out, measure{text: strings.TrimSpace(m[0]), value: v, unit: unit, slack: halfUnit(m[1], scale), before: strings.ToLower(text[max(0, at[0]-subjectWindow):at[0]])})
	}
	return out
}

// unmeasured lists the rates and counts of the texts that no capacity row
// of that kind gives, and that the requirements do not state.
func unmeasured(texts []string, d *design.Design) []string {
	rows := slices.Concat(d.Capacity, d.Derived)
	reqJSON, _ := json.Marshal(d.Requirements)
	stated := measures(string(reqJSON) + " " + d.Requirements.Body)
	named := map[string]bool{}
	for _, w := range d.Requirements.Workloads {
		named[w.Name] = true
	}
	near := func(row float64, m measure) bool { return math.Abs(row-m.value) <= m.slack*1.0001 }
	var out []string
	for _, t := range texts {
		for _, m := range measures(idRe.ReplaceAllString(t, "")) {
			if m.unit == "count" && m.value <= 3 {
				continue // a pair or a trio of replicas is a choice, not a figure
			}
			subject := m.subject(d)
			ok := slices.ContainsFunc(rows, func(r design.CapacityRow) bool {
				// A row of another workload is not this one's figure; a total
				// or a tier's figure (no workload of its own) may be cited
				// beside any workload's name.
				return r.Unit == m.unit && near(r.Value, m) && (subject == "" || r.Workload == subject || !named[r.Workload])
			}) ||
				slices.ContainsFunc(stated, func(s measure) bool { return s.unit == m.unit && near(s.value, m) })
			if !ok && !slices.Contains(out, m.text) {
				out = append(out, m.text)
			}
		}
	}
	return out
}

// subject is the workload named just before the number, the last one when
// several are; "" when none is.
func (m measure) subject(d *design.Design) string {
	best, at := "", -1
	for _, w := range d.Requirements.Workloads {
		if i := strings.LastIndex(m.before, strings.ToLower(w.Name)); i > at {
			best, at = w.Name, i
		}
	}
	return best
}
