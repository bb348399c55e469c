package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startTerminalSized runs sysarch with args on a terminal cols wide.
func startTerminalSized(t *testing.T, bin, dir string, cols uint16, args ...string) *terminal {
	t.Helper()
	return startTerminalWide(t, bin, dir, t.TempDir(), cols, nil, args...)
}

var escapeCode = regexp.MustCompile("\x1b\\[[0-9;?]*[A-Za-z]|\x1b\\][^\x07\x1b]*(\x07|\x1b\\\\)")

// visible is what a terminal shows of out: no escape codes, plain newlines.
func visible(out string) string {
	return strings.ReplaceAll(escapeCode.ReplaceAllString(out, ""), "\r\n", "\n")
}

// testPTYDesignAt120Columns draws an example's design on a terminal 120
// columns wide: every number of the document is shown whole, none split
// across lines, and no line is wider than the terminal.
func testPTYDesignAt120Columns(t *testing.T, bin string) {
	examples, err := filepath.Abs("../../examples")
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(examples, "url-shortener.design.md"))
	if err != nil {
		t.Fatal(err)
	}
	tm := startTerminalSized(t, bin, t.TempDir(), 120, "design", filepath.Join(examples, "url-shortener.md"))
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v\n%s", err, tm.screen())
	}
	time.Sleep(50 * time.Millisecond) // the last of the output
	screen := visible(tm.screen())
	if !strings.Contains(screen, "│ 3,802.65/s") {
		t.Errorf("the capacity table is not drawn as a table:\n%s", screen)
	}
	assertNumbersWhole(t, screen, string(want), 120)
}

// wholeCount counts n in s where it is not part of a longer number.
func wholeCount(s, n string) int {
	count := 0
	for i := 0; ; {
		k := strings.Index(s[i:], n)
		if k < 0 {
			return count
		}
		start, end := i+k, i+k+len(n)
		i = start + 1
		digit := func(j int) bool { return j >= 0 && j < len(s) && s[j] >= '0' && s[j] <= '9' }
		if start > 0 && (digit(start-1) || s[start-1] == ',' || s[start-1] == '.') {
			continue
		}
		if digit(end) || (end < len(s) && (s[end] == ',' || s[end] == '.') && digit(end+1)) {
			continue
		}
		count++
	}
}

// testPTYCtrlCClearsALine: Ctrl-C on a half-typed line drops the line and
// does not count toward leaving; only Ctrl-C twice in a row at an empty
// prompt leaves.
func testPTYCtrlCClearsALine(t *testing.T, bin string) {
	tm := startTerminal(t, bin, t.TempDir(), t.TempDir(), "chat", "--offline")
	tm.expect("What are we designing?")
	tm.expect("[functional] › ")
	tm.send("half typ")
	tm.expect("half typ")
	tm.send("\x03")
	tm.expect("^C")
	tm.expect("[functional] › ")
	tm.send("\x03") // the first at an empty prompt
	tm.expect("press Ctrl-C again")
	tm.expect("[functional] › ")
	tm.send("again half")
	tm.expect("again half")
	tm.send("\x03") // drops the line and starts the count again
	tm.expect("[functional] › ")
	tm.send("\x03")
	tm.expect("press Ctrl-C again")
	tm.expect("[functional] › ")
	select {
	case err := <-tm.done:
		t.Fatalf("the chat ended after Ctrl-C on a typed line (%v):\n%s", err, visible(tm.screen()))
	case <-time.After(200 * time.Millisecond):
	}
	tm.send("URL shortener\r") // the line typed after a clear is read whole
	tm.expect("What must it do?")
	tm.expect("[functional] › ")
	tm.send("\x03")
	tm.expect("press Ctrl-C again")
	tm.send("\x03")
	if err := tm.wait(); err != nil {
		t.Fatalf("exit: %v", err)
	}
}
