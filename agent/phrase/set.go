package phrase

import "strings"

// Set is a compiled list of phrases, indexed by first word, found in one
// pass over a text.
type Set struct {
	words   [][]string
	byFirst map[string][]int
}

// Hit is one sighting of a phrase of a Set.
type Hit struct {
	// Phrase is the index of the phrase in the list the Set was built from.
	Phrase int
	// Start and End are byte offsets of the phrase in the text.
	Start, End int
	// Index is the phrase's first token in the tokens searched, and Len
	// its number of words.
	Index, Len int
	// Negated is true when a negator comes a few words before the phrase
	// in the same clause ("no chat", "without a feed").
	Negated bool
	// InPlace is true when the phrase is said of a system already in
	// place ("the general ledger in our ERP"), see InPlace.
	InPlace bool
	// Compared is true when the phrase is named in a comparison ("like
	// a leaderboard", "similar to X", "X-style"), see Compared.
	Compared bool
	// Also is true when the phrase names a feature the ask also wants
	// ("also wants a dashboard with the top sellers"), see Also.
	Also bool
}

// Words returns the words a phrase is matched by: what Tokenize makes of
// it. A phrase without words matches nothing.
//
// A "*" stands for any one word of the same clause (Any): "same * for
// the same night" reads "the same bunk for the same night" and "the same
// room for the same night" alike; a "#" for any one number (Number). A
// phrase may not start with either.
func Words(phrase string) []string {
	var words []string
	for _, f := range strings.Fields(phrase) {
		if f == Any || f == Number {
			if len(words) > 0 {
				words = append(words, f)
			}
			continue
		}
		words = appendWords(words, f)
	}
	for len(words) > 0 && words[len(words)-1] == Any {
		words = words[:len(words)-1]
	}
	return words
}

// Any is the wildcard of a phrase: any one word.
const Any = "*"

// Number is the wildcard of a phrase for any one number written in
// digits: "top #" reads "top 10" and "top 100" alike. Like Any, a phrase
// may not start with one; unlike Any, it may end one.
const Number = "#"

// isNumber says whether a word (as Tokenize reads it) is all digits.
// Tokenize splits "2,000" into "2" and "000": "top #" reads "top 2,000",
// "top # most" does not.
func isNumber(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

// appendWords appends the words of s as Tokenize reads them, keeping the
// words only: catalogues compile thousands of phrases.
func appendWords(words []string, s string) []string {
	lower := strings.ToLower(s)
	start := -1
	for i := 0; i <= len(lower); i++ {
		if i < len(lower) && isWordByte(lower[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, Singular(lower[start:i]))
			start = -1
		}
	}
	return words
}

// Key is a phrase as the matcher sees it: two spellings with the same key
// ("top k", "top-k") are the same phrase.
func Key(phrase string) string { return strings.Join(Words(phrase), " ") }

// NewSet compiles phrases; a phrase's index in the list is its Hit.Phrase.
func NewSet(phrases []string) *Set {
	s := &Set{words: make([][]string, len(phrases)), byFirst: map[string][]int{}}
	for i, p := range phrases {
		s.words[i] = Words(p)
		if len(s.words[i]) > 0 {
			first := s.words[i][0]
			s.byFirst[first] = append(s.byFirst[first], i)
		}
	}
	return s
}

// Len is the number of phrases in the set.
func (s *Set) Len() int { return len(s.words) }

// Find returns every sighting of the set's phrases in toks (the tokens of
// text), in the order of the text; at one place, longer phrases first.
func (s *Set) Find(toks []Token) []Hit {
	var hits []Hit
	for i, t := range toks {
		for _, p := range s.byFirst[t.Word] {
			if At(toks, i, s.words[p]) {
				n := len(s.words[p])
				hits = append(hits, Hit{Phrase: p, Start: t.Start, End: toks[i+n-1].End, Index: i, Len: n, Negated: Negated(toks, i), InPlace: InPlace(toks, i, i+n), Compared: Compared(toks, i, i+n), Also: Also(toks, i, i+n)})
			}
		}
	}
	return hits
}

// FindText is Find on the tokens of text.
func (s *Set) FindText(text string) []Hit { return s.Find(Tokenize(text)) }

// First returns the earliest, then longest, sighting in text.
func (s *Set) First(text string) (Hit, bool) {
	var best Hit
	found := false
	for _, h := range s.FindText(text) {
		if !found || h.Start < best.Start || h.Start == best.Start && h.End > best.End {
			best, found = h, true
		}
	}
	return best, found
}

// Strip removes every sighting of the set's phrases from text and closes
// up the spaces: "nearest driver" less "nearest" is "driver".
func (s *Set) Strip(text string) string {
	hits := s.FindText(text)
	if len(hits) == 0 {
		return text
	}
	cut := make([]bool, len(text))
	for _, h := range hits {
		for i := h.Start; i < h.End; i++ {
			cut[i] = true
		}
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if cut[i] {
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(text[i])
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// atAny says whether one of markers occurs at toks[i:], as At reads it.
func atAny(toks []Token, i int, markers [][]string) bool {
	for _, m := range markers {
		if At(toks, i, m) {
			return true
		}
	}
	return false
}

// At says whether words occur at toks[i:] within one clause.
func At(toks []Token, i int, words []string) bool {
	if len(words) == 0 || i+len(words) > len(toks) {
		return false
	}
	for j, w := range words {
		if toks[i+j].Word != w && w != Any && (w != Number || !isNumber(toks[i+j].Word)) || (j > 0 && toks[i+j].Clause) {
			return false
		}
	}
	return true
}
