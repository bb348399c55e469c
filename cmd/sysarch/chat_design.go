package main

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/chat"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/requirements"
)

// designer returns how the chat computes the design it shows and saves
// with the offline engine: the command's options, at the scale asked for,
// with the conversation's assumptions listed beside the engine's own.
func designer(engine design.Options) func(requirements.Requirements, chat.DesignOptions) ([]byte, error) {
	return func(req requirements.Requirements, opts chat.DesignOptions) ([]byte, error) {
		return buildDesign(req, engine, opts)
	}
}

func buildDesign(req requirements.Requirements, engine design.Options, opts chat.DesignOptions) ([]byte, error) {
	if opts.Scale != 0 {
		engine.Scale = opts.Scale
	}
	d, err := design.Build(req, engine)
	if err != nil {
		return nil, err
	}
	if opts.Amend != nil {
		opts.Amend(d)
	}
	for _, a := range opts.Assumptions {
		d.AddAssumptions(sentence(a))
	}
	return design.RenderMarkdown(d)
}

// sentence turns an assumption made in the conversation ("the
// availability target is 99.9%") into a line of the document.
func sentence(a string) string {
	a = strings.TrimSuffix(strings.TrimSpace(a), ".")
	if a == "" {
		return a
	}
	r, n := utf8.DecodeRuneInString(a)
	return string(unicode.ToUpper(r)) + a[n:] + " (assumed in the conversation)."
}

// terminalRenderer draws Markdown for the terminal on a TTY, in colour
// unless NO_COLOR is set; elsewhere the chat writes it as is.
func terminalRenderer(ios *IOStreams) func([]byte) string {
	if !ios.RenderEnabled() {
		return nil
	}
	return func(md []byte) string { return string(ios.renderMarkdown(md)) }
}
