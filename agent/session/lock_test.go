package session

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// One session, one writer: a second Continue (another chat --resume of
// the same session) is refused until the first closes, and so is rm.
func TestSessionLock(t *testing.T) {
	s := newTestStore(t)
	first, err := s.Create()
	if err != nil {
		t.Fatal(err)
	}
	id := first.ID()
	var open *OpenElsewhereError
	if _, _, err := s.Continue(id); !errors.As(err, &open) {
		t.Fatalf("Continue of a session still being written: got %v, want OpenElsewhereError", err)
	}
	if err := s.Remove(id); !errors.As(err, &open) || !strings.Contains(err.Error(), "is open elsewhere") {
		t.Errorf("Remove of an open session: got %v, want OpenElsewhereError", err)
	}
	first.Close()

	second, sess, err := s.Continue(id)
	if err != nil {
		t.Fatalf("Continue after Close: %v", err)
	}
	if _, _, err := s.Continue(id); !errors.As(err, &open) {
		t.Errorf("third Continue while the second holds it: got %v", err)
	}
	appendAll(t, second, Event{Type: User, Text: "hello"})
	second.Close()
	reread, err := s.Load(id)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := reread.Events[len(reread.Events)-1].Seq, sess.Events[len(sess.Events)-1].Seq+1; got != want {
		t.Errorf("seq after resume: got %d, want %d", got, want)
	}
	if err := s.Remove(id); err != nil {
		t.Errorf("Remove once closed: %v", err)
	}
}

// A line longer than MaxLine is skipped without being held in memory,
// and the lines after it are read.
func TestReadSkipsHugeLine(t *testing.T) {
	good := `{"seq":1,"type":"user","text":"hi"}` + "\n"
	r := io.MultiReader(strings.NewReader(good), io.LimitReader(zeros{}, MaxLine+10), strings.NewReader("\n"+good))
	events, warnings, err := Read(r)
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || len(warnings) != 1 || !strings.Contains(warnings[0].Msg, "longer than") {
		t.Errorf("got %d events, warnings %v; want 2 events and one long-line warning", len(events), warnings)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

func TestAppendRefusesHugeEvent(t *testing.T) {
	s := newTestStore(t)
	l, err := s.Create()
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.Append(Event{Type: User, Text: string(bytes.Repeat([]byte("a"), MaxLine))}); err == nil {
		t.Error("an event over MaxLine was written")
	}
	if err := l.Append(Event{Type: User, Text: "next"}); err != nil {
		t.Errorf("the log is unusable after a refused event: %v", err)
	}
}
