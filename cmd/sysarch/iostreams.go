package main

import (
	"io"
	"os"
	"sync"
	"time"

	"github.com/sysarch/sysarch/agent/render"
	"golang.org/x/term"
)

// IOStreams are the process's standard streams and what is known about
// them. Tests build one over buffers and flip the terminal flags.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stderrTTY bool
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// Now is the clock; nil means SOURCE_DATE_EPOCH or the system clock
	// (see clock). Tests set a fixed one.
	Now func() time.Time
}

func newSystemIO() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		stdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		stdoutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		stderrTTY: term.IsTerminal(int(os.Stderr.Fd())),
		Getenv:    os.Getenv,
	}
}

// IsStdoutTTY says whether results go to a terminal.
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }

// IsStdinTTY says whether input comes from a terminal.
func (s *IOStreams) IsStdinTTY() bool { return s.stdinTTY }

// IsStderrTTY says whether progress goes to a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// ColorEnabled says whether styled output is wanted on stdout: only on a
// terminal, and never with NO_COLOR set.
func (s *IOStreams) ColorEnabled() bool {
	return s.stdoutTTY && s.Getenv("NO_COLOR") == "" && s.Getenv("TERM") != "dumb"
}

// RenderEnabled says whether Markdown is drawn for the terminal (wrapped
// prose, tables laid out) rather than written as is: on a terminal, with
// or without colour. NO_COLOR drops the colour only.
func (s *IOStreams) RenderEnabled() bool {
	return s.stdoutTTY && s.Getenv("TERM") != "dumb"
}

// renderMarkdown draws Markdown for stdout: with colour, plain but laid
// out under NO_COLOR, or as is when stdout is no terminal (or drawing
// fails).
func (s *IOStreams) renderMarkdown(md []byte) []byte {
	if !s.RenderEnabled() {
		return md
	}
	draw := render.TerminalPlain
	if s.ColorEnabled() {
		draw = render.Terminal
	}
	out, err := draw(md, s.TerminalWidth())
	if err != nil {
		return md
	}
	return out
}

// TerminalWidth returns stdout's width, or 0 when it is not a terminal.
func (s *IOStreams) TerminalWidth() int {
	f, ok := s.Out.(*os.File)
	if !ok || !s.stdoutTTY {
		return 0
	}
	w, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return w
}

// lockedWriter serialises writes to one writer shared by goroutines.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// lockWriter wraps w once; a writer already locked is returned as is.
func lockWriter(w io.Writer) io.Writer {
	if _, ok := w.(*lockedWriter); ok || w == nil {
		return w
	}
	return &lockedWriter{w: w}
}
