package design

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// The registry's tools work on one flow at a time. The few figures that
// combine flows (a total over workloads, the month growth carries a rate
// past a threshold) come from the pure functions below. Like the tools,
// each returns its value with the formula that reached it, and the
// document lists them under "Derived figures".

// derived is a figure computed by a function of this file.
type derived struct {
	Tool     string
	Quantity string
	Value    float64
	Unit     string
	Formula  string
}

// part is one term of a total: a named figure and the row it came from.
type part struct {
	Name  string
	Value float64
	Ref   string
}

// total adds figures of one unit: "create 76.05/s [C1] + redirect
// 7,605/s [C4] = 7,681.05/s".
func total(quantityName, unit string, parts []part) derived {
	sum := 0.0
	terms := make([]string, len(parts))
	for i, p := range parts {
		sum += p.Value
		terms[i] = fmt.Sprintf("%s %s [%s]", p.Name, FormatValue(p.Value, unit), p.Ref)
	}
	sum = capacity.Tidy(sum)
	return derived{
		Tool: "total", Quantity: quantityName, Value: sum, Unit: unit,
		Formula: strings.Join(terms, " + ") + " = " + FormatValue(sum, unit),
	}
}

// horizon is a point of the growth curve: after Months, load is Factor
// times today's.
type horizon struct {
	Name   string
	Months float64
	Factor float64
}

// growthMonth finds the month in which a figure growing along the curve
// (today ×1, then each horizon's factor, compounding evenly between
// horizons) first exceeds limit. crossed is false when it stays below
// limit up to the last horizon.
func growthMonth(what string, now figure, limit float64, unit string, curve []horizon) (d derived, crossed bool) {
	d = derived{Tool: "growth_month", Quantity: "month", Unit: "months"}
	now.Value = capacity.Tidy(now.Value)
	head := fmt.Sprintf("%s %s [%s]", what, FormatValue(now.Value, unit), now.Ref)
	if now.Value > limit {
		d.Formula = fmt.Sprintf("%s is already above %s: month 0", head, FormatValue(limit, unit))
		return d, true
	}
	prev := horizon{Name: "today", Months: 0, Factor: 1}
	for _, h := range curve {
		if now.Value*h.Factor > limit && h.Factor > prev.Factor {
			ratio := limit / (now.Value * prev.Factor)
			m := prev.Months + (h.Months-prev.Months)*math.Log(ratio)/math.Log(h.Factor/prev.Factor)
			d.Value = math.Round(m*10) / 10
			d.Formula = fmt.Sprintf("%s passes %s between %s (×%s) and %s (×%s): month = %s + %s × ln(%s / (%s × %s)) / ln(%s / %s) = %s",
				head, FormatValue(limit, unit), prev.Name, formatNum(prev.Factor), h.Name, formatNum(h.Factor),
				formatNum(prev.Months), formatNum(h.Months-prev.Months), FormatValue(limit, unit), FormatValue(now.Value, unit), formatNum(prev.Factor),
				formatNum(h.Factor), formatNum(prev.Factor), formatNum(d.Value))
			return d, true
		}
		prev = h
	}
	d.Value = prev.Months
	d.Formula = fmt.Sprintf("%s × %s at %s = %s stays at or below %s", head, formatNum(prev.Factor), prev.Name,
		FormatValue(capacity.Tidy(now.Value*prev.Factor), unit), FormatValue(limit, unit))
	return d, false
}

// formatNum writes a number as the tools write them in formulas.
func formatNum(x float64) string { return quantity.FormatNumber(x) }
