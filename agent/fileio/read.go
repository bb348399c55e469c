// Package fileio reads and writes the files sysarch is given and the files
// it writes: every read is bounded whatever the source (a regular file, a
// device, a pipe, stdin), every write replaces its target atomically and
// durably, and the errors name the file once, on one line.
//
// Typical use:
//
//	data, err := fileio.ReadFile(path, fileio.MaxInput) // -f FILE, "-" is not handled here
//	err = fileio.WriteAtomic(path, doc, fileio.WriteOptions{Perm: 0o644, Replace: force})
package fileio

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxInput is the largest input sysarch reads from a person or a peer: a
// requirements file, a design document, MCP tool arguments. Such a text is
// a few pages; anything bigger is almost certainly the wrong file.
const MaxInput = 1 << 20

// TooLargeError says an input went past its limit. Limit is in bytes.
type TooLargeError struct {
	Name  string
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s", e.Name, Size(e.Limit))
}

// Size writes a byte limit for a message: "1 MiB", "64 KiB", "100 bytes".
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// ReadAll reads r to its end, but never more than limit bytes: one byte
// more is a *TooLargeError naming name. Devices such as /dev/zero, pipes
// and stdin report no size, so the limit is on what is read, not on what a
// stat says.
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", name, Cause(err))
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return data, nil
}

// ErrIsDir is returned by ReadFile for a directory.
var ErrIsDir = errors.New("is a directory")

// ReadFile reads the file at path, at most limit bytes. A file that
// cannot be opened is the os package's *fs.PathError (Cause gives its
// reason alone), a directory wraps ErrIsDir, an input too large is a
// *TooLargeError.
func ReadFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s %w", path, ErrIsDir)
	}
	return ReadAll(f, path, limit)
}

// Cause drops the operation and the path from the errors the os package
// wraps them in, since sysarch's messages name the file themselves:
// "open x.md: permission denied" becomes "permission denied".
func Cause(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	case errors.As(err, &se):
		return se.Err
	}
	return err
}
