package design

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// BenchmarkBuildAndRender measures requirements → Design → Markdown for
// each example, the work `sysarch design` does in process.
func BenchmarkBuildAndRender(b *testing.B) {
	for _, path := range exampleFiles(b) {
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		req, err := requirements.ParseRequirements(data, path)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.TrimSuffix(filepath.Base(path), ".md"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d, err := Build(req, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := RenderMarkdown(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
