package render

import (
	"strings"

	"github.com/mattn/go-runewidth"
	"github.com/sysarch/sysarch/agent/lazyre"
)

// table is a Markdown table read into plain cells.
type table struct {
	header []string
	rows   [][]string
}

// columnGap is what separates two columns: " │ ".
const columnGap = 3

// maxToken bounds how wide a column must be to keep its longest word
// whole: a word longer than this (a URL) may be broken, a number never is.
const maxToken = 24

// draw lays the table out within width columns. Every column is at least
// as wide as its longest word, so a number such as 3,802.65/s is never
// split across lines; the room left goes to the columns that need it
// most. A table that cannot fit that way is drawn as one record per row.
func (t table) draw(width int, s tableStyle) []string {
	cols := len(t.header)
	natural, least := make([]int, cols), make([]int, cols)
	for _, row := range append([][]string{t.header}, t.rows...) {
		for j, c := range row {
			natural[j] = max(natural[j], textWidth(c))
			for _, w := range words(c) {
				least[j] = max(least[j], min(maxToken, textWidth(w)))
			}
		}
	}
	room := width - 1 - columnGap*(cols-1) // one space before the first column
	if sum(least) > room {
		return t.records(width, s)
	}
	widths := least
	if sum(natural) <= room {
		widths = natural
	} else {
		share(widths, natural, room-sum(least))
	}
	var out []string
	out = append(out, t.drawRow(t.header, widths, s.header, s)...)
	var rule []string
	for j, w := range widths {
		if j == len(widths)-1 {
			w-- // the last column has no space after it
		}
		rule = append(rule, strings.Repeat("─", w+2))
	}
	out = append(out, s.border(strings.Join(rule, "┼")))
	for _, row := range t.rows {
		out = append(out, t.drawRow(row, widths, s.plain, s)...)
	}
	return out
}

// share gives extra columns of room, one at a time, to the column whose
// text is cut the most (by how far its widest cell is from fitting).
func share(widths, natural []int, extra int) {
	for ; extra > 0; extra-- {
		best, gap := -1, 0
		for j := range widths {
			if g := (natural[j] - widths[j]) * 100 / max(1, natural[j]); natural[j] > widths[j] && g > gap {
				best, gap = j, g
			}
		}
		if best < 0 {
			return
		}
		widths[best]++
	}
}

// drawRow draws one row, its cells word-wrapped to their column widths.
func (t table) drawRow(row []string, widths []int, text func(string) string, s tableStyle) []string {
	cells := make([][]string, len(widths))
	height := 1
	for j := range widths {
		c := ""
		if j < len(row) {
			c = row[j]
		}
		cells[j] = wrapWords(c, widths[j])
		height = max(height, len(cells[j]))
	}
	out := make([]string, height)
	for i := range height {
		var b strings.Builder
		b.WriteString(" ")
		for j, w := range widths {
			line := ""
			if i < len(cells[j]) {
				line = cells[j][i]
			}
			switch {
			case j > 0 && line == "" && j == len(widths)-1:
				b.WriteString(s.border(" │")) // no space to trail the row
			case j > 0:
				b.WriteString(s.border(" │ "))
			}
			b.WriteString(text(line))
			if j < len(widths)-1 {
				b.WriteString(strings.Repeat(" ", w-textWidth(line)))
			}
		}
		out[i] = strings.TrimRight(b.String(), " ")
	}
	return out
}

// records draws each row as a block: the first cell, then every other
// cell after its column's name, wrapped under a hanging indent.
func (t table) records(width int, s tableStyle) []string {
	var out []string
	for i, row := range t.rows {
		if i > 0 {
			out = append(out, "")
		}
		for j, c := range row {
			if j == 0 {
				for _, l := range wrapWords(c, width) {
					out = append(out, s.header(l))
				}
				continue
			}
			name := ""
			if j < len(t.header) {
				name = t.header[j]
			}
			label, indent := "  "+name+": ", "    "
			first := textWidth(label)
			for k, l := range wrapHanging(c, max(10, width-first), max(10, width-len(indent))) {
				if k == 0 {
					out = append(out, s.border(label)+l)
				} else {
					out = append(out, indent+l)
				}
			}
		}
	}
	return out
}

// wrapWords wraps text at spaces to lines of at most width columns; only
// a word wider than the whole width is broken.
func wrapWords(text string, width int) []string { return wrapHanging(text, width, width) }

// wrapHanging is wrapWords with the first line first columns wide and
// the others width.
func wrapHanging(text string, first, width int) []string {
	var lines []string
	limit := func() int {
		if len(lines) == 0 {
			return first
		}
		return width
	}
	line := ""
	for _, w := range words(text) {
		for textWidth(w) > limit() {
			if line != "" {
				lines, line = append(lines, line), ""
			}
			head := runewidth.Truncate(w, limit(), "")
			lines, w = append(lines, head), w[len(head):]
		}
		switch {
		case line == "":
			line = w
		case textWidth(line)+1+textWidth(w) <= limit():
			line += " " + w
		default:
			lines, line = append(lines, line), w
		}
	}
	if line != "" || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// unit is a word that belongs with the number before it: "50 GB/month"
// stays on one line.
var unit = lazyre.New(`^(?:[KMGTPE]i?B|B|[kKMGT]?bit|ns|µs|us|ms|s|min|h|d|days?|weeks?|months?|years?|y)(?:/[a-z]+)?[,;.:)]*$`)

var number = lazyre.New(`^[(~≈$€£]?[0-9][0-9,.]*[%x×]?$`)

// words splits text at spaces, keeping a number and its unit together.
func words(text string) []string {
	ws := strings.Fields(text)
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		if i+1 < len(ws) && number.MatchString(ws[i]) && unit.MatchString(ws[i+1]) {
			out = append(out, ws[i]+" "+ws[i+1])
			i++
			continue
		}
		out = append(out, ws[i])
	}
	return out
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// tableStyle colours the parts of a table.
type tableStyle struct {
	header, plain, border func(string) string
}

func colourStyle() tableStyle {
	return tableStyle{
		header: func(s string) string { return "\x1b[1m" + s + "\x1b[0m" },
		plain:  func(s string) string { return s },
		border: func(s string) string { return "\x1b[38;5;240m" + s + "\x1b[0m" },
	}
}

func plainStyle() tableStyle {
	same := func(s string) string { return s }
	return tableStyle{header: same, plain: same, border: same}
}

var (
	delimiterRow = lazyre.New(`^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$`)
	linkText     = lazyre.New(`\[([^\]]*)\]\([^)]*\)`)
)

// parseTable reads the lines of a pipe table (header, delimiter, rows).
func parseTable(lines []string) table {
	t := table{header: splitCells(lines[0])}
	for _, l := range lines[2:] {
		row := splitCells(l)
		for len(row) < len(t.header) {
			row = append(row, "")
		}
		t.rows = append(t.rows, row[:len(t.header)])
	}
	return t
}

// splitCells splits a table line at its unescaped pipes and reduces each
// cell's inline Markdown to its text.
func splitCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(line, "|")
	if strings.HasSuffix(line, "|") && !strings.HasSuffix(line, `\|`) {
		line = line[:len(line)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line) && line[i+1] == '|':
			b.WriteByte('|')
			i++
		case line[i] == '|':
			cells, b = append(cells, inlineText(b.String())), strings.Builder{}
		default:
			b.WriteByte(line[i])
		}
	}
	return append(cells, inlineText(b.String()))
}

func inlineText(s string) string {
	s = linkText.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("**", "", "__", "", "`", "", "<br>", " ", "<br/>", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}
