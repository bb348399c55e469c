// Package render draws Markdown for a terminal: goldmark parses it, and
// this package lays out every block itself with a fixed style — prose
// wrapped to the terminal's width but never wider than MaxWidth, lists
// and quotes wrapped under their own text, code blocks as written, and
// tables drawn so that no number is split across lines — so the same
// document looks the same on every machine and in tests. It links no
// syntax highlighter: a design's code blocks are diagrams, and a
// highlighter's lexers and styles cost every process tens of
// milliseconds of start-up.
package render

import (
	"fmt"
	"strings"

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
	ts := colourStyle()
	if !colour {
		ts = plainStyle()
	}
	// Untrusted text is shown, never obeyed: sanitise before any styling.
	safe := termsafe.String(string(md))
	if mdbound.Check([]byte(safe)) != nil || longWords(safe) > maxLongWords {
		// A run that would take the parser seconds (a hostile title, a
		// model's answer) is shown as the plain Markdown it is.
		return []byte(safe), nil
	}
	text, found := cutTables(safe)
	out := markdownToTerminal(text, found, room{prose, tables}, colour, ts)
	return []byte(out), nil
}

// A document that is mostly words longer than a URL is not prose:
// wrapping only chops it into line-wide pieces, so it is shown as it is.
// Words longer than longWord are weighed by the square of their length,
// so a few long URLs pass and a 100 KB run of one word does not.
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

// tablePlaceholder stands in for the i-th table while the prose around it
// is parsed: a paragraph of one word, drawn as the table.
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
