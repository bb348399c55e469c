package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/requirements"
)

type initOptions struct {
	io    *IOStreams
	file  string
	force bool
}

func newInitCmd(ios *IOStreams) *cobra.Command {
	opts := &initOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write an annotated requirements template to start from",
		Long: `Write a requirements template: Markdown with YAML front matter naming
every field of the schema, each with an example value and a comment. It
parses as it stands; edit it, then run 'sysarch design -f FILE'.

With no FILE (or -) the template goes to stdout. FILE is written whole or
not at all, and an existing file is kept unless --force is given.`,
		Example: `  sysarch init requirements.md
  sysarch init > requirements.md`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("init takes at most one file name, got %d; e.g. sysarch init requirements.md", len(args))
			}
			return nil
		},
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.file = args[0]
			}
			return initRun(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.force, "force", false, "overwrite FILE if it exists")
	return cmd
}

func initRun(opts *initOptions) error {
	tmpl := []byte(requirements.Template())
	if opts.file == "" || opts.file == "-" {
		_, err := opts.io.Out.Write(tmpl)
		return err
	}
	if err := writeFileAtomically(opts.file, tmpl, opts.force); err != nil {
		return err
	}
	fmt.Fprintf(opts.io.ErrOut, "wrote %s; edit it, then run: sysarch design -f %s\n", opts.file, opts.file)
	return nil
}

// writeFileAtomically writes data to path through a temporary file in the
// same directory and a rename, so that path holds either its old content
// or all of data, never a half-written file. An existing path is refused
// (exit 2) unless force is set.
func writeFileAtomically(path string, data []byte, force bool) (err error) {
	mode := fs.FileMode(0o644)
	switch fi, statErr := os.Stat(path); {
	case statErr == nil && fi.IsDir():
		return usageErrorf("%s is a directory; give a file name", path)
	case statErr == nil && !force:
		return usageErrorf("%s already exists; pass --force to overwrite it", path)
	case statErr == nil:
		mode = fi.Mode().Perm()
	case !errors.Is(statErr, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %v", path, withoutPath(statErr))
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return usageErrorf("cannot write %s: directory %s does not exist", path, dir)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %v", path, withoutPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, withoutPath(err))
	}
	if err := tmp.Chmod(mode); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, withoutPath(err))
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, withoutPath(err))
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, withoutPath(err))
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %v", path, withoutPath(err))
	}
	return nil
}

// withoutPath drops the operation and path from an *fs.PathError, since
// the message already names the file.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
