package capacity

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// check collects the first input error of a tool call.
type check struct {
	tool string
	err  *InputError
}

func (c *check) fail(field, format string, args ...any) {
	if c.err == nil {
		c.err = &InputError{Tool: c.tool, Field: field, Msg: fmt.Sprintf(format, args...)}
	}
}

// positive requires v > 0; form says what an accepted value looks like.
func (c *check) positive(field string, v float64, form string) float64 {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		c.fail(field, "must be a finite number; expected %s", form)
	case v == 0:
		c.fail(field, "is required and must be greater than 0; expected %s", form)
	case v < 0:
		c.fail(field, "must be greater than 0, got %s; expected %s", quantity.FormatNumber(v), form)
	}
	return v
}

// optional returns def when v is unset (0) and otherwise requires v > 0.
func (c *check) optional(field string, v, def float64, form string) float64 {
	if v == 0 {
		return def
	}
	return c.positive(field, v, form)
}

// nonNegative requires v ≥ 0.
func (c *check) nonNegative(field string, v float64, form string) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		c.fail(field, "must be 0 or more, got %s; expected %s", quantity.FormatNumber(v), form)
	}
	return v
}

// fraction requires lo ≤ v ≤ hi for a ratio.
func (c *check) fraction(field string, v, lo, hi float64, loOpen bool) float64 {
	bad := math.IsNaN(v) || v < lo || v > hi || loOpen && v == lo
	if bad {
		low := "0"
		if loOpen {
			low = "above 0"
		}
		c.fail(field, "must be %s and at most %s, got %s; expected %s", low, quantity.FormatPercent(hi), quantity.FormatPercent(v), quantity.RatioForm)
	}
	return v
}

// period resolves a period name; empty means def.
func (c *check) period(field, per, def string, secondsPerMonth float64) (string, float64) {
	if strings.TrimSpace(per) == "" {
		per = def
	}
	name, ok := quantity.CanonicalPeriod(per)
	if !ok {
		c.fail(field, "unknown period %q; expected one of second, minute, hour, day, week, month, year", per)
		return def, 1
	}
	secs, _ := quantity.PeriodSeconds(name, secondsPerMonth)
	return name, secs
}

func (c *check) error() error {
	if c.err == nil {
		return nil
	}
	return c.err
}

// num formats a number for a formula.
func num(x float64) string { return quantity.FormatNumber(x) }

// result builds a Result with its outputs in reading order.
type outputs struct {
	r Result
}

func newResult(inputs map[string]any) *outputs {
	return &outputs{r: Result{Inputs: inputs, Outputs: make(map[string]any, 8), Units: make(map[string]string, 8), Order: make([]string, 0, 8)}}
}

func (o *outputs) add(key string, v any, unit string) *outputs {
	if f, ok := v.(float64); ok {
		v = Tidy(f)
	}
	o.r.Outputs[key] = v
	if unit != "" {
		o.r.Units[key] = unit
	}
	o.r.Order = append(o.r.Order, key)
	return o
}

func (o *outputs) note(format string, args ...any) *outputs {
	o.r.Notes = append(o.r.Notes, fmt.Sprintf(format, args...))
	return o
}

func (o *outputs) done(formula string) (Result, error) {
	o.r.Formula = formula
	return o.r, nil
}

// Tidy rounds away floating-point noise (4e10 stays 4e10, not
// 40000000000.000004) while keeping twelve significant digits.
func Tidy(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	mag := math.Pow(10, 11-math.Floor(math.Log10(math.Abs(x))))
	r := math.Round(x*mag) / mag
	if math.IsInf(r, 0) || math.IsNaN(r) {
		return x
	}
	return r
}
