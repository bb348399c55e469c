package session

import (
	"errors"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFailedWriteIsCutBack: a write that stops half way, as on a full
// disk, is reported naming the event, and the next event is saved whole
// on a line of its own rather than glued to the torn one.
func TestFailedWriteIsCutBack(t *testing.T) {
	store, err := OpenStore(t.TempDir(), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	l, err := store.Create()
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.Append(Event{Type: User, Text: "first"}); err != nil {
		t.Fatal(err)
	}
	l.write = func(b []byte) (int, error) {
		n, _ := l.f.Write(b[:len(b)/2])
		return n, syscall.ENOSPC
	}
	err = l.Append(Event{Type: Assistant, Text: "lost to a full disk"})
	if err == nil || !strings.Contains(err.Error(), "assistant event was not saved") || !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("Append on a full disk = %v, want the assistant event named and ENOSPC", err)
	}
	l.write = nil
	if err := l.Append(Event{Type: User, Text: "after"}); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(store.path(l.ID()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	events, warnings, err := Read(f)
	if err != nil || len(warnings) > 0 {
		t.Fatalf("reading back: %v, warnings %v", err, warnings)
	}
	var texts []string
	for i, e := range events {
		if e.Seq != i+1 {
			t.Errorf("event %d has seq %d", i+1, e.Seq)
		}
		texts = append(texts, e.Text)
	}
	if got := strings.Join(texts, "|"); got != "|first|after" {
		t.Errorf("events read back: %q, want the start, first and after", got)
	}
}
