package main

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"
)

// startNoColorTerminal runs sysarch with NO_COLOR=1 on a terminal 80
// columns wide, its state under state.
func startNoColorTerminal(t *testing.T, bin, state string, args ...string) *terminal {
	t.Helper()
	return startTerminalWide(t, bin, t.TempDir(), state, 80, []string{"NO_COLOR=1"}, args...)
}

// sgr is an escape code that sets colour or weight.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// testPTYNoColorAt80Columns: NO_COLOR drops colour and nothing else. On a
// terminal 80 columns wide the design is still drawn — tables laid out,
// prose wrapped — without a colour code; no number is split across lines,
// no line is wider than the terminal; the chat's banner and a resumed
// transcript are wrapped at word boundaries too.
func testPTYNoColorAt80Columns(t *testing.T, bin string) {
	req, err := filepath.Abs("../../examples/url-shortener.md")
	if err != nil {
		t.Fatal(err)
	}
	md, err := exec.Command(bin, "design", req).Output() // piped: the Markdown
	if err != nil {
		t.Fatal(err)
	}
	tm := startNoColorTerminal(t, bin, t.TempDir(), "design", req)
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v\n%s", err, tm.screen())
	}
	time.Sleep(50 * time.Millisecond) // the last of the output
	raw := tm.screen()
	if m := sgr.FindString(raw); m != "" {
		t.Errorf("colour code %q with NO_COLOR set", m)
	}
	screen := visible(raw)
	// At 80 columns the capacity table is too wide for columns: each row
	// is drawn as a card of its cells.
	if !strings.Contains(screen, "Value: 3,802.65/s") || strings.Contains(screen, "| --- |") || strings.Contains(screen, "| ID |") {
		t.Errorf("the capacity table is not drawn:\n%s", screen)
	}
	if !strings.Contains(screen, "│") {
		t.Errorf("no table is drawn with its borders:\n%s", screen)
	}
	assertNumbersWhole(t, screen, string(md), 80)

	state := t.TempDir()
	long := "Claims portal: employees submit about 6,000 claims a month with a photo of 1.5 MB, kept for 7 years, on a budget of 800 USD a month"
	chat := startNoColorTerminal(t, bin, state, "chat", "--offline")
	chat.expect("What are we designing?")
	chat.send(long + "\r")
	chat.expect("What must it do?")
	chat.send("/exit\r")
	if err := chat.wait(); err != nil {
		t.Fatalf("exit: %v\n%s", err, visible(chat.screen()))
	}
	resumed := startNoColorTerminal(t, bin, state, "chat", "--offline", "--resume")
	resumed.expect("What must it do?")
	resumed.send("/exit\r")
	_ = resumed.wait()
	time.Sleep(50 * time.Millisecond)
	screen = visible(resumed.screen())
	if !strings.Contains(screen, "/help lists the commands") {
		t.Errorf("the banner is split inside a word:\n%s", screen)
	}
	assertNumbersWhole(t, screen, long, 80)
}

// assertNumbersWhole checks that every number of want is shown whole on
// screen at least as often, and that no line is wider than cols.
func assertNumbersWhole(t *testing.T, screen, want string, cols int) {
	t.Helper()
	numbers := regexp.MustCompile(`[0-9][0-9,.]*[0-9]`)
	seen := map[string]bool{}
	for _, n := range numbers.FindAllString(want, -1) {
		if seen[n] {
			continue
		}
		seen[n] = true
		if got, wantN := wholeCount(screen, n), wholeCount(want, n); got < wantN {
			t.Errorf("%s is shown whole %d times, the text has it %d times", n, got, wantN)
		}
	}
	for i, line := range strings.Split(screen, "\n") {
		if w := runewidth.StringWidth(line); w > cols {
			t.Errorf("line %d is %d columns wide: %q", i+1, w, line)
		}
	}
}
