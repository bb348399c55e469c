package requirements

import (
	"fmt"
	"strings"
)

// InputError says what is wrong with a requirements file, and where, in
// one line: "req.md:7:5: workloads[1].ratee: unknown key; did you mean
// rate?". The command line maps it to exit code 2 (bad input).
type InputError struct {
	File   string // the file's name as given; empty when unknown
	Line   int    // 1-based line in the file; 0 when not tied to a place
	Column int    // 1-based column, counted in characters
	Field  string // the field path, e.g. workloads[0].rate; empty for the file as a whole
	Msg    string // what is wrong and how to fix it
}

func (e *InputError) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d:%d: ", e.File, e.Line, e.Column)
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d, column %d: ", e.Line, e.Column)
	case e.File != "" && e.Field != "":
		b.WriteString(e.File + ": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field + ": ")
	}
	b.WriteString(e.Msg)
	return strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(b.String())
}

// fileError is an error about a requirements file as a whole.
func fileError(format string, args ...any) *InputError {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// suggest returns the known word closest to word, or "" when none is
// close enough to be the word that was meant. Case, '-' and ' ' versus
// '_' do not count as differences.
func suggest(word string, known []string) string {
	norm := func(s string) string {
		return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	}
	w := norm(word)
	limit := 1
	switch n := len([]rune(w)); {
	case n >= 9:
		limit = 3
	case n >= 4:
		limit = 2
	}
	best, bestD := "", limit+1
	for _, k := range known {
		if d := editDistance(w, norm(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each cost one, so
// "titel" is one edit from "title".
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}
