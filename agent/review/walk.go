package review

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// walker turns goldmark's tree into the Document's lines and units.
type walker struct {
	d      *Document
	src    []byte
	starts []int
	lead   string           // the lead-in paragraph of the list being walked
	notes  map[int][]string // evidence pieces by line index, see note
}

// line returns the 1-based line of a byte offset.
func (w *walker) line(off int) int {
	return sort.SearchInts(w.starts, off+1)
}

func (w *walker) block(n ast.Node) {
	switch b := n.(type) {
	case *ast.Heading:
		w.heading(b)
		return
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		w.markCode(n)
		return
	case *ast.HTMLBlock:
		w.markOther(n)
		return
	case *ast.ThematicBreak:
		return
	case *ast.Paragraph, *ast.TextBlock:
		w.paragraph(n)
		return
	case *east.Table:
		w.table(b)
		return
	case *ast.List:
		if readingList(b, w.src) {
			w.markOther(n)
			return
		}
		// A list's lead-in ("Handy conversion guide:") says what its
		// items are; the outermost one is kept for every item below.
		if p, ok := n.PreviousSibling().(*ast.Paragraph); ok && w.lead == "" {
			var t strings.Builder
			inlineText(&t, p, w.src, false, nil)
			w.lead = oneSpaced(t.String())
			defer func() { w.lead = "" }()
		}
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.block(c)
	}
}

func (w *walker) heading(h *ast.Heading) {
	if h.Lines().Len() == 0 {
		return // an empty heading names nothing
	}
	var b strings.Builder
	inlineText(&b, h, w.src, true, nil)
	w.d.Sections = append(w.d.Sections, Section{Level: h.Level, Title: oneSpaced(b.String()),
		Line: w.line(h.Lines().At(0).Start), Parent: -1})
}

func (w *walker) markCode(n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	first, last := w.line(lines.At(0).Start), w.line(lines.At(lines.Len()-1).Start)
	if _, fenced := n.(*ast.FencedCodeBlock); fenced {
		first, last = max(first-1, 1), min(last+1, len(w.d.Lines))
	}
	for l := first; l <= last; l++ {
		w.d.code[l-1], w.d.other[l-1] = true, true
	}
}

// markOther marks the lines of n and its descendants as holding content
// that is not evidence.
func (w *walker) markOther(n ast.Node) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Type() == ast.TypeBlock {
			for i := 0; i < c.Lines().Len(); i++ {
				w.d.other[w.line(c.Lines().At(i).Start)-1] = true
			}
		}
		return ast.WalkContinue, nil
	})
}

// paragraph collects a paragraph's evidence: its text without links,
// each piece noted on its line.
func (w *walker) paragraph(n ast.Node) {
	u := unit{lead: w.lead}
	var b strings.Builder
	inlineText(&b, n, w.src, false, func(off, seg int, piece string) {
		l := w.line(seg)
		if k := len(u.lines); k == 0 || u.lines[k-1] != l {
			u.starts = append(u.starts, off)
			u.lines = append(u.lines, l)
		}
		w.note(l, piece)
	})
	u.text = b.String()
	if hasLink(n) {
		w.markOther(n)
	}
	if strings.TrimSpace(u.text) != "" {
		w.d.units = append(w.d.units, u)
	}
}

// note adds a piece of evidence to a line. The pieces are kept and joined
// once by joinNotes: appending to the line's string each time copied it
// each time, and a line of a hundred thousand pieces took minutes.
func (w *walker) note(l int, piece string) {
	if w.notes == nil {
		w.notes = make(map[int][]string)
	}
	w.notes[l-1] = append(w.notes[l-1], asciiLower(piece))
}

// joinNotes writes each line's evidence, its pieces joined by spaces.
func (w *walker) joinNotes() {
	for i, pieces := range w.notes {
		var b strings.Builder
		for _, p := range pieces {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(p)
		}
		w.d.evidence[i] = b.String()
	}
}

func (w *walker) table(t *east.Table) {
	tb := Table{}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		line := 0
		var names []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			if line == 0 && c.Lines().Len() > 0 {
				line = w.line(c.Lines().At(0).Start)
			}
			var b strings.Builder
			inlineText(&b, c, w.src, true, nil)
			names = append(names, oneSpaced(b.String()))
		}
		if line == 0 {
			line = max(tb.Line, 1)
			if k := len(tb.Rows); k > 0 {
				line = tb.Rows[k-1].Line + 1
			}
		}
		if _, header := r.(*east.TableHeader); header {
			tb.Line, tb.Header = line, names
			continue
		}
		tb.Rows = append(tb.Rows, Row{Line: line, Cells: names})
		k := 0
		for c := r.FirstChild(); c != nil; c, k = c.NextSibling(), k+1 {
			// A cell without a link reads the same with its links or
			// without: most cells have none.
			var cell string
			if k < len(names) && !hasLink(c) {
				cell = names[k]
			} else {
				var b strings.Builder
				inlineText(&b, c, w.src, false, nil)
				cell = oneSpaced(b.String())
			}
			if cell == "" {
				continue
			}
			w.note(line, cell)
			col := ""
			if k < len(tb.Header) {
				col = tb.Header[k]
			}
			w.d.units = append(w.d.units, unit{text: cell, starts: []int{0}, lines: []int{line}, column: col, cell: true})
		}
	}
	if tb.Line > 0 {
		w.d.Tables = append(w.d.Tables, tb)
	}
}

// inlineText writes the text of n's inline content to b: emphasis and
// code marks go, a line break becomes a space, raw HTML is dropped, and
// links keep their text only when withLinks is set. each, when not nil,
// is told every piece taken from the source with its offset in b and in
// the source.
func inlineText(b *strings.Builder, n ast.Node, src []byte, withLinks bool, each func(off, seg int, piece string)) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			piece := string(util.UnescapePunctuations(t.Segment.Value(src)))
			if each != nil {
				each(b.Len(), t.Segment.Start, piece)
			}
			b.WriteString(piece)
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.Link, *ast.Image, *ast.AutoLink:
			if withLinks {
				inlineText(b, c, src, withLinks, each)
			}
		case *ast.RawHTML:
		default:
			inlineText(b, c, src, withLinks, each)
		}
	}
}

// hasLink says whether n holds a link or an image.
func hasLink(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch c.(type) {
		case *ast.Link, *ast.Image, *ast.AutoLink:
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// readingList says whether a list is only links: every item's own text,
// links left out, holds no word.
func readingList(l *ast.List, src []byte) bool {
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		links := 0
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if _, nested := c.(*ast.List); nested {
				continue
			}
			var b strings.Builder
			inlineText(&b, c, src, false, nil)
			if wordCharRe.MatchString(b.String()) {
				return false
			}
			_ = ast.Walk(c, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				switch n.(type) {
				case *ast.Link, *ast.AutoLink:
					if entering {
						links++
					}
				}
				return ast.WalkContinue, nil
			})
		}
		if links == 0 && item.FirstChild() != nil {
			if _, onlyNested := item.FirstChild().(*ast.List); !onlyNested {
				return false
			}
		}
	}
	return l.FirstChild() != nil
}
