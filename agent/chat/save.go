package chat

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode"
)

// save writes the design document: "/save [-f] [FILE]".
func (c *Chat) save(args []string) error {
	force := false
	var path string
	for _, a := range args {
		switch {
		case a == "-f" || a == "--force":
			force = true
		case path == "":
			path = a
		default:
			return fmt.Errorf("/save takes one file name; got %q too", a)
		}
	}
	if path == "" {
		path = fileName(c.req.Title)
	}
	if c.doc == nil {
		doc, err := c.opts.Design(c.req, DesignOptions{Scale: c.scale, Assumptions: c.assum})
		if err != nil {
			return fmt.Errorf("cannot compute the design yet: %v", err)
		}
		c.doc = doc
	}
	if _, err := os.Stat(path); err == nil && !force {
		if !c.confirm(fmt.Sprintf("%s exists; overwrite it? [y/N] ", path)) {
			return fmt.Errorf("%s exists; not overwritten (/save -f %s overwrites it)", path, path)
		}
	}
	if err := WriteFileAtomic(path, c.doc, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(c.conv, "saved the design to %s\n", path)
	return nil
}

// confirm asks a yes/no question on a terminal; without one the answer is no.
func (c *Chat) confirm(question string) bool {
	if !c.opts.Terminal {
		return false
	}
	line, _, err := c.in.ReadLine(question)
	if err != nil {
		return false
	}
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes"
}

// fileName turns a title into a file name: "URL shortener" → "url-shortener.md".
func fileName(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.TrimSuffix(b.String(), "-")
	if name == "" {
		name = "design"
	}
	return name + ".md"
}

// WriteFileAtomic writes data to path through a temporary file in the
// same directory, synced and renamed into place, so the file is either
// the old one or the whole new one, never half written.
func WriteFileAtomic(path string, data []byte, perm fs.FileMode) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Chmod(perm); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the temporary file's name from an error.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
