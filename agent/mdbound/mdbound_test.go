package mdbound

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The payloads that took the parser minutes and gigabytes, each under
// the 1 MiB input limit.
var hostile = map[string]string{
	"unclosed links":     strings.Repeat("[a](", 250_000),
	"underscores":        strings.Repeat("a_", 500_000),
	"image openings":     strings.Repeat("![", 400_000),
	"emphasis run":       strings.Repeat("*a ", 300_000),
	"nested list items":  strings.Repeat("- ", 100_000) + "x",
	"nested quotes":      strings.Repeat("> ", 5000) + "x",
	"many small blocks":  strings.Repeat(strings.Repeat("[a](", 100)+"\n\n", 2500),
	"many emphasis":      strings.Repeat(strings.Repeat("a_", 500)+"\n\n", 1000),
	"deep indented list": deepList(1000),
	"100k list items":    strings.Repeat("- a\n", 100_000),
}

// deepList nests a list depth levels deep by indentation.
func deepList(depth int) string {
	var b strings.Builder
	for d := range depth {
		b.WriteString(strings.Repeat("  ", d) + "- a\n")
	}
	return b.String()
}

func TestCheckRefusesHostileRuns(t *testing.T) {
	for name, body := range hostile {
		t.Run(name, func(t *testing.T) {
			start := time.Now()
			err := Check([]byte("# Design\n\n" + body + "\n"))
			var e *Error
			if !errors.As(err, &e) || e.Line < 3 {
				t.Fatalf("Check = %v, want an *Error at line 3 or later", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("the error is not one line: %q", err)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("Check took %v", d)
			}
		})
	}
}

// TestCheckAcceptsDesignDocuments checks every example design and the
// bounds' margins: a document is never refused for what design writes.
func TestCheckAcceptsDesignDocuments(t *testing.T) {
	docs, _ := filepath.Glob("../../examples/*.design.md")
	if len(docs) < 10 {
		t.Fatalf("found %d example designs; the glob is wrong", len(docs))
	}
	var all []byte
	for _, p := range docs {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := Check(b); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		all = append(all, b...)
	}
	for len(all) < 1<<20 {
		all = append(all, all...)
	}
	if err := Check(all[:1<<20]); err != nil {
		t.Errorf("1 MiB of example designs is refused: %v", err)
	}
}

func TestCheckSkipsFencedCode(t *testing.T) {
	doc := "# D\n\n```\n" + strings.Repeat("> ", 100) + strings.Repeat("[a](", 5000) + "\n```\n"
	if err := Check([]byte(doc)); err != nil {
		t.Errorf("fenced code was counted: %v", err)
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{"# a\n\n[x](y) *b* `c` <d>", "```\n[[[\n```", "> > - 1. x", "~~~\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := Check([]byte(s))
		var e *Error
		if err != nil && (!errors.As(err, &e) || e.Line < 1 || e.Line > strings.Count(s, "\n")+1) {
			t.Fatalf("Check(%q) = %v: not an *Error on a line of the text", s, err)
		}
		// Adding a fenced block never makes a document fail.
		if err == nil && !strings.Contains(s, "```") && !strings.Contains(s, "~~~") {
			if err := Check([]byte(s + "\n\n```\n" + strings.Repeat("[", 5000) + "\n```\n")); err != nil {
				t.Fatalf("a fenced block made %q fail: %v", s, err)
			}
		}
	})
}
