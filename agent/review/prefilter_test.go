package review

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestRequiredLiterals(t *testing.T) {
	for _, c := range []struct {
		expr string
		want []string
	}{
		{`\bredis\b`, []string{"redis"}},
		{`\b(cach\w*|redis|memcache\w*)\b`, []string{"cach", "redis", "memcache"}},
		{`\bslow\w*\b|\btakes?\s+\d`, []string{"slow", "take"}},
		{`\bcalls?\b[^.]{0,40}\bwhich\b`, []string{"which"}},
		{`\w+[ -]?service`, []string{"service"}},
		{`(a|bb)c`, nil},   // "a" is too short, and "c" too
		{`(?i)redis`, nil}, // folded case: not a plain substring
		{`(foo)?bar|baz`, []string{"bar", "baz"}},
		{`x*`, nil},
	} {
		got := requiredLiterals(c.expr)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", c.expr, got, want)
		}
	}
}

// TestRequiredLiteralsHoldOnCorpus: for every phrase rule's regexps and
// every sentence of the corpus and the examples, a match contains one of
// the required literals — the prefilter never skips a sentence the
// regexp would match.
func TestRequiredLiteralsHoldOnCorpus(t *testing.T) {
	rs, err := compiledPhraseRules()
	if err != nil {
		t.Fatal(err)
	}
	var res []*regexp.Regexp
	for _, r := range rs {
		for _, re := range slices.Concat(r.all, r.none, r.unless) {
			res = append(res, re.get())
		}
	}
	for _, p := range []pattern{multiWriterRe, deployTogetherRe, deployUnitRe, everythingEventRe, thinEventRe, eventOwnerRe, cacheTruthRe, chainRe, serviceRe, slowQueryRe, becauseRe, sharedDBRe, futureCost, overBudget} {
		res = append(res, p.re())
	}
	for _, re := range recordOf {
		res = append(res, re.Regexp())
	}
	paths, _ := filepath.Glob("testdata/corpus/*.md")
	more, _ := filepath.Glob("../../examples/*.design.md")
	checked := 0
	for _, p := range append(paths, more...) {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		d := Parse(b)
		for _, s := range d.sentences() {
			for _, re := range res {
				if re.MatchString(s.lower) {
					checked++
					if !containsAny(s.lower, requiredLiterals(re.String())) {
						t.Errorf("%s: %q matches %q but holds none of %q", p, s.Text, re, requiredLiterals(re.String()))
					}
					if !requiredFilter(re.String()).holds(s.lower, s.grams) {
						t.Errorf("%s: %q matches %q but its filter says it cannot", p, s.Text, re)
					}
				}
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d matches checked", checked)
	}
}

func TestOneSpaced(t *testing.T) {
	for _, s := range []string{"", " ", "a", "a b", " a b", "a b ", "a  b", "a\tb", "a\nb", "a\u00a0b", "é b", "a \u2003 b", "x\r"} {
		if got, want := oneSpaced(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("oneSpaced(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestRequiredFilterNeedsEveryPart(t *testing.T) {
	f := requiredFilter(`\b(both|several)\s+(services|teams)\b[^.]{0,40}\b(write|update)\b`)
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"both services write the orders table", true},
		{"several teams update it", true},
		{"the order service writes it", false},        // no quantity word
		{"both services read it", false},              // no verb
		{"we write it; both services read it", false}, // the verb before the quantity word
		{"updates from both services", false},         // the verb first
	} {
		if got := f.holds(c.s, gramsOf(c.s)); got != c.want {
			t.Errorf("holds(%q) = %v, want %v", c.s, got, c.want)
		}
	}
	d := requiredFilter(`\b(\d+)\s*(ms|s)\s+time-?outs?\b`)
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"a 30 ms timeout", true},
		{"the timeout is 30 ms", false}, // the digit after the word
		{"a short ms timeout", false},   // no digit
	} {
		if got := d.holds(c.s, gramsOf(c.s)); got != c.want {
			t.Errorf("holds(%q) = %v, want %v", c.s, got, c.want)
		}
	}
	if requiredFilter(`x*`) != nil || requiredFilter(`(?i)redis`) != nil {
		t.Error("a regexp with no required literal has a filter")
	}
}

// TestRequiredFilterNeverDeniesAMatch builds texts from each regexp's own
// literals, digits, spaces and punctuation, and checks that the filter
// holds wherever the regexp matches: word boundaries, order and digits
// only ever rule out texts the regexp cannot match.
func TestRequiredFilterNeverDeniesAMatch(t *testing.T) {
	exprs := []string{`\b\d{2}`, `\ball\s+x`, `(ab)+\b`, `\b(a|bc)d\b`, `\b(cd|ef)+gh\b`, `x\b\d+\b`, `\b(?:ab|cd)?ef\b`, `(\bab)|(cd\b)`, `\bab(cd)*\b`, `\b(\d+|ab)\s+cd\b`,
		timeoutRe.String(), neverRe.String(), inFlightRe.String(), limitAfter.String(), boldItem.String(),
		sizePer.String(), sizeOver.String(), sizeProduct.String(), serversFor.String(), budgetClaim.String(), budgetStated.String()}
	rs, err := compiledPhraseRules()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Match != nil {
			exprs = slices.Concat(exprs, r.Match.All, r.Match.None, r.Match.UnlessDocument)
		}
	}
	for _, p := range []pattern{multiWriterRe, deployTogetherRe, deployUnitRe, everythingEventRe, thinEventRe, eventOwnerRe, cacheTruthRe, chainRe, serviceRe, slowQueryRe, becauseRe, sharedDBRe, futureCost, overBudget} {
		exprs = append(exprs, p.re().String())
	}
	for _, re := range recordOf {
		exprs = append(exprs, re.String())
	}
	rng := rand.New(rand.NewPCG(30, 30))
	matched := 0
	for _, e := range exprs {
		re := regexp.MustCompile(e)
		f := requiredFilter(e)
		pieces := []string{" ", " ", "  ", "\t", "-", ".", ",", "1", "42", "x", "ab", "_", "s", "é", "the ", "a"}
		var leaves func(*filter)
		leaves = func(f *filter) {
			if f == nil {
				return
			}
			if f.lit != "" {
				pieces = append(pieces, f.lit, f.lit, f.lit)
			}
			for _, s := range f.subs {
				leaves(s)
			}
		}
		leaves(f)
		for range 3000 {
			var b strings.Builder
			for range 1 + rng.IntN(12) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			s := b.String()
			if re.MatchString(s) {
				matched++
				if !f.holds(s, gramsOf(s)) {
					t.Fatalf("%q matches %q, but its filter says it cannot", s, e)
				}
			}
		}
	}
	if matched < 5000 {
		t.Errorf("only %d matches checked", matched)
	}
}
