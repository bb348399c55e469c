package session

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// newTestStore returns a store in a temporary directory with a clock that
// ticks one second per call.
func newTestStore(t *testing.T) *Store {
	t.Helper()
	s, err := OpenStore(filepath.Join(t.TempDir(), "sessions"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	return s
}

func appendAll(t *testing.T, l *Log, events ...Event) {
	t.Helper()
	for _, e := range events {
		if err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStateDir(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_STATE_HOME": "/x/state", "HOME": "/home/a"}, "/x/state/sysarch"},
		{map[string]string{"XDG_STATE_HOME": "relative", "HOME": "/home/a"}, "/home/a/.local/state/sysarch"},
		{map[string]string{"HOME": "/home/a"}, "/home/a/.local/state/sysarch"},
	}
	for _, tt := range tests {
		got, err := StateDir(func(k string) string { return tt.env[k] })
		if err != nil || got != tt.want {
			t.Errorf("StateDir(%v) = %q, %v; want %q", tt.env, got, err, tt.want)
		}
	}
}

func TestPermissions(t *testing.T) {
	s := newTestStore(t)
	l, err := s.Create()
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for path, want := range map[string]os.FileMode{s.Dir(): 0o700, s.path(l.ID()): 0o600} {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("mode of %s = %o, want %o", path, got, want)
		}
	}
}

func TestAppendLoadReplay(t *testing.T) {
	s := newTestStore(t)
	l, err := s.Create()
	if err != nil {
		t.Fatal(err)
	}
	req := requirements.Requirements{Title: "URL shortener", Workloads: []requirements.Workload{
		{Name: "redirect", Kind: "read", Rate: quantity.Flow{Count: 1e9, Per: "month"}},
	}}
	appendAll(t, l,
		Event{Type: Assistant, Text: "What are we designing?"},
		Event{Type: User, Text: "URL shortener"},
		Event{Type: Requirements, Requirements: &req, Assumptions: []string{"item size 1 KB"}},
		Event{Type: Phase, Phase: "scale"},
		Event{Type: Model, Model: "gpt-x"},
		Event{Type: ToolCall, Tool: &Tool{ID: "1", Name: "throughput", Args: []byte(`{"count":"1B"}`)}},
		Event{Type: Assistant, Text: "half an ans", Partial: true, Cancelled: true},
	)
	l.Close()

	sess, err := s.Load(l.ID()[:10]) // a unique prefix will do
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Warnings) != 0 {
		t.Errorf("warnings: %v", sess.Warnings)
	}
	if got, want := len(sess.Events), 8; got != want {
		t.Fatalf("%d events, want %d", got, want)
	}
	for i, e := range sess.Events {
		if e.Seq != i+1 {
			t.Errorf("event %d has seq %d", i, e.Seq)
		}
	}
	got := sess.State()
	want := State{
		ID: l.ID(), Title: "URL shortener", Phase: "scale", Model: "gpt-x",
		Requirements: req, Assumptions: []string{"item size 1 KB"}, Turns: 3, Said: 1,
		Created: time.Date(2026, 3, 1, 12, 0, 2, 0, time.UTC), // the id took the first tick
		Updated: time.Date(2026, 3, 1, 12, 0, 9, 0, time.UTC),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("State (-want +got):\n%s", diff)
	}
}

func TestReplayReset(t *testing.T) {
	req := requirements.Requirements{Title: "Chat"}
	got := Replay([]Event{
		{Type: User, Text: "Chat"},
		{Type: Requirements, Requirements: &req},
		{Type: Phase, Phase: "scale"},
		{Type: Reset},
		{Type: User, Text: "a photo sharing site for a very large number of people indeed"},
	})
	if got.Requirements.Title != "" || got.Phase != "" {
		t.Errorf("after reset: requirements %+v, phase %q; want empty", got.Requirements, got.Phase)
	}
	if want := "a photo sharing site for a very large number of people inde…"; got.Title != want {
		t.Errorf("Title = %q, want %q", got.Title, want)
	}
}

func TestTornLastLine(t *testing.T) {
	s := newTestStore(t)
	l, err := s.Create()
	if err != nil {
		t.Fatal(err)
	}
	appendAll(t, l, Event{Type: User, Text: "first"})
	l.Close()
	// A crash in the middle of writing the next event.
	f, err := os.OpenFile(s.path(l.ID()), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"seq":3,"time":"2026-03-01T12:00:03Z","type":"user","te`)
	f.Close()

	l2, sess, err := s.Continue(l.ID())
	if err != nil {
		t.Fatal(err)
	}
	if len(sess.Events) != 2 || len(sess.Warnings) != 1 || !strings.Contains(sess.Warnings[0].Msg, "incomplete last line") {
		t.Fatalf("events %v, warnings %v; want 2 events and one torn-line warning", sess.Events, sess.Warnings)
	}
	appendAll(t, l2, Event{Type: User, Text: "second"})
	l2.Close()

	sess, err = s.Load(l.ID())
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, e := range sess.Events {
		texts = append(texts, e.Text)
	}
	if diff := cmp.Diff([]string{"", "first", "second"}, texts); diff != "" {
		t.Errorf("texts after resuming a torn log (-want +got):\n%s", diff)
	}
	if got := sess.Events[2].Seq; got != 3 {
		t.Errorf("seq after resume = %d, want 3", got)
	}
	if len(sess.Warnings) != 1 || sess.Warnings[0].Line != 3 {
		t.Errorf("warnings = %v, want the torn line 3 (now complete but invalid)", sess.Warnings)
	}
}

func TestReadSkipsCorruptLines(t *testing.T) {
	in := strings.Join([]string{
		`{"seq":1,"time":"2026-03-01T12:00:00Z","type":"start","version":1}`,
		`garbage`,
		``,
		`{"seq":2,"time":"2026-03-01T12:00:01Z","type":"gossip"}`,
		`{"seq":3,"time":"2026-03-01T12:00:02Z","type":"user","text":"hi"}`,
		`{"seq":4,"time":"2026-03-01T12:00:03Z","type":"requirements","requirements":{"title":"x","availability":"fast"}}`,
		`{"seq":5,"time":"2026-03-01T12:00:04Z","type":"assistant","text":"ok"}`,
	}, "\n")
	events, warnings, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var seqs, lines []int
	for _, e := range events {
		seqs = append(seqs, e.Seq)
	}
	for _, w := range warnings {
		lines = append(lines, w.Line)
	}
	if diff := cmp.Diff([]int{1, 3, 5}, seqs); diff != "" {
		t.Errorf("kept seqs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{2, 4, 6}, lines); diff != "" {
		t.Errorf("warned lines (-want +got):\n%s", diff)
	}
}

func TestListLatestRemove(t *testing.T) {
	s := newTestStore(t)
	var ids []string
	for _, title := range []string{"first", "second", "third"} {
		l, err := s.Create()
		if err != nil {
			t.Fatal(err)
		}
		appendAll(t, l, Event{Type: User, Text: title})
		ids = append(ids, l.ID())
		l.Close()
	}
	// Touch the first one again: it becomes the latest.
	l, _, err := s.Continue(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	appendAll(t, l, Event{Type: Phase, Phase: "scale"})
	l.Close()

	list, err := s.List()
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, st := range list {
		titles = append(titles, st.Title+"/"+st.Phase)
	}
	if diff := cmp.Diff([]string{"first/scale", "third/", "second/"}, titles); diff != "" {
		t.Errorf("List order (-want +got):\n%s", diff)
	}
	if got, err := s.Latest(); err != nil || got != ids[0] {
		t.Errorf("Latest() = %q, %v; want %q", got, err, ids[0])
	}
	if err := s.Remove(ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load(ids[0]); err == nil {
		t.Errorf("Load after Remove: no error")
	}
	if err := s.Remove("../../etc/passwd"); err == nil {
		t.Errorf("Remove of a path outside the store: no error")
	}
}

func TestLatestEmpty(t *testing.T) {
	if _, err := newTestStore(t).Latest(); !errors.Is(err, ErrNoSession) {
		t.Errorf("Latest on an empty store: %v, want ErrNoSession", err)
	}
}

// Latest passes over a session in which the person said nothing, however
// recent; a reset does not make a session empty.
func TestLatestHasContent(t *testing.T) {
	s := newTestStore(t)
	said, _ := s.Create()
	appendAll(t, said, Event{Type: User, Text: "Chat app"}, Event{Type: Reset})
	said.Close()
	empty, _ := s.Create()
	appendAll(t, empty, Event{Type: Assistant, Text: "What are we designing?"})
	empty.Close()
	if got, err := s.Latest(); err != nil || got != said.ID() {
		t.Errorf("Latest() = %q, %v; want %q, the session with a message", got, err, said.ID())
	}
}
