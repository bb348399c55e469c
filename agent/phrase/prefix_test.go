package phrase

import "testing"

func TestPrefixSet(t *testing.T) {
	s := NewPrefixSet([]string{"celebrit", "pull for", "psp", "fan-out on", "idempoten*", "millions of followers"})
	for _, c := range []struct {
		text string
		want bool
	}{
		{"Celebrities are merged at read time.", true},
		{"We pull for accounts above 10k followers.", true},
		{"The PSP is called with the same key.", true},
		{"Fan-out on write to each follower.", true},
		{"Each request carries an idempotency key.", true},
		{"Accounts with millions of followers are pulled.", true},
		{"The PSPs are two.", true},                     // a plural is the word
		{"Every pspx call is logged.", false},           // a short phrase is a whole word
		{"We pull, for now, everything.", false},        // a clause between the words
		{"Fan out, on write.", false},                   // the same
		{"A celeb account is a normal account.", false}, // shorter than the stem
	} {
		if got := s.Any(Tokenize(c.text)); got != c.want {
			t.Errorf("Any(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	hits := s.Find(Tokenize("No celebrity handling; pull for the rest."))
	if len(hits) != 2 || !hits[0].Negated || hits[1].Negated || hits[1].Phrase != 1 {
		t.Errorf("Find: %+v, want a negated celebrity then pull for", hits)
	}
}
