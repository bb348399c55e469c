package review

import (
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestPlainTermsReadAsTheRegexp checks that terms read by byte
// comparison end where their anchored regexp ends, at every word start
// of texts built from the terms' own pieces: prefixes, plurals, hyphens,
// runs of spaces, words running on.
func TestPlainTermsReadAsTheRegexp(t *testing.T) {
	lists := [][]string{
		{"cache", "cache layer", "read-through cache", "cdn"},
		{"retr*", "back off", "backoff", "circuit breaker", "dead letter*"},
		{"c++", "s3.", "node.js", "k8s", "a", "ab*"},
		{"p99", "p9*", "p99 latency", "latency"},
		{"fan out", "fan-out*", "fanout", "pub sub", "pub/sub"},
	}
	pieces := []string{" ", "  ", "-", "--", " - ", "\t", "\n", "s", "es", "ing", ".", ",", "_", "9", "x", "é", "/"}
	rng := rand.New(rand.NewPCG(26, 30))
	for _, words := range lists {
		tm := newTerms(words...).get()
		if tm.words == nil {
			t.Fatalf("%q: not read as plain words", words)
		}
		var vocab []string
		for _, w := range words {
			w = strings.TrimSuffix(w, "*")
			vocab = append(vocab, w, strings.ReplaceAll(w, " ", "-"), w[:len(w)/2+1])
			vocab = append(vocab, strings.Fields(w)...)
		}
		for range 3000 {
			var b strings.Builder
			for range 1 + rng.IntN(8) {
				if rng.IntN(2) == 0 {
					b.WriteString(vocab[rng.IntN(len(vocab))])
				} else {
					b.WriteString(pieces[rng.IntN(len(pieces))])
				}
			}
			text := b.String()
			for p := 0; p < len(text); p++ {
				want := -1
				if m := tm.anchored.get().FindStringIndex(text[p:]); m != nil {
					want = p + m[1]
				}
				if got := tm.endAt(text, p); got != want {
					t.Fatalf("%q in %q at %d: plain reading ends at %d, the regexp at %d", words, text, p, got, want)
				}
			}
		}
	}
}

// TestTermsNeedingTheRegexp checks the terms plain reading cannot take.
func TestTermsNeedingTheRegexp(t *testing.T) {
	for _, words := range [][]string{{"café"}, {"cache", "~c[a-z]+e"}, {"top -k"}} {
		if newTerms(words...).get().words != nil {
			t.Errorf("%q read as plain words", words)
		}
	}
}

// TestSentenceEndsReadAsTheRegexp checks the sentence splitter's plain
// scan against the regexp it replaced, and oneSpaced against
// strings.Fields, on generated texts.
func TestSentenceEndsReadAsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`[.!?;]\s+`)
	pieces := []string{"a", "word", ".", "!", "?", ";", " ", "  ", "\t", "\n", "\r", "\f", "\v", "—", "→", "\u00a0", "\u2003", "é", "..", "3.5", ";\n"}
	rng := rand.New(rand.NewPCG(5, 26))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		var want [][2]int
		for _, m := range re.FindAllStringIndex(text, -1) {
			want = append(want, [2]int{m[0], m[1]})
		}
		if got := sentenceEnds(text); !slices.Equal(got, want) {
			t.Fatalf("sentenceEnds(%q) = %v, the regexp finds %v", text, got, want)
		}
		if got, want := oneSpaced(text), strings.Join(strings.Fields(text), " "); got != want {
			t.Fatalf("oneSpaced(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestByFirstByteKeepsOrder checks that the literals grouped by first
// byte are all there, each under its byte, in their given order.
func TestByFirstByteKeepsOrder(t *testing.T) {
	need := []string{"cache", "queue", "cdn", "redis", "quorum", "ca", "replica", "zone"}
	f := byFirstByte(need)
	if f == nil {
		t.Fatal("no grouping for eight literals")
	}
	for c := range 256 {
		var want []string
		for _, nd := range need {
			if nd[0] == byte(c) {
				want = append(want, nd)
			}
		}
		if got := f.beginningWith(byte(c)); !slices.Equal(got, want) {
			t.Errorf("beginningWith(%q) = %q, want %q", byte(c), got, want)
		}
	}
	if byFirstByte(need[:3]) != nil || byFirstByte(append(slices.Clone(need), "-x")) != nil {
		t.Error("grouped a short list, or a literal that begins with no word byte")
	}
}
