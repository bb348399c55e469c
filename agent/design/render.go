package design

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// RenderMarkdown renders a design as a Markdown document from the
// template in prompts.
func RenderMarkdown(d *Design) ([]byte, error) {
	t, err := markdownTemplate()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	buf.Grow(32 << 10)
	if err := t.Execute(&buf, d); err != nil {
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
	"cell":      cell,
	"value":     FormatValue,
	"num":       formatNum,
	"dur":       func(s float64) string { return quantity.FormatDuration(s) },
	"pct":       func(v any) string { return quantity.FormatPercent(f64(v)) },
	"join":      func(xs []string) string { return strings.Join(xs, ", ") },
	"semi":      func(xs []string) string { return strings.Join(xs, "; ") },
	"title":     title,
	"inc":       func(i int) int { return i + 1 },
	"now":       func(rows []CapacityRow) []CapacityRow { return filterRows(rows, false) },
	"later":     laterRows,
	"ref":       refValue,
	"rateOf":    rateOf,
	"factor":    func(v any) string { return orDash(f64(v), func(x float64) string { return formatNum(x) + "x" }) },
	"size":      func(v any) string { return orDash(f64(v), quantity.FormatBytes) },
	"targets":   targets,
	"extras":    extras,
	"users":     users,
	"growth":    growthText,
	"retention": retentionText,
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
func refValue(d *Design, id string) string {
	r, ok := d.row(id)
	if !ok {
		return "[" + id + "]"
	}
	return FormatValue(r.Value, r.Unit) + " [" + id + "]"
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
