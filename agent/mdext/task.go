package mdext

import (
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// checkBoxParser reads "[ ]", "[x]" or "[X]" (any white space in the
// box) as the very first thing of a list item's first block, with the
// white space after it.
type checkBoxParser struct{}

func (checkBoxParser) Trigger() []byte { return []byte{'['} }

func (checkBoxParser) Parse(block ast.Node, reader text.Reader, _ parser.Context) ast.Node {
	item := block.Parent()
	if item == nil || item.FirstChild() != block || block.HasChildren() {
		return nil
	}
	if _, ok := item.(*ast.ListItem); !ok {
		return nil
	}
	line, _ := reader.PeekLine()
	if len(line) < 3 || line[0] != '[' || line[2] != ']' {
		return nil
	}
	checked := line[1] == 'x' || line[1] == 'X'
	if !checked && !patternSpace(line[1]) {
		return nil
	}
	n := 3
	for n < len(line) && patternSpace(line[n]) {
		n++
	}
	reader.Advance(n)
	return extast.NewTaskCheckBox(checked)
}

func (checkBoxParser) CloseBlock(ast.Node, parser.Context) {}

// patternSpace is the white space of the GFM grammar's box: tab, line
// feed, form feed, carriage return and space (not vertical tab).
func patternSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}
