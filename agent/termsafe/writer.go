package termsafe

import (
	"io"
	"unicode/utf8"
)

// Writer sanitises text streamed in pieces, such as a model's answer
// arriving token by token. A character split across two writes is held
// back until its end arrives, so a bidi control or C1 control cut in two
// is still recognised; Flush writes what is held back at the end.
type Writer struct {
	w    io.Writer
	held []byte // an incomplete UTF-8 sequence or a trailing '\r'
}

// NewWriter returns a Writer that writes sanitised text to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Write sanitises p and writes it; it reports len(p) on success, as a
// writer that transforms its input does.
func (w *Writer) Write(p []byte) (int, error) {
	buf := append(w.held, p...)
	keep := tail(buf)
	out := Bytes(buf[:len(buf)-keep])
	w.held = append([]byte(nil), buf[len(buf)-keep:]...)
	if len(out) > 0 {
		if _, err := w.w.Write(out); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}

// Flush writes whatever is held back, sanitised.
func (w *Writer) Flush() error {
	if len(w.held) == 0 {
		return nil
	}
	out := Bytes(w.held)
	w.held = nil
	_, err := w.w.Write(out)
	return err
}

// tail is how many bytes at the end of b may still change meaning with
// the next write: the start of a multi-byte character, or a '\r' that a
// '\n' would turn into a plain line end.
func tail(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	if b[len(b)-1] == '\r' {
		return 1
	}
	for k := 1; k <= utf8.UTFMax-1 && k <= len(b); k++ {
		c := b[len(b)-k]
		if c < utf8.RuneSelf {
			return 0
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-k:]) {
				return 0
			}
			return k
		}
	}
	return 0
}
