package chat

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// maxHistory bounds the lines kept in memory and loaded at start.
const maxHistory = 1000

// fileHistory is the line editor's history, kept in a file (0600) so it
// outlives the process. Each line read is appended as it is entered.
type fileHistory struct {
	path  string
	lines []string // oldest first
}

// openHistory loads the last lines of path, creating the file (and its
// directory, 0700) if needed. A history that cannot be read or written is
// not worth failing the chat for: the caller gets an in-memory history.
func openHistory(path string) *fileHistory {
	h := &fileHistory{path: path}
	if path == "" {
		return h
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		h.path = ""
		return h
	}
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		h.path = ""
		return h
	}
	defer f.Close()
	_ = f.Chmod(0o600)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			h.lines = append(h.lines, line)
		}
	}
	if len(h.lines) > maxHistory {
		h.lines = h.lines[len(h.lines)-maxHistory:]
	}
	return h
}

// Add records a line, in memory and at the end of the file.
func (h *fileHistory) Add(line string) {
	line = strings.TrimSpace(line)
	if line == "" || (len(h.lines) > 0 && h.lines[len(h.lines)-1] == line) {
		return
	}
	h.lines = append(h.lines, line)
	if len(h.lines) > maxHistory {
		h.lines = h.lines[1:]
	}
	if h.path == "" {
		return
	}
	f, err := os.OpenFile(h.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteString(line + "\n")
}

// Len returns the number of lines.
func (h *fileHistory) Len() int { return len(h.lines) }

// At returns a line; 0 is the most recent.
func (h *fileHistory) At(i int) string { return h.lines[len(h.lines)-1-i] }
