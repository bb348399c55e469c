package termsafe

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text\n\twith tab", "plain text\n\twith tab"},
		{"\x1b]52;c;aGVsbG8=\x07", `\x1b]52;c;aGVsbG8=\x07`},                                         // OSC 52 clipboard write
		{"\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", `\x1b]8;;http://evil\x1b\link\x1b]8;;\x1b\`}, // OSC 8
		{"\x1b]0;title\x07", `\x1b]0;title\x07`},
		{"\x1b[2J\x1bc", `\x1b[2J\x1bc`},
		{"a\u202Eb\u2066c\u2069", "aU+202EbU+2066cU+2069"},
		{"csi\u009b31m", "csiU+009B31m"},
		{"bad\xffbyte", `bad\xffbyte`},
		{"crlf\r\nline\rover", "crlf\nline\\x0dover"},
		{"del\x7f", `del\x7f`},
		{"héllo wörld ✓", "héllo wörld ✓"},
	} {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if !Clean([]byte(String(tc.in))) {
			t.Errorf("String(%q) is not clean", tc.in)
		}
	}
}

func TestLine(t *testing.T) {
	if got, want := Line("one\ntwo\x1b"), `one\ntwo\x1b`; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
}

// TestWriterSplit feeds a hostile text one byte at a time: a bidi control
// cut in two must still be shown, and the result must equal String's.
func TestWriterSplit(t *testing.T) {
	in := "ok \u202Eevil\u2069 \x1b[31mred\r\n\u009b done é"
	var b bytes.Buffer
	w := NewWriter(&b)
	for i := range len(in) {
		if _, err := w.Write([]byte{in[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), String(in); got != want {
		t.Errorf("streamed = %q, want %q", got, want)
	}
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"\x1b]52;c;QQ==\x07", "a\u202Eb", "\u009b2J", "\xe2\x80", "x\r", "é\n\t"} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, s string, cut int) {
		got := String(s)
		if !Clean([]byte(got)) || !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q is not clean", s, got)
		}
		if String(got) != got {
			t.Fatalf("String is not idempotent on %q", s)
		}
		if l := Line(s); strings.Contains(l, "\n") || !Clean([]byte(l)) {
			t.Fatalf("Line(%q) = %q", s, l)
		}
		var b bytes.Buffer
		w := NewWriter(&b)
		if cut < 0 {
			cut = -cut
		}
		cut %= len(s) + 1
		w.Write([]byte(s[:cut]))
		w.Write([]byte(s[cut:]))
		w.Flush()
		if b.String() != got {
			t.Fatalf("split at %d: %q, want %q", cut, b.String(), got)
		}
	})
}
