package session

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// StateDir returns sysarch's state directory: $XDG_STATE_HOME/sysarch, or
// ~/.local/state/sysarch when XDG_STATE_HOME is unset or not absolute (as
// the XDG base directory specification asks).
func StateDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "sysarch"), nil
	}
	home := getenv("HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("cannot find a state directory: set XDG_STATE_HOME or HOME")
		}
		home = h
	}
	return filepath.Join(home, ".local", "state", "sysarch"), nil
}

// Store is the directory of session logs.
type Store struct {
	dir string
	now func() time.Time
}

// OpenStore opens (creating it 0700 if needed) the session directory dir;
// now is the clock that dates new sessions and their events.
func OpenStore(dir string, now func() time.Time) (*Store, error) {
	if now == nil {
		return nil, fmt.Errorf("session store: no clock given")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the session directory: %w", err)
	}
	// MkdirAll leaves an existing directory's mode alone; sessions are private.
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("cannot make the session directory private: %w", err)
	}
	return &Store{dir: dir, now: now}, nil
}

// Dir returns the directory holding the logs.
func (s *Store) Dir() string { return s.dir }

// idPattern is a session id: UTC creation time, then random hex, so ids
// sort by creation and never collide in practice.
var idPattern = lazyre.New(`^[0-9]{8}-[0-9]{6}-[0-9a-f]{6}$`)

// NewID returns a fresh session id for a session created at t.
func NewID(t time.Time) string {
	var b [3]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return t.UTC().Format("20060102-150405") + "-" + hex.EncodeToString(b[:])
}

// NotFoundError says no session matches an id.
type NotFoundError struct{ ID string }

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("no session %q ('sysarch sessions' lists them)", e.ID)
}

func (s *Store) path(id string) string { return filepath.Join(s.dir, id+".jsonl") }

// ids returns every session id in the store, oldest first.
func (s *Store) ids() ([]string, error) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".jsonl")
		if ok && e.Type().IsRegular() && idPattern.MatchString(id) {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids, nil
}

// Resolve returns the id of the one session whose id is or starts with
// prefix, so a person can type the first few characters.
func (s *Store) Resolve(prefix string) (string, error) {
	ids, err := s.ids()
	if err != nil {
		return "", err
	}
	var match []string
	for _, id := range ids {
		if id == prefix {
			return id, nil
		}
		if prefix != "" && strings.HasPrefix(id, prefix) {
			match = append(match, id)
		}
	}
	switch len(match) {
	case 0:
		return "", &NotFoundError{ID: prefix}
	case 1:
		return match[0], nil
	}
	return "", fmt.Errorf("%q matches %d sessions (%s); give more of the id", prefix, len(match), strings.Join(match, ", "))
}

// Create starts a new session log and writes its start event.
func (s *Store) Create() (*Log, error) {
	id := NewID(s.now())
	f, err := os.OpenFile(s.path(id), os.O_WRONLY|os.O_CREATE|os.O_EXCL|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("cannot create the session log: %w", err)
	}
	if err := lock(f, id); err != nil {
		f.Close()
		return nil, err
	}
	l := &Log{id: id, f: f, now: s.now}
	if err := l.Append(Event{Type: Start, Version: Version}); err != nil {
		f.Close()
		return nil, err
	}
	return l, nil
}

// Continue opens the session id (or a unique prefix of it) for appending
// and returns its events so far with any warnings from reading them. The
// session stays locked until the Log is closed: a second Continue, here or
// in another process, fails with an *OpenElsewhereError.
func (s *Store) Continue(id string) (*Log, *Session, error) {
	full, err := s.Resolve(id)
	if err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(s.path(full), os.O_RDWR|os.O_APPEND, 0o600)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, &NotFoundError{ID: id}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open session %s for writing: %w", full, err)
	}
	// Read what the log holds only once it is locked, so that nothing is
	// appended between the read and the first write.
	sess, err := lockAndRead(f, full)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if err := endLine(f); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot repair session %s: %w", full, err)
	}
	seq := 0
	if n := len(sess.Events); n > 0 {
		seq = sess.Events[n-1].Seq
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("cannot open session %s for writing: %w", full, err)
	}
	return &Log{id: full, f: f, now: s.now, seq: seq, size: info.Size()}, sess, nil
}

func lockAndRead(f *os.File, id string) (*Session, error) {
	if err := lock(f, id); err != nil {
		return nil, err
	}
	events, warnings, err := Read(io.NewSectionReader(f, 0, 1<<62))
	if err != nil {
		return nil, fmt.Errorf("cannot read session %s: %w", id, err)
	}
	return &Session{ID: id, Events: events, Warnings: warnings}, nil
}

// endLine ends a torn last line with a newline, so the next event starts
// a line of its own and the torn one stays a single skippable line.
func endLine(f *os.File) error {
	info, err := f.Stat()
	if err != nil || info.Size() == 0 {
		return err
	}
	var last [1]byte
	if _, err := f.ReadAt(last[:], info.Size()-1); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	if last[0] == '\n' {
		return nil
	}
	if _, err := f.Write([]byte{'\n'}); err != nil {
		return err
	}
	return f.Sync()
}

// Session is a log as read back: its events and what was skipped.
type Session struct {
	ID       string
	Events   []Event
	Warnings []Warning
}

// State replays the session.
func (s *Session) State() State {
	st := Replay(s.Events)
	st.ID = s.ID
	return st
}

// Load reads the session id (or a unique prefix of it).
func (s *Store) Load(id string) (*Session, error) {
	full, err := s.Resolve(id)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(s.path(full))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &NotFoundError{ID: id}
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	events, warnings, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("cannot read session %s: %w", full, err)
	}
	return &Session{ID: full, Events: events, Warnings: warnings}, nil
}

// Remove deletes the session id (or a unique prefix of it), unless a
// chat holds it open.
func (s *Store) Remove(id string) error {
	full, err := s.Resolve(id)
	if err != nil {
		return err
	}
	f, err := os.Open(s.path(full))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := lock(f, full); err != nil {
		return err
	}
	return os.Remove(s.path(full))
}

// List returns a summary of every session, the most recently updated
// first. A log that cannot be read at all is left out.
func (s *Store) List() ([]State, error) {
	ids, err := s.ids()
	if err != nil {
		return nil, err
	}
	var out []State
	for _, id := range ids {
		sess, err := s.Load(id)
		if err != nil {
			continue
		}
		out = append(out, sess.State())
	}
	slices.SortStableFunc(out, func(a, b State) int {
		if c := b.Updated.Compare(a.Updated); c != 0 {
			return c
		}
		return strings.Compare(b.ID, a.ID)
	})
	return out, nil
}

// ErrNoSession says there is no session with content to resume.
var ErrNoSession = errors.New("there is no session to resume yet; 'sysarch chat' starts one")

// Latest returns the id of the most recently updated session in which the
// person said something: an empty one has nothing to resume.
func (s *Store) Latest() (string, error) {
	list, err := s.List()
	if err != nil {
		return "", err
	}
	for _, st := range list {
		if st.Said > 0 {
			return st.ID, nil
		}
	}
	return "", ErrNoSession
}
