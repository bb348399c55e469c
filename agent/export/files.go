package export

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/sysarch/sysarch/agent/fileio"
)

// maxConfigBytes caps what an export reads of a file it merges into: an
// .mcp.json or config.toml is a few kilobytes, and anything far larger is
// not one.
const maxConfigBytes = 1 << 20

// resolveTarget returns the file a read of path must use: path
// itself, or, when path is a symbolic link, the file it points to, so that
// a dotfile kept elsewhere and linked in stays linked. It refuses anything
// but a regular file or nothing at all.
func resolveTarget(path string) (string, fs.FileInfo, error) {
	target, err := fileio.FollowLink(path)
	if err != nil {
		return "", nil, refusedFile(path, err)
	}
	fi, err := os.Stat(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return target, nil, nil
	case err != nil:
		return "", nil, fmt.Errorf("cannot read %s: %v: check its permissions", path, fileio.Cause(err))
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
		return nil, false, fmt.Errorf("cannot read %s: %v: check its permissions", path, fileio.Cause(err))
	}
	defer f.Close()
	// The size was checked, but the file can grow in between.
	data, err = io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, false, fmt.Errorf("cannot read %s: %v", path, fileio.Cause(err))
	}
	if len(data) > maxConfigBytes {
		return nil, false, refuse(fmt.Errorf("%s is larger than 1 MiB, too large for a config file: check it is the right file; nothing was changed", path))
	}
	return data, true, nil
}

// writeFileAtomic replaces path with data through fileio.WriteAtomic, so
// that readers see either the old file or the new one: a symbolic link is
// written through to its target, a file that exists keeps its permissions
// and owner, a new one is created 0644 in directories created 0755, and
// both the file and its directory are synced.
func writeFileAtomic(path string, data []byte) error {
	err := fileio.WriteAtomic(path, data, fileio.WriteOptions{
		Perm: 0o644, DirPerm: 0o755, Replace: true, FollowLinks: true, KeepOwner: true,
	})
	return refusedFile(path, err)
}

// refusedFile words what fileio refuses to write as an export's refusal;
// other errors pass unchanged.
func refusedFile(path string, err error) error {
	var le *fileio.LinkError
	var nr *fileio.NotRegularError
	switch {
	case errors.As(err, &le):
		return refuse(fmt.Errorf("%v: fix or remove the link; nothing was changed", le))
	case errors.As(err, &nr):
		return refuse(fmt.Errorf("%s is not a regular file (%s): point the export at a project directory; nothing was changed", path, nr.Kind))
	}
	return err
}
