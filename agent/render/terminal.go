// Package render draws Markdown for a terminal: glamour with a fixed
// style, wrapped to the terminal's width but never wider than MaxWidth, so
// the same document looks the same on every machine and in tests.
package render

import (
	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
)

// MaxWidth caps the wrap width: long lines are hard to read, and tables
// wider than this are better read piped to a file.
const MaxWidth = 100

// Terminal renders Markdown with colour for a terminal of the given width
// (0 or less means MaxWidth).
func Terminal(md []byte, width int) ([]byte, error) {
	if width <= 0 || width > MaxWidth {
		width = MaxWidth
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(style()),
		glamour.WithColorProfile(termenv.TrueColor),
		glamour.WithWordWrap(width),
	)
	if err != nil {
		return nil, err
	}
	return r.RenderBytes(md)
}

// style is glamour's dark style with code blocks left unhighlighted: a
// design's code blocks are diagrams, and looking up a highlighter for
// them costs more than rendering the rest of the document.
func style() ansi.StyleConfig {
	s := styles.DarkStyleConfig
	s.CodeBlock.Chroma = nil
	s.CodeBlock.Theme = ""
	// Blocks with a margin pad every line to the full width, one styled
	// space at a time; unstyled padding looks the same and is far cheaper.
	s.Document.Color = nil
	s.CodeBlock.Color = nil
	return s
}
