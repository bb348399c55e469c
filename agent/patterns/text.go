package patterns

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// splitWeight reads "phrase^2" as the phrase and its weight (default 1).
func splitWeight(w string) (string, float64, error) {
	phrase, ws, ok := strings.Cut(w, "^")
	if !ok {
		return strings.TrimSpace(w), 1, nil
	}
	x, err := strconv.ParseFloat(strings.TrimSpace(ws), 64)
	// Quarters add up exactly in any order, so a score never depends on
	// the order a map hands its phrases over.
	if err != nil || x <= 0 || x > 5 || x*4 != math.Trunc(x*4) {
		return "", 0, fmt.Errorf("weight %q must be a multiple of 0.25 above 0 and at most 5", ws)
	}
	return strings.TrimSpace(phrase), x, nil
}

// snippet returns the part of text around [start, end), cut at clause
// ends and at about 80 bytes, for evidence.
func snippet(text string, start, end int) string {
	const room = 36
	from, to := start, end
	for from > 0 && start-from < room && !strings.ContainsRune(".!?\n", rune(text[from-1])) {
		from--
	}
	for to < len(text) && to-end < room && !strings.ContainsRune(".!?\n", rune(text[to])) {
		to++
	}
	// Do not cut a word in two.
	for from > 0 && from < start && text[from-1] != ' ' {
		from++
	}
	for to < len(text) && to > end && text[to] != ' ' {
		to--
	}
	s := strings.TrimSpace(text[from:to])
	if from > 0 && !strings.ContainsRune(".!?\n", rune(text[from-1])) {
		s = "…" + s
	}
	if to < len(text) && !strings.ContainsRune(".!?\n", rune(text[to])) {
		s += "…"
	}
	return s
}
