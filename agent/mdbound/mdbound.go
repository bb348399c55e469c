// Package mdbound checks Markdown for the runs that make a CommonMark
// parser slow before it is parsed.
//
// goldmark, like most CommonMark parsers, spends time that grows faster
// than the text on some runs inside one paragraph: a quarter of a million
// unclosed link openings "[a](" took minutes, so did "a_" repeated, and
// a few thousand nested block quotes on one line take seconds. No design
// document holds such a run, so Check refuses it before parsing, with the
// line where it starts, and what sysarch writes stays well inside the
// bounds. Each kind of mark is bounded per block (lines between blank
// lines), where the cost grows with its square, and per document, where
// it grows with the count.
package mdbound

import (
	"fmt"
	"strings"
)

// The bounds of one block. Each is far above what a design document
// holds (a long table has a few hundred links) and far below where the
// parser's time becomes noticeable (a second is about 10,000 of one kind).
const (
	MaxLinks   = 1000 // '[' openings: link and image parsing
	MaxDelims  = 2000 // '*', '_' and '~': emphasis and the autolinker
	MaxCode    = 1000 // '`': code spans
	MaxAngles  = 2000 // '<': autolinks and raw HTML
	MaxNesting = 16   // block quotes and list markers opening one line
	// MaxIndent bounds the indentation of a list item: nesting by
	// indentation costs time with the square of the depth.
	MaxIndent = 128
	// MaxItems bounds the list items and quoted lines of a document,
	// fifteen times what a 1 MiB design document holds: each is a block
	// the parser and the review handle on its own.
	MaxItems = 20000
)

// The parser also spends microseconds on each mark however the marks are
// spread, and the review as much again, so a document is bounded by its
// total of each kind too: ten times what a 1 MiB design document holds.
var maxTotal = [kinds]int{links: 20000, delims: 50000, code: 30000, angles: 30000}

type kind int

const (
	links kind = iota
	delims
	code
	angles
	kinds
)

var (
	names  = [kinds]string{"'['", "emphasis marks ('*', '_', '~')", "backticks", "'<'"}
	limits = [kinds]int{MaxLinks, MaxDelims, MaxCode, MaxAngles}
)

// Error says where a pathological run is and what it is.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Check returns an *Error for the first block past a bound, or nil. It
// reads the text once and allocates nothing per line.
// Fenced code is skipped: the parser does not read inside it.
func Check(src []byte) error {
	var d document
	fence := ""
	line := 0
	for l := range strings.SplitSeq(string(src), "\n") {
		line++
		if f := FenceOf(l); f != "" && (fence == "" || strings.HasPrefix(strings.TrimSpace(l), fence)) {
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
			if err := d.endBlock(); err != nil {
				return err
			}
			continue
		}
		if fence != "" || strings.TrimSpace(l) == "" {
			if err := d.endBlock(); err != nil {
				return err
			}
			continue
		}
		if err := d.add(l, line); err != nil {
			return err
		}
	}
	return d.endBlock()
}

// document counts the marks of the block being read and of the blocks
// before it.
type document struct {
	start int // the block's first line; 0 between blocks
	count [kinds]int
	total [kinds]int
	items int
}

func (d *document) add(l string, line int) error {
	if d.start == 0 {
		d.start = line
	}
	if n := nesting(l); n > MaxNesting {
		return &Error{line, fmt.Sprintf("%d block quotes or list markers nested on one line (at most %d); flatten them", n, MaxNesting)}
	} else if n > 0 {
		if in := indent(l); in > MaxIndent {
			return &Error{line, fmt.Sprintf("a list item indented %d columns, nested deeper than a document needs (at most %d); flatten the list", in, MaxIndent)}
		}
		if d.items++; d.items > MaxItems {
			return &Error{line, fmt.Sprintf("more than %d list items and quoted lines, far more than a design document holds; is this the right file?", MaxItems)}
		}
	}
	for i := 0; i < len(l); i++ {
		switch l[i] {
		case '[':
			d.count[links]++
		case '*', '_', '~':
			d.count[delims]++
		case '`':
			d.count[code]++
		case '<':
			d.count[angles]++
		}
	}
	for k := range kinds {
		if d.count[k] > limits[k] {
			return &Error{d.start, fmt.Sprintf("a paragraph with more than %d %s; that is not prose a design document holds: split it with blank lines or remove the run", limits[k], names[k])}
		}
	}
	return nil
}

// endBlock adds the block's marks to the document's.
func (d *document) endBlock() error {
	for k := range kinds {
		d.total[k] += d.count[k]
		if d.total[k] > maxTotal[k] {
			return &Error{d.start, fmt.Sprintf("the document holds more than %d %s, more than the Markdown parser reads in time and far more than a design document holds: remove the runs", maxTotal[k], names[k])}
		}
	}
	d.start, d.count = 0, [kinds]int{}
	return nil
}

// nesting counts the block quote and list markers that open a line:
// "> > - * x" opens four containers.
func nesting(l string) int {
	d := 0
	for {
		l = strings.TrimLeft(l, " \t")
		switch {
		case strings.HasPrefix(l, ">"):
			l = l[1:]
		case len(l) >= 2 && strings.ContainsRune("-*+", rune(l[0])) && (l[1] == ' ' || l[1] == '\t'):
			l = l[2:]
		default:
			n := 0
			for n < len(l) && n < 9 && l[n] >= '0' && l[n] <= '9' {
				n++
			}
			if n == 0 || n+1 >= len(l) || (l[n] != '.' && l[n] != ')') || l[n+1] != ' ' {
				return d
			}
			l = l[n+2:]
		}
		d++
		if d > MaxNesting {
			return d // enough to refuse; counting on costs time for nothing
		}
	}
}

// indent returns the columns of a line's leading white space, a tab
// counting four.
func indent(l string) int {
	n := 0
	for _, c := range []byte(l) {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// FenceOf returns the code fence (``` or ~~~) a Markdown line opens or
// closes, or "".
func FenceOf(l string) string {
	t := strings.TrimLeft(l, " ")
	if len(l)-len(t) > 3 {
		return ""
	}
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(t, f) {
			return f
		}
	}
	return ""
}
