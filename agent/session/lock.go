package session

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// OpenElsewhereError says another process holds the session open: two
// writers would interleave their sequence numbers and each would take the
// other's answers for its own.
type OpenElsewhereError struct{ ID string }

func (e *OpenElsewhereError) Error() string {
	return fmt.Sprintf("session %s is open elsewhere (another sysarch chat is using it); close that one first, or start a new session", e.ID)
}

// lock takes the exclusive lock of an open session file without waiting.
// The lock belongs to the open file: it goes with Close, and with the
// process however it ends, so a crash never leaves a session locked.
func lock(f *os.File, id string) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return &OpenElsewhereError{ID: id}
		}
		return fmt.Errorf("cannot lock session %s: %w", id, err)
	}
}
