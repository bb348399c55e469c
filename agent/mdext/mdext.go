// Package mdext holds the goldmark parser extensions sysarch reads
// Markdown with: GFM pipe tables, bare URLs and e-mail addresses as
// autolinks, ~~strikethrough~~ and task-list check boxes. They build the
// same tree as goldmark's own extension package (its node types from
// goldmark's extension/ast, ast.AutoLink for a bare URL), but scan bytes
// where that package matches regular expressions it compiles at package
// init, which every sysarch process paid for at start-up. Nothing here
// runs at init but the registration of one parser context key.
//
// Only the parsers are provided: sysarch walks the tree itself and never
// renders these nodes to HTML.
package mdext

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// The priorities are those the parsers need against goldmark's own: a
// check box is tried before a link is ([ ] is not a link label), the
// strikethrough delimiter with the other emphasis delimiters, a bare URL
// after everything else at its trigger, and a table after a paragraph's
// link reference definitions are taken out.
const (
	prioTaskCheckBox  = 0
	prioStrikethrough = 500
	prioLinkify       = 999
	prioTable         = 200
	prioTableEscapes  = 0
)

type extender func(p parser.Parser)

func (e extender) Extend(m goldmark.Markdown) { e(m.Parser()) }

// Table reads GFM pipe tables: a paragraph whose second or later line is
// a delimiter row becomes an extension/ast Table from the line before it
// on.
var Table goldmark.Extender = extender(func(p parser.Parser) {
	p.AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableParagraphs{}, prioTable)),
		parser.WithASTTransformers(util.Prioritized(tableEscapes{}, prioTableEscapes)),
	)
})

// Linkify makes bare http://, https://, ftp:// and www. URLs and e-mail
// addresses ast.AutoLink nodes.
var Linkify goldmark.Extender = extender(func(p parser.Parser) {
	p.AddOptions(parser.WithInlineParsers(util.Prioritized(bareLinks{}, prioLinkify)))
})

// Strikethrough reads ~text~ and ~~text~~ as an extension/ast
// Strikethrough.
var Strikethrough goldmark.Extender = extender(func(p parser.Parser) {
	p.AddOptions(parser.WithInlineParsers(util.Prioritized(strikeParser{}, prioStrikethrough)))
})

// TaskList reads "[ ]" and "[x]" at the start of a list item as an
// extension/ast TaskCheckBox.
var TaskList goldmark.Extender = extender(func(p parser.Parser) {
	p.AddOptions(parser.WithInlineParsers(util.Prioritized(checkBoxParser{}, prioTaskCheckBox)))
})
