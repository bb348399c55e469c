package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ttyIO returns streams over buffers; tty says whether stdout is a
// terminal, env is the environment.
func ttyIO(tty bool, env map[string]string) (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IOStreams{Now: testNow,
		In: strings.NewReader(""), Out: &out, ErrOut: &errOut,
		stdoutTTY: tty,
		Getenv:    func(k string) string { return env[k] },
	}, &out, &errOut
}

const smallReq = "title: Inventory\nworkloads:\n  - {name: list items, kind: read, rate: 20/s}\n"

func writeReq(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "req.yaml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDesignExitCodes(t *testing.T) {
	good := writeReq(t, smallReq)
	bad := writeReq(t, "title: Bad\nworkloads:\n  - {name: x, rate: fast}\n")
	existing := filepath.Join(t.TempDir(), "design.md")
	if err := os.WriteFile(existing, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"ok", []string{"design", "-f", good}, exitOK},
		{"bad rate", []string{"design", "-f", bad}, exitUsage},
		{"no file flag", []string{"design"}, exitUsage},
		{"existing output", []string{"design", "-f", good, "-o", existing}, exitUsage},
		{"bad scale", []string{"design", "-f", good, "--scale", "0"}, exitUsage},
		{"bad format", []string{"design", "-f", good, "--format", "html"}, exitUsage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, errOut := ttyIO(false, nil)
			if got := run(tt.args, ios); got != tt.want {
				t.Errorf("exit code = %d, want %d; stderr: %s", got, tt.want, errOut)
			}
			if tt.want != exitOK && strings.Count(errOut.String(), "\n") != 1 {
				t.Errorf("stderr should be one line, got %q", errOut)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "mine" {
		t.Errorf("the refused -o file was changed to %q", b)
	}
}

func TestDesignStylesOnlyOnATerminal(t *testing.T) {
	req := writeReq(t, smallReq)
	tests := []struct {
		name   string
		tty    bool
		env    map[string]string
		styled bool
	}{
		{"terminal", true, nil, true},
		{"terminal with NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false},
		{"dumb terminal", true, map[string]string{"TERM": "dumb"}, false},
		{"piped", false, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, out, errOut := ttyIO(tt.tty, tt.env)
			if code := run([]string{"design", "-f", req}, ios); code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			if got := strings.Contains(out.String(), "\x1b["); got != tt.styled {
				t.Errorf("escape codes in output = %v, want %v", got, tt.styled)
			}
		})
	}
}
