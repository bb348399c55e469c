// Package glamour is the part of github.com/charmbracelet/glamour (v1.0.0,
// MIT licence, see LICENSE) that sysarch uses to draw Markdown on a
// terminal: the ANSI renderer on goldmark, set up as glamour's
// NewTermRenderer sets it up, and glamour's dark style.
//
// It leaves out the syntax highlighter. sysarch's style highlights no
// code block, yet importing glamour linked chroma, whose lexers and
// styles register themselves at package init: 20-40 ms and 6 MB in every
// sysarch process, --help included. The rendered output is the same.
package glamour

import (
	"bytes"

	"github.com/muesli/termenv"
	"github.com/sysarch/sysarch/agent/render/internal/glamour/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// highPriority is the priority glamour gives its node renderer.
const highPriority = 1000

// TermRenderer renders Markdown for a terminal.
type TermRenderer struct {
	md goldmark.Markdown
}

// NewTermRenderer returns a renderer with the given style, colour profile
// and word wrap, as glamour.NewTermRenderer(glamour.WithStyles(styles),
// glamour.WithColorProfile(profile), glamour.WithWordWrap(wordWrap)).
func NewTermRenderer(styles ansi.StyleConfig, profile termenv.Profile, wordWrap int) *TermRenderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	ar := ansi.NewRenderer(ansi.Options{WordWrap: wordWrap, ColorProfile: profile, Styles: styles})
	md.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ar, highPriority))))
	return &TermRenderer{md: md}
}

// Render returns the Markdown in rendered.
func (tr *TermRenderer) Render(in string) (string, error) {
	var buf bytes.Buffer
	err := tr.md.Convert([]byte(in), &buf)
	return buf.String(), err
}
