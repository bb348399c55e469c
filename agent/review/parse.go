package review

import (
	"regexp"
	"strings"

	"github.com/sysarch/sysarch/agent/fileio"
)

// Document is a Markdown document cut into what the rules need: its lines,
// its sections (one per heading) and its pipe tables. Line numbers are
// 1-based, as an editor shows them.
type Document struct {
	Lines    []string
	lower    []string // Lines in lower case (ASCII only, so offsets agree)
	Sections []Section
	Tables   []Table
	// code[i] says line i+1 is inside a fenced code block (or is a fence).
	code []bool
	// section[i] is the index in Sections of the section holding line i+1.
	section []int
	// withinMemo caches Document.within per term set.
	withinMemo map[*regexp.Regexp][]int8
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

// Table is a pipe table: a header row, a delimiter row and body rows.
type Table struct {
	Section int // index of the section holding the table
	Line    int // the header row's line
	Header  []string
	Rows    []Row
}

// Row is one body row of a table.
type Row struct {
	Line  int
	Cells []string
}

// Parse reads Markdown with a line scanner that knows what a design review
// needs and no more: ATX headings (# …), setext headings (a line over === or
// ---), fenced code blocks (``` and ~~~, whose contents are never headings),
// YAML front matter, and pipe tables. It never fails: anything else is text.
func Parse(src []byte) *Document {
	text := strings.ToValidUTF8(string(src), "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.TrimSuffix(text, "\n")
	d := &Document{Lines: strings.Split(text, "\n")}
	n := len(d.Lines)
	d.lower = make([]string, n)
	for i, l := range d.Lines {
		d.lower[i] = asciiLower(l)
	}
	d.code = make([]bool, n)
	d.section = make([]int, n)
	d.Sections = []Section{{Level: 0, Line: 1, Parent: -1}}

	start := frontMatterEnd(d.Lines)
	var fence string // the open fence's marker, "" outside code
	for i := start; i < n; i++ {
		line := d.Lines[i]
		if fence != "" {
			d.code[i] = true
			if closesFence(line, fence) {
				fence = ""
			}
			continue
		}
		if m := openFence(line); m != "" {
			fence = m
			d.code[i] = true
			continue
		}
		if level, title, ok := atxHeading(line); ok {
			d.addSection(level, title, i+1)
			continue
		}
		if level, ok := setextUnderline(line); ok && i > start && d.isParagraphLine(i-1) {
			// The line above was text of the previous section; it becomes
			// the heading.
			d.addSection(level, cleanInline(d.Lines[i-1]), i)
		}
	}
	d.finish()
	d.Tables = d.findTables()
	return d
}

// frontMatterEnd returns the index of the first line after YAML front
// matter, or 0 when there is none.
func frontMatterEnd(lines []string) int {
	if i, _ := fileio.FrontMatterClose(lines); i > 0 {
		return i + 1
	}
	return 0
}

func openFence(line string) string {
	t, ok := trimIndent(line)
	if !ok {
		return ""
	}
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(t) && t[n] == c {
			n++
		}
		if n >= 3 {
			if c == '`' && strings.Contains(t[n:], "`") {
				return "" // an inline code span, not a fence
			}
			return t[:n]
		}
	}
	return ""
}

func closesFence(line, fence string) bool {
	t, ok := trimIndent(line)
	if !ok {
		return false
	}
	t = strings.TrimRight(t, " \t")
	return strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == ""
}

// trimIndent strips up to three spaces of indentation; four or more make an
// indented code line, which is never a heading or a fence.
func trimIndent(line string) (string, bool) {
	n := 0
	for n < len(line) && line[n] == ' ' {
		n++
	}
	if n > 3 || n < len(line) && line[n] == '\t' {
		return "", false
	}
	return line[n:], true
}

func atxHeading(line string) (int, string, bool) {
	t, ok := trimIndent(line)
	if !ok {
		return 0, "", false
	}
	level := 0
	for level < len(t) && t[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level < len(t) && t[level] != ' ' && t[level] != '\t' {
		return 0, "", false
	}
	title := strings.TrimSpace(t[level:])
	// A closing sequence of #s is not part of the title.
	if trimmed := strings.TrimRight(title, "#"); trimmed == "" || strings.HasSuffix(trimmed, " ") {
		title = strings.TrimSpace(trimmed)
	}
	return level, cleanInline(title), true
}

func setextUnderline(line string) (int, bool) {
	t, ok := trimIndent(line)
	if !ok {
		return 0, false
	}
	t = strings.TrimRight(t, " \t")
	switch {
	case t == "":
		return 0, false
	case strings.Trim(t, "=") == "":
		return 1, true
	case strings.Trim(t, "-") == "":
		return 2, true
	}
	return 0, false
}

// isParagraphLine says whether line i is plain text that a setext
// underline turns into a heading: not blank, code, a heading, a list item,
// a quote or a table row.
func (d *Document) isParagraphLine(i int) bool {
	if d.code[i] {
		return false
	}
	t, ok := trimIndent(d.Lines[i])
	if !ok || strings.TrimSpace(t) == "" || strings.Contains(t, "|") {
		return false
	}
	if _, _, h := atxHeading(t); h || listItem.MatchString(t) || t[0] == '>' {
		return false
	}
	// Headings are added in order, so only the last can be on line i+1.
	last := d.Sections[len(d.Sections)-1]
	return last.Level == 0 || last.Line != i+1
}

var listItem = regexp.MustCompile(`^([-*+]|\d{1,9}[.)])(\s|$)`)

func (d *Document) addSection(level int, title string, line int) {
	d.Sections = append(d.Sections, Section{Level: level, Title: title, Line: line, Parent: -1})
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

// findTables collects pipe tables: a row with a pipe, then a delimiter row
// of dashes, colons and pipes.
func (d *Document) findTables() []Table {
	var tables []Table
	for i := 0; i+1 < len(d.Lines); i++ {
		if d.code[i] || d.code[i+1] || !strings.Contains(d.Lines[i], "|") || !isDelimiterRow(d.Lines[i+1]) {
			continue
		}
		t := Table{Section: d.section[i], Line: i + 1, Header: splitRow(d.Lines[i])}
		j := i + 2
		for ; j < len(d.Lines) && !d.code[j] && strings.Contains(d.Lines[j], "|") && strings.TrimSpace(d.Lines[j]) != ""; j++ {
			t.Rows = append(t.Rows, Row{Line: j + 1, Cells: splitRow(d.Lines[j])})
		}
		tables = append(tables, t)
		i = j - 1
	}
	return tables
}

func isDelimiterRow(line string) bool {
	t := strings.TrimSpace(line)
	if !strings.Contains(t, "-") || !strings.Contains(t, "|") && !strings.Contains(t, ":") {
		return false
	}
	return strings.Trim(t, "|-: \t") == ""
}

// splitRow splits a table row into trimmed cells, honouring escaped pipes.
func splitRow(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	if strings.HasSuffix(t, "|") && !strings.HasSuffix(t, `\|`) {
		t = t[:len(t)-1]
	}
	var cells []string
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		switch {
		case t[i] == '\\' && i+1 < len(t) && t[i+1] == '|':
			b.WriteByte('|')
			i++
		case t[i] == '|':
			cells = append(cells, cleanInline(b.String()))
			b.Reset()
		default:
			b.WriteByte(t[i])
		}
	}
	return append(cells, cleanInline(b.String()))
}

var (
	linkRe = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	// Emphasis marks go; an underscore inside a word (snake_case) is part
	// of the word, as in CommonMark.
	markupRe     = regexp.MustCompile("[*`]{1,3}")
	underscoreRe = regexp.MustCompile(`(^|\W)_{1,3}|_{1,3}(\W|$)`)
)

// cleanInline removes inline markup from a heading or a cell: links keep
// their text, emphasis and code marks go.
func cleanInline(s string) string {
	if !strings.ContainsAny(s, "[*_`") {
		return strings.Join(strings.Fields(s), " ")
	}
	s = linkRe.ReplaceAllString(s, "$1")
	s = markupRe.ReplaceAllString(s, "")
	// Twice: one match may take the space the next one needs.
	s = underscoreRe.ReplaceAllString(underscoreRe.ReplaceAllString(s, "$1$2"), "$1$2")
	return strings.Join(strings.Fields(s), " ")
}

// SectionOf returns the index of the section holding line (1-based).
func (d *Document) SectionOf(line int) int {
	if line < 1 || line > len(d.section) {
		return 0
	}
	return d.section[line-1]
}

// InCode says whether line (1-based) is inside a fenced code block.
func (d *Document) InCode(line int) bool {
	return line >= 1 && line <= len(d.code) && d.code[line-1]
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
