package review

import (
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/fileio"
	"github.com/sysarch/sysarch/agent/mdext"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// Document is a Markdown document cut into what the rules need: its lines,
// its sections (one per heading), its tables, and the evidence each line
// holds. Line numbers are 1-based, as an editor shows them.
//
// Evidence is the prose a rule may read: paragraph, list and table text.
// Headings, code blocks, HTML, front matter, link text and URLs, and
// reading lists (lists whose items are only links) are never evidence: a
// heading says what a section is about, not what it delivers, and a link
// to an article about microservices proposes none.
type Document struct {
	Lines    []string
	Sections []Section
	Tables   []Table
	// evidence[i] is line i+1's evidence, lower-cased (ASCII only, so
	// offsets agree with the text); "" for a line that holds none.
	evidence []string
	// code[i] says line i+1 is inside a code block.
	code []bool
	// other[i] says line i+1 holds content that is not evidence: code,
	// HTML, links, images, a reading list. Such a section is not empty.
	other []bool
	// section[i] is the index in Sections of the section holding line i+1.
	section []int
	// units are the paragraphs and table cells, cut into sentences once
	// the sections are known.
	units []unit
	sents []sentence
	// withinMemo caches Document.within per term set.
	withinMemo map[*termSet][]int8
	// evGrams caches the byte pairs of evidence lines (evidenceGrams).
	evGrams []*grams
}

// Section is a heading and the lines up to the next heading. The text
// before the first heading is a section of level 0 with no title.
type Section struct {
	Level int    // 1 to 6; 0 for the preamble
	Title string // the heading's text with inline markup removed
	Line  int    // the heading's line (1 for the preamble)
	// End is the last line before the next heading; SubtreeEnd the last
	// line before the next heading of the same or a higher level, so a
	// section's subtree holds its subsections.
	End, SubtreeEnd int
	Parent          int // index of the enclosing section, -1 for none
}

// Table is a pipe table: a header row and body rows.
type Table struct {
	Section int // index of the section holding the table
	Line    int // the header row's line
	Header  []string
	Rows    []Row
}

// Row is one body row of a table. Cells keep link text: in a table a link
// is usually the name of the thing the row is about.
type Row struct {
	Line  int
	Cells []string
}

// unit is a paragraph's evidence with the line each piece came from, or
// one table cell labelled with its column.
type unit struct {
	text   string
	starts []int // offset in text of each piece
	lines  []int // the line of each piece
	column string
	cell   bool
	lead   string // for a list item, the paragraph that introduces its list
}

var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(mdext.Table, mdext.Linkify))
})

// Parse reads Markdown with goldmark (CommonMark with GFM tables and
// autolinks). YAML front matter is blanked before parsing, so that its
// lines are neither a thematic break nor a setext heading. It never fails:
// anything goldmark does not recognise is text.
func Parse(src []byte) *Document {
	s := strings.ToValidUTF8(string(src), "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	d := &Document{Lines: strings.Split(s, "\n")}
	n := len(d.Lines)
	d.evidence = make([]string, n)
	d.code = make([]bool, n)
	d.other = make([]bool, n)
	d.section = make([]int, n)
	d.Sections = []Section{{Level: 0, Line: 1, Parent: -1}}

	source := []byte(s)
	if end := frontMatterEnd(d.Lines); end > 0 {
		// Blank it byte for byte, so offsets stay those of the text.
		off := 0
		for i := 0; i < end; i++ {
			for j := 0; j < len(d.Lines[i]); j++ {
				source[off+j] = ' '
			}
			off += len(d.Lines[i]) + 1
		}
	}
	w := &walker{d: d, src: source, starts: lineStarts(source)}
	w.block(markdown().Parser().Parse(text.NewReader(source)))
	w.joinNotes()
	d.finish()
	for i := range d.Tables {
		d.Tables[i].Section = d.SectionOf(d.Tables[i].Line)
	}
	d.sents = d.cut()
	return d
}

// lineStarts returns the offset of each line's first byte.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// frontMatterEnd returns the index of the first line after YAML front
// matter, or 0 when there is none.
func frontMatterEnd(lines []string) int {
	if i, _ := fileio.FrontMatterClose(lines); i > 0 {
		return i + 1
	}
	return 0
}

// finish computes each section's extent and parent, and the section of
// every line, with a stack of the open sections so that it stays linear in
// the number of headings.
func (d *Document) finish() {
	n := len(d.Lines)
	secs := d.Sections
	var open []int // enclosing sections, outermost first
	for i := range secs {
		secs[i].End = n
		if i+1 < len(secs) {
			secs[i].End = secs[i+1].Line - 1
		}
		secs[i].SubtreeEnd = n
		if secs[i].Level == 0 {
			secs[i].SubtreeEnd = secs[i].End
		} else {
			// A heading closes the open sections of its level or deeper.
			for len(open) > 0 && secs[open[len(open)-1]].Level >= secs[i].Level {
				secs[open[len(open)-1]].SubtreeEnd = secs[i].Line - 1
				open = open[:len(open)-1]
			}
			if len(open) > 0 {
				secs[i].Parent = open[len(open)-1]
			}
			open = append(open, i)
		}
		for l := secs[i].Line; l <= secs[i].End && l <= n; l++ {
			d.section[l-1] = i
		}
	}
}

// SectionOf returns the index of the section holding line (1-based).
func (d *Document) SectionOf(line int) int {
	if line < 1 || line > len(d.section) {
		return 0
	}
	return d.section[line-1]
}

// InCode says whether line (1-based) is inside a code block.
func (d *Document) InCode(line int) bool {
	return line >= 1 && line <= len(d.code) && d.code[line-1]
}

// Evidence returns line's evidence (1-based), lower-cased: "" for a
// heading, code, front matter, a link or a reading list.
func (d *Document) Evidence(line int) string {
	if line < 1 || line > len(d.evidence) {
		return ""
	}
	return d.evidence[line-1]
}

// Title returns the document's title: its first level-1 heading, else its
// first heading, else "".
func (d *Document) Title() (string, int) {
	for _, s := range d.Sections {
		if s.Level == 1 {
			return s.Title, s.Line
		}
	}
	if len(d.Sections) > 1 {
		return d.Sections[1].Title, d.Sections[1].Line
	}
	return "", 0
}
