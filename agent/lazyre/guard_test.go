package lazyre

import (
	"regexp"
	"testing"
)

func TestCheckGuard(t *testing.T) {
	for _, tt := range []struct {
		expr  string
		needs []string
		sound bool
	}{
		{`(?i:\bp95\b[^.!?]*?\bfrom\s+)(\d+)`, []string{"p95"}, true},
		{`(?i)\b(?:vs\.?|versus)\s`, []string{"vs", "versus"}, true},
		{`(?i)\b(?:vs\.?|versus)\s`, []string{"versus"}, false}, // "vs " holds no "versus"
		{`\b(GDPR|HIPAA|PCI(?:[\s-]DSS)?|SOC\s?2)\b`, []string{"gdpr", "hipaa", "pci", "soc"}, true},
		{`\b(GDPR|HIPAA|PCI(?:[\s-]DSS)?|SOC\s?2)\b`, []string{"gdpr", "hipaa", "pci"}, false},
		{`(?i)\bfacet(?:ed|s)?\b`, []string{"facet"}, true},
		{`(?i)\bwindows?\s+of\s+\d+`, []string{"window"}, true},
		{`(?i)(?:p50|p95)?\s*ms`, []string{"p95"}, false}, // the need is optional
		{`(?i)(p95)*x`, []string{"p95"}, false},           // zero repetitions
		{`(?i)(p95)+x`, []string{"p95"}, true},
		{`a|p95`, []string{"p95"}, false},
		{`[a-z]+`, []string{"a"}, false},
	} {
		err := checkGuard(tt.expr, tt.needs)
		if (err == nil) != tt.sound {
			t.Errorf("checkGuard(%q, %q) = %v, want sound %v", tt.expr, tt.needs, err, tt.sound)
		}
	}
}

// TestGuardedAnswersAsTheRegexp: a guarded expression gives what the
// regexp gives, whether the text holds a need (in any case, the Kelvin
// sign and the long s included) or none, and compiles only when it does.
func TestGuardedAnswersAsTheRegexp(t *testing.T) {
	expr := `(?i)\b(?:p95|ksql|vs\.?|versus)\s+(\d+)`
	g := Guarded(expr, "p95", "ksql", "vs", "versus")
	plain := regexp.MustCompile(expr)
	if bad, err := CompileAll(); err != nil {
		t.Fatalf("%q: %v", bad, err)
	}
	for _, s := range []string{
		"", "nothing to see", "P95 200", "the p95 is 3", "a ksql 4", "\u212aSQL 12", "v\u017f 3", "V\u017f. 3",
		"Java VS 9", "versus 10", "VERSUS 11 and p95 12", "p9 5", "pp95 1",
	} {
		if got, want := g.FindAllStringSubmatch(s, -1), plain.FindAllStringSubmatch(s, -1); !equal(got, want) {
			t.Errorf("%q: guarded %q, regexp %q", s, got, want)
		}
		if got, want := g.MatchString(s), plain.MatchString(s); got != want {
			t.Errorf("%q: guarded match %v, regexp %v", s, got, want)
		}
		if got, want := g.ReplaceAllString(s, "<$1>"), plain.ReplaceAllString(s, "<$1>"); got != want {
			t.Errorf("%q: guarded replace %q, regexp %q", s, got, want)
		}
	}
	fresh := Guarded(`(?i)\bwindows?\s+of\s+\d+`, "window")
	if fresh.MatchString("a queue of 5 jobs") {
		t.Fatal("matched a text without its need")
	}
	if compiled(fresh) {
		t.Error("a text without the need compiled the expression")
	}
	if !fresh.MatchString("a WINDOW of 5") || !compiled(fresh) {
		t.Error("a text with the need did not run the expression")
	}
}

// compiled says whether r has been compiled, without compiling it.
func compiled(r *Regexp) bool { return r.compiled.Load() }

func equal(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// FuzzGuarded: on any text a guarded expression answers as its regexp.
func FuzzGuarded(f *testing.F) {
	for _, s := range []string{"p95 200", "\u212aSQL 3", "v\u017f 1", "nothing", "VERSUS 9"} {
		f.Add(s)
	}
	expr := `(?i)\b(?:p95|ksql|vs\.?|versus)\s+(\d+)`
	g := Guarded(expr, "p95", "ksql", "vs", "versus")
	plain := regexp.MustCompile(expr)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := g.FindAllStringSubmatchIndex(s, -1), plain.FindAllStringSubmatchIndex(s, -1); len(got) != len(want) {
			t.Errorf("%q: guarded %v, regexp %v", s, got, want)
		}
	})
}
