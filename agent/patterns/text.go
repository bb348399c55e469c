package patterns

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// token is one word of a text, lower-cased and reduced to its singular.
type token struct {
	word string
	// start and end are byte offsets of the word in the text.
	start, end int
	// clause is true when a clause boundary (. , ; : ! ? newline, brackets,
	// but not a dot or comma inside a word) comes between this word and the
	// one before it; neither negation nor a phrase reaches across one.
	clause bool
}

// tokenize splits s into words: runs of ASCII letters and digits, and any
// non-ASCII letter. Hyphens and apostrophes split words ("back-office" is
// two words, "don't" is "don" "t"), as they do in the phrases.
func tokenize(s string) []token { return appendTokens(nil, s) }

// appendTokens is tokenize appending to toks, so a caller can reuse one
// buffer for many texts.
func appendTokens(toks []token, s string) []token {
	lower := strings.ToLower(s)
	clause := false
	start := -1
	for i := 0; i <= len(lower); i++ {
		var c byte = ' '
		if i < len(lower) {
			c = lower[i]
		}
		if isWordByte(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, token{word: singular(lower[start:i]), start: start, end: i, clause: clause})
			start, clause = -1, false
		}
		switch c {
		case '.', ',', ':':
			// Inside a word ("robots.txt", "mint.com", "20,000") these
			// join rather than end a clause.
			if i+1 >= len(lower) || !isWordByte(lower[i+1]) || i == 0 || !isWordByte(lower[i-1]) {
				clause = true
			}
		case ';', '!', '?', '\n', '(', ')', '[', ']', '|':
			clause = true
		}
	}
	return toks
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// singular reduces the common English plurals, so "followers" matches
// "follower" and "caches" matches "cache" (both read "cach"). It is applied to phrases and
// text alike, so an imperfect reduction ("news" -> "new") still matches
// itself.
func singular(w string) string {
	if len(w) <= 3 {
		if w == "ids" {
			// The one short plural that recognition needs: "unique ids".
			return "id"
		}
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "che"), strings.HasSuffix(w, "she"), strings.HasSuffix(w, "xe"), strings.HasSuffix(w, "sse"):
		// "cache" and "caches" must meet: both become "cach".
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// negators are the words that, a few words before a phrase in the same
// clause, turn a mention into its opposite: "no chat", "without a feed",
// "doesn't need search" ("t" is what is left of "n't").
var negators = map[string]bool{
	"no": true, "not": true, "without": true, "never": true, "nor": true,
	"neither": true, "t": true, "non": true, "excluding": true,
}

// negationReach is how many words before a phrase a negator still reaches:
// "no need for a chat" is negated, "no login, then chat" is not (clause).
const negationReach = 4

// negated says whether the phrase starting at toks[i] is negated.
func negated(toks []token, i int) bool {
	for j := i - 1; j >= 0 && j >= i-negationReach; j-- {
		if toks[j+1].clause {
			return false
		}
		if negators[toks[j].word] {
			return true
		}
	}
	return false
}

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
