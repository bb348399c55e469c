package review

import (
	"bytes"
	"fmt"
	"os"
	"testing"
)

// linesOfDesigns builds a document of n lines from the example designs,
// repeated as often as it takes: the shape of a real design (headings,
// tables, lists, prose), at any length.
func linesOfDesigns(tb testing.TB, n int) []byte {
	tb.Helper()
	var src [][]byte
	for _, name := range []string{"video-streaming", "ride-hailing", "chat", "payments-ledger", "file-sync", "web-crawler", "ticket-booking"} {
		b, err := os.ReadFile("../../examples/" + name + ".design.md")
		if err != nil {
			tb.Fatal(err)
		}
		src = append(src, bytes.SplitAfter(b, []byte("\n"))...)
	}
	var doc bytes.Buffer
	for i := range n {
		doc.Write(src[i%len(src)])
	}
	return doc.Bytes()
}

// BenchmarkReviewLines reviews documents of 1,000 to 100,000 lines:
// ns/line must stay flat (within 2× from the smallest to the largest) —
// a check that compares every line with every other shows here.
func BenchmarkReviewLines(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		doc := linesOfDesigns(b, n)
		b.Run(fmt.Sprintf("lines=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			b.ReportAllocs()
			for b.Loop() {
				Review(doc, "large.md")
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/line")
		})
	}
}
