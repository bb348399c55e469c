//go:build unix

package fileio

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// With FollowLinks a link stays a link and the file it leads to gets the
// new content, keeping its mode; a link that leads nowhere is refused and
// nothing is created.
func TestWriteAtomicFollowLinks(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "dotfiles", "config.toml")
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(target, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "config.toml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	opts := WriteOptions{Perm: 0o644, Replace: true, FollowLinks: true}
	if err := WriteAtomic(link, []byte("new"), opts); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v %v", fi.Mode(), err)
	}
	fi, _ := os.Stat(target)
	if data, _ := os.ReadFile(target); string(data) != "new" || fi.Mode().Perm() != 0o640 {
		t.Errorf("target: %q mode %v, want new and 0640 kept", data, fi.Mode().Perm())
	}

	dangling := filepath.Join(dir, "dangling")
	if err := os.Symlink(filepath.Join(dir, "missing"), dangling); err != nil {
		t.Fatal(err)
	}
	err := WriteAtomic(dangling, []byte("x"), opts)
	var le *LinkError
	if !errors.As(err, &le) || le.Path != dangling || !strings.Contains(err.Error(), "does not lead to a file") {
		t.Errorf("dangling link: got %v, want a *LinkError naming it", err)
	}
	if err := CheckTarget(dangling, opts); !errors.As(err, &le) {
		t.Errorf("CheckTarget of a dangling link: got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "missing")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dangling link's target was created: %v", err)
	}
}

// With KeepOwner a replaced file keeps its owner and group; without it
// the writer owns the new file.
func TestWriteAtomicKeepOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can create a file owned by someone else")
	}
	for _, keep := range []bool{true, false} {
		path := filepath.Join(t.TempDir(), "config.json")
		if err := os.WriteFile(path, []byte("{}"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chown(path, 1234, 5678); err != nil {
			t.Fatal(err)
		}
		if err := WriteAtomic(path, []byte(`{"a":1}`), WriteOptions{Perm: 0o644, Replace: true, KeepOwner: keep}); err != nil {
			t.Fatal(err)
		}
		fi, _ := os.Stat(path)
		st := fi.Sys().(*syscall.Stat_t)
		if got := st.Uid == 1234 && st.Gid == 5678; got != keep {
			t.Errorf("KeepOwner %v: owner %d:%d", keep, st.Uid, st.Gid)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("KeepOwner %v: mode %v, want 0600 kept", keep, fi.Mode().Perm())
		}
	}
}
