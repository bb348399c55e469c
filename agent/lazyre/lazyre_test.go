package lazyre

import (
	"regexp"
	"testing"
)

func TestCompilesOnFirstUseOnly(t *testing.T) {
	r := New(`a(b+)`)
	if got := r.String(); got != `a(b+)` {
		t.Fatalf("String = %q", got)
	}
	if got := r.FindStringSubmatch("xabbb"); len(got) != 2 || got[1] != "bbb" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
	first, second := r.Regexp(), r.Regexp()
	if first != second {
		t.Fatal("compiled twice")
	}
}

func TestSameAnswersAsRegexp(t *testing.T) {
	const expr, s = `(?i)(\d+)\s*(k|m)?`, "10k and 3 M and 7"
	r, want := New(expr), regexp.MustCompile(expr)
	if r.ReplaceAllString(s, "<$1>") != want.ReplaceAllString(s, "<$1>") {
		t.Fatal("ReplaceAllString differs")
	}
	if len(r.FindAllStringSubmatchIndex(s, -1)) != 3 || r.MatchString("x") {
		t.Fatal("FindAllStringSubmatchIndex or MatchString differs")
	}
}

func TestBadExpressionPanicsOnUse(t *testing.T) {
	r := New(`(`) // must not panic here
	defer func() {
		if recover() == nil {
			t.Fatal("no panic on first use of a bad expression")
		}
	}()
	r.MatchString("x")
}
