// Package termsafe makes untrusted text safe to print on a terminal or to
// write into a document.
//
// Text that came from a file, a model, a provider, a tool name or a
// config file may hold bytes a terminal obeys rather than shows: ESC and
// the sequences it introduces (clipboard writes, hyperlinks, window
// titles, screen clears, reset), the other C0 and C1 controls, and the
// bidi overrides and isolates that make text read differently from how
// it is stored. termsafe shows each of them as visible text instead:
// ESC becomes `\x1b`, U+009B becomes `U+009B`, U+202E becomes `U+202E`,
// a byte that is not UTF-8 becomes `\xff`. Newline and tab pass through;
// a carriage return before a newline is dropped, any other is shown.
//
// Sanitise first, style after: sysarch's own colour sequences are added
// to text that has already been made safe.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// String returns s with every control character, escape sequence
// introducer, bidi control and invalid byte shown visibly. Newlines and
// tabs are kept.
func String(s string) string {
	if Safe(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	appendSafe(&b, s, false)
	return b.String()
}

// Line is String for text shown on one line (a title in a listing, a
// name in a status line): a newline is shown as `\n` too.
func Line(s string) string {
	if Safe(s) && !strings.ContainsRune(s, '\n') {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	appendSafe(&b, s, true)
	return b.String()
}

// Bytes is String for a byte slice; it returns b itself when b is safe.
func Bytes(b []byte) []byte {
	if Safe(string(b)) {
		return b
	}
	var sb strings.Builder
	sb.Grow(len(b) + 16)
	appendSafe(&sb, string(b), false)
	return []byte(sb.String())
}

// Safe reports whether s holds nothing String would change.
func Safe(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if isControl(c) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || unsafeRune(r) {
			return false
		}
		i += n
	}
	return true
}

// isControl reports whether an ASCII byte must be shown escaped.
func isControl(c byte) bool {
	return (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f
}

// unsafeRune reports whether a non-ASCII rune is a C1 control or a bidi
// control.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1: U+009B is CSI on many terminals
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // ALM, LRM, RLM
		return true
	case r >= 0x202a && r <= 0x202e: // LRE, RLE, PDF, LRO, RLO
		return true
	case r >= 0x2066 && r <= 0x2069: // LRI, RLI, FSI, PDI
		return true
	}
	return false
}

// appendSafe writes s to b with every unsafe character shown visibly;
// oneLine shows newlines too.
func appendSafe(b *strings.Builder, s string, oneLine bool) {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '\r' && i+1 < len(s) && s[i+1] == '\n' && !oneLine:
				// CRLF line ends read as LF: nothing is hidden by dropping it.
			case c == '\n' && oneLine:
				b.WriteString(`\n`)
			case isControl(c):
				fmt.Fprintf(b, `\x%02x`, c)
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(b, `\x%02x`, c)
		case unsafeRune(r):
			fmt.Fprintf(b, "U+%04X", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
}

// Clean reports whether a document holds no byte below 0x20 other than
// newline and tab, no DEL, no C1 control and no bidi control: what every
// document sysarch writes must satisfy.
func Clean(doc []byte) bool {
	s := string(doc)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf && isControl(byte(r)) || r >= utf8.RuneSelf && unsafeRune(r) {
			return false
		}
		i += n
	}
	return true
}
