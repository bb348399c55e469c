package review

import (
	"bytes"
	"os"
	"testing"
)

// thousandLines builds a design of 1,000 lines from the example designs,
// the size of a large real document.
func thousandLines(tb testing.TB) []byte {
	tb.Helper()
	var doc bytes.Buffer
	for _, name := range []string{"video-streaming", "ride-hailing", "chat", "payments-ledger", "file-sync"} {
		b, err := os.ReadFile("../../examples/" + name + ".design.md")
		if err != nil {
			tb.Fatal(err)
		}
		doc.Write(b)
		doc.WriteByte('\n')
	}
	lines := bytes.SplitAfter(doc.Bytes(), []byte("\n"))
	if len(lines) < 1000 {
		tb.Fatalf("the examples give %d lines, want 1,000", len(lines))
	}
	return bytes.Join(lines[:1000], nil)
}

// BenchmarkReview1000Lines reviews a 1,000-line design.
func BenchmarkReview1000Lines(b *testing.B) {
	doc := thousandLines(b)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		Review(doc, "large.md")
	}
}
