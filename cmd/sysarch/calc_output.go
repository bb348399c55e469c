package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/tools"
)

// writeResult prints a Result for a person: each output in human units,
// then the formula and the notes.
func writeResult(w io.Writer, r tools.Result) {
	fmt.Fprintln(w, r.Tool)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range r.Order {
		fmt.Fprintf(tw, "  %s\t%s\n", k, humanValue(r.Outputs[k], r.Units[k]))
	}
	tw.Flush()
	fmt.Fprintln(w, "formula: "+r.Formula)
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
}

// humanValue formats one output by its unit.
func humanValue(v any, unit string) string {
	f, ok := v.(float64)
	if !ok {
		return fmt.Sprint(v)
	}
	switch unit {
	case "per_second":
		return quantity.FormatNumber(f) + "/s"
	case "bytes":
		return quantity.FormatBytes(f)
	case "bytes_per_second":
		return quantity.FormatBytes(f) + "/s"
	case "bits_per_second":
		return quantity.FormatBits(f)
	case "seconds":
		if d := quantity.FormatDuration(f); f <= -60 || f >= 60 {
			return d + " (" + quantity.FormatNumber(f) + " s)"
		} else {
			return d
		}
	case "percent":
		return quantity.FormatPercent(f / 100)
	case "ratio":
		return quantity.FormatPercent(f)
	case "usd":
		return "$" + quantity.FormatNumber(f)
	}
	return quantity.FormatNumber(f)
}
