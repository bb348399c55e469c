package chat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/termsafe"
	"golang.org/x/term"
)

// ErrInterrupt is returned by a LineReader when the person pressed Ctrl-C
// at an empty prompt. io.EOF means Ctrl-D on an empty line, or the end of
// input.
var ErrInterrupt = errors.New("interrupted")

// ErrCleared is returned by a LineReader when the person pressed Ctrl-C
// on a line with text: the line is dropped, and the chat goes on.
var ErrCleared = errors.New("line cleared")

// LineReader reads one line of input after showing prompt. pasted says
// the line arrived in a bracketed paste and more of the paste may follow.
type LineReader interface {
	ReadLine(prompt string) (line string, pasted bool, err error)
	Close() error
}

// plainReader reads lines with no editing: from a pipe or a file, where
// it echoes each line after the prompt to echo so the run leaves a
// readable transcript, or from a terminal whose output is redirected,
// where it shows the prompt on prompt first.
type plainReader struct {
	in           *bufio.Reader
	prompt, echo io.Writer
}

// MaxLine is the longest line of input the chat takes as one answer: as
// much as a requirements file holds. A longer line is read to its end
// and dropped, so a piped file of any size costs no more memory.
const MaxLine = 1 << 20

// LineTooLongError says a line of input was dropped for its length.
type LineTooLongError struct{ Size int64 }

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("that answer is %.1f MiB, over the %d MiB a chat answer may hold, and was dropped; put a long text in a file and run 'sysarch design -f FILE'",
		float64(e.Size)/(1<<20), MaxLine>>20)
}

func newPlainReader(in io.Reader, prompt, echo io.Writer) *plainReader {
	return &plainReader{in: bufio.NewReaderSize(in, 64<<10), prompt: prompt, echo: echo}
}

func (r *plainReader) ReadLine(prompt string) (string, bool, error) {
	if r.prompt != nil {
		io.WriteString(r.prompt, prompt)
	}
	line, err := readLine(r.in)
	if err != nil {
		return "", false, err
	}
	line = strings.TrimRight(line, "\r")
	if r.echo != nil {
		fmt.Fprintln(r.echo, prompt+termsafe.Line(line)) // the line may come from any file piped in
	}
	return line, false, nil
}

func (r *plainReader) Close() error { return nil }

// readLine reads one line without its newline, however long: up to
// MaxLine it is kept, past it the rest is read and dropped and a
// *LineTooLongError says so. A last line without a newline counts.
func readLine(in *bufio.Reader) (string, error) {
	var b []byte
	var size int64
	for {
		chunk, err := in.ReadSlice('\n')
		size += int64(len(chunk))
		if size <= MaxLine+1 {
			b = append(b, chunk...)
		} else {
			b = nil
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err != nil && !errors.Is(err, io.EOF):
			return "", err
		case err != nil && size == 0:
			return "", io.EOF
		}
		line := strings.TrimSuffix(string(b), "\n")
		if size > MaxLine+1 || len(line) > MaxLine {
			return "", &LineTooLongError{Size: size}
		}
		return line, nil
	}
}

// termReader edits lines on a terminal with golang.org/x/term: cursor
// keys, history (up and down), bracketed paste. The terminal is raw only
// while a line is being read, so Ctrl-C during a turn is a signal that
// cancels the turn, and Ctrl-C at the prompt is a key.
type termReader struct {
	in    *os.File
	out   io.Writer
	keys  *keyWatch
	t     *term.Terminal
	hist  term.History
	fd    int
	width func() (int, int, error)
	// hadText says the line held text when Ctrl-C was pressed.
	hadText bool
}

func newTermReader(in *os.File, out io.Writer, hist term.History) *termReader {
	r := &termReader{in: in, out: out, keys: &keyWatch{r: in}, hist: hist, fd: int(in.Fd())}
	r.width = func() (int, int, error) { return term.GetSize(r.fd) }
	r.reset()
	return r
}

// reset starts a fresh line editor: x/term keeps the abandoned line after
// Ctrl-C or Ctrl-D, and it must not reappear at the next prompt.
func (r *termReader) reset() {
	r.t = term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{r.keys, r.out}, "")
	if r.hist != nil {
		r.t.History = r.hist
	}
	r.t.AutoCompleteCallback = r.onKey
}

// onKey sees Ctrl-C (as keyWatch passes it on) with the line it was
// pressed on: x/term ends the read on Ctrl-C without saying whether the
// line was empty, and only an empty line counts toward leaving.
func (r *termReader) onKey(line string, _ int, key rune) (string, int, bool) {
	if key != ctrlCMark {
		return "", 0, false
	}
	r.hadText = line != ""
	r.keys.inject(keyCtrlC)
	return "", 0, false
}

func (r *termReader) ReadLine(prompt string) (string, bool, error) {
	old, err := term.MakeRaw(r.fd)
	if err != nil {
		return "", false, fmt.Errorf("cannot read from the terminal: %w", err)
	}
	defer term.Restore(r.fd, old)
	defer restoreOnSignal(r.fd, old, r.out)()
	if w, h, err := r.width(); err == nil {
		r.t.SetSize(w, h)
	}
	r.t.SetBracketedPasteMode(true)
	defer r.t.SetBracketedPasteMode(false)
	r.t.SetPrompt(prompt)
	r.keys.clear()
	r.hadText = false
	line, err := r.t.ReadLine()
	switch {
	case errors.Is(err, term.ErrPasteIndicator):
		return line, true, nil
	case errors.Is(err, io.EOF):
		interrupted := r.keys.last() == keyCtrlC
		// Straight to the terminal: the editor's Write would redraw the prompt.
		r.reset()
		if interrupted {
			io.WriteString(r.out, "^C\r\n")
			if r.hadText {
				return "", false, ErrCleared
			}
			return "", false, ErrInterrupt
		}
		io.WriteString(r.out, "\r\n")
		return "", false, io.EOF
	}
	return line, false, err
}

func (r *termReader) Close() error { return nil }

const (
	keyCtrlC = 3
	keyCtrlD = 4
	// ctrlCMark is what x/term is given for Ctrl-C typed: Ctrl-G, a key
	// it passes to the AutoCompleteCallback with the line, where Ctrl-C
	// itself would end the read at once.
	ctrlCMark = 7
)

// keyWatch passes input through and remembers whether Ctrl-C or Ctrl-D
// came last: x/term reports both as io.EOF, and they mean different
// things. A typed Ctrl-C is passed on as ctrlCMark; the Ctrl-C that ends
// the read is the one injected once the line has been seen.
type keyWatch struct {
	r       io.Reader
	mu      sync.Mutex
	seen    byte
	pending []byte
}

func (k *keyWatch) Read(p []byte) (int, error) {
	k.mu.Lock()
	if len(k.pending) > 0 {
		n := copy(p, k.pending)
		k.pending = k.pending[n:]
		for _, b := range p[:n] {
			if b == keyCtrlC {
				k.seen = b
			}
		}
		k.mu.Unlock()
		return n, nil
	}
	k.mu.Unlock()
	n, err := k.r.Read(p)
	k.mu.Lock()
	for i, b := range p[:n] {
		switch b {
		case keyCtrlC:
			p[i] = ctrlCMark
		case keyCtrlD:
			k.seen = b
		}
	}
	k.mu.Unlock()
	return n, err
}

// inject queues a key to be read before any further input.
func (k *keyWatch) inject(b byte) { k.mu.Lock(); k.pending = append(k.pending, b); k.mu.Unlock() }

func (k *keyWatch) clear() { k.mu.Lock(); k.seen = 0; k.pending = nil; k.mu.Unlock() }

func (k *keyWatch) last() byte { k.mu.Lock(); defer k.mu.Unlock(); return k.seen }
