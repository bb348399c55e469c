package design

import (
	"errors"
	"os"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// maxFuzzInput bounds the inputs of the fuzz targets of this package.
const maxFuzzInput = 2 << 10

// FuzzBuild feeds requirement files through the parser and the engine:
// whatever parses must build or fail with an input error (never an
// inconsistent design: Build runs the consistency check), and whatever
// builds must render to a document without control characters.
//
// One try costs a build and two renders, about a millisecond, and Go
// minimises each new input for up to a minute by default, running nothing
// new meanwhile: the run looks stalled. Run it with a bounded
// minimisation, as .ci/run does:
//
//	go test ./agent/design -run '^$' -fuzz '^FuzzBuild$' -fuzztime 20s -fuzzminimizetime 100x

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
	f.Add([]byte("title: x\nworkloads: [{name: r, kind: job, schedule: monthly, rate: 1/year, scans: 1mo of s}, {name: s, kind: write, rate: 1/year, item_size: 1PB}]\n"))
	f.Add([]byte("title: x\nseconds_per_month: 2.5M\nworkloads: [{name: q, kind: search, rate: 1e12/month, cacheable: true, item_size: 1MB, corpus_size: 1EB}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Minimising costs one try per byte and more: long inputs made it
		// take the whole minute. The bugs are in a file's shape, not its length.
		if len(data) > maxFuzzInput {
			return
		}
		req, err := requirements.ParseRequirements(data, "fuzz.md")
		if err != nil {
			return
		}
		d, err := Build(req, Options{})
		var bad *InconsistentError
		if errors.As(err, &bad) {
			t.Fatalf("built an inconsistent design: %v", err)
		}
		if err != nil {
			return
		}
		md, err := RenderMarkdown(d)
		if err != nil {
			t.Fatalf("built but did not render: %v", err)
		}
		js, err := RenderJSON(d)
		if err != nil {
			t.Fatalf("built but did not marshal: %v", err)
		}
		// A document never holds a control character, whatever the file held.
		if !termsafe.Clean(md) || !termsafe.Clean(js) {
			t.Fatalf("the document holds a control character")
		}
	})
}
