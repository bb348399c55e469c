package quantity

import (
	"strings"
	"unicode/utf8"
)

// Mention is a quantity found in prose by Scan.
type Mention struct {
	Start, End int    // byte offsets of the quantity in the text
	Text       string // the quantity as written, text[Start:End]
	Value      Value  // in base units; a rate's Value.Period is its period
	// Count is a rate's count per Value.Period as written (100M for
	// "100M/month"), so that a Flow keeps it exactly; 0 for other kinds.
	Count float64
	// Noun is what a rate counts, in lower case, as written between the
	// figure and its period ("read requests", "new short links"); "" when
	// none is written or for other kinds.
	Noun string
}

// Flow returns a rate mention as a Flow; ok is false for other kinds.
func (m Mention) Flow() (Flow, bool) {
	if m.Value.Kind != PerSecond || m.Count == 0 {
		return Flow{}, false
	}
	return Flow{Count: m.Count, Per: m.Value.Period}, true
}

// Scan returns the quantities written in text, in order: counts ("5
// million"), sizes ("1.27KB"), durations ("250ms"), rates with what they
// count ("10 billion redirects per month", "1,200 rps"), byte rates ("400
// KB/s") and percentages. A figure that is part of a date, a version, a
// path or a price (2024-05-01, v1.2, a/10, $20) is not a quantity, and
// neither is one the grammar cannot read.
//
// The scanner only finds where a quantity is written and how far it
// reaches; the grammar reads each one, so prose, flags and files agree on
// every figure. It reads left to right without backtracking, in time
// linear in the text.
func Scan(text string) []Mention {
	var out []Mention
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) {
			continue
		}
		if i > 0 && (isASCIIAlnum(text[i-1]) || !Standalone(text, i)) {
			// Part of a word, date, version or price: skip the whole
			// figure, so that "$50,000" does not yield "000".
			i = scanNumber(text, i) - 1
			continue
		}
		m, end, ok := scanAt(text, i)
		if ok {
			out = append(out, m)
		}
		i = max(i, end-1)
	}
	return out
}

// scanAt reads the quantity that starts with the digit at i; end is where
// the figure (at least its number) ends.
func scanAt(text string, i int) (Mention, int, bool) {
	j := scanNumber(text, i)
	q := text[i:j]
	end := j
	if k, ok := scanScale(text, j); ok {
		q += strings.TrimSpace(text[j:k])
		end = k
	}
	noun := ""
	switch {
	case peek(text, skipSpace(text, end, 1)) == '%' && end == j:
		end = skipSpace(text, end, 1) + 1
		q += "%"
	default:
		if k, unit, ok := scanUnit(text, end); ok {
			q += " " + unit
			end = k
			if k2, per, ok := scanPer(text, end); ok {
				q += "/" + per
				end = k2
				noun = strings.ToLower(unit) // "seconds per month" counts time
			}
			break
		}
		if k, words, per, ok := scanNounRate(text, end); ok {
			noun = strings.ToLower(words)
			if noun != "" {
				q += " " + noun
			}
			q += "/" + per
			end = k
		}
	}
	v, count, err := parseFull(q, DefaultSecondsPerMonth, false)
	if err != nil {
		return Mention{}, j, false
	}
	m := Mention{Start: i, End: end, Text: text[i:end], Value: v, Noun: noun}
	if v.Kind == PerSecond {
		m.Count = count
	} else {
		m.Noun = ""
	}
	return m, end, true
}

// scanNumber reads digits with separators and an exponent.
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	for j+1 < len(s) && (s[j] == '.' || s[j] == ',' || s[j] == '_') && isDigit(s[j+1]) {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
	}
	if j+1 < len(s) && (s[j] == 'e' || s[j] == 'E') {
		k := j + 1
		if s[k] == '+' || s[k] == '-' {
			k++
		}
		if k < len(s) && isDigit(s[k]) {
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			j = k
		}
	}
	return j
}

// scanScale reads a count suffix: "k", "M", "B" touching the number or one
// space away, or a word: "million".
func scanScale(s string, j int) (int, bool) {
	k := skipSpace(s, j, 1)
	w := wordEnd(s, k)
	word := s[k:w]
	switch word {
	case "k", "K", "M", "B", "T", "bn", "mm":
		return w, true
	}
	if k > j {
		switch strings.ToLower(word) {
		case "thousand", "million", "billion", "trillion":
			return w, true
		}
	}
	return j, false
}

// scanUnit reads a unit of size, bits, duration or requests per second.
// A single letter must touch the number and be lower case: "5m" is five
// minutes, "5 M" five million.
func scanUnit(s string, j int) (int, string, bool) {
	k := skipSpace(s, j, 1)
	w := wordEnd(s, k)
	word := s[k:w]
	if word == "" {
		return j, "", false
	}
	lw := strings.ToLower(word)
	if len(word) <= 2 && durationUnit[word] != 0 && strings.ToLower(word) == word {
		if k == j {
			return w, word, true
		}
		// "200 ms" is a duration; "5 us" or "5 mo" one space away read
		// too easily as words, so only ms and hr(s)/yr(s) stretch.
		if len(word) == 1 || word != "ms" && word != "hr" && word != "yr" {
			return j, "", false
		}
		return w, word, true
	}
	if len(word) > 2 && durationUnit[lw] != 0 || sizeUnit[lw] != 0 && lw != "b" ||
		bitUnit[lw] != 0 || bitRateUnit[lw] != 0 || requestRateUnit[lw] != 0 && lw != "ops" {
		return w, word, true
	}
	if lw == "b" && k == j && word == "b" {
		return w, word, true
	}
	return j, "", false
}

// scanPer reads a rate's separator and period: "/s", " per month".
func scanPer(s string, j int) (int, string, bool) {
	k := skipSpace(s, j, 2)
	if peek(s, k) == '/' {
		k = skipSpace(s, k+1, 2)
	} else {
		if k == j {
			return j, "", false
		}
		w := wordEnd(s, k)
		switch strings.ToLower(s[k:w]) {
		case "per", "a", "an", "each", "every":
		default:
			return j, "", false
		}
		k2 := skipSpace(s, w, 2)
		if k2 == w {
			return j, "", false
		}
		k = k2
	}
	w := wordEnd(s, k)
	if _, ok := CanonicalPeriod(s[k:w]); !ok || w == k {
		return j, "", false
	}
	return w, s[k:w], true
}

// scanNounRate reads up to three words and then a period: " new short
// links per month", " requests/min", "/s".
func scanNounRate(s string, j int) (int, string, string, bool) {
	if end, per, ok := scanPer(s, j); ok {
		return end, "", per, true
	}
	k := j
	for n := 0; n < 3; n++ {
		start := skipSpace(s, k, 2)
		if start == k {
			return j, "", "", false
		}
		w := wordEnd(s, start)
		if w == start || !isASCIILetter(s[start]) {
			return j, "", "", false
		}
		k = w
		if end, per, ok := scanPer(s, k); ok {
			return end, strings.Join(strings.Fields(s[j:k]), " "), per, true
		}
	}
	return j, "", "", false
}

// skipSpace skips up to n spaces or tabs.
func skipSpace(s string, i, n int) int {
	for ; n > 0 && i < len(s) && (s[i] == ' ' || s[i] == '\t'); n-- {
		i++
	}
	return i
}

// wordEnd returns the end of the run of ASCII letters, hyphens inside a
// word, or "µ" starting at i.
func wordEnd(s string, i int) int {
	j := i
	for j < len(s) {
		switch {
		case isASCIILetter(s[j]):
			j++
		case s[j] == '-' && j > i && j+1 < len(s) && isASCIILetter(s[j+1]):
			j++
		case strings.HasPrefix(s[j:], "µ"):
			j += len("µ")
		default:
			return j
		}
	}
	return j
}

func peek(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isASCIIAlnum(c byte) bool { return isASCIILetter(c) || isDigit(c) }

// Standalone says whether a figure at i starts a token of its own, not
// the tail of a date, version, path or price (2024-05-01, v1.2, a/10, $5).
func Standalone(s string, i int) bool {
	if i == 0 {
		return true
	}
	switch s[i-1] {
	case '.', '-', '/', ':', '_', '$', '#':
		return false
	}
	if s[i-1] >= utf8.RuneSelf {
		switch r, _ := utf8.DecodeLastRuneInString(s[:i]); r {
		case '€', '£', '¥', '₹':
			return false
		}
	}
	return true
}
