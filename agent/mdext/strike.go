package mdext

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tildes is the delimiter processor of strikethrough: a run of one or two
// tildes opens or closes, and only tildes close tildes.
type tildes struct{}

func (tildes) IsDelimiter(b byte) bool { return b == '~' }

func (tildes) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (tildes) OnMatch(int) ast.Node { return extast.NewStrikethrough() }

// strikeParser pushes a tilde run as a delimiter; goldmark pairs the
// delimiters when the inline content ends. A run of three or more tildes,
// or one that follows a tilde, is text.
type strikeParser struct{}

func (strikeParser) Trigger() []byte { return []byte{'~'} }

func (strikeParser) Parse(_ ast.Node, block text.Reader, pc parser.Context) ast.Node {
	prev := block.PrecendingCharacter()
	if prev == '~' {
		return nil
	}
	line, seg := block.PeekLine()
	d := parser.ScanDelimiter(line, prev, 1, tildes{})
	if d == nil || d.OriginalLength > 2 {
		return nil
	}
	d.Segment = seg.WithStop(seg.Start + d.OriginalLength)
	block.Advance(d.OriginalLength)
	pc.PushDelimiter(d)
	return d
}

func (strikeParser) CloseBlock(ast.Node, parser.Context) {}
