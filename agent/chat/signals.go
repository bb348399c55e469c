package chat

import (
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// restoreOnSignal watches, while the terminal is raw, for the signals
// that end a process without asking it (SIGTERM, SIGHUP, SIGQUIT): when
// one arrives the terminal is put back as it was and bracketed paste is
// turned off before the process ends, so a chat killed at its prompt does
// not leave the shell in raw mode until 'reset'. stop ends the watch.
func restoreOnSignal(fd int, old *term.State, out io.Writer) (stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			io.WriteString(out, "\x1b[?2004l\r\n")
			term.Restore(fd, old)
			// The conventional status of a process ended by a signal; the
			// default action of SIGQUIT would print every goroutine's stack.
			os.Exit(128 + int(sig.(syscall.Signal)))
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sigs)
		close(done)
	}
}
