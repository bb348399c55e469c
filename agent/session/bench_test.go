package session

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// FuzzRead feeds the reader logs with torn and corrupt lines: it must
// never fail or panic, every event it keeps must be one that was a whole
// valid line, and a valid log with its last line torn keeps every earlier
// event.
//
// Inputs are kept small: each new input the fuzzer finds is minimised
// for up to a minute, during which it runs nothing new, and minimising a
// log of many kilobytes took that whole minute again and again.
func FuzzRead(f *testing.F) {
	valid := sampleLog(2)
	f.Add(valid, 0)
	f.Add(valid, len(valid)/2)
	f.Add([]byte("{\"seq\":1,\"type\":\"user\"}\n{\"seq\":2,"), 3)
	f.Add([]byte("\x00\xff\n{}\n[]\nnull\n{\"type\":\"user\",\"requirements\":{\"availability\":\"x\"}}"), 1)
	f.Fuzz(func(t *testing.T, data []byte, cut int) {
		if len(data) > maxFuzzInput {
			return
		}
		events, _, err := Read(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("Read error on in-memory data: %v", err)
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		if len(events) > lines {
			t.Fatalf("%d events from %d lines", len(events), lines)
		}
		// Tear a valid log anywhere: every line before the tear survives.
		cut %= len(valid) + 1
		if cut < 0 {
			cut = -cut
		}
		torn := valid[:cut]
		events, _, _ = Read(bytes.NewReader(torn))
		whole := bytes.Count(torn, []byte("\n"))
		if len(events) < whole {
			t.Fatalf("torn at %d: %d events, want at least the %d whole lines", cut, len(events), whole)
		}
	})
}

// maxFuzzInput bounds what the fuzz targets read: the bugs are in the
// shape of a line, not in its length, and short inputs keep the fuzzer
// moving.
const maxFuzzInput = 1 << 10

// sampleLog returns a log of n user/assistant pairs with requirements
// updates, as Append writes it.
func sampleLog(n int) []byte {
	var b bytes.Buffer
	for _, e := range sampleEvents(n) {
		line, _ := json.Marshal(e)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func sampleEvents(turns int) []Event {
	req := requirements.Requirements{
		Title: "URL shortener", Summary: "Shorten links and redirect fast.",
		Functional: []string{"create short links", "redirect", "expire links"},
		Workloads: []requirements.Workload{
			{Name: "create link", Kind: "write", Rate: quantity.Flow{Count: 1e8, Per: "month"}, ItemSize: 500, Retention: 5 * 12 * quantity.DefaultSecondsPerMonth},
			{Name: "redirect", Kind: "read", Rate: quantity.Flow{Count: 1e10, Per: "month"}, LatencyP99: 0.05, Cacheable: true},
		},
		Availability: 0.9995, Compliance: []string{"GDPR"},
	}
	events := []Event{{Seq: 1, Type: Start, Version: Version}}
	for i := range turns {
		events = append(events,
			Event{Type: Assistant, Text: "How often does the redirect happen on average? For example 100M/month or 5k/s."},
			Event{Type: User, Text: fmt.Sprintf("%d0M/month", i+1)},
			Event{Type: Requirements, Requirements: &req, Assumptions: []string{"item size of redirect assumed 1 KB"}},
		)
	}
	for i := range events {
		events[i].Seq = i + 1
	}
	return events
}

// BenchmarkResume1000 measures what `chat --resume` does before the first
// prompt: read a 1,000-event session from disk and replay it. Target:
// under 50 ms.
func BenchmarkResume1000(b *testing.B) {
	s, err := OpenStore(b.TempDir(), time.Now)
	if err != nil {
		b.Fatal(err)
	}
	l, err := s.Create()
	if err != nil {
		b.Fatal(err)
	}
	for _, e := range sampleEvents(333) { // 1 + 999 events
		e.Seq = 0
		if e.Type == Start {
			continue
		}
		if err := l.Append(e); err != nil {
			b.Fatal(err)
		}
	}
	l.Close()
	b.ResetTimer()
	for b.Loop() {
		sess, err := s.Load(l.ID())
		if err != nil || len(sess.Events) != 1000 {
			b.Fatalf("loaded %d events, %v", len(sess.Events), err)
		}
		_ = sess.State()
	}
}

// BenchmarkSession200Turns reports the heap held by a loaded 200-turn
// session (200 questions, 200 answers, 200 requirements snapshots).
// Target: under 60 MiB.
func BenchmarkSession200Turns(b *testing.B) {
	data := sampleLog(200)
	var held float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		events, _, err := Read(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		held = float64(after.HeapAlloc-min(before.HeapAlloc, after.HeapAlloc)) / (1 << 20)
		runtime.KeepAlive(events)
	}
	b.ReportMetric(held, "MiB-held")
	b.ReportMetric(float64(len(data))/(1<<20), "MiB-on-disk")
}

func TestSampleLogIsValid(t *testing.T) {
	events, warnings, err := Read(strings.NewReader(string(sampleLog(3))))
	if err != nil || len(warnings) != 0 || len(events) != 10 {
		t.Fatalf("sample log: %d events, warnings %v, %v", len(events), warnings, err)
	}
}
