package phrase

import "strings"

// A sentence can reject what it names without a negator: "we avoid a
// shared database", "Kafka would be overkill", "instead of a cache". The
// review reads a proposal through these words as well as the negators; a
// recognition that needs only the grammatical "no …" keeps to Negated.

// rejectStems are the words (as Tokenize reads them) that reject what
// they name: a word matches when it begins with one of them ("avoid"
// matches "avoids", "avoided", "avoiding").
var rejectStems = []string{"avoid", "reject", "overkill", "unnecessary", "premature", "antipattern", "instead", "smell"}

// rejectPhrases are the rejections of more than one word, as Tokenize
// reads them ("anti-pattern" is "anti" "pattern"; "do not" and "does not"
// are covered by "not").
var rejectPhrases = NewSet([]string{"anti pattern", "anti patterns", "rather than", "warning sign", "red flag"})

// Rejects says whether a sentence, as tokens, negates or rejects
// something it names: a negator (see Negated) or one of the rejecting
// words anywhere in it.
func Rejects(toks []Token) bool {
	for _, t := range toks {
		if negators[t.Word] || rejectingWord(t.Word) {
			return true
		}
	}
	return len(rejectPhrases.Find(toks)) > 0
}

// RejectsText is Rejects on the tokens of text.
func RejectsText(text string) bool { return Rejects(Tokenize(text)) }

func rejectingWord(w string) bool {
	for _, s := range rejectStems {
		if strings.HasPrefix(w, s) {
			return true
		}
	}
	return false
}

// beforeNegators are what denies the words that follow it, besides the
// negators: "instead of an outbox", "rather than a queue", "it lacks an
// index".
var beforeNegators = NewSet([]string{"instead of", "rather than", "lack", "lacks", "lacking"})

// NegatedAt says whether the words starting at byte offset at of text are
// negated: a negator, "instead of", "rather than" or "lacks" at most
// NegationReach words before them in the same clause ("without an
// outbox", "not with a queue"). It reads at most negationWindow bytes
// before at, so asking at every place of a long text stays linear.
func NegatedAt(text string, at int) bool {
	from := max(0, at-negationWindow)
	if from > 0 {
		// Start at a word's start, not inside one.
		for from < at && isWordByte(lowerByte(text[from-1])) {
			from++
		}
	}
	toks := Tokenize(text[from:at])
	// A phrase starts after the last token; a clause boundary between the
	// last word and the offset ends the reach.
	if len(toks) == 0 || clauseBetween(text[from+toks[len(toks)-1].End:at]) {
		return false
	}
	toks = append(toks, Token{})
	if Negated(toks, len(toks)-1) {
		return true
	}
	for _, h := range beforeNegators.Find(toks[:len(toks)-1]) {
		if h.Index+h.Len >= len(toks)-NegationReach && !clauseIn(toks[h.Index+h.Len:]) {
			return true
		}
	}
	return false
}

// clauseBetween says whether the bytes between two words end a clause.
func clauseBetween(gap string) bool {
	return strings.ContainsAny(gap, ".,:;!?\n()[]|")
}

// clauseIn says whether a clause starts at one of toks.
func clauseIn(toks []Token) bool {
	for _, t := range toks {
		if t.Clause {
			return true
		}
	}
	return false
}

// negationWindow is how far before a place NegatedAt reads: NegationReach
// words and "instead of" with room to spare.
const negationWindow = 160

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
