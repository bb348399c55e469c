package chat

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

// streamer sends one token per TextDelta, each stamped with the time it
// was sent, as a responder does when a chunk arrives from the model.
type streamer struct{ tokens int }

func (s *streamer) Respond(ctx context.Context, _ conversation.Turn) (<-chan conversation.Event, error) {
	ch := make(chan conversation.Event)
	go func() {
		defer close(ch)
		for range s.tokens {
			ch <- conversation.Event{Kind: conversation.TextDelta, Text: time.Now().Format(time.RFC3339Nano) + " "}
		}
		ch <- conversation.Event{Kind: conversation.Done}
	}()
	return ch, nil
}

// latencyWriter measures, for each token written, how long after it was
// sent it reached the output.
type latencyWriter struct {
	mu    sync.Mutex
	worst time.Duration
	total time.Duration
	n     int
}

func (w *latencyWriter) Write(p []byte) (int, error) {
	now := time.Now()
	for _, f := range strings.Fields(string(p)) {
		if sent, err := time.Parse(time.RFC3339Nano, f); err == nil {
			d := now.Sub(sent)
			w.mu.Lock()
			w.worst, w.total, w.n = max(w.worst, d), w.total+d, w.n+1
			w.mu.Unlock()
		}
	}
	return len(p), nil
}

// BenchmarkTokenToScreen measures how long a streamed token takes from
// the responder to the output writer: the chat's own share of the delay
// between a chunk's arrival and its appearance. Target: under 5 ms.
func BenchmarkTokenToScreen(b *testing.B) {
	store, err := session.OpenStore(b.TempDir(), time.Now)
	if err != nil {
		b.Fatal(err)
	}
	w := &latencyWriter{}
	for b.Loop() {
		err := Run(b.Context(), Options{In: strings.NewReader("go\n"), Out: io.Discard, Err: w, Store: store,
			NewResponder: func([]session.Event) (conversation.Responder, error) { return &streamer{tokens: 200}, nil },
			Design:       func(requirements.Requirements, DesignOptions) ([]byte, error) { return []byte("a design\n"), nil }})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(w.total.Microseconds())/float64(max(w.n, 1)), "µs/token-mean")
	b.ReportMetric(float64(w.worst.Microseconds()), "µs/token-worst")
}
