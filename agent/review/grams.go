package review

import "strings"

// grams is the set of a text's byte pairs, hashed into 1,024 bits: a
// literal one of whose pairs the set lacks is not in the text, which a
// few bit tests say without reading the text. A sentence keeps its set,
// so each rule's literals (a regexp's prefilter, a list of words) are
// looked for only in the sentences that may hold them.
type grams [16]uint64

func gramOf(a, b byte) uint { return (uint(a)*131 + uint(b)) & 1023 }

// gramsOf reads the byte pairs of s.
func gramsOf(s string) *grams {
	g := new(grams)
	for i := 0; i+1 < len(s); i++ {
		h := gramOf(s[i], s[i+1])
		g[h>>6] |= 1 << (h & 63)
	}
	return g
}

// mayHold says whether the text may hold lit: false means it does not. A
// nil set, or a literal of one byte, may always be held.
func (g *grams) mayHold(lit string) bool {
	if g == nil {
		return true
	}
	for i := 0; i+1 < len(lit); i++ {
		h := gramOf(lit[i], lit[i+1])
		if g[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// anyOf says whether s, whose byte pairs g holds, contains one of lits.
func (g *grams) anyOf(s string, lits []string) bool {
	for _, l := range lits {
		if g.mayHold(l) && strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// mayHoldAny says whether the text may hold one of lits.
func (g *grams) mayHoldAny(lits []string) bool {
	for _, l := range lits {
		if g.mayHold(l) {
			return true
		}
	}
	return false
}
