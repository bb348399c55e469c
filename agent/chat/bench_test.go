package chat

import (
	"bytes"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/interview"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

// engineDesign computes and renders the design with the offline engine,
// as the command line does.
func engineDesign(req requirements.Requirements, opts DesignOptions) ([]byte, error) {
	d, err := design.Build(req, design.Options{Scale: opts.Scale})
	if err != nil {
		return nil, err
	}
	return design.RenderMarkdown(d)
}

// longSession writes a session of turns user turns: the interview
// answered, then what-if refinements, each showing the design again.
func longSession(b *testing.B, turns int, designFn DesignFunc) *session.Store {
	b.Helper()
	store, err := session.OpenStore(filepath.Join(b.TempDir(), "sessions"), time.Now)
	if err != nil {
		b.Fatal(err)
	}
	input := answers
	for range turns - strings.Count(answers, "\n") {
		input += "what if traffic is 2x?\n"
	}
	var out, errOut bytes.Buffer
	err = Run(b.Context(), Options{In: strings.NewReader(input), Out: &out, Err: &errOut, Store: store,
		NewResponder: interview.NewResponder, Design: designFn})
	if err != nil {
		b.Fatal(err)
	}
	return store
}

// BenchmarkResume1000Events measures 'chat --resume' of a 1,000-event
// session up to its prompt: read and replay the log, write the transcript,
// rebuild the interview. Target: under 50 ms.
func BenchmarkResume1000Events(b *testing.B) {
	store := longSession(b, 500, fakeDesign) // each turn is a question and an answer: 1,000 events and more
	id, _ := store.Latest()
	sess, _ := store.Load(id)
	for b.Loop() {
		err := Run(b.Context(), Options{In: strings.NewReader(""), Out: io.Discard, Err: io.Discard, Store: store,
			Resume: true, NewResponder: interview.NewResponder, Design: fakeDesign})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(sess.Events)), "events")
}

// BenchmarkMemory200Turns measures the memory of a 200-turn chat: the
// interview, then what-if refinements, each recomputing and rendering the
// design with the engine and recording the turn. It reports the largest
// heap in use seen right after each design (when it is largest) and all
// that the chat allocated. Target: under 60 MiB.
func BenchmarkMemory200Turns(b *testing.B) {
	var peak, total float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		sample := func(req requirements.Requirements, opts DesignOptions) ([]byte, error) {
			doc, err := engineDesign(req, opts)
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, float64(m.HeapInuse)/(1<<20))
			return doc, err
		}
		longSession(b, 200, sample)
		runtime.ReadMemStats(&after)
		total = float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
	}
	b.ReportMetric(peak, "MiB-heap-peak")
	b.ReportMetric(total, "MiB-allocated")
}
