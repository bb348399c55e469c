package main

import (
	"io"

	"github.com/sysarch/sysarch/agent/capacity"
)

// writeResult prints a Result for a person: each output in human units,
// then the formula and the notes.
func writeResult(w io.Writer, r capacity.Result) {
	io.WriteString(w, r.Text())
}
