package capacity

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/sysarch/sysarch/agent/quantity"
)

// Format writes one output in its unit for a person ("38.03/s", "1.27 KB",
// "90d"); long durations also give their seconds. A string output is
// written as is, and a missing one as "".
func (r Result) Format(key string) string {
	v, ok := r.Outputs[key]
	if !ok {
		return ""
	}
	f, isNum := v.(float64)
	if !isNum {
		return fmt.Sprint(v)
	}
	unit := r.Units[key]
	if unit == "seconds" && (f <= -60 || f >= 60) {
		return quantity.FormatDuration(f) + " (" + quantity.FormatNumber(f) + " s)"
	}
	return quantity.FormatUnit(f, unit)
}

// Text writes the Result for a person: the tool, each output in reading
// order and in its unit, then the formula and the notes.
func (r Result) Text() string {
	var b strings.Builder
	b.WriteString(r.Tool + "\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, k := range r.Order {
		fmt.Fprintf(tw, "  %s\t%s\n", k, r.Format(k))
	}
	tw.Flush()
	b.WriteString("formula: " + r.Formula + "\n")
	for _, n := range r.Notes {
		b.WriteString("note: " + n + "\n")
	}
	return b.String()
}
