package design

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// replacedAsBefore is withoutQuotes as a strings.Replacer does it, the
// way it was written before its own pass.
func replacedAsBefore(text string, quoted []string) string {
	quoted = slices.Clone(quoted)
	slices.SortFunc(quoted, func(a, b string) int { return len(b) - len(a) })
	var pairs []string
	for _, q := range quoted {
		if q = strings.TrimSpace(q); quotable(q) {
			pairs = append(pairs, q, "«»")
		}
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// FuzzWithoutQuotes: the quotes are cut as a strings.Replacer of them all
// cuts them, longest first at each place, without overlaps.
func FuzzWithoutQuotes(f *testing.F) {
	f.Add("chat for 10k users, chat history kept 2y", "chat", "chat history", " kept ")
	f.Add("aaaa", "a", "aa", "aaa")
	f.Add("«»x", "x", "", "«")
	f.Fuzz(func(t *testing.T, text, a, b, c string) {
		// Past maxQuotesByByte quotes of one first byte the Replacer
		// itself cuts them: the same result, read once per place.
		many := requirements.Requirements{Title: a, Summary: b, Functional: []string{c}}
		var quotedMany []string
		for i := range maxQuotesByByte + 2 {
			w := fmt.Sprintf("%s %d", c, i)
			many.Workloads = append(many.Workloads, requirements.Workload{Name: w})
			quotedMany = append(quotedMany, w, "", "", "")
		}
		if got, want := withoutQuotes(text, many), replacedAsBefore(text, append([]string{a, b, "", "", c}, quotedMany...)); got != want {
			t.Errorf("with %d quotes alike: withoutQuotes(%q) = %q, want %q", maxQuotesByByte+2, text, got, want)
		}
		r := requirements.Requirements{Title: a, Summary: b, Functional: []string{c}}
		quoted := []string{a, b, "", "", c}
		if got, want := withoutQuotes(text, r), replacedAsBefore(text, quoted); got != want {
			t.Errorf("withoutQuotes(%q, %q %q %q) = %q, want %q", text, a, b, c, got, want)
		}
	})
}
