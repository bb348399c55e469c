package review

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// A sysarch document cites every figure by its row in the Capacity table
// ("11,407.95/s [C9]"), where the formula is shown. The consistency check
// reads that table and verifies each citation: the row exists, and the
// figure quoted next to it is the row's value. It runs on any document
// with such a table, so an edited sysarch design whose figures drifted
// from their formulas is caught too.

var (
	figureID = lazyre.New(`^[CD]\d+$`)
	// citation is a figure followed, within a few words, by its row.
	citation = lazyre.New(`(~|about |around |roughly )?\$?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([^\[\]|;\d]{0,30}?)\s*\[([CD]\d+)\]`)
	// citationWindow is how far before its row ID a cited figure may
	// start: "about " + a long figure + 30 characters of unit and words.
	citationWindow = 72
	firstNum       = lazyre.New(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`)
	bareCiteR      = lazyre.New(`\[([CD]\d+)\]`)
)

// figureRow is one row of a capacity table: its value and its formula.
type figureRow struct{ value, formula string }

// capacityRows returns the model's figures by ID, and the tables' lines;
// nil when the document has none.
func (rv *reviewer) capacityRows() (map[string]figureRow, map[int]bool) {
	var rows map[string]figureRow
	lines := map[int]bool{}
	for _, f := range rv.model.Figures {
		if rows == nil {
			rows = map[string]figureRow{}
		}
		rows[f.ID] = figureRow{value: f.Value, formula: f.Formula}
		lines[f.Line] = true
	}
	return rows, lines
}

// consistency checks every citation of a capacity row outside the table.
func (rv *reviewer) consistency() {
	rows, tableLines := rv.capacityRows()
	if rows == nil {
		return
	}
	for l, line := range rv.d.Lines {
		if tableLines[l+1] || rv.d.InCode(l+1) || !strings.Contains(line, "[") {
			continue
		}
		for _, m := range bareCiteR.FindAllStringSubmatch(line, -1) {
			if _, ok := rows[m[1]]; !ok {
				rv.raise(rFigureUnknownRow, rv.ref(l+1),
					fmt.Sprintf("Line %d cites [%s], but no row of the Capacity table has that ID, so the figure's formula cannot be checked.", l+1, m[1]), m[1])
			}
		}
		for _, m := range citationsIn(line) {
			row, ok := rows[m[4]]
			if !ok {
				continue
			}
			rv.checkCitation(l+1, m, row)
		}
	}
}

// citationsIn returns the citations of a line, as citation's submatches.
// The regexp runs on a window before each row ID rather than on the whole
// line: unanchored, it would be tried at every offset of a long line.
func citationsIn(line string) [][]string {
	var out [][]string
	from := 0 // a figure is not shared by two citations
	for _, loc := range bareCiteR.FindAllStringIndex(line, -1) {
		start := max(from, loc[0]-citationWindow)
		for start > from && strings.ContainsRune("0123456789,.$", rune(line[start-1])) {
			start-- // never start inside a figure
		}
		if ms := citation.FindAllStringSubmatchIndex(line[start:loc[1]], -1); len(ms) > 0 {
			m := ms[len(ms)-1]
			if start+m[1] == loc[1] {
				sub := make([]string, len(m)/2)
				for i := range sub {
					if m[2*i] >= 0 {
						sub[i] = line[start+m[2*i] : start+m[2*i+1]]
					}
				}
				out = append(out, sub)
			}
		}
		from = loc[1]
	}
	return out
}

// checkCitation compares a cited figure with its row's value (equal to
// the digits shown, or within 10% when the text says "about"), or with
// the inputs of its formula: "p95 went from 250ms to 900ms [C25]" cites
// the row that starts from 900ms.
func (rv *reviewer) checkCitation(line int, m []string, row figureRow) {
	val := row.value
	want, ok := number(firstNum.FindString(val))
	got, ok2 := number(m[2])
	if !ok || !ok2 {
		return
	}
	tol := 0.005
	if m[1] != "" {
		tol = tolerance
	}
	if want == got || want != 0 && math.Abs(got/want-1) <= tol {
		return
	}
	for _, f := range firstNum.FindAllString(row.formula, -1) {
		if n, ok := number(f); ok && n == got {
			return
		}
	}
	rv.raise(rFigureMismatch, rv.ref(line),
		fmt.Sprintf("Line %d quotes %s for [%s], but the Capacity table computes %s: one of them was edited without the other.", line, m[2], m[4], val), strings.TrimSpace(m[0][:len(m[0])-len(m[4])-2]), m[4], val)
}

func number(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
	return v, err == nil
}
