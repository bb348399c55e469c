package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/session"
)

// A second chat --resume of a session another chat holds open says so
// on one line and exits 2; the session is left as it was.
func TestResumeOpenElsewhere(t *testing.T) {
	state := t.TempDir()
	store, err := session.OpenStore(filepath.Join(state, "sysarch", "sessions"), time.Now)
	if err != nil {
		t.Fatal(err)
	}
	held, err := store.Create()
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	getenv := func(k string) string {
		if k == "XDG_STATE_HOME" {
			return state
		}
		return ""
	}
	for _, args := range [][]string{{"chat", "--offline", "--resume", held.ID()}, {"sessions", "rm", held.ID()}} {
		var out, errOut bytes.Buffer
		ios := &IOStreams{Now: testNow, In: strings.NewReader("hello\n"), Out: &out, ErrOut: &errOut, Getenv: getenv}
		code := run(args, ios)
		want := "sysarch: session " + held.ID() + " is open elsewhere"
		if code != 2 || !strings.HasPrefix(errOut.String(), want) || strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("%v: exit %d, stderr %q; want 2 and one line starting %q", args, code, errOut.String(), want)
		}
	}
	sess, err := store.Load(held.ID())
	if err != nil || len(sess.Events) != 1 {
		t.Errorf("the held session changed: %v events, %v", len(sess.Events), err)
	}
}
