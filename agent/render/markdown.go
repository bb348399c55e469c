package render

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
	"github.com/sysarch/sysarch/agent/mdext"
	"github.com/sysarch/sysarch/agent/termsafe"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The renderer walks goldmark's syntax tree and lays every block out
// itself: a paragraph is a list of words wrapped greedily at spaces, so a
// word (a number, "64-bit", "3.5") is only ever broken when it is wider
// than the whole line; list items and quotes wrap under their own text;
// code blocks are printed as they are written. Styles are SGR escape
// codes added to text termsafe has already made safe; the plain
// rendering is the same text without them.

// Select Graphic Rendition parameters of each element.
const (
	sgrBold      = "1"
	sgrItalic    = "3"
	sgrStrike    = "9"
	sgrCode      = "38;5;216"
	sgrLink      = "4"
	sgrURL       = "38;5;246"
	sgrTitle     = "1;38;5;159"
	sgrTitleRule = "38;5;67"
	sgrSection   = "1;38;5;81"
	sgrSub       = "1;38;5;116"
	sgrMinor     = "1;38;5;152"
	sgrMarker    = "38;5;110"
	sgrQuoteBar  = "38;5;242"
	sgrRule      = "38;5;240"
	sgrCodeBlock = "38;5;151"
)

// markdown parses CommonMark with strikethrough and task lists; pipe tables are cut out
// before parsing and drawn by table.go.
var markdown = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(mdext.Strikethrough, mdext.TaskList))
})

// piece is a run of text in one style.
type piece struct{ text, sgr string }

// word is what the wrap never breaks unless it is wider than a line.
type word struct {
	parts []piece
	width int
}

func (w word) plain() string {
	if len(w.parts) == 1 {
		return w.parts[0].text
	}
	var b strings.Builder
	for _, p := range w.parts {
		b.WriteString(p.text)
	}
	return b.String()
}

// inline collects a block's inline content as words, split into the
// lines its hard breaks ask for.
type inline struct {
	src   []byte
	lines [][]word
	cur   []piece // the word being built
	curW  int
}

func (in *inline) add(s, sgr string) {
	for s != "" {
		i := strings.IndexAny(s, " \t\n")
		if i < 0 {
			in.cur = append(in.cur, piece{s, sgr})
			in.curW += textWidth(s)
			return
		}
		if i > 0 {
			in.cur = append(in.cur, piece{s[:i], sgr})
			in.curW += textWidth(s[:i])
		}
		in.endWord()
		s = s[i+1:]
	}
}

func (in *inline) endWord() {
	if len(in.cur) == 0 {
		return
	}
	if len(in.lines) == 0 {
		in.lines = append(in.lines, nil)
	}
	last := len(in.lines) - 1
	in.lines[last] = append(in.lines[last], word{in.cur, in.curW})
	in.cur, in.curW = nil, 0
}

func (in *inline) hardBreak() {
	in.endWord()
	if len(in.lines) == 0 {
		in.lines = append(in.lines, nil)
	}
	in.lines = append(in.lines, nil)
}

// walk adds the inline children of n in the style sgr.
func (in *inline) walk(n ast.Node, sgr string) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		in.node(c, sgr)
	}
}

func (in *inline) node(n ast.Node, sgr string) {
	switch n := n.(type) {
	case *ast.Text:
		in.add(textOf(n.Value(in.src), !n.IsRaw()), sgr)
		switch {
		case n.HardLineBreak():
			in.hardBreak()
		case n.SoftLineBreak():
			in.endWord()
		}
	case *ast.String:
		in.add(textOf(n.Value, !n.IsRaw() && !n.IsCode()), sgr)
	case *ast.CodeSpan:
		var b strings.Builder
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Value(in.src))
			case *ast.String:
				b.Write(t.Value)
			}
		}
		in.add(termsafe.String(b.String()), join(sgr, sgrCode))
	case *ast.Emphasis:
		style := sgrItalic
		if n.Level >= 2 {
			style = sgrBold
		}
		in.walk(n, join(sgr, style))
	case *ast.Link:
		in.walk(n, join(sgr, sgrLink))
		if url := termsafe.String(string(n.Destination)); url != "" && url != strings.TrimSpace(in.textIn(n)) {
			in.endWord()
			in.add("("+url+")", join(sgr, sgrURL))
		}
	case *ast.AutoLink:
		// An address is shown as written: an e-mail without its mailto:.
		in.add(termsafe.String(string(n.Label(in.src))), join(sgr, sgrURL))
	case *ast.Image:
		in.walk(n, join(sgr, sgrItalic))
		if url := termsafe.String(string(n.Destination)); url != "" {
			in.endWord()
			in.add("("+url+")", join(sgr, sgrURL))
		}
	case *ast.RawHTML:
		var b strings.Builder
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			b.Write(seg.Value(in.src))
		}
		raw := b.String()
		if tag := strings.ToLower(strings.ReplaceAll(raw, " ", "")); tag == "<br>" || tag == "<br/>" {
			in.hardBreak()
			return
		}
		in.add(termsafe.String(raw), sgr)
	default:
		switch n.Kind() {
		case extast.KindStrikethrough:
			in.walk(n, join(sgr, sgrStrike))
			return
		case extast.KindTaskCheckBox:
			return // drawn as the item's mark
		}
		in.walk(n, sgr)
	}
}

// textIn is the plain text of n's inline content, for a link to tell
// whether its text already shows its address.
func (in *inline) textIn(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(in.src))
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func (in *inline) finish() [][]word {
	in.endWord()
	return in.lines
}

// textOf resolves a text node's escapes and character references; a
// reference may name a control character, so the result is made safe
// again.
func textOf(v []byte, resolve bool) string {
	if resolve {
		v = util.UnescapePunctuations(v)
		v = util.ResolveNumericReferences(v)
		v = util.ResolveEntityNames(v)
	}
	return termsafe.String(string(v))
}

// textWidth is the number of columns s takes: its length when it is
// ASCII, which most of a design is, and go-runewidth's count otherwise.
func textWidth(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return runewidth.StringWidth(s)
		}
	}
	return len(s)
}

func join(a, b string) string {
	if a == "" {
		return b
	}
	return a + ";" + b
}

// keepUnits joins a number and the unit after it into one word, as the
// table cells do: "50 GB/month" is never split.
func keepUnits(ws []word) []word {
	out := ws[:0]
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if i+1 < len(ws) && number.MatchString(w.plain()) && unit.MatchString(ws[i+1].plain()) {
			next := ws[i+1]
			parts := append(append(append([]piece{}, w.parts...), piece{" ", ""}), next.parts...)
			w = word{parts, w.width + 1 + next.width}
			i++
		}
		out = append(out, w)
	}
	return out
}

// wrap lays words out in lines of at most width columns; the first line
// has first columns. Only a word wider than its line is broken.
func wrap(ws []word, first, width int) [][]word {
	var lines [][]word
	var line []word
	used := 0
	limit := func() int {
		if len(lines) == 0 {
			return max(1, first)
		}
		return max(1, width)
	}
	for _, w := range ws {
		for w.width > limit() {
			if len(line) > 0 {
				lines, line, used = append(lines, line), nil, 0
			}
			head, rest := cutWord(w, limit())
			lines, w = append(lines, []word{head}), rest
		}
		switch {
		case len(line) == 0:
			line, used = []word{w}, w.width
		case used+1+w.width <= limit():
			line, used = append(line, w), used+1+w.width
		default:
			lines, line, used = append(lines, line), []word{w}, w.width
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// cutWord splits w after at most width columns.
func cutWord(w word, width int) (word, word) {
	var head, rest word
	for _, p := range w.parts {
		if head.width >= width || len(rest.parts) > 0 {
			rest.parts, rest.width = append(rest.parts, p), rest.width+textWidth(p.text)
			continue
		}
		i, used := 0, head.width
		for i < len(p.text) {
			r, size := utf8.DecodeRuneInString(p.text[i:])
			if used+runewidth.RuneWidth(r) > width && used > 0 {
				break
			}
			used += runewidth.RuneWidth(r)
			i += size
		}
		if i > 0 {
			head.parts, head.width = append(head.parts, piece{p.text[:i], p.sgr}), used
		}
		if i < len(p.text) {
			rest.parts, rest.width = append(rest.parts, piece{p.text[i:], p.sgr}), rest.width+textWidth(p.text[i:])
		}
	}
	return head, rest
}

// renderer draws the blocks of one document.
type renderer struct {
	src    []byte
	colour bool
	tables []table
	ts     tableStyle
	depth  int // of nested lists
}

// room is the width a block may fill: prose and tables have their own.
type room struct{ prose, table int }

func (r room) less(n int) room { return room{max(10, r.prose-n), max(10, r.table-2*n)} }

func (r *renderer) style(s, sgr string) string {
	if !r.colour || sgr == "" || s == "" {
		return s
	}
	return "\x1b[" + sgr + "m" + s + "\x1b[0m"
}

// line draws one line of words, one escape sequence per run of a style.
func (r *renderer) line(ws []word) string {
	var b strings.Builder
	var run strings.Builder
	sgr := ""
	flush := func() {
		b.WriteString(r.style(run.String(), sgr))
		run.Reset()
	}
	put := func(p piece) {
		if p.sgr != sgr {
			flush()
			sgr = p.sgr
		}
		run.WriteString(p.text)
	}
	for i, w := range ws {
		if i > 0 {
			// A space is styled only between two words of one style, so
			// that an underline or a background does not run past a word.
			if w.parts[0].sgr != sgr {
				flush()
				sgr = ""
			}
			run.WriteByte(' ')
		}
		for _, p := range w.parts {
			put(p)
		}
	}
	flush()
	return b.String()
}

// document draws the whole tree two columns in from the left; prose
// keeps two columns free on the right as well.
func (r *renderer) document(doc ast.Node, w room) string {
	lines := r.blocks(doc, room{max(10, w.prose-4), max(10, w.table-4)}, false)
	var b strings.Builder
	b.WriteByte('\n')
	for _, l := range lines {
		if l != "" {
			b.WriteString("  ")
			b.WriteString(l)
		}
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	return b.String()
}

// blocks draws n's children one after the other, a blank line between
// two unless tight (the items of a tight list).
func (r *renderer) blocks(n ast.Node, w room, tight bool) []string {
	var out []string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if len(out) > 0 && !tight {
			out = append(out, "")
		}
		out = append(out, r.block(c, w)...)
	}
	return out
}

func (r *renderer) block(n ast.Node, w room) []string {
	switch n := n.(type) {
	case *ast.Heading:
		return r.heading(n, w)
	case *ast.Paragraph, *ast.TextBlock:
		if t, ok := r.tableIn(n); ok {
			return t.draw(w.table, r.ts)
		}
		return r.paragraph(n, "", w.prose)
	case *ast.List:
		return r.list(n, w)
	case *ast.Blockquote:
		bar := r.style("│", sgrQuoteBar)
		lines := r.blocks(n, w.less(2), false)
		for i, l := range lines {
			if l == "" {
				lines[i] = bar
			} else {
				lines[i] = bar + " " + l
			}
		}
		return lines
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		return r.code(n)
	case *ast.HTMLBlock:
		var out []string
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			out = append(out, termsafe.String(strings.TrimRight(string(seg.Value(r.src)), "\r\n")))
		}
		if n.HasClosure() {
			out = append(out, termsafe.String(strings.TrimRight(string(n.ClosureLine.Value(r.src)), "\r\n")))
		}
		return out
	case *ast.ThematicBreak:
		return []string{r.style(strings.Repeat("─", w.prose), sgrRule)}
	default:
		return r.blocks(n, w, false)
	}
}

// tableIn returns the table whose placeholder is the whole of paragraph n.
func (r *renderer) tableIn(n ast.Node) (table, bool) {
	t, ok := n.FirstChild().(*ast.Text)
	if !ok || t.NextSibling() != nil || len(r.tables) == 0 {
		return table{}, false
	}
	v := string(t.Value(r.src))
	if !strings.HasPrefix(v, "SYSARCHTABLE") {
		return table{}, false
	}
	for i := range r.tables {
		if v == tablePlaceholder(i) {
			return r.tables[i], true
		}
	}
	return table{}, false
}

// paragraph wraps n's inline content to width; lead goes before the
// first word (a heading's marks) and later lines hang under the text.
func (r *renderer) paragraph(n ast.Node, sgr string, width int) []string {
	in := &inline{src: r.src}
	in.walk(n, sgr)
	var out []string
	for _, ws := range in.finish() {
		for _, l := range wrap(keepUnits(ws), width, width) {
			out = append(out, r.line(l))
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// heading: a title is underlined with a double rule; a section keeps its
// Markdown marks ("## ") so that the levels read apart with or without
// colour.
func (r *renderer) heading(n *ast.Heading, w room) []string {
	sgr := map[int]string{1: sgrTitle, 2: sgrSection, 3: sgrSub}[n.Level]
	if sgr == "" {
		sgr = sgrMinor
	}
	in := &inline{src: r.src}
	if n.Level > 1 {
		in.add(strings.Repeat("#", n.Level), sgr)
		in.endWord()
	}
	in.walk(n, sgr)
	var ws []word
	for _, l := range in.finish() {
		ws = append(ws, l...)
	}
	indent := 0
	if n.Level > 1 {
		indent = n.Level + 1
	}
	var out []string
	widest := 0
	for i, l := range wrap(ws, w.prose, w.prose-indent) {
		s := r.line(l)
		lw := lineWidth(l)
		if i > 0 {
			s, lw = strings.Repeat(" ", indent)+s, lw+indent
		}
		widest = max(widest, lw)
		out = append(out, s)
	}
	if n.Level == 1 {
		out = append(out, r.style(strings.Repeat("═", widest), sgrTitleRule))
	}
	return out
}

func lineWidth(ws []word) int {
	n := max(0, len(ws)-1)
	for _, w := range ws {
		n += w.width
	}
	return n
}

// bullets mark the items of a list by how deeply it is nested.
var bullets = []string{"•", "◦", "▪"}

func (r *renderer) list(n *ast.List, w room) []string {
	count := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		count++
	}
	markW := 2
	if n.IsOrdered() {
		markW = len(strconv.Itoa(n.Start+count-1)) + 2
	}
	r.depth++
	defer func() { r.depth-- }()
	var out []string
	i := 0
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if i > 0 && !n.IsTight {
			out = append(out, "")
		}
		mark, itemW := bullets[(r.depth-1)%len(bullets)]+" ", markW
		if n.IsOrdered() {
			num := strconv.Itoa(n.Start+i) + string(n.Marker)
			mark = strings.Repeat(" ", markW-1-len(num)) + num + " "
		}
		if box, ok := checkBox(c); ok {
			mark, itemW = "[ ] ", 4
			if box.IsChecked {
				mark = "[✓] "
			}
		}
		lines := r.blocks(c, w.less(itemW), n.IsTight)
		if len(lines) == 0 {
			lines = []string{""}
		}
		pad := strings.Repeat(" ", itemW)
		for k, l := range lines {
			switch {
			case k == 0:
				out = append(out, strings.TrimRight(r.style(strings.TrimRight(mark, " "), sgrMarker)+" "+l, " "))
			case l == "":
				out = append(out, "")
			default:
				out = append(out, pad+l)
			}
		}
		i++
	}
	return out
}

// checkBox returns the task list box that starts item, if any.
func checkBox(item ast.Node) (*extast.TaskCheckBox, bool) {
	if first := item.FirstChild(); first != nil {
		box, ok := first.FirstChild().(*extast.TaskCheckBox)
		return box, ok
	}
	return nil, false
}

// code prints a code block's lines as written, indented, never wrapped:
// a design's code blocks are diagrams.
func (r *renderer) code(n ast.Node) []string {
	lines := n.Lines()
	out := make([]string, 0, lines.Len())
	for i := range lines.Len() {
		seg := lines.At(i)
		l := strings.TrimRight(string(seg.Value(r.src)), "\r\n")
		if l == "" {
			out = append(out, "")
			continue
		}
		out = append(out, "  "+r.style(l, sgrCodeBlock))
	}
	return out
}

// markdownToTerminal parses md and draws it within w.
func markdownToTerminal(md string, tables []table, w room, colour bool, ts tableStyle) string {
	src := []byte(md)
	doc := markdown().Parser().Parse(text.NewReader(src))
	r := &renderer{src: src, colour: colour, tables: tables, ts: ts}
	return r.document(doc, w)
}
