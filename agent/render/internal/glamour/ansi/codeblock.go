package ansi

import (
	"io"

	"github.com/muesli/reflow/indent"
)

// A CodeBlockElement is used to render code blocks.
//
// sysarch's copy renders every code block plainly: its style sets no
// Chroma rules, so glamour never highlighted them, and leaving the
// highlighter out keeps chroma's lexers and styles (tens of milliseconds
// of package init) out of every sysarch process.
type CodeBlockElement struct {
	Code     string
	Language string
}

// Render renders a CodeBlockElement.
func (e *CodeBlockElement) Render(w io.Writer, ctx RenderContext) error {
	bs := ctx.blockStack

	var indentation uint
	var margin uint
	rules := ctx.options.Styles.CodeBlock
	if rules.Indent != nil {
		indentation = *rules.Indent
	}
	if rules.Margin != nil {
		margin = *rules.Margin
	}

	iw := indent.NewWriterPipe(w, indentation+margin, func(_ io.Writer) {
		renderText(w, ctx.options.ColorProfile, bs.Current().Style.StylePrimitive, " ")
	})

	el := &BaseElement{
		Token: e.Code,
		Style: rules.StylePrimitive,
	}

	return el.Render(iw, ctx)
}
