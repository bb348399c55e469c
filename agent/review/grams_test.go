package review

import "testing"

// TestGramsNeverDenyAHeldLiteral: every substring of a text may be held;
// a literal with a pair the text lacks is denied.
func TestGramsNeverDenyAHeldLiteral(t *testing.T) {
	text := "the ui calls entry-service, which calls approval-service; p99 < 200 ms → redis"
	g := gramsOf(text)
	for i := range len(text) {
		for j := i + 1; j <= len(text); j++ {
			if !g.mayHold(text[i:j]) {
				t.Fatalf("mayHold(%q) = false for a substring of the text", text[i:j])
			}
		}
	}
	denied := 0
	for _, lit := range []string{"kafka", "postgres", "zookeeper", "xylophone", "qq"} {
		if !g.mayHold(lit) {
			denied++
		}
		if g.anyOf(text, []string{lit}) {
			t.Errorf("anyOf found %q, which the text lacks", lit)
		}
	}
	if denied < 3 {
		t.Errorf("only %d of 5 absent literals denied by the pairs alone", denied)
	}
	if !g.anyOf(text, []string{"nothing", "approval"}) {
		t.Error("anyOf missed \"approval\"")
	}
}
