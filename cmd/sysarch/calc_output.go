package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
)

// writeResult prints a Result for a person: each output in human units,
// then the formula and the notes.
func writeResult(w io.Writer, r capacity.Result) {
	fmt.Fprintln(w, r.Tool)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range r.Order {
		fmt.Fprintf(tw, "  %s\t%s\n", k, design.FormatOutput(r.Outputs[k], r.Units[k]))
	}
	tw.Flush()
	fmt.Fprintln(w, "formula: "+r.Formula)
	for _, n := range r.Notes {
		fmt.Fprintln(w, "note: "+n)
	}
}
