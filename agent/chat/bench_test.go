package chat

import (
	"bytes"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/interview"
	"github.com/sysarch/sysarch/agent/session"
)

// longSession writes a session of turns user turns: the interview
// answered, then what-if refinements.
func longSession(b *testing.B, turns int) *session.Store {
	b.Helper()
	store, err := session.OpenStore(filepath.Join(b.TempDir(), "sessions"))
	if err != nil {
		b.Fatal(err)
	}
	input := answers
	for range turns - strings.Count(answers, "\n") {
		input += "what if traffic is 2x?\n"
	}
	var out, errOut bytes.Buffer
	err = Run(b.Context(), Options{In: strings.NewReader(input), Out: &out, Err: &errOut, Store: store,
		NewResponder: interview.NewResponder, Design: fakeDesign})
	if err != nil {
		b.Fatal(err)
	}
	return store
}

// BenchmarkResume1000Events measures 'chat --resume' of a 1,000-event
// session up to its prompt: read and replay the log, write the transcript,
// rebuild the interview. Target: under 50 ms.
func BenchmarkResume1000Events(b *testing.B) {
	store := longSession(b, 500) // each turn is a question and an answer: 1,000 events and more
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

// BenchmarkMemory200Turns bounds the memory of a 200-turn chat (the
// interview, then refinements, each turn recorded): everything it
// allocates from start to end, which the heap can never exceed. Target:
// under 60 MiB.
func BenchmarkMemory200Turns(b *testing.B) {
	var total float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		longSession(b, 200)
		runtime.ReadMemStats(&after)
		total = float64(after.TotalAlloc-before.TotalAlloc) / (1 << 20)
	}
	b.ReportMetric(total, "MiB-allocated")
}
