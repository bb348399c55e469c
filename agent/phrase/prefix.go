package phrase

import "strings"

// PrefixSet is a list of phrases whose last word matches as the start of
// a word: "celebrit" matches "celebrity" and "celebrities", "pull for"
// matches "pull for" and "pulls for". A phrase of at most four letters
// ("psp", "sse") matches whole words only: as a prefix it would match
// "shard" or "assess". The review's lists of what a design must say are
// written as such stems.
//
// Like a Set, a PrefixSet may be written as Go data by a generator; its
// Table indexes the phrases by their first word's first keyLen bytes
// (the whole word when shorter), and nothing may change it once read.
type PrefixSet struct {
	Table
	// Prefix says, per phrase, whether its last word matches as the
	// start of a word.
	Prefix []bool
}

const keyLen = 3

func wordKey(w string) string {
	if len(w) > keyLen {
		return w[:keyLen]
	}
	return w
}

// NewPrefixSet compiles phrases; a phrase's index in the list is its
// Hit.Phrase. A trailing "*" is dropped: every long phrase is a prefix.
func NewPrefixSet(phrases []string) *PrefixSet {
	words := make([][]string, len(phrases))
	prefix := make([]bool, len(phrases))
	for i, p := range phrases {
		p = strings.TrimSuffix(strings.TrimSpace(p), "*")
		words[i] = Words(p)
		prefix[i] = len(p) > 4
	}
	return &PrefixSet{Table: buildTable(words, wordKey), Prefix: prefix}
}

// Find returns every sighting of the set's phrases in toks, in the order
// of the text.
func (s *PrefixSet) Find(toks []Token) []Hit {
	var hits []Hit
	s.each(toks, func(h Hit) bool { hits = append(hits, h); return true })
	return hits
}

// Any says whether toks hold one of the phrases.
func (s *PrefixSet) Any(toks []Token) bool {
	found := false
	s.each(toks, func(Hit) bool { found = true; return false })
	return found
}

func (s *PrefixSet) each(toks []Token, yield func(Hit) bool) {
	for i, t := range toks {
		for _, p := range s.starting(wordKey(t.Word)) {
			if s.at(toks, i, int(p)) {
				n := len(s.Words[p])
				if !yield(Hit{Phrase: int(p), Start: t.Start, End: toks[i+n-1].End, Index: i, Len: n, Negated: Negated(toks, i)}) {
					return
				}
			}
		}
	}
}

// at says whether phrase p occurs at toks[i:] within one clause, its last
// word as a prefix when the phrase is long.
func (s *PrefixSet) at(toks []Token, i, p int) bool {
	words := s.Words[p]
	if len(words) == 0 || i+len(words) > len(toks) {
		return false
	}
	last := len(words) - 1
	for j, w := range words {
		t := toks[i+j]
		if j > 0 && t.Clause {
			return false
		}
		if j == last && s.Prefix[p] {
			if !strings.HasPrefix(t.Word, w) {
				return false
			}
			continue
		}
		if t.Word != w {
			return false
		}
	}
	return true
}
