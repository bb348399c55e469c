package mdext

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// escapedPipesKey holds, while a document is parsed, the table cells
// whose text has a backslash-escaped pipe after a backtick: inside a code
// span the backslash would otherwise stay.
var escapedPipesKey = parser.NewContextKey()

// escapedPipes is one cell and the offsets in the source of the
// backslashes before its escaped pipes.
type escapedPipes struct {
	cell      *extast.TableCell
	backslash []int
}

// tableParagraphs turns a paragraph into a table at its first delimiter
// row ("| --- | :-: |") whose line before has as many cells as the row
// has columns. The lines before the header stay a paragraph; every line
// after the delimiter row is a body row.
type tableParagraphs struct{}

func (tableParagraphs) Transform(para *ast.Paragraph, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	lines := para.Lines()
	for i := 1; i < lines.Len(); i++ {
		delim := lines.At(i)
		aligns := delimiterRow(delim.Value(src))
		if aligns == nil {
			continue
		}
		header := tableRow(lines.At(i-1), aligns, true, src, pc)
		if header.ChildCount() != len(aligns) {
			return
		}
		table := extast.NewTable()
		table.Alignments = aligns
		table.AppendChild(table, extast.NewTableHeader(header))
		for j := i + 1; j < lines.Len(); j++ {
			table.AppendChild(table, tableRow(lines.At(j), aligns, false, src, pc))
		}
		lines.SetSliced(0, i-1)
		parent := para.Parent()
		parent.InsertAfter(parent, para, table)
		if lines.Len() == 0 {
			parent.RemoveChild(parent, para)
			return
		}
		// The paragraph left above the table ends without its newline.
		last := lines.At(i - 2)
		last.Stop--
		lines.Set(i-2, last)
		return
	}
}

// delimiterRow reads a delimiter row's column alignments, or nil when
// the line is not one: at most three spaces of indent, then only pipes,
// hyphens, colons and white space, each column one or more hyphens with
// an optional colon at either end.
func delimiterRow(line []byte) []extast.Alignment {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return nil
	}
	for _, c := range line {
		if c != '|' && c != '-' && c != ':' && !util.IsSpace(c) {
			return nil
		}
	}
	var cols [][]byte
	start := 0
	for i := 0; i <= len(line); i++ {
		if i == len(line) || line[i] == '|' {
			cols = append(cols, line[start:i])
			start = i + 1
		}
	}
	if util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if n := len(cols); n > 0 && util.IsBlank(cols[n-1]) {
		cols = cols[:n-1]
	}
	var aligns []extast.Alignment
	for _, col := range cols {
		a, ok := columnAlignment(col)
		if !ok {
			return nil
		}
		aligns = append(aligns, a)
	}
	return aligns
}

// columnAlignment reads one delimiter column: ":--" left, "--:" right,
// ":-:" centre, "--" none.
func columnAlignment(col []byte) (extast.Alignment, bool) {
	i, j := 0, len(col)
	for i < j && util.IsSpace(col[i]) {
		i++
	}
	for j > i && util.IsSpace(col[j-1]) {
		j--
	}
	left := i < j && col[i] == ':'
	if left {
		i++
	}
	right := i < j && col[j-1] == ':'
	if right {
		j--
	}
	if i == j {
		return extast.AlignNone, false
	}
	for _, c := range col[i:j] {
		if c != '-' {
			return extast.AlignNone, false
		}
	}
	switch {
	case left && right:
		return extast.AlignCenter, true
	case left:
		return extast.AlignLeft, true
	case right:
		return extast.AlignRight, true
	}
	return extast.AlignNone, true
}

// tableRow splits one line into cells at its unescaped pipes (one pipe at
// either end is a border). A body row keeps at most as many cells as the
// table has columns and is filled up to that with empty ones; the header
// keeps all its cells, so that a header of the wrong width is not a
// table.
func tableRow(seg text.Segment, aligns []extast.Alignment, header bool, src []byte, pc parser.Context) *extast.TableRow {
	seg = seg.TrimLeftSpace(src)
	seg = seg.TrimRightSpace(src)
	line := seg.Value(src)
	row := extast.NewTableRow(aligns)
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	col := 0
	for ; pos < limit; col++ {
		align := extast.AlignNone
		if col < len(aligns) {
			align = aligns[col]
		} else if !header {
			return row
		}
		cell := extast.NewTableCell()
		cell.Alignment = align
		var escaped *escapedPipes
		backtick := false
		end := pos
	scan:
		for ; end < limit; end++ {
			switch line[end] {
			case '`':
				backtick = true
			case '|':
				if end == 0 || line[end-1] != '\\' {
					break scan
				}
				if backtick {
					if escaped == nil {
						escaped = &escapedPipes{cell: cell}
						list, _ := pc.Get(escapedPipesKey).([]*escapedPipes)
						pc.Set(escapedPipesKey, append(list, escaped))
					}
					escaped.backslash = append(escaped.backslash, seg.Start+end-1)
				}
			}
		}
		content := text.NewSegment(seg.Start+pos, seg.Start+end)
		content = content.TrimLeftSpace(src)
		content = content.TrimRightSpace(src)
		cell.Lines().Append(content)
		row.AppendChild(row, cell)
		pos = end + 1
	}
	for ; col < len(aligns); col++ {
		row.AppendChild(row, extast.NewTableCell())
	}
	return row
}

// tableEscapes, once the inline content is parsed, takes the backslash
// out of every escaped pipe inside a code span of a table cell: the pipe
// was escaped only so as not to end the cell.
type tableEscapes struct{}

func (tableEscapes) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	cells, _ := pc.Get(escapedPipesKey).([]*escapedPipes)
	if cells == nil {
		return
	}
	pc.Set(escapedPipesKey, nil)
	for _, e := range cells {
		_ = ast.Walk(e.cell, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Kind() == ast.KindCodeSpan {
				dropBackslashes(n, e.backslash)
			}
			return ast.WalkContinue, nil
		})
	}
}

// dropBackslashes splits each text of a code span around the escaped
// pipes' backslashes (offsets in the source, those of the span's cell:
// no other cell's fall in it) that fall in it.
func dropBackslashes(span ast.Node, backslash []int) {
	for c := span.FirstChild(); c != nil; {
		next := c.NextSibling()
		if c.Kind() != ast.KindText {
			c = next
			continue
		}
		whole := c.(*ast.Text).Segment
		cur := c
		for _, at := range backslash {
			if at < whole.Start || at >= whole.Stop {
				continue
			}
			seg := cur.(*ast.Text).Segment
			before := ast.NewRawTextSegment(seg.WithStop(at))
			after := ast.NewRawTextSegment(seg.WithStart(at + 1))
			span.InsertAfter(span, cur, before)
			span.InsertAfter(span, before, after)
			span.RemoveChild(span, cur)
			cur = after
		}
		c = next
	}
}
