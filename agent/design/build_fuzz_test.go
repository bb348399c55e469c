package design

import (
	"os"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// FuzzBuild feeds requirement files through the parser and the engine:
// whatever parses must build or fail with an error, and whatever builds
// must render.
func FuzzBuild(f *testing.F) {
	for _, path := range exampleFiles(f) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("title: x\nworkloads: [{name: a, kind: read, rate: 1e300/s}]\n"))
	f.Add([]byte("title: x\ngrowth: {6mo: 0.5x, 1y: 0.1x}\nworkloads: [{name: a, kind: write, rate: 1/s, item_size: 1B}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := requirements.ParseRequirements(data, "fuzz.md")
		if err != nil {
			return
		}
		d, err := Build(req, Options{})
		if err != nil {
			return
		}
		if _, err := RenderMarkdown(d); err != nil {
			t.Fatalf("built but did not render: %v", err)
		}
		if _, err := RenderJSON(d); err != nil {
			t.Fatalf("built but did not marshal: %v", err)
		}
	})
}
