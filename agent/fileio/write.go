package fileio

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// WriteOptions say how WriteAtomic treats what is already there.
type WriteOptions struct {
	// Perm is the mode of a new file. An existing file keeps its own mode
	// unless ExactPerm is set.
	Perm fs.FileMode
	// ExactPerm gives the file Perm even when it exists: a file that holds
	// a secret must not keep a mode that was too wide.
	ExactPerm bool
	// Replace allows replacing an existing regular file, or a symbolic
	// link, which is replaced unless FollowLinks is set.
	Replace bool
	// FollowLinks writes through a symbolic link to the file it leads to,
	// so that a file kept elsewhere and linked in stays linked; a link that
	// leads nowhere is a *LinkError rather than a file created at a place
	// nobody chose.
	FollowLinks bool
	// KeepOwner gives the new file the owner and group of the one it
	// replaces: run as root, a write must not hand a person's file to
	// root. Only root can give a file away, so a file that belongs to
	// someone else is refused rather than silently taken over.
	KeepOwner bool
	// DirPerm, when not zero, creates missing parent directories with
	// this mode; zero means a missing directory is an error.
	DirPerm fs.FileMode
}

// ExistsError refuses to replace an existing file without Replace.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists" }

// NotRegularError refuses to replace a directory, a device, a FIFO or a
// socket: replacing /dev/null with a document is never what was meant,
// with or without --force.
type NotRegularError struct {
	Path string
	Kind string
}

func (e *NotRegularError) Error() string {
	return fmt.Sprintf("%s is %s, not a regular file", e.Path, e.Kind)
}

// LinkError says a symbolic link to write through does not lead to a
// file; Err says why.
type LinkError struct {
	Path string
	Err  error
}

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link that does not lead to a file (%v)", e.Path, Cause(e.Err))
}

func (e *LinkError) Unwrap() error { return e.Err }

// FollowLink returns the file path leads to: path itself, or the end of
// its chain of symbolic links. A link that leads nowhere is a *LinkError.
func FollowLink(path string) (string, error) {
	fi, err := os.Lstat(path)
	if err != nil || fi.Mode()&fs.ModeSymlink == 0 {
		return path, nil
	}
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return "", &LinkError{Path: path, Err: err}
	}
	return target, nil
}

// NoDirError says the directory a file is to be written in is missing.
type NoDirError struct{ Path, Dir string }

func (e *NoDirError) Error() string {
	return fmt.Sprintf("cannot write %s: directory %s does not exist", e.Path, e.Dir)
}

// WriteAtomic replaces path with data so that a reader, a crash or a
// signal leaves either the old file or the whole new one, never a part: it
// writes a temporary file beside path, syncs it, renames it over path and
// syncs the directory so that the rename itself survives a power cut. The
// temporary file is removed on failure and on SIGINT or SIGTERM. The mode
// and owner are set before any byte is written, so the content is never
// readable by more people than opts allow.
func WriteAtomic(path string, data []byte, opts WriteOptions) (err error) {
	if opts.FollowLinks {
		if path, err = FollowLink(path); err != nil {
			return err
		}
	}
	perm, old, err := checkTarget(path, opts)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := ensureDir(path, dir, opts.DirPerm); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	guard := removeOnSignal(tmp.Name())
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		guard.release()
	}()
	for _, step := range []func() error{
		func() error { return tmp.Chmod(perm) },
		func() error {
			if opts.KeepOwner && old != nil && old.Mode().IsRegular() {
				return keepOwner(tmp, old)
			}
			return nil
		},
		func() error { _, err := tmp.Write(data); return err },
		tmp.Sync,
		tmp.Close,
		func() error { beforeRename(); return os.Rename(tmp.Name(), path) },
	} {
		if err := step(); err != nil {
			if guard.fired.Load() {
				// A process that handles the signal itself goes on to here.
				return fmt.Errorf("writing %s was interrupted; it is as it was", path)
			}
			return fmt.Errorf("cannot write %s: %v", path, Cause(err))
		}
	}
	syncDir(dir)
	return nil
}

// beforeRename lets a test deliver a signal while the temporary file
// exists; it does nothing otherwise.
var beforeRename = func() {}

// CheckTarget tells early, before any work, whether WriteAtomic would
// refuse path: an *ExistsError or a *NotRegularError, or nil.
func CheckTarget(path string, opts WriteOptions) error {
	if opts.FollowLinks {
		var err error
		if path, err = FollowLink(path); err != nil {
			return err
		}
	}
	_, _, err := checkTarget(path, opts)
	return err
}

// checkTarget refuses what must not be replaced and returns the mode the
// new file gets (the existing file's, or opts.Perm for a new one) and the
// file it replaces, if any.
func checkTarget(path string, opts WriteOptions) (fs.FileMode, fs.FileInfo, error) {
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return opts.Perm, nil, nil
	case err != nil:
		return 0, nil, fmt.Errorf("cannot write %s: %v", path, Cause(err))
	}
	if kind := specialKind(fi.Mode()); kind != "" {
		return 0, nil, &NotRegularError{Path: path, Kind: kind}
	}
	if !opts.Replace {
		return 0, nil, &ExistsError{Path: path}
	}
	if fi.Mode()&fs.ModeSymlink != 0 || opts.ExactPerm {
		return opts.Perm, fi, nil
	}
	return fi.Mode().Perm(), fi, nil
}

// specialKind names a mode that is neither a regular file nor a link.
func specialKind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSymlink != 0, m.IsRegular():
		return ""
	}
	return "a special file"
}

func ensureDir(path, dir string, perm fs.FileMode) error {
	fi, err := os.Stat(dir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return fmt.Errorf("cannot write %s: %s is not a directory", path, dir)
	case errors.Is(err, fs.ErrNotExist) && perm != 0:
		if err := os.MkdirAll(dir, perm); err != nil {
			return fmt.Errorf("cannot create %s: %v", dir, Cause(err))
		}
		return nil
	case errors.Is(err, fs.ErrNotExist):
		return &NoDirError{Path: path, Dir: dir}
	}
	return fmt.Errorf("cannot write %s: %v", path, Cause(err))
}

// syncDir makes a rename in dir durable. Some file systems cannot sync a
// directory; the file itself is already synced, so that is not an error.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
