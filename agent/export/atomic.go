package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// maxConfigBytes caps what an export reads of a file it merges into: an
// .mcp.json or config.toml is a few kilobytes, and anything far larger is
// not one.
const maxConfigBytes = 1 << 20

// resolveTarget returns the file a write to path must replace: path itself,
// or, when path is a symbolic link, the file it points to, so that a
// dotfile kept elsewhere and linked in stays linked. It refuses anything
// but a regular file or nothing at all.
func resolveTarget(path string) (string, fs.FileInfo, error) {
	target := path
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err = filepath.EvalSymlinks(path)
		if err != nil {
			return "", nil, refuse(fmt.Errorf("%s is a symbolic link that does not lead to a file (%v): fix or remove the link; nothing was changed", path, unwrapPathError(err)))
		}
	}
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, nil, nil
	case err != nil:
		return "", nil, fmt.Errorf("cannot read %s: %v: check its permissions", path, unwrapPathError(err))
	case !fi.Mode().IsRegular():
		return "", nil, refuse(fmt.Errorf("%s is not a regular file (%s): point the export at a project directory; nothing was changed", path, fi.Mode().Type()))
	}
	return target, fi, nil
}

// readBounded reads a file that may not exist, refusing one larger than
// maxConfigBytes and anything that is not a regular file.
func readBounded(path string) (data []byte, exists bool, err error) {
	target, fi, err := resolveTarget(path)
	if err != nil || fi == nil {
		return nil, false, err
	}
	if fi.Size() > maxConfigBytes {
		return nil, false, refuse(fmt.Errorf("%s is larger than 1 MiB, too large for a config file: check it is the right file; nothing was changed", path))
	}
	f, err := os.Open(target)
	if err != nil {
		return nil, false, fmt.Errorf("cannot read %s: %v: check its permissions", path, unwrapPathError(err))
	}
	defer f.Close()
	// The size was checked, but the file can grow in between.
	data, err = io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, false, fmt.Errorf("cannot read %s: %v", path, unwrapPathError(err))
	}
	if len(data) > maxConfigBytes {
		return nil, false, refuse(fmt.Errorf("%s is larger than 1 MiB, too large for a config file: check it is the right file; nothing was changed", path))
	}
	return data, true, nil
}

// writeFileAtomic replaces path with data so that readers see either the old
// file or the new one, never a half-written one: it writes a temporary file
// in the same directory, syncs it, renames it over path and syncs the
// directory. A symbolic link is written through to its target. A file that
// exists keeps its permissions and owner; a new one is created 0644, in
// directories created 0755.
func writeFileAtomic(path string, data []byte) (err error) {
	target, old, err := resolveTarget(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %v", dir, unwrapPathError(err))
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(target)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %v", dir, unwrapPathError(err))
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			os.Remove(tmp)
		}
	}()
	mode := fs.FileMode(0o644)
	if old != nil {
		mode = old.Mode().Perm()
	}
	// Permissions and owner are set before any byte is written, so the
	// content is never readable by more people than the old file allowed.
	err = f.Chmod(mode)
	if err == nil && old != nil {
		err = keepOwner(f, old)
	}
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, target)
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, unwrapPathError(err))
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable. Some systems cannot sync a
// directory; the rename has happened either way, so failure is ignored.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	d.Close()
}
