package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/fileio"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/termsafe"
)

type designOptions struct {
	io     *IOStreams
	file   string
	out    string
	format string
	force  bool
	engine engineFlags
	model  designModelOptions
}

func newDesignCmd(ios *IOStreams) *cobra.Command {
	opts := &designOptions{io: ios}
	cmd := &cobra.Command{
		Use:   "design [-f] FILE|- [-o OUT] [--format md|json] [--scale FACTOR] [--detail brief|full]",
		Short: "Write a design document from a requirements file (offline, or with a model)",
		Long: `Read a requirements file (Markdown with YAML front matter, or YAML) and
write a design document: capacity figures from the capacity tools, each with
its formula; components from the decision matrix; state ownership, hot paths,
data flow, failure handling, scaling, operations, risks and decisions.

A file with 'current:' gets a performance analysis; one with 'question:' a
technology selection. On a terminal the document is rendered with colour;
piped, or with NO_COLOR set, it is plain Markdown.

--detail brief leaves out what says nothing for the system (the growth
table when nothing changes, thresholds not crossed, the second diagram);
--detail full shows every section. The default is brief for a system in
the vertical phase and full above it. JSON always carries everything.

With an API key configured (see 'sysarch config'), or with --llm, a model
reads the requirements, may refine what sysarch parsed, and writes the
narrative: summary, rationale, trade-offs, risks. The figures and the
document still come from the engine. --offline uses the engine alone.`,
		Example: `  sysarch design -f examples/event-pipeline.md
  sysarch design -f req.md -o design.md
  cat req.yaml | sysarch design -f - --format json
  sysarch design -f req.md --scale 10x
  sysarch design -f req.md --seconds-per-month 2.5M
  sysarch design -f req.md --detail full
  sysarch design -f req.md --llm --provider anthropic`,
		Args: func(_ *cobra.Command, args []string) error {
			switch {
			case len(args) > 1:
				return usageErrorf("design reads one requirements file, got %d: sysarch design -f FILE", len(args))
			case len(args) == 1 && opts.file != "":
				return usageErrorf("give the requirements file once: -f %s or %s, not both", opts.file, args[0])
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.file = args[0]
			}
			if err := formatFromOutput(c, opts.out, &opts.format); err != nil {
				return err
			}
			return designRun(c.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.file, "file", "f", "", "requirements file, or - for stdin")
	f.StringVarP(&opts.out, "output", "o", "", "write the document to this file instead of stdout")
	enumFlag(f, &opts.format, "format", "md", "output format (default md, or json for an -o FILE.json)", "md\tMarkdown", "json\tJSON for programs")
	f.BoolVar(&opts.force, "force", false, "overwrite the -o file if it exists")
	opts.engine.register(f, withScale|withPrices|withMonth|withDetail)
	opts.model.register(f)
	return cmd
}

func designRun(ctx context.Context, opts *designOptions) error {
	format := strings.ToLower(strings.TrimSpace(opts.format))
	if format != "md" && format != "json" {
		return usageErrorf("--format: expected md or json, got %q", opts.format)
	}
	engine, err := opts.engine.options(opts.io)
	if err != nil {
		return err
	}
	if opts.file == "" {
		return usageErrorf("design needs a requirements file: -f FILE, or -f - to read stdin ('sysarch init' writes a template)")
	}
	if opts.out != "" {
		if err := refuseExisting(opts.out, opts.force); err != nil {
			return err
		}
	}
	withModel, err := opts.model.useModel(opts.io)
	if err != nil {
		return err
	}
	data, name, err := readRequirements(opts.io.In, opts.file)
	if err != nil {
		return usageError(err)
	}
	req, d, err := design.FromText(data, name, engine)
	var inconsistent *design.InconsistentError
	if errors.As(err, &inconsistent) {
		return err // a bug, not bad input: exit 1
	}
	if err != nil {
		return usageError(err)
	}
	if engine.SecondsPerMonth != 0 {
		req.SecondsPerMonth = quantity.Count(engine.SecondsPerMonth)
	}
	if withModel {
		d, err = designWithModel(ctx, opts.io, &opts.model, data, req, engine)
		if err != nil {
			return err
		}
	}
	doc, err := renderDesign(d, format, opts.out == "" && opts.io.RenderEnabled(), opts.io)
	if err != nil {
		return err
	}
	if opts.out == "" {
		_, err := opts.io.Out.Write(doc)
		return err
	}
	if err := writeOutput(opts.out, doc, opts.force); err != nil {
		return err
	}
	fmt.Fprintf(opts.io.ErrOut, "wrote %s\n", opts.out)
	return nil
}

// renderDesign renders JSON, Markdown, or Markdown drawn for a terminal.
// The requirements are made safe where they are read; this is the guard
// for what a model wrote into the design.
func renderDesign(d *design.Design, format string, styled bool, ios *IOStreams) ([]byte, error) {
	if format == "json" {
		doc, err := design.RenderJSON(d)
		return termsafe.Bytes(doc), err
	}
	md, err := design.RenderMarkdown(d)
	if err != nil || !styled {
		return termsafe.Bytes(md), err
	}
	return ios.renderMarkdown(md), nil
}

// readRequirements reads the file (or stdin for "-"), never more than
// 1 MiB whatever the source: a device such as /dev/zero, a pipe or a
// process substitution reports no size, so the bound is on what is read.
func readRequirements(stdin io.Reader, path string) ([]byte, string, error) {
	name, r := path, stdin
	if path == "-" {
		name = "stdin"
	} else {
		f, err := os.Open(path)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, path, fmt.Errorf("%s does not exist: check the path ('sysarch init %s' writes a template there)", path, path)
		case err != nil:
			return nil, path, fmt.Errorf("cannot read %s: %v", path, fileio.Cause(err))
		}
		defer f.Close()
		if fi, err := f.Stat(); err == nil && fi.IsDir() {
			return nil, path, fmt.Errorf("%s is a directory: give a requirements file", path)
		}
		r = f
	}
	data, err := fileio.ReadAll(r, name, fileio.MaxInput)
	if errors.As(err, new(*fileio.TooLargeError)) {
		return nil, name, fmt.Errorf("%v: that is not a requirements file", err)
	}
	return data, name, err
}

// refuseExisting fails, before any work, when -o names an existing file
// and --force is not given, or anything but a regular file.
func refuseExisting(path string, force bool) error {
	return outputError(path, fileio.CheckTarget(path, fileio.WriteOptions{Replace: force}))
}
