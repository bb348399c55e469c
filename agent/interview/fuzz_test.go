package interview

import (
	"strings"
	"testing"
)

// FuzzAnswer types anything at every question: the interview never
// panics, and an answer it does not take leaves the question asked.
func FuzzAnswer(f *testing.F) {
	for _, seed := range []string{"2k rps at peak", "a few KB", "actually 3x", "yes, submitting claims", "GPDR", "1KB-2KB", "half a second", "undo", "5 million a day, maybe 20 million at peak"} {
		f.Add(seed, uint8(5))
	}
	f.Fuzz(func(t *testing.T, answer string, at uint8) {
		iv := New()
		steps := []string{"t", "f", "claims", "write", "5M/day", "3x", "1KB", "50ms", "1y", "yes", "c2", "read"}
		for _, s := range steps[:int(at)%len(steps)] {
			iv.Answer(s)
		}
		before, _ := iv.Current()
		r := iv.Answer(answer)
		after, ok := iv.Current()
		if !r.Changed && ok && after.ID != before.ID && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(answer)), "what if") {
			t.Errorf("%q at %s: nothing changed, yet the question moved to %s", answer, before.ID, after.ID)
		}
	})
}
