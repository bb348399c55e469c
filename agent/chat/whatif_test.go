package chat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/session"
)

// /scale keeps a what-if for /design and /save, which says so; /scale 1
// returns to the load as stated.
func TestScaleKeepsAWhatIf(t *testing.T) {
	dir := t.TempDir()
	at10, at1 := filepath.Join(dir, "10.md"), filepath.Join(dir, "1.md")
	r := runChat(t, nil, answers+"what if traffic is 3x?\n/save "+filepath.Join(dir, "after-what-if.md")+"\n/scale\n/scale 10x\n/save "+at10+"\n/scale 1\n/save "+at1+"\n/scale fast\n", nil)
	for path, want := range map[string]string{
		filepath.Join(dir, "after-what-if.md"): "# Design: URL shortener at 1x, 1 workloads, 0 assumptions\n",
		at10:                                   "# Design: URL shortener at 10x, 1 workloads, 0 assumptions\n",
		at1:                                    "# Design: URL shortener at 1x, 1 workloads, 0 assumptions\n",
	} {
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s = %q, want %q", filepath.Base(path), got, want)
		}
	}
	for _, s := range []string{
		"/design and /save use the load as stated.",
		"saved the what-if design (every rate ×10, marked in its title) to " + at10 + "; /scale 1 returns",
		"Back to the load as stated.",
		"saved the design to " + at1,
		`/scale takes a factor like 10x`,
	} {
		if !strings.Contains(r.err, s) {
			t.Errorf("conversation lacks %q:\n%s", s, r.err)
		}
	}
	if want := "# Design: URL shortener at 1x, 1 workloads, 0 assumptions\n"; r.out != want {
		t.Errorf("stdout = %q, want %q", r.out, want)
	}
}

// A chat in which the person said nothing leaves no session; --resume
// without an id picks the latest session with something in it.
func TestEmptySessionsAreNotKept(t *testing.T) {
	store, err := session.OpenStore(t.TempDir(), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	real := runChat(t, store, "Photo site\n", nil)
	for _, input := range []string{"", "/help\n/phase\n"} {
		if _, err := runChatErr(t, store, input, nil); err == nil {
			t.Errorf("%q: a piped chat that recorded nothing gave no error", input)
		}
	}
	list, _ := real.store.List()
	if len(list) != 1 || list[0].Title != "Photo site" {
		t.Fatalf("sessions = %+v, want the one with content", list)
	}
	// An empty log left by an older version or a crash is passed over.
	l, _ := store.Create()
	l.Close()
	r := runChat(t, store, "shorten\n", func(o *Options) { o.Resume = true })
	if !strings.Contains(r.err, "› Photo site\n") {
		t.Errorf("--resume did not pick the session with content:\n%s", r.err)
	}
}

func TestWrapHelpKeepsWordsWhole(t *testing.T) {
	for _, width := range []int{40, 60, 80} {
		got := wrapHelp(helpText, width)
		for _, line := range strings.Split(got, "\n") {
			if n := len([]rune(line)); n > width {
				t.Errorf("width %d: line of %d: %q", width, n, line)
			}
		}
		if diff := cmp.Diff(strings.Fields(helpText), strings.Fields(got)); diff != "" {
			t.Errorf("width %d: words changed (-want +got):\n%s", width, diff)
		}
	}
	if got := wrapHelp(helpText, 60); !strings.Contains(got, "  /design            compute and show the design now (gaps\n                     become assumptions)\n") {
		t.Errorf("a command's description does not wrap under its column:\n%s", got)
	}
	if wrapHelp(helpText, 0) != helpText {
		t.Errorf("width 0 changed the help")
	}
}
