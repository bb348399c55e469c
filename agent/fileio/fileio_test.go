package fileio

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestReadAllBoundsEverySource(t *testing.T) {
	for _, path := range []string{"/dev/zero", "/dev/urandom"} {
		if _, err := os.Stat(path); err != nil {
			continue
		}
		start := time.Now()
		_, err := ReadFile(path, 1<<10)
		var tl *TooLargeError
		if !errors.As(err, &tl) {
			t.Errorf("ReadFile(%s): got %v, want a TooLargeError", path, err)
		}
		if time.Since(start) > 2*time.Second {
			t.Errorf("ReadFile(%s) took %v", path, time.Since(start))
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		buf := make([]byte, 4096)
		for {
			if _, err := w.Write(buf); err != nil {
				return
			}
		}
	}()
	defer w.Close()
	defer r.Close()
	_, err = ReadAll(r, "stdin", MaxInput)
	if got, want := err.Error(), "stdin is larger than 1 MiB"; got != want {
		t.Errorf("endless pipe: got %q, want %q", got, want)
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadFile(filepath.Join(dir, "nope"), MaxInput); !errors.Is(err, fs.ErrNotExist) || strings.Count(err.Error(), "nope") != 1 {
		t.Errorf("missing file: got %v, want not-exist naming the file once", err)
	}
	if _, err := ReadFile(dir, MaxInput); !errors.Is(err, ErrIsDir) {
		t.Errorf("directory: got %v, want ErrIsDir", err)
	}
	exact := filepath.Join(dir, "exact")
	os.WriteFile(exact, make([]byte, 100), 0o644)
	if data, err := ReadFile(exact, 100); err != nil || len(data) != 100 {
		t.Errorf("file at the limit: got %d bytes, %v", len(data), err)
	}
	if _, err := ReadFile(exact, 99); err == nil || err.Error() != exact+" is larger than 99 bytes" {
		t.Errorf("file over the limit: got %v", err)
	}
}

func TestWriteAtomicRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for path, kind := range map[string]string{fifo: "a FIFO", dir: "a directory", "/dev/null": "a device"} {
		err := WriteAtomic(path, []byte("x"), WriteOptions{Perm: 0o644, Replace: true})
		var nr *NotRegularError
		if !errors.As(err, &nr) || nr.Kind != kind {
			t.Errorf("WriteAtomic(%s, Replace): got %v, want it refused as %s", path, err, kind)
		}
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestWriteAtomicModes(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.md")
	if err := WriteAtomic(path, []byte("one"), WriteOptions{Perm: 0o600}); err != nil {
		t.Fatal(err)
	}
	if err := WriteAtomic(path, []byte("two"), WriteOptions{Perm: 0o644}); !errors.As(err, new(*ExistsError)) {
		t.Errorf("existing file without Replace: got %v", err)
	}
	if err := WriteAtomic(path, []byte("three"), WriteOptions{Perm: 0o644, Replace: true}); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(path)
	data, _ := os.ReadFile(path)
	if fi.Mode().Perm() != 0o600 || string(data) != "three" {
		t.Errorf("replaced file: mode %v, content %q; want 0600 kept and three", fi.Mode().Perm(), data)
	}
	// A link is replaced, never written through.
	target := filepath.Join(dir, "target")
	os.WriteFile(target, []byte("keep"), 0o644)
	link := filepath.Join(dir, "link")
	os.Symlink(target, link)
	if err := WriteAtomic(link, []byte("new"), WriteOptions{Perm: 0o644, Replace: true}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(target); string(data) != "keep" {
		t.Errorf("written through the link: target holds %q", data)
	}
	if err := WriteAtomic(filepath.Join(dir, "no", "x"), nil, WriteOptions{Perm: 0o644}); !errors.As(err, new(*NoDirError)) {
		t.Errorf("missing directory: got %v", err)
	}
	if err := WriteAtomic(filepath.Join(dir, "a", "b", "x"), nil, WriteOptions{Perm: 0o600, DirPerm: 0o700}); err != nil {
		t.Errorf("DirPerm creates the directory: %v", err)
	}
}

// The child writes a file and receives SIGTERM while the temporary file
// exists; it must die by the signal and leave nothing behind.
func TestWriteAtomicSignalRemovesTemp(t *testing.T) {
	if dir := os.Getenv("FILEIO_SIGNAL_CHILD"); dir != "" {
		beforeRename = func() {
			syscall.Kill(os.Getpid(), syscall.SIGTERM)
			time.Sleep(5 * time.Second)
		}
		WriteAtomic(filepath.Join(dir, "out.md"), []byte("partial?"), WriteOptions{Perm: 0o644})
		os.Exit(3) // not reached when the signal ends the process
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteAtomicSignalRemovesTemp$")
	cmd.Env = append(os.Environ(), "FILEIO_SIGNAL_CHILD="+dir)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ProcessState.Sys().(syscall.WaitStatus).Signal() != syscall.SIGTERM {
		t.Errorf("child: got %v, want it ended by SIGTERM", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestCause(t *testing.T) {
	_, err := os.Open("/nonexistent/x")
	if got := Cause(err).Error(); got != "no such file or directory" {
		t.Errorf("Cause: got %q", got)
	}
	plain := errors.New("plain")
	if Cause(plain) != plain {
		t.Error("Cause changed an error that names no path")
	}
}

func TestFrontMatterClose(t *testing.T) {
	for _, c := range []struct {
		text   string
		close  int
		opened bool
	}{
		{"---\na: 1\n---\nbody", 2, true},
		{"--- \r\na: 1\r\n...\r\nbody", 2, true},
		{"---\na: 1\n", 0, true},
		{" ---\na: 1\n---\n", 0, false},
		{"# title\n---\n", 0, false},
		{"", 0, false},
	} {
		close, opened := FrontMatterClose(strings.SplitAfter(c.text, "\n"))
		if close != c.close || opened != c.opened {
			t.Errorf("%q: got %d %v, want %d %v", c.text, close, opened, c.close, c.opened)
		}
	}
}

// A process that handles SIGTERM itself gets an error saying the write
// was interrupted, and the target and the directory are as they were.
func TestWriteAtomicSignalHandled(t *testing.T) {
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, syscall.SIGTERM)
	defer signal.Stop(caught)
	defer func() { beforeRename = func() {} }()
	beforeRename = func() {
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
		<-caught
		time.Sleep(100 * time.Millisecond) // let the guard remove the file
	}
	dir := t.TempDir()
	err := WriteAtomic(filepath.Join(dir, "out.md"), []byte("x"), WriteOptions{Perm: 0o644})
	if err == nil || !strings.Contains(err.Error(), "was interrupted") {
		t.Errorf("got %v, want the write reported as interrupted", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}
