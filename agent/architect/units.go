package architect

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/design"
)

// measureRe finds a number with what it measures: a rate ("9,000
// requests per second", "12k rps") or a count of machines ("12 servers").
// Such a number must be a figure of that kind, not merely a token that
// occurs somewhere in the draft.
var measureRe = regexp.MustCompile(`(?i)(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\s*(?:(?:requests?|req|reads?|writes?|messages?|events?|queries|calls|jobs)\s*(?:per second|/s|a second)|rps\b|qps\b|/s\b|per second\b|(servers|replicas|instances|nodes|machines|hosts)\b)`)

// tolerance is how far a stated figure may be from the row it restates:
// "about 120" for 115.7.
const tolerance = 0.05

// measure is a number read with its kind: "per_second" or "count".
type measure struct {
	text  string
	value float64
	unit  string
}

func measures(text string) []measure {
	var out []measure
	for _, m := range measureRe.FindAllStringSubmatch(text, -1) {
		v, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
		if err != nil {
			continue
		}
		switch strings.ToLower(m[2]) {
		case "k", "thousand":
			v *= 1e3
		case "m", "million":
			v *= 1e6
		}
		unit := "per_second"
		if m[3] != "" {
			unit = "count"
		}
		out = append(out, measure{text: strings.TrimSpace(m[0]), value: v, unit: unit})
	}
	return out
}

// unmeasured lists the rates and counts of the texts that no capacity row
// of that kind gives, and that the requirements do not state.
func unmeasured(texts []string, d *design.Design) []string {
	rows := slices.Concat(d.Capacity, d.Derived)
	reqJSON, _ := json.Marshal(d.Requirements)
	stated := measures(string(reqJSON) + " " + d.Requirements.Body)
	near := func(a, b float64) bool { return math.Abs(a-b) <= tolerance*math.Max(math.Abs(a), math.Abs(b)) }
	var out []string
	for _, t := range texts {
		for _, m := range measures(idRe.ReplaceAllString(t, "")) {
			if m.unit == "count" && m.value <= 3 {
				continue // a pair or a trio of replicas is a choice, not a figure
			}
			ok := slices.ContainsFunc(rows, func(r design.CapacityRow) bool { return r.Unit == m.unit && near(r.Value, m.value) }) ||
				slices.ContainsFunc(stated, func(s measure) bool { return s.unit == m.unit && near(s.value, m.value) })
			if !ok && !slices.Contains(out, m.text) {
				out = append(out, m.text)
			}
		}
	}
	return out
}
