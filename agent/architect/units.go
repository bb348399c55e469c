package architect

import (
	"encoding/json"
	"fmt"
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
		digits := group(text, at, 1)
		v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
		if err != nil {
			continue
		}
		scale := scaleOf(group(text, at, 2))
		unit := "per_second"
		if group(text, at, 3) != "" {
			unit = "count"
		}
		out = append(out, measure{text: strings.TrimSpace(text[at[0]:at[1]]), value: v * scale, unit: unit, slack: halfUnit(digits, scale), before: strings.ToLower(text[max(0, at[0]-subjectWindow):at[0]])})
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

// moneyRe finds an amount of money: "$12,400", "$12.4k", "20,000 USD".
var moneyRe = lazyre.New(`(?i)(?:\$\s?|\bUSD\s?)(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\b|\b(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\s*(?:USD|dollars)\b`)

// budgetClaimRe finds a claim that the design fits its budget;
// otherBudgetRe a budget that is not money (an error or latency budget).
var (
	budgetClaimRe = lazyre.New(`(?i)\b(?:within|under|below|inside|fits|meets|stays in|keeps to)\b[^.;]{0,40}?\bbudget\b`)
	otherBudgetRe = lazyre.New(`(?i)\b(?:error|latency|time|timeout|downtime|availability|performance|memory|capacity)\s+budget\b`)
)

// amounts reads the amounts of money in a text.
func amounts(text string) []measure {
	var out []measure
	for _, at := range moneyRe.FindAllStringSubmatchIndex(text, -1) {
		digits, suffix := group(text, at, 1), group(text, at, 2)
		if digits == "" {
			digits, suffix = group(text, at, 3), group(text, at, 4)
		}
		v, err := strconv.ParseFloat(strings.ReplaceAll(digits, ",", ""), 64)
		if err != nil {
			continue
		}
		scale := scaleOf(suffix)
		out = append(out, measure{text: strings.TrimSpace(text[at[0]:at[1]]), value: v * scale, unit: "usd", slack: halfUnit(digits, scale)})
	}
	return out
}

// scaleOf is what a number's suffix ("k", "million") multiplies it by.
func scaleOf(suffix string) float64 {
	switch strings.ToLower(suffix) {
	case "k", "thousand":
		return 1e3
	case "m", "million":
		return 1e6
	}
	return 1
}

// group is the text of the i-th submatch at, or "" when it took no part.
func group(text string, at []int, i int) string {
	if at[2*i] < 0 {
		return ""
	}
	return text[at[2*i]:at[2*i+1]]
}

// moneyFigures are the amounts the design gives: the budget as the
// requirements state it and as a month, the cost lines and totals, the
// savings, and every figure in dollars (the model's cost calls among them).
func moneyFigures(d *design.Design) []float64 {
	var out []float64
	for _, m := range amounts(d.Requirements.Body) {
		out = append(out, m.value) // what the ask itself says it pays
	}
	if c := d.Requirements.Constraints; c != nil {
		for _, m := range amounts(c.Budget) {
			out = append(out, m.value)
		}
		for _, m := range numberRe.FindAllString(c.Budget, -1) {
			if v, err := strconv.ParseFloat(strings.ReplaceAll(m, ",", ""), 64); err == nil {
				out = append(out, v)
			}
		}
	}
	for _, l := range d.Cost {
		out = append(out, l.MonthlyUSD, l.UnitPriceUSD)
	}
	if s := d.CostSummary; s != nil {
		out = append(out, s.TotalUSD, s.BudgetUSD, math.Abs(s.GapUSD), s.PhaseUSD)
		for _, h := range s.Horizons {
			out = append(out, h.TotalUSD)
		}
		for _, v := range s.Savings {
			out = append(out, v.SavingUSD)
		}
	}
	for _, r := range slices.Concat(d.Capacity, d.Derived) {
		if r.Unit == "usd" {
			out = append(out, r.Value)
		}
	}
	return out
}

// unpriced lists the amounts of money in the texts that no cost figure of
// the design gives and the requirements do not state.
func unpriced(texts []string, d *design.Design) []string {
	known := moneyFigures(d)
	var out []string
	for _, t := range texts {
		for _, m := range amounts(idRe.ReplaceAllString(t, "")) {
			ok := slices.ContainsFunc(known, func(v float64) bool { return v > 0 && math.Abs(v-m.value) <= m.slack*1.0001 })
			if !ok && !slices.Contains(out, m.text) {
				out = append(out, m.text)
			}
		}
	}
	return out
}

// budgetClaim returns a claim of the texts that the design fits its
// budget, and the cost figure that says it does not; "" when there is
// no such claim or the figures bear it out.
func budgetClaim(texts []string, d *design.Design) (claim, over string) {
	for _, t := range texts {
		if c := budgetClaimRe.FindString(t); c != "" && !otherBudgetRe.MatchString(c) {
			if o := overBudget(d); o != "" {
				return c, o
			}
		}
	}
	return "", ""
}

// overBudget says which cost figure exceeds the monthly budget, or "".
func overBudget(d *design.Design) string {
	s := d.CostSummary
	if s == nil || s.BudgetUSD <= 0 {
		return ""
	}
	budget := design.FormatValue(s.BudgetUSD, "usd")
	if s.TotalUSD > s.BudgetUSD {
		return fmt.Sprintf("the cost estimate is %s a month against the %s budget", design.FormatValue(s.TotalUSD, "usd"), budget)
	}
	for _, r := range d.Capacity {
		if r.Unit == "usd" && r.Quantity == "monthly_usd" && r.Value > s.BudgetUSD {
			return fmt.Sprintf("%s is %s a month against the %s budget", r.ID, design.FormatValue(r.Value, "usd"), budget)
		}
	}
	return ""
}
