package phrase

import (
	"slices"
	"strings"
)

// Set is a compiled list of phrases, indexed by first word, found in one
// pass over a text. A generator may write one as Go data, its Table
// built by BuildTable; nothing may change it once it is read.
type Set struct {
	Table
}

// Table is what a Set reads: each phrase's words and an index of them by
// first word. A catalogue's generator writes its Table as Go data
// (BuildTable of its phrases' Words), so that a process reads the set as
// it is laid out in the binary: no phrase is split into words and no map
// is built at run time.
type Table struct {
	// Words are each phrase's words (what Words makes of it), in the
	// order of the list; a phrase's index is its Hit.Phrase.
	Words [][]string
	// Firsts are the distinct first words, in the order the list first
	// uses them. The phrases starting with Firsts[i] are
	// Order[Starts[i]:Starts[i+1]], in the order of the list.
	Firsts []string
	Starts []int32
	Order  []int32
	// Slots is a hash table of Firsts (FNV-1a of the word, linear
	// probing), its length a power of two: a slot holds i+1 for
	// Firsts[i], 0 when empty.
	Slots []uint32
}

// BuildTable indexes phrases given as their words.
func BuildTable(words [][]string) Table { return buildTable(words, wholeWord) }

func wholeWord(w string) string { return w }

// buildTable indexes phrases by key(first word): Firsts holds the keys.
func buildTable(words [][]string, key func(string) string) Table {
	t := Table{Words: words}
	// A short list looks its first words up in Firsts; a long one keeps
	// a map while it is built.
	var group map[string]int
	if len(words) > 16 {
		group = make(map[string]int, len(words))
	}
	var members [][]int32
	for i, w := range words {
		if len(w) == 0 {
			continue
		}
		k := key(w[0])
		var g int
		var ok bool
		if group != nil {
			g, ok = group[k]
		} else {
			g = slices.Index(t.Firsts, k)
			ok = g >= 0
		}
		if !ok {
			g = len(t.Firsts)
			if group != nil {
				group[k] = g
			}
			t.Firsts = append(t.Firsts, k)
			members = append(members, nil)
		}
		members[g] = append(members[g], int32(i))
	}
	if len(t.Firsts) == 0 {
		return t
	}
	t.Starts = make([]int32, 0, len(t.Firsts)+1)
	t.Order = make([]int32, 0, len(words))
	for _, m := range members {
		t.Starts = append(t.Starts, int32(len(t.Order)))
		t.Order = append(t.Order, m...)
	}
	t.Starts = append(t.Starts, int32(len(t.Order)))
	n := 1
	for n < 2*len(t.Firsts) {
		n *= 2
	}
	t.Slots = make([]uint32, n)
	mask := uint32(n - 1)
	for i, w := range t.Firsts {
		h := hashWord(w) & mask
		for t.Slots[h] != 0 {
			h = (h + 1) & mask
		}
		t.Slots[h] = uint32(i + 1)
	}
	return t
}

// hashWord is FNV-1a, 32 bits: the generator and the reader of a Table
// must agree on it, so it is spelled out here rather than borrowed from a
// library that may change it.
func hashWord(w string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h ^= uint32(w[i])
		h *= 16777619
	}
	return h
}

// starting returns the phrases whose first word is w, in list order.
func (t *Table) starting(w string) []int32 {
	if len(t.Slots) == 0 {
		return nil
	}
	mask := uint32(len(t.Slots) - 1)
	for h := hashWord(w) & mask; ; h = (h + 1) & mask {
		k := t.Slots[h]
		if k == 0 {
			return nil
		}
		if t.Firsts[k-1] == w {
			return t.Order[t.Starts[k-1]:t.Starts[k]]
		}
	}
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
	words := make([][]string, len(phrases))
	for i, p := range phrases {
		words[i] = Words(p)
	}
	return NewSetWords(words)
}

// NewSetWords is NewSet of phrases already split into their Words.
func NewSetWords(words [][]string) *Set {
	return &Set{Table: BuildTable(words)}
}

// Len is the number of phrases in the set.
func (s *Set) Len() int { return len(s.Words) }

// Find returns every sighting of the set's phrases in toks (the tokens of
// text), in the order of the text; at one place, longer phrases first.
func (s *Set) Find(toks []Token) []Hit {
	var hits []Hit
	for i, t := range toks {
		for _, p := range s.starting(t.Word) {
			if words := s.Words[p]; At(toks, i, words) {
				n := len(words)
				hits = append(hits, Hit{Phrase: int(p), Start: t.Start, End: toks[i+n-1].End, Index: i, Len: n, Negated: Negated(toks, i), InPlace: InPlace(toks, i, i+n), Compared: Compared(toks, i, i+n), Also: Also(toks, i, i+n)})
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
