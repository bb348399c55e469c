package design

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// RenderMarkdown renders a design as a Markdown document from the
// embedded template, at the design's level of detail.
func RenderMarkdown(d *Design) ([]byte, error) {
	t, err := markdownTemplate()
	if err != nil {
		return nil, err
	}
	doc := &document{Design: d}
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	if err := t.Execute(&buf, doc); err != nil {
		return nil, fmt.Errorf("render design: %w", err)
	}
	if !d.Brief() {
		return buf.Bytes(), nil
	}
	// A brief document shows one row per tool call, plus every row the
	// text cites: the first pass finds what the text cites.
	doc.cited = citedRows(buf.Bytes())
	buf.Reset()
	if err := t.Execute(&buf, doc); err != nil {
		return nil, fmt.Errorf("render design: %w", err)
	}
	return buf.Bytes(), nil
}

// RenderJSON renders a design as indented JSON: the Design JSON contract.
func RenderJSON(d *Design) ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// markdownTemplate parses the embedded template once.
var markdownTemplate = sync.OnceValues(func() (*texttemplate.Template, error) {
	return texttemplate.New("design.md").Funcs(templateFuncs).Parse(documentTemplate)
})

var templateFuncs = texttemplate.FuncMap{
	"cell":  cell,
	"value": FormatValue,
	"num":   formatNum,
	"dur":   func(s float64) string { return quantity.FormatDuration(s) },
	"pct":   func(v any) string { return quantity.FormatPercent(f64(v)) },
	"join":  func(xs []string) string { return strings.Join(xs, ", ") },
	"usd":   func(x float64) string { return "$" + quantity.FormatNumber(x) },
	// price is a unit price as the table gives it, every digit kept.
	"price": func(x float64) string { return "$" + strconv.FormatFloat(x, 'f', -1, 64) },
	"plural": func(one, many string, n int) string {
		if n == 1 {
			return one
		}
		return many
	},
	"semi":      func(xs []string) string { return strings.Join(xs, "; ") },
	"title":     title,
	"inc":       func(i int) int { return i + 1 },
	"now":       func(rows []CapacityRow) []CapacityRow { return filterRows(rows, false) },
	"later":     laterRows,
	"ref":       refValue,
	"rateOf":    rateOf,
	"whatIf":    whatIf,
	"scaled":    scaledRate,
	"factor":    func(v any) string { return orDash(f64(v), func(x float64) string { return formatNum(x) + "x" }) },
	"size":      func(v any) string { return orDash(f64(v), quantity.FormatBytes) },
	"targets":   targets,
	"extras":    extras,
	"users":     users,
	"growth":    growthText,
	"retention": retentionText,
	"derivedState": func(st []StateRecord) []StateRecord {
		var out []StateRecord
		for _, s := range st {
			if s.DerivedFrom != "" {
				out = append(out, s)
			}
		}
		return out
	},
}

// FormatOutput writes one output of a tool Result for a person, as `sysarch
// calc` prints it and MCP text content repeats it: numbers by their unit
// (FormatValue), long durations with their seconds too, anything else as it
// prints.
func FormatOutput(v any, unit string) string {
	f, ok := v.(float64)
	if !ok {
		return fmt.Sprint(v)
	}
	if unit == "seconds" && (f <= -60 || f >= 60) {
		return quantity.FormatDuration(f) + " (" + quantity.FormatNumber(f) + " s)"
	}
	return FormatValue(f, unit)
}

// FormatValue writes a tool output for a person by its unit.
func FormatValue(v float64, unit string) string { return quantity.FormatUnit(v, unit) }

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	if !strings.ContainsAny(s, "|\n\r\t") {
		return s
	}
	s = strings.ReplaceAll(s, "|", "\\|")
	return strings.Join(strings.Fields(s), " ")
}

func f64(v any) float64 {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return rv.Float()
	case reflect.Int, reflect.Int64, reflect.Int32:
		return float64(rv.Int())
	}
	return 0
}

func orDash(v float64, f func(float64) string) string {
	if v == 0 {
		return "—"
	}
	return f(v)
}

func filterRows(rows []CapacityRow, grown bool) []CapacityRow {
	var out []CapacityRow
	for _, r := range rows {
		if (r.Horizon != "") == grown {
			out = append(out, r)
		}
	}
	return out
}

// laterRows merges the rows computed at growth horizons, in ID order.
func laterRows(capacity, derived []CapacityRow) []CapacityRow {
	return append(filterRows(capacity, true), filterRows(derived, true)...)
}

// refValue writes a cited figure: "-650ms [C12]".
func refValue(d *document, id string) string {
	r, ok := d.row(id)
	if !ok {
		return "[" + id + "]"
	}
	return FormatValue(r.Value, r.Unit) + " [" + id + "]"
}

// whatIf marks the title of a design computed at another scale than the
// load as stated: " (what-if: ×10)".
func whatIf(scale float64) string {
	if scale == 0 || scale == 1 {
		return ""
	}
	return " (what-if: ×" + formatNum(scale) + ")"
}

// scaledRate is a workload's rate at the design's scale, with the rate
// as stated beside it when they differ.
func scaledRate(w requirements.Workload, scale float64) string {
	if scale == 0 || scale == 1 || (w.Rate.IsZero() && w.RatePerUser.IsZero()) {
		return rateOf(w)
	}
	stated := rateOf(w)
	w.Rate, w.RatePerUser = w.Rate.Scale(scale), w.RatePerUser.Scale(scale)
	return rateOf(w) + " (×" + formatNum(scale) + " of " + stated + ")"
}

func rateOf(w requirements.Workload) string {
	switch {
	case !w.Rate.IsZero():
		return w.Rate.String()
	case !w.RatePerUser.IsZero():
		return w.RatePerUser.String() + " per user"
	}
	return "—"
}

func targets(w requirements.Workload) string {
	var ts []string
	for _, t := range []struct {
		name string
		v    quantity.Duration
	}{{"p50", w.LatencyP50}, {"p95", w.LatencyP95}, {"p99", w.LatencyP99}} {
		if t.v > 0 {
			ts = append(ts, t.name+" "+quantity.FormatDuration(float64(t.v)))
		}
	}
	if len(ts) == 0 {
		return "—"
	}
	return strings.Join(ts, ", ")
}

func extras(w requirements.Workload) string {
	var xs []string
	if w.Window > 0 {
		xs = append(xs, quantity.FormatDuration(float64(w.Window))+" window")
	}
	if w.Retention > 0 {
		xs = append(xs, "kept "+quantity.FormatDuration(float64(w.Retention)))
	}
	if w.Cacheable {
		xs = append(xs, "cacheable")
	}
	if w.Schedule != "" {
		xs = append(xs, "runs "+w.Schedule)
	}
	if w.Scans != "" {
		xs = append(xs, "scans "+w.Scans)
	}
	if len(xs) == 0 {
		return "—"
	}
	return strings.Join(xs, ", ")
}

func users(u requirements.Users) string {
	var xs []string
	for _, x := range []struct {
		name string
		v    quantity.Count
	}{{"daily active", u.DAU}, {"monthly active", u.MAU}, {"registered", u.Total}} {
		if x.v > 0 {
			xs = append(xs, quantity.FormatCount(float64(x.v))+" "+x.name)
		}
	}
	return strings.Join(xs, ", ")
}

func growthText(g map[string]quantity.Factor) string {
	type h struct {
		name string
		secs float64
		f    float64
	}
	var hs []h
	for name, f := range g {
		secs, _ := quantity.ParseDuration(name)
		hs = append(hs, h{name, secs, float64(f)})
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].secs < hs[j].secs })
	var xs []string
	for _, x := range hs {
		xs = append(xs, fmt.Sprintf("×%s in %s", formatNum(x.f), x.name))
	}
	return strings.Join(xs, ", ")
}

func retentionText(ws []requirements.Workload) string {
	var xs []string
	for _, w := range ws {
		if w.Retention > 0 {
			xs = append(xs, fmt.Sprintf("%s kept %s", w.Name, quantity.FormatDuration(float64(w.Retention))))
		}
	}
	if len(xs) == 0 {
		return "not given (see Assumptions)"
	}
	return strings.Join(xs, "; ")
}

// How much of a design the Markdown document shows.
const (
	// DetailBrief shows what says something for this system: no growth
	// table when nothing changes, one line for thresholds not crossed,
	// the diagram once.
	DetailBrief = "brief"
	// DetailFull shows every section and row the Design holds.
	DetailFull = "full"
)

// settleDetail checks a requested detail level; "" leaves it to the phase.
func settleDetail(s string) (string, error) {
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case "", DetailBrief, DetailFull:
		return s, nil
	}
	return "", fmt.Errorf("detail must be %s or %s, got %q", DetailBrief, DetailFull, s)
}

// autoDetail is brief for a system in the vertical phase, where a short
// document fits the problem, and full above it.
func autoDetail(phase string) string {
	if phase == "" || phase == "vertical" {
		return DetailBrief
	}
	return DetailFull
}
