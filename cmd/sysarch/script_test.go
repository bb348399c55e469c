package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run sysarch in-process as the "sysarch"
// command of the scripts in testdata/script.
// testEpoch is the day (2026-11-01 12:00 UTC) tests date designs by, as
// SOURCE_DATE_EPOCH for the binaries they start and as testNow in
// process, so the goldens do not drift with the wall clock.
const testEpoch = "1793534400"

var testDate = time.Date(2026, time.November, 1, 12, 0, 0, 0, time.UTC)

func testNow() time.Time { return testDate }

func TestMain(m *testing.M) {
	// The binaries tests start, and the scripts' sysarch, inherit it.
	os.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	testscript.Main(m, map[string]func(){
		"sysarch": main, // the very main a user runs
	})
}

// TestScript runs the end-to-end scripts in testdata/script: each runs the
// sysarch binary as a user would and checks its output and exit code.
// UPDATE_SCRIPTS=1 rewrites the expected output that scripts compare with
// cmp (an environment variable, so it never collides with a golden-file
// flag of another test in this package).
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Setup:         scriptSetup,
		Cmds:          scriptCmds(),
	})
}

// testIO returns streams over buffers, as a pipe would give.
func testIO() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IOStreams{Now: testNow, In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}, &out, &errOut
}

// TestInitExitCodes checks the exit codes testscript cannot tell apart:
// bad input is 2, and a refused or failed write leaves no temporary file.
func TestInitExitCodes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "req.md")
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"init", file}, 0},
		{[]string{"init", file}, 2},
		{[]string{"init", "--force", file}, 0},
		{[]string{"init", dir}, 2},
		{[]string{"init", filepath.Join(dir, "missing", "req.md")}, 2},
		{[]string{"init", "a.md", "b.md"}, 2},
		{[]string{"init", "--nope"}, 2},
	}
	for _, tt := range tests {
		ios, _, errOut := testIO()
		if got := run(tt.args, ios); got != tt.code {
			t.Errorf("sysarch %s: exit %d, want %d (stderr %q)", strings.Join(tt.args, " "), got, tt.code, errOut)
		}
		if tt.code != 0 && strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("sysarch %s: stderr %q, want one line", strings.Join(tt.args, " "), errOut)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "req.md" {
			t.Errorf("left behind %s", e.Name())
		}
	}
}
