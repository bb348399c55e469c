package session

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"
)

// Log is an open session log. Append is safe for concurrent use (tool
// calls of one turn run concurrently).
type Log struct {
	mu  sync.Mutex
	id  string
	f   *os.File
	seq int
	now func() time.Time
	// size is where the last whole line ends; torn says a write failed
	// after it, possibly leaving part of a line there.
	size int64
	torn bool
	// write writes to f; tests replace it to fail as a full disk does.
	write func([]byte) (int, error)
}

// ID returns the session id.
func (l *Log) ID() string { return l.id }

// Append numbers and stamps e, writes it as one line and syncs the file
// before returning: once Append returns, the event survives a crash.
func (l *Log) Append(e Event) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return errors.New("session log is closed")
	}
	l.seq++
	e.Seq = l.seq
	if e.Time.IsZero() {
		e.Time = l.now().UTC()
	}
	line, err := json.Marshal(e)
	if err != nil {
		l.seq--
		return fmt.Errorf("cannot encode a %s event: %w", e.Type, err)
	}
	if len(line) >= MaxLine {
		l.seq--
		return fmt.Errorf("a %s event of %d bytes is larger than a session line may be (%d bytes)", e.Type, len(line), MaxLine)
	}
	// A write that failed may have left part of a line: cut the log back
	// to its last whole line, or this event would be glued to the torn
	// one and lost with it when read.
	if l.torn {
		if err := l.f.Truncate(l.size); err != nil {
			l.seq--
			return fmt.Errorf("the %s event was not saved: the session log ends in a torn line that cannot be cut off: %w", e.Type, err)
		}
		l.torn = false
	}
	// One write per event: a crash leaves at most the last line torn.
	write := l.write
	if write == nil {
		write = l.f.Write
	}
	n, err := write(append(line, '\n'))
	if err == nil && n < len(line)+1 {
		err = io.ErrShortWrite
	}
	if err != nil {
		l.seq--
		l.torn = true
		return fmt.Errorf("the %s event was not saved to the session log (it is kept on screen only): %w", e.Type, err)
	}
	l.size += int64(n)
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("the %s event may not survive a crash: cannot sync the session log: %w", e.Type, err)
	}
	return nil
}

// Close closes the log file.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}

// Warning says a line of a log was skipped, and why.
type Warning struct {
	Line int
	Msg  string
}

func (w Warning) String() string { return fmt.Sprintf("line %d: %s", w.Line, w.Msg) }

// MaxLine is the longest line a session log holds. An event carries a
// turn, a tool result or a design document, each far smaller; a longer
// line is not an event sysarch wrote, and reading it whole would let one
// line take all the memory there is.
const MaxLine = 8 << 20

// Read reads a session log. Lines that are not valid events are skipped
// with a warning, and so are lines longer than MaxLine, without keeping
// them in memory; a last line without its newline is a write cut short by
// a crash and is skipped too. Only an I/O error is returned as an error.
func Read(r io.Reader) ([]Event, []Warning, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var events []Event
	var warnings []Warning
	for n := 1; ; n++ {
		line, long, err := readLine(br, MaxLine)
		if err != nil && !errors.Is(err, io.EOF) {
			return events, warnings, err
		}
		complete := len(line) > 0 && line[len(line)-1] == '\n'
		switch {
		case long:
			warnings = append(warnings, Warning{n, fmt.Sprintf("line longer than %d bytes; skipped", MaxLine)})
		case len(bytes.TrimSpace(line)) > 0:
			e, perr := parseLine(line)
			switch {
			case perr == nil:
				events = append(events, e)
			case !complete:
				warnings = append(warnings, Warning{n, "incomplete last line (the session was interrupted while writing it); skipped"})
			default:
				warnings = append(warnings, Warning{n, perr.Error() + "; skipped"})
			}
		}
		if err != nil {
			return events, warnings, nil
		}
	}
}

// readLine reads one line with its newline. A line longer than limit is
// read to its end and dropped: long reports it.
func readLine(br *bufio.Reader, limit int) (line []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long && len(line)+len(chunk) > limit {
			long, line = true, nil
		}
		if !long {
			line = append(line, chunk...)
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return line, long, err
		}
	}
}
func parseLine(line []byte) (Event, error) {
	var e Event
	if err := json.Unmarshal(line, &e); err != nil {
		return Event{}, fmt.Errorf("not a valid event (%v)", err)
	}
	if !knownTypes[e.Type] {
		return Event{}, fmt.Errorf("unknown event type %q", e.Type)
	}
	return e, nil
}
