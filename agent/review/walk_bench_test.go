package review

import (
	"strings"
	"testing"
	"time"
)

// oneLineOfPieces is a line goldmark cuts into many text pieces: each
// emphasis mark and image opening ends one. Each piece used to copy the
// line's evidence so far, which took minutes at this size.
var oneLineOfPieces = map[string]string{
	"emphasis":       strings.Repeat("*a* ", 40_000),
	"image openings": strings.Repeat("![", 80_000),
}

func TestManyPiecesOnOneLine(t *testing.T) {
	for name, line := range oneLineOfPieces {
		start := time.Now()
		d := Parse([]byte("# Design\n\n" + line + "\n"))
		// Quadratic, this took 20 s; linear, it takes 0.3 s, and a few
		// under the race detector.
		if took := time.Since(start); took > 8*time.Second {
			t.Errorf("%s: Parse took %v", name, took)
		}
		if len(d.evidence[2]) < len(line)/4 {
			t.Errorf("%s: the line's evidence is %d bytes, want most of the line", name, len(d.evidence[2]))
		}
	}
}

func BenchmarkParseManyPieces(b *testing.B) {
	for name, line := range oneLineOfPieces {
		src := []byte("# Design\n\n" + line + "\n")
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				Parse(src)
			}
		})
	}
}
