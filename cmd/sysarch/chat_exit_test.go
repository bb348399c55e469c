package main

import (
	"strings"
	"testing"
)

// A session that is not there is bad input for chat --resume as for
// sessions show: exit 2 with one line saying so.
func TestResumeMissingSessionExitsTwo(t *testing.T) {
	state := t.TempDir()
	for _, args := range [][]string{
		{"chat", "--offline", "--resume", "nope"},
		{"chat", "--offline", "--resume"},
		{"sessions", "show", "nope"},
	} {
		ios, _, errOut := testIO()
		ios.Getenv = func(k string) string {
			if k == "XDG_STATE_HOME" {
				return state
			}
			return ""
		}
		if got := run(args, ios); got != exitUsage {
			t.Errorf("%s: exit %d, want %d; stderr %q", strings.Join(args, " "), got, exitUsage, errOut.String())
		}
		if lines := strings.Count(strings.TrimSpace(errOut.String()), "\n"); lines != 0 || !strings.Contains(errOut.String(), "session") {
			t.Errorf("%s: stderr %q, want one line about the session", strings.Join(args, " "), errOut.String())
		}
	}
}
