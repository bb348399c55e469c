package chat

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/interview"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

// answers is a whole offline interview, one answer per line.
var answers = strings.Join([]string{
	"URL shortener: short links", "create short links, redirect",
	"redirect", "read", "10B/month", "3x", "500B", "20ms", "yes", "no",
	"10M", "99.95%", "no acknowledged write is lost", "none",
	"3 engineers", "none", "3 months", "none", "none",
}, "\n") + "\n"

// fakeDesign stands in for the engine: one line naming what it was given.
func fakeDesign(req requirements.Requirements, opts DesignOptions) ([]byte, error) {
	if req.Title == "" {
		return nil, fmt.Errorf("no title")
	}
	return fmt.Appendf(nil, "# Design: %s at %gx, %d workloads, %d assumptions\n", req.Title, opts.Scale, len(req.Workloads), len(opts.Assumptions)), nil
}

type result struct {
	out, err string
	store    *session.Store
}

// runChat runs a piped chat over input in dir (the working directory for
// /save) and returns what it wrote.
func runChat(t *testing.T, store *session.Store, input string, edit func(*Options)) result {
	t.Helper()
	r, err := runChatErr(t, store, input, edit)
	if err != nil {
		t.Fatalf("Run: %v\nstderr:\n%s", err, r.err)
	}
	return r
}

// runChatErr is runChat for a chat that may end in an error.
func runChatErr(t *testing.T, store *session.Store, input string, edit func(*Options)) (result, error) {
	t.Helper()
	if store == nil {
		var err error
		store, err = session.OpenStore(filepath.Join(t.TempDir(), "sessions"), time.Now)
		if err != nil {
			t.Fatal(err)
		}
	}
	var out, errOut bytes.Buffer
	opts := Options{
		In: strings.NewReader(input), Out: &out, Err: &errOut,
		Store: store, NewResponder: interview.NewResponder, Design: fakeDesign,
		WriteFile: func(path string, data []byte) error { return os.WriteFile(path, data, 0o644) },
	}
	if edit != nil {
		edit(&opts)
	}
	err := Run(t.Context(), opts)
	return result{out.String(), errOut.String(), store}, err
}

// A piped chat writes the final design alone on the output; a what-if is
// shown on the error stream and dropped.
func TestPipedInterview(t *testing.T) {
	r := runChat(t, nil, answers+"what if traffic is 10x?\n/whatif\n/requirements\n/help\n", nil)
	want := "# Design: URL shortener at 1x, 1 workloads, 0 assumptions\n"
	if diff := cmp.Diff(want, r.out); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	for _, s := range []string{"What are we designing?", "› URL shortener: short links\n", "That is 3,802.65/s on average.", "Recomputing the design",
		"## What changes at ×10", "# Design: URL shortener at 10x", "That was a what-if at ×10, shown and not kept", "title: URL shortener\n", "/scale [FACTOR]"} {
		if !strings.Contains(r.err, s) {
			t.Errorf("conversation lacks %q:\n%s", s, r.err)
		}
	}
	if strings.Contains(r.out+r.err, "\x1b") {
		t.Errorf("escape codes in piped output")
	}
	list, _ := r.store.List()
	if len(list) != 1 || list[0].Title != "URL shortener" || list[0].Phase != "document" {
		t.Errorf("session list = %+v", list)
	}
}

func TestRequirementsAsYAML(t *testing.T) {
	r := runChat(t, nil, answers+"/requirements\n", nil)
	for _, s := range []string{"title: URL shortener\n", "    rate: 10B/month\n", "    item_size: 500B\n", "availability: 99.95%\n"} {
		if !strings.Contains(r.err, s) {
			t.Errorf("/requirements lacks %q:\n%s", s, r.out)
		}
	}
}

func TestPipedEndShowsDesignEarly(t *testing.T) {
	r := runChat(t, nil, "Chat app\nskip\n", nil)
	if want := "# Design: Chat app at 1x, 0 workloads, 1 assumptions\n"; r.out != want {
		t.Errorf("stdout = %q, want %q", r.out, want)
	}
}

func TestSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.md")
	r := runChat(t, nil, answers+"/save "+path+"\n/save "+path+"\n", nil)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "# Design: URL shortener at 1x, 1 workloads, 0 assumptions\n"; string(got) != want {
		t.Errorf("saved %q, want %q", got, want)
	}
	if !strings.Contains(r.err, "saved the design to "+path) || !strings.Contains(r.err, "exists; not overwritten (/save -f") {
		t.Errorf("conversation:\n%s", r.err)
	}
	os.WriteFile(path, []byte("old"), 0o644)
	runChat(t, nil, "Photo site\n/save -f "+path+"\n", nil)
	if got, _ := os.ReadFile(path); !strings.Contains(string(got), "Photo site") {
		t.Errorf("/save -f did not overwrite: %q", got)
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{"URL shortener": "url-shortener.md", "  ": "design.md", "Photos & Video (v2)": "photos-video-v2.md"} {
		if got := fileName(in); got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResume(t *testing.T) {
	first := runChat(t, nil, "URL shortener\nshorten, redirect\nredirect\n", func(o *Options) {
		o.Design = func(requirements.Requirements, DesignOptions) ([]byte, error) { return nil, nil }
	})
	r := runChat(t, first.store, "read\n", func(o *Options) { o.Resume = true })
	for _, s := range []string{"› URL shortener\n", "› shorten, redirect\n", "› redirect\n", "Is the redirect flow a read", "› read\nWhat is the average rate of redirect?"} {
		if !strings.Contains(r.err, s) {
			t.Errorf("resumed conversation lacks %q:\n%s", s, r.err)
		}
	}
	if n := strings.Count(r.err, "What are we designing?"); n != 1 {
		t.Errorf("first question shown %d times on resume, want once (in the transcript)", n)
	}
}

func TestResumeAnswersADanglingTurn(t *testing.T) {
	store, _ := session.OpenStore(t.TempDir(), time.Now)
	l, _ := store.Create()
	l.Append(session.Event{Type: session.Assistant, Text: "What are we designing?\n"})
	l.Append(session.Event{Type: session.User, Text: "Chat app"})
	l.Close() // the process died before answering
	r := runChat(t, store, "", func(o *Options) { o.Resume = true; o.ResumeID = l.ID() })
	if !strings.Contains(r.err, "› Chat app\nWhat must it do?") {
		t.Errorf("dangling turn not answered:\n%s", r.err)
	}
}

func TestCommands(t *testing.T) {
	r, err := runChatErr(t, nil, "Chat app\n/requirements\n/phase\n/tools\n/model\n/model big-1\n/calc throughput --count 100M --per month\n/nonsense\n/help\n/reset\n/requirements\n/exit\nnever read\n", func(o *Options) {
		o.Calc = func(args []string, out io.Writer) error { _, err := fmt.Fprintf(out, "calc %v\n", args); return err }
	})
	// Left after /reset with nothing said, a piped chat has no design.
	if err == nil || !strings.Contains(err.Error(), "recorded no requirements") {
		t.Errorf("Run error = %v, want no design after /reset", err)
	}
	for _, s := range []string{"title: Chat app\n", "Now: Functional requirements", "known: system: Chat app", "throughput ", "no model: this is the offline interview",
		"model set to big-1", "calc [throughput --count 100M --per month]", "A line ending in \\ continues", "# nothing is known yet"} {
		if !strings.Contains(r.err, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.err)
		}
	}
	if r.out != "" {
		t.Errorf("stdout = %q, want nothing: command output goes to stderr", r.out)
	}
	for _, s := range []string{"unknown command /nonsense", "Starting over."} {
		if !strings.Contains(r.err, s) {
			t.Errorf("conversation lacks %q:\n%s", s, r.err)
		}
	}
	if strings.Contains(r.err, "never read") {
		t.Errorf("/exit did not stop the chat")
	}
	sess, _ := r.store.Load(mustLatest(t, r.store))
	st := sess.State()
	if st.Model != "big-1" || st.Requirements.Title != "" {
		t.Errorf("state after /model and /reset = %+v", st)
	}
}

func mustLatest(t *testing.T, s *session.Store) string {
	t.Helper()
	id, err := s.Latest()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// slowResponder says a few words, then interrupts its own process as a
// person pressing Ctrl-C would, and waits to be cancelled.
type slowResponder struct{}

func (slowResponder) Respond(ctx context.Context, turn conversation.Turn) (<-chan conversation.Event, error) {
	ch := make(chan conversation.Event)
	go func() {
		defer close(ch)
		if turn.Text == "" {
			ch <- conversation.Event{Kind: conversation.TextDelta, Text: "Hello.\n"}
			ch <- conversation.Event{Kind: conversation.Done}
			return
		}
		ch <- conversation.Event{Kind: conversation.TextDelta, Text: "Let me think about"}
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		<-ctx.Done()
	}()
	return ch, nil
}

func TestCtrlCCancelsTheTurn(t *testing.T) {
	r, err := runChatErr(t, nil, "design me a thing\n", func(o *Options) {
		o.NewResponder = func([]session.Event) (conversation.Responder, error) { return slowResponder{}, nil }
		o.Design = func(requirements.Requirements, DesignOptions) ([]byte, error) { return nil, nil }
	})
	if err == nil || !strings.Contains(err.Error(), "recorded no requirements") {
		t.Errorf("Run error = %v, want no design for a conversation that recorded nothing", err)
	}
	if !strings.Contains(r.err, "Let me think about\n[cancelled]\n") {
		t.Errorf("conversation:\n%s", r.err)
	}
	sess, _ := r.store.Load(mustLatest(t, r.store))
	last := sess.Events[len(sess.Events)-1]
	if last.Type != session.Assistant || last.Text != "Let me think about" || !last.Partial || !last.Cancelled {
		t.Errorf("last event = %+v, want the partial answer marked cancelled", last)
	}
}

// toolResponder answers every turn with one tool call, a requirements
// update and a line of text, as a model would.
type toolResponder struct{}

func (toolResponder) Respond(_ context.Context, turn conversation.Turn) (<-chan conversation.Event, error) {
	ch := make(chan conversation.Event, 6)
	if turn.Text != "" {
		call := &session.Tool{ID: "c1", Name: "throughput", Args: []byte(`{"count":"100M","per":"month"}`)}
		ch <- conversation.Event{Kind: conversation.ToolCall, Tool: call}
		done := *call
		done.Result, done.Summary = []byte(`{"tool":"throughput"}`), "throughput 100M/month → 38.03/s"
		ch <- conversation.Event{Kind: conversation.ToolResult, Tool: &done}
		ch <- conversation.Event{Kind: conversation.Requirements, Requirements: &requirements.Requirements{Title: "Links"}}
	}
	ch <- conversation.Event{Kind: conversation.TextDelta, Text: "About 38 a second.\n"}
	ch <- conversation.Event{Kind: conversation.Done}
	close(ch)
	return ch, nil
}

func TestToolEventsAreShownAndRecorded(t *testing.T) {
	r := runChat(t, nil, "how many per second?\n", func(o *Options) {
		o.NewResponder = func([]session.Event) (conversation.Responder, error) { return toolResponder{}, nil }
	})
	if !strings.Contains(r.err, "  throughput 100M/month → 38.03/s\nAbout 38 a second.\n") {
		t.Errorf("conversation:\n%s", r.err)
	}
	sess, _ := r.store.Load(mustLatest(t, r.store))
	var types []session.Type
	for _, e := range sess.Events {
		types = append(types, e.Type)
	}
	want := []session.Type{session.Start, session.Assistant, session.User, session.ToolCall, session.ToolResult, session.Requirements, session.Assistant}
	if diff := cmp.Diff(want, types); diff != "" {
		t.Errorf("recorded (-want +got):\n%s", diff)
	}
	if st := sess.State(); st.Title != "Links" || st.Phase != "" {
		t.Errorf("state = %+v", st)
	}
}

func TestPromptOnStderrWhenOnlyStdinIsATerminal(t *testing.T) {
	r := runChat(t, nil, "Links\n", func(o *Options) { o.StdinTTY = true })
	if !strings.Contains(r.err, "What are we designing?") || !strings.Contains(r.err, "› ") || strings.Contains(r.err, "› Links") {
		t.Errorf("want a prompt and no echo of the typed line:\n%s", r.err)
	}
}
