package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/fileio"
	"github.com/sysarch/sysarch/agent/review"
)

// maxReviewBytes is the largest document review reads: a design document
// is text a person reads, and anything larger is almost surely not one.
const maxReviewBytes = fileio.MaxInput

type reviewOptions struct {
	io     *IOStreams
	path   string
	format string
}

func newReviewCmd(ios *IOStreams) *cobra.Command {
	opts := &reviewOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "review DOC.md",
		Short: "Review a design document against the quality checklist and anti-patterns",
		Long: `Review any Markdown design document, one sysarch wrote or not, against the
architect's quality checklist (state ownership, hot paths, indexes,
background jobs, failure handling, monitoring, scaling path, debuggability,
no premature optimisation, justified choices) and four anti-patterns
(distributed monolith, cache band-aid, event soup, premature distribution).

Each finding says what is missing or wrong, the heading and line it refers
to, and how to fix it. '-' reads the document from standard input.

Exit status: 0 when no finding is high-severity, 1 when one is (so a CI can
gate on it), 2 for bad usage or input.`,
		Example: `  sysarch review design.md
  sysarch review --format json design.md
  cat design.md | sysarch review -`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("review needs exactly one document: sysarch review DOC.md ('-' reads standard input)")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			opts.path = args[0]
			return reviewRun(c.Context(), opts)
		},
	}
	enumFlag(cmd.Flags(), &opts.format, "format", "md", "output format", "md\tMarkdown", "json\tJSON for programs")
	return cmd
}

func reviewRun(ctx context.Context, opts *reviewOptions) error {
	doc, err := readReviewDoc(opts.path, opts.io.In)
	if err != nil {
		return usageError(err)
	}
	// Reading standard input can wait on a pipe; a run cancelled meanwhile
	// prints no report.
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("review cancelled: %w", err)
	}
	name := opts.path
	if name == "-" {
		name = "standard input"
	}
	r := review.Review(doc, name)
	if opts.format == "json" {
		err = review.WriteJSON(opts.io.Out, r)
	} else {
		err = review.WriteMarkdown(opts.io.Out, r)
	}
	if err != nil {
		return err
	}
	if r.Failed() {
		return silentExit(exitFailure)
	}
	return nil
}

// readReviewDoc reads the document at path, or standard input for "-",
// and refuses what cannot be a Markdown design document with one line
// saying what is wrong.
func readReviewDoc(path string, stdin io.Reader) ([]byte, error) {
	name := path
	var r io.Reader = stdin
	if path == "-" {
		name = "standard input"
	} else {
		f, err := os.Open(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("%s: no such file; give the path of a Markdown design document", path)
		case err != nil:
			return nil, fmt.Errorf("%s: cannot open: %v", path, fileio.Cause(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("%s is a directory; give a Markdown file, e.g. %s/design.md", path, path)
		}
		r = f
	}
	doc, err := fileio.ReadAll(r, name, maxReviewBytes)
	switch {
	case errors.As(err, new(*fileio.TooLargeError)):
		return nil, fmt.Errorf("%v; a design document is smaller, is this the right file?", err)
	case err != nil:
		return nil, err
	case len(trimSpace(doc)) == 0:
		return nil, fmt.Errorf("%s is empty: there is nothing to review", name)
	case isBinary(doc):
		return nil, fmt.Errorf("%s looks binary, not Markdown text", name)
	}
	return doc, nil
}

func trimSpace(b []byte) []byte {
	start, end := 0, len(b)
	for start < end && (b[start] == ' ' || b[start] == '\t' || b[start] == '\n' || b[start] == '\r') {
		start++
	}
	for end > start && (b[end-1] == ' ' || b[end-1] == '\t' || b[end-1] == '\n' || b[end-1] == '\r') {
		end--
	}
	return b[start:end]
}

// isBinary says whether b is not text: it holds a NUL byte, or more than
// one byte in ten is not valid UTF-8.
func isBinary(b []byte) bool {
	bad := 0
	for i := 0; i < len(b); {
		if b[i] == 0 {
			return true
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return bad*10 > len(b)
}
