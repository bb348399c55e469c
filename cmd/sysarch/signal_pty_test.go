//go:build linux

package main

import (
	"os"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestChatSignalRestoresTerminal kills the chat at its prompt, where the
// terminal is raw, with each signal that ends a process: the terminal is
// back in cooked mode with echo afterwards, and bracketed paste is off.
func TestChatSignalRestoresTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the binary")
	}
	bin := buildSysarch(t)
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT} {
		t.Run(sig.String(), func(t *testing.T) {
			tm := startTerminal(t, bin, t.TempDir(), t.TempDir(), "chat", "--offline")
			tm.expect("[functional] › ")
			if cooked(t, tm.pty) {
				t.Fatal("the terminal is not raw at the prompt; the test cannot tell")
			}
			tm.cmd.Process.Signal(sig)
			tm.wait()
			if !cooked(t, tm.pty) {
				t.Errorf("after %v the terminal is still raw", sig)
			}
			tm.expect("\x1b[?2004l")
		})
	}
}

// cooked reports whether the terminal behind f reads lines and echoes.
func cooked(t *testing.T, f *os.File) bool {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	if err != nil {
		t.Fatal(err)
	}
	return tio.Lflag&unix.ICANON != 0 && tio.Lflag&unix.ECHO != 0
}
