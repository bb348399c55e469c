package chat

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-runewidth"
)

// spinner shows that a turn is under way until the first piece of the
// answer arrives. It draws on the error stream, on a terminal only.
type spinner struct {
	stopOnce sync.Once
	stopped  chan struct{}
	done     chan struct{}
}

func startSpinner(w io.Writer, on bool) *spinner {
	s := &spinner{stopped: make(chan struct{}), done: make(chan struct{})}
	if !on {
		close(s.done)
		return s
	}
	go func() {
		defer close(s.done)
		frames := []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}
		tick := time.NewTicker(80 * time.Millisecond)
		defer tick.Stop()
		for i := 0; ; i++ {
			fmt.Fprintf(w, "\r%s thinking…", frames[i%len(frames)])
			select {
			case <-s.stopped:
				io.WriteString(w, "\r\x1b[K")
				return
			case <-tick.C:
			}
		}
	}()
	return s
}

// stop clears the spinner; it is safe to call more than once.
func (s *spinner) stop() {
	s.stopOnce.Do(func() { close(s.stopped) })
	<-s.done
}

// restyle replaces raw streamed text, already on the screen, with its
// rendered form: the answer streams as it arrives and is formatted once
// complete, so nothing flickers while it streams.
func restyle(w io.Writer, raw, rendered string, width int) {
	if width <= 0 || raw == "" {
		return
	}
	io.WriteString(w, eraseRows(raw, width))
	io.WriteString(w, strings.TrimRight(rendered, "\n")+"\n")
}

// eraseRows returns the escape codes that move the cursor to the start of
// raw, written from column 0, and clear the screen from there.
func eraseRows(raw string, width int) string {
	lines := strings.Split(raw, "\n")
	below := lines[len(lines)-1] == ""
	if below {
		lines = lines[:len(lines)-1]
	}
	rows := 0
	for _, l := range lines {
		rows += max(1, (runewidth.StringWidth(l)+width-1)/width)
	}
	up := rows - 1
	if below {
		up = rows
	}
	var b strings.Builder
	b.WriteString("\r")
	if up > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", up)
	}
	b.WriteString("\x1b[J")
	return b.String()
}
