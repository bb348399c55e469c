package render

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"time"
)

func TestTerminalStylesAndWraps(t *testing.T) {
	md := []byte("# Title\n\nA paragraph long enough to be wrapped at a narrow width, so the test can see the wrap happen.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n")
	got, err := Terminal(md, 40)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(got, []byte("\x1b[")) {
		t.Errorf("Terminal output has no escape codes:\n%s", got)
	}
	for _, line := range strings.Split(stripEscapes(string(got)), "\n") {
		if n := len([]rune(line)); n > 40 {
			t.Errorf("line of %d runes is wider than 40: %q", n, line)
		}
	}
}

func TestTerminalIsDeterministic(t *testing.T) {
	md := []byte("# Same\n\n- one\n- two\n")
	a, err := Terminal(md, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Terminal(md, 500)
	if !bytes.Equal(a, b) {
		t.Errorf("width 0 and width 500 should both render at MaxWidth")
	}
}

// BenchmarkTerminal renders a generated design of about 300 lines, the
// size the README's first command prints.
func BenchmarkTerminal(b *testing.B) {
	md, err := os.ReadFile("../../examples/notification-fanout.design.md")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(bytes.Count(md, []byte("\n"))), "lines")
	for b.Loop() {
		if _, err := Terminal(md, 100); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTerminalHostileText: escape sequences in the Markdown are shown,
// not obeyed, and a run that takes the parser minutes is shown plain.
func TestTerminalHostileText(t *testing.T) {
	out, err := Terminal([]byte("# Shop \x1b]52;c;ZXZpbA==\x07 \u202Egnp.exe\n\nText \x1b[2J here.\n"), 80)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"\x1b]", "\x1b[2J", "\x07", "\u202E"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("Terminal printed %q raw: %q", bad, out)
		}
	}
	if !strings.Contains(string(out), `\x1b]52;c;`) || !strings.Contains(string(out), "U+202E") {
		t.Errorf("Terminal does not show the payload: %q", out)
	}
	for _, run := range []string{strings.Repeat("[a](", 25_000), strings.Repeat("a_", 50_000), strings.Repeat("*a ", 30_000), strings.Repeat("abcdefgh", 12_000)} {
		start := time.Now()
		if _, err := Terminal([]byte("# "+run+"\n\nbody\n"), 80); err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Terminal on a %d-byte run took %v", len(run), d)
		}
	}
}
