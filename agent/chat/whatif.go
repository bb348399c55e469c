package chat

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// maxFigures caps the figures a what-if lists; the rest are counted, and
// /whatif shows the whole document.
const maxFigures = 12

// whatIfDiff says, as Markdown, what a what-if changes in the design: the
// decisions whose choice changes, the components that come or go, the
// scaling phase, and the capacity figures whose value changes. base and
// what are the documents as stated and at ×scale; they are read by their
// section tables, so any design document sysarch writes can be compared.
func whatIfDiff(base, what []byte, scale float64) string {
	f := "×" + quantity.FormatNumber(scale)
	var b strings.Builder
	fmt.Fprintf(&b, "## What changes at %s\n\n", f)

	decisions := changedCells(sectionTable(base, "Decision Log"), sectionTable(what, "Decision Log"), "Decision", "Choice")
	if len(decisions) == 0 {
		fmt.Fprintf(&b, "No decision changes: every choice holds at %s.\n\n", f)
	} else {
		fmt.Fprintf(&b, "| Decision | As stated | At %s |\n| --- | --- | --- |\n", f)
		for _, c := range decisions {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", esc(c.key), esc(c.before), esc(c.after))
		}
		b.WriteString("\n")
	}
	decided := map[string]bool{}
	for _, c := range decisions {
		decided[c.before+"→"+c.after] = true
	}
	var comps []change
	for _, c := range changedCells(sectionTable(base, "Core Components"), sectionTable(what, "Core Components"), "Component", "Technology") {
		if !decided[c.before+"→"+c.after] { // said in the decisions already
			comps = append(comps, c)
		}
	}
	for _, c := range comps {
		switch {
		case c.before == "":
			fmt.Fprintf(&b, "- Added: %s (%s).\n", c.key, c.after)
		case c.after == "":
			fmt.Fprintf(&b, "- Dropped: %s.\n", c.key)
		default:
			fmt.Fprintf(&b, "- %s: %s → %s.\n", c.key, c.before, c.after)
		}
	}
	p0, p1 := scalingPhase(base), scalingPhase(what)
	phase := p0 != p1 && p0 != "" && p1 != "" && !decided[p0+"→"+p1]
	if phase {
		fmt.Fprintf(&b, "- Scaling phase: %s → %s.\n", p0, p1)
	}
	if len(comps) > 0 || phase {
		b.WriteString("\n")
	}
	figures := changedCells(capacityRows(base), capacityRows(what), "Figure", "Value")
	if len(figures) > 0 {
		fmt.Fprintf(&b, "| Figure | As stated | At %s |\n| --- | --- | --- |\n", f)
		for _, c := range figures[:min(len(figures), maxFigures)] {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", esc(c.key), esc(c.before), esc(c.after))
		}
		b.WriteString("\n")
		if n := len(figures) - maxFigures; n > 0 {
			fmt.Fprintf(&b, "…and %d more figures. ", n)
		}
	}
	b.WriteString("/whatif shows the whole document at " + f + ".\n")
	return b.String()
}

// esc keeps a pipe inside a cell from splitting it.
func esc(s string) string { return strings.ReplaceAll(s, "|", "\\|") }

// change is one row whose column differs between two tables.
type change struct{ key, before, after string }

// changedCells compares column col of two tables, rows matched by column
// key, in the order of the rows: rows present in one table only are
// changes from or to "".
func changedCells(before, after []map[string]string, key, col string) []change {
	index := func(rows []map[string]string) (map[string]string, []string) {
		m, order := map[string]string{}, []string(nil)
		for _, r := range rows {
			if _, seen := m[r[key]]; !seen {
				order = append(order, r[key])
			}
			m[r[key]] = r[col]
		}
		return m, order
	}
	b, order := index(before)
	a, orderAfter := index(after)
	for _, k := range orderAfter {
		if _, ok := b[k]; !ok {
			order = append(order, k)
		}
	}
	var out []change
	for _, k := range order {
		if b[k] != a[k] {
			out = append(out, change{k, b[k], a[k]})
		}
	}
	return out
}

// capacityRows returns the Capacity table with each figure keyed by what
// it is over and its name ("redirect · throughput: peak_per_second"), not
// by its row id, which shifts when rows come and go.
func capacityRows(doc []byte) []map[string]string {
	rows := sectionTable(doc, "Capacity")
	for _, r := range rows {
		over := r["Workload"]
		if over == "" {
			over = r["Over"]
		}
		r["Figure"] = over + " · " + r["Figure"]
	}
	return rows
}

var phaseRe = lazyre.New(`(\w+) phase \(`)

// scalingPhase reads the scaling phase of the load as stated from the
// Capacity table's scaling_phase row.
func scalingPhase(doc []byte) string {
	for _, r := range sectionTable(doc, "Capacity") {
		if strings.HasPrefix(r["Figure"], "scaling_phase") {
			if m := phaseRe.FindStringSubmatch(r["Formula"]); m != nil {
				return m[1]
			}
		}
	}
	return ""
}

// sectionTable returns the first pipe table under the heading named
// title, each row a map from column header to cell.
func sectionTable(doc []byte, title string) []map[string]string {
	lines := strings.Split(string(doc), "\n")
	in := false
	var header []string
	var rows []map[string]string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "#"):
			if in && header != nil {
				return rows
			}
			in = strings.TrimSpace(strings.TrimLeft(t, "#")) == title
		case !in:
		case strings.HasPrefix(t, "|") && header == nil:
			header = cells(t)
		case strings.HasPrefix(t, "| ---") || strings.HasPrefix(t, "|---"):
		case strings.HasPrefix(t, "|"):
			row := map[string]string{}
			for i, c := range cells(t) {
				if i < len(header) {
					row[header[i]] = c
				}
			}
			rows = append(rows, row)
		case header != nil && t != "":
			return rows
		}
	}
	return rows
}

// cells splits a table row at the pipes not escaped with a backslash.
func cells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	var out []string
	var cur strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			cur.WriteByte('|')
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(row[i])
		}
	}
	return append(out, strings.TrimSpace(cur.String()))
}
