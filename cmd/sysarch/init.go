package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/fileio"
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
	if err := writeOutput(opts.file, tmpl, opts.force); err != nil {
		return err
	}
	fmt.Fprintf(opts.io.ErrOut, "wrote %s; edit it, then run: sysarch design -f %s\n", opts.file, opts.file)
	return nil
}

// writeOutput writes data to path whole or not at all (see
// fileio.WriteAtomic). An existing path is refused unless force is set,
// and a directory, device or FIFO is refused even then; both are usage
// errors (exit 2).
func writeOutput(path string, data []byte, force bool) error {
	return outputError(path, fileio.WriteAtomic(path, data, fileio.WriteOptions{Perm: 0o644, Replace: force}))
}

// outputError turns the refusals of fileio into usage errors.
func outputError(path string, err error) error {
	var exists *fileio.ExistsError
	var special *fileio.NotRegularError
	var noDir *fileio.NoDirError
	switch {
	case errors.As(err, &exists):
		return usageErrorf("%s already exists: pass --force to overwrite it", path)
	case errors.As(err, &special):
		return usageErrorf("%s; give the path of a regular file to write", special)
	case errors.As(err, &noDir):
		return usageError(noDir)
	}
	return err
}
