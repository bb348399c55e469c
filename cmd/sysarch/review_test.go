package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadReviewDoc(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.md", []byte("# Design\n\nText.\n"))
	big := write("big.md", bytes.Repeat([]byte("a"), maxReviewBytes+1))
	limit := write("limit.md", append([]byte("# "), bytes.Repeat([]byte("a"), maxReviewBytes-2)...))
	blank := write("blank.md", []byte(" \n\t\r\n"))
	nul := write("nul.md", []byte("# Design\x00\x01\x02"))
	latin1 := write("latin1.md", bytes.Repeat([]byte{0xe9, 0xe8, 'a'}, 100))

	tests := []struct {
		name, path, stdin string
		wantErr           string // a part of the error, "" for none
	}{
		{name: "file", path: ok},
		{name: "exactly 1 MiB", path: limit},
		{name: "stdin", path: "-", stdin: "# From stdin\n"},
		{name: "missing", path: filepath.Join(dir, "nope.md"), wantErr: "no such file"},
		{name: "directory", path: dir, wantErr: "is a directory"},
		{name: "too big", path: big, wantErr: "larger than 1 MiB"},
		{name: "blank", path: blank, wantErr: "is empty"},
		{name: "empty stdin", path: "-", wantErr: "standard input is empty"},
		{name: "NUL bytes", path: nul, wantErr: "looks binary"},
		{name: "not UTF-8", path: latin1, wantErr: "looks binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readReviewDoc(tt.path, strings.NewReader(tt.stdin))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("readReviewDoc(%q) = %v, want no error", tt.path, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("readReviewDoc(%q) = %v, want an error with %q", tt.path, err, tt.wantErr)
			case err != nil && strings.Contains(err.Error(), "\n"):
				t.Fatalf("error %q spans several lines, want one", err)
			}
		})
	}
}

// TestReviewExitCodes runs the command in-process: 0 for a passing
// document, 1 for one with a high finding, 2 for bad input.
func TestReviewExitCodes(t *testing.T) {
	docs := filepath.Join("..", "..", "agent", "review", "testdata")
	tests := []struct {
		args []string
		want int
	}{
		{[]string{"review", filepath.Join(docs, "good.md")}, exitOK},
		{[]string{"review", "--format", "json", filepath.Join(docs, "good.md")}, exitOK},
		{[]string{"review", filepath.Join(docs, "no-ops.md")}, exitFailure},
		{[]string{"review", filepath.Join(docs, "nope.md")}, exitUsage},
		{[]string{"review", "--format", "yaml", filepath.Join(docs, "good.md")}, exitUsage},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		ios := &IOStreams{Now: testNow, In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
		if got := run(tt.args, ios); got != tt.want {
			t.Errorf("run(%q) = %d, want %d; stderr %q", tt.args, got, tt.want, errOut.String())
		}
		if tt.want == exitUsage && out.Len() > 0 {
			t.Errorf("run(%q) wrote %q to stdout, want nothing", tt.args, out.String())
		}
	}
}

// A review whose command context has ended prints no report.
func TestReviewFollowsTheCommandContext(t *testing.T) {
	ios, out, _ := ttyIO(false, nil)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	root := newRootCmd(ios)
	root.SetArgs([]string{"review", writeReq(t, "# A design\n\nOne server.\n")})
	if err := root.ExecuteContext(ctx); err == nil || !strings.Contains(err.Error(), "review cancelled") {
		t.Errorf("got %v, want the review cancelled", err)
	}
	if out.Len() != 0 {
		t.Errorf("stdout after a cancelled review: %.80q", out.String())
	}
}
