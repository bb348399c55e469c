// Package render draws Markdown for a terminal: glamour with a fixed
// style, prose wrapped to the terminal's width but never wider than
// MaxWidth, and tables laid out here so that no number is split across
// lines, so the same document looks the same on every machine and in
// tests.
package render

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
	"github.com/sysarch/sysarch/agent/mdbound"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// MaxWidth caps the wrap width of prose: long lines are hard to read.
const MaxWidth = 100

// MaxTableWidth caps the width of tables, which read better wide than
// wrapped into tall rows.
const MaxTableWidth = 160

// Terminal renders Markdown with colour for a terminal of the given width
// (0 or less means MaxWidth for prose and tables alike).
func Terminal(md []byte, width int) ([]byte, error) { return terminal(md, width, true) }

// TerminalPlain renders Markdown for a terminal exactly as Terminal does —
// wrapped prose, tables drawn whole — but without one escape code: what
// NO_COLOR asks for is no colour, not raw Markdown the terminal then
// wraps in the middle of a number.
func TerminalPlain(md []byte, width int) ([]byte, error) { return terminal(md, width, false) }

func terminal(md []byte, width int, colour bool) ([]byte, error) {
	prose, tables := width, width
	if width <= 0 {
		prose, tables = MaxWidth, MaxWidth
	}
	prose, tables = min(prose, MaxWidth), min(tables, MaxTableWidth)
	profile, ts := termenv.TrueColor, colourStyle()
	if !colour {
		profile, ts = termenv.Ascii, plainStyle()
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(style()),
		glamour.WithColorProfile(profile),
		glamour.WithWordWrap(prose),
	)
	if err != nil {
		return nil, err
	}
	// Untrusted text is shown, never obeyed: sanitise before any styling.
	safe := termsafe.String(string(md))
	if mdbound.Check([]byte(safe)) != nil || longWords(safe) > maxLongWords {
		// A run that would take the parser or the wrap minutes (a hostile
		// title, a model's answer) is shown as the plain Markdown it is.
		return []byte(safe), nil
	}
	text, found := cutTables(safe)
	out, err := r.Render(keepWhole(text))
	if err != nil {
		return nil, err
	}
	out = restore.Replace(out)
	out = pasteTables(out, found, tables, ts)
	if !colour {
		// glamour marks bold even without a colour profile.
		out = stripEscapes(out)
	}
	return []byte(out), nil
}

// glamour's wrap takes time that grows with the square of a word's
// length: a 2,000-byte word takes 60 ms, an 8,000-byte one 0.6 s, and a
// 100 KB title did not finish. So the words longer than a URL are
// weighed by the square of their length, and past maxLongWords (about
// 150 ms of wrapping) the document is not styled.
const (
	longWord     = 100
	maxLongWords = 10_000_000
)

// longWords sums the squared lengths of the words longer than longWord.
func longWords(md string) int {
	sum, run := 0, 0
	for i := 0; i <= len(md); i++ {
		if i < len(md) && md[i] != ' ' && md[i] != '\n' && md[i] != '\t' {
			run++
			continue
		}
		if run > longWord {
			sum += run * run
		}
		run = 0
	}
	return sum
}

// tablePlaceholder stands in for the i-th table while glamour renders the
// prose around it: one word glamour leaves whole.
func tablePlaceholder(i int) string { return fmt.Sprintf("SYSARCHTABLE%dEND", i) }

// cutTables replaces each pipe table outside code blocks by a placeholder
// paragraph and returns the tables.
func cutTables(md string) (string, []table) {
	lines := strings.Split(md, "\n")
	var out []string
	var tables []table
	fence := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if f := mdbound.FenceOf(l); f != "" && (fence == "" || strings.HasPrefix(strings.TrimSpace(l), fence)) {
			if fence == "" {
				fence = f
			} else {
				fence = ""
			}
		}
		if fence != "" || !isTableLine(l) || i+1 >= len(lines) || !delimiterRow.MatchString(lines[i+1]) {
			out = append(out, l)
			continue
		}
		end := i + 2
		for end < len(lines) && isTableLine(lines[end]) {
			end++
		}
		out = append(out, "", tablePlaceholder(len(tables)), "")
		tables = append(tables, parseTable(lines[i:end]))
		i = end - 1
	}
	return strings.Join(out, "\n"), tables
}

func isTableLine(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "|") }

// pasteTables puts each table, drawn within width, where glamour put its
// placeholder, at the placeholder's indentation.
func pasteTables(out string, tables []table, width int, ts tableStyle) string {
	if len(tables) == 0 {
		return out
	}
	lines := strings.Split(out, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		n, ok := placeholderIn(l, len(tables))
		if !ok {
			b.WriteString(l)
			continue
		}
		plain := stripEscapes(l)
		indent := len(plain) - len(strings.TrimLeft(plain, " "))
		for k, row := range tables[n].draw(width-2*indent, ts) {
			if k > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(strings.Repeat(" ", indent) + row)
		}
	}
	return b.String()
}

func placeholderIn(line string, n int) (int, bool) {
	if !strings.Contains(line, "SYSARCHTABLE") {
		return 0, false
	}
	for i := range n {
		if strings.Contains(line, tablePlaceholder(i)) {
			return i, true
		}
	}
	return 0, false
}

// Glamour breaks lines inside words in two places: its paragraph wrap
// miscounts hyphenated words and then cuts the line elsewhere ("3.5"
// became "3." and "5"), and lists and quotes wrap at any '.', ',' or '-'
// ("2.96mo" became "2." and "96mo"). So while it wraps, the '-', '.' and
// ',' inside words and numbers are stand-ins it does not break at; the
// characters are put back in what it returns.
var (
	standIns = map[byte]string{'-': "\u2011", '.': "\ue000", ',': "\ue001"}
	restore  = strings.NewReplacer("\u2011", "-", "\ue000", ".", "\ue001", ",")
)

// keepWhole replaces the breakable characters inside words with their
// stand-ins.
func keepWhole(s string) string {
	if !strings.ContainsAny(s, "-.,") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/16)
	for i := 0; i < len(s); i++ {
		if standIn, ok := standIns[s[i]]; ok && i > 0 && i+1 < len(s) {
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[i+1:])
			if isWordRune(before) && isWordRune(after) {
				b.WriteString(standIn)
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// stripEscapes drops terminal escape sequences to measure what is visible.
func stripEscapes(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == 0x1b {
			for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// style is glamour's dark style with code blocks left unhighlighted: a
// design's code blocks are diagrams, and looking up a highlighter for
// them costs more than rendering the rest of the document.
func style() ansi.StyleConfig {
	s := styles.DarkStyleConfig
	s.CodeBlock.Chroma = nil
	s.CodeBlock.Theme = ""
	// Blocks with a margin pad every line to the full width, one styled
	// space at a time; unstyled padding looks the same and is far cheaper.
	s.Document.Color = nil
	s.CodeBlock.Color = nil
	return s
}
