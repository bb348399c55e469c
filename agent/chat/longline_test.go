package chat

import (
	"bufio"
	"context"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/session"
)

// TestReadLineLong reads lines around the bound: up to MaxLine a line is
// kept whole, past it it is dropped with an error naming its size, and
// the next line is read as usual.
func TestReadLineLong(t *testing.T) {
	long := strings.Repeat("x", 5<<20)
	atBound := strings.Repeat("y", MaxLine)
	in := bufio.NewReaderSize(strings.NewReader("short\r\n"+atBound+"\n"+long+"\nafter\nlast"), 64<<10)
	want := []string{"short\r", atBound, "", "after", "last"}
	for i, w := range want {
		got, err := readLine(in)
		if i == 2 {
			var tl *LineTooLongError
			if !errors.As(err, &tl) || tl.Size != 5<<20+1 {
				t.Fatalf("line 3: err = %v, want a LineTooLongError of 5 MiB", err)
			}
			continue
		}
		if err != nil || got != w {
			t.Fatalf("line %d = %.20q (%d bytes), %v; want %.20q", i+1, got, len(got), err, w)
		}
	}
	if _, err := readLine(in); !errors.Is(err, io.EOF) {
		t.Errorf("after the last line: %v, want EOF", err)
	}
}

// echoResponder answers each turn with the length of what it was told.
type echoResponder struct{ heard *[]int }

func (e echoResponder) Respond(_ context.Context, t conversation.Turn) (<-chan conversation.Event, error) {
	*e.heard = append(*e.heard, len(t.Text))
	ch := make(chan conversation.Event, 2)
	ch <- conversation.Event{Kind: conversation.TextDelta, Text: "ok\n"}
	ch <- conversation.Event{Kind: conversation.Done}
	close(ch)
	return ch, nil
}

// TestPipedChatLongAnswer: a 5 MB piped answer is dropped with one line
// saying why, and the chat goes on to the next answer.
func TestPipedChatLongAnswer(t *testing.T) {
	var heard []int
	input := "a URL shortener\n" + strings.Repeat("z", 5<<20) + "\n100M links a month\n"
	r, _ := runChatErr(t, nil, input, func(o *Options) {
		o.NewResponder = func([]session.Event) (conversation.Responder, error) { return echoResponder{&heard}, nil }
	})
	// The first turn is the opening one, with no text.
	if want := []int{0, len("a URL shortener"), len("100M links a month")}; !slices.Equal(heard, want) {
		t.Errorf("the responder heard turns of %v bytes, want %v", heard, want)
	}
	if !strings.Contains(r.err+r.out, "that answer is 5.0 MiB") {
		t.Errorf("no line says the long answer was dropped:\nstdout %.300s\nstderr %.300s", r.out, r.err)
	}
	if strings.Contains(r.err+r.out, "token too long") {
		t.Errorf("bufio.Scanner's error reached the user")
	}
}
