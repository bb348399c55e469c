package mdext

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// bareLinks finds a URL or an e-mail address written without angle
// brackets. goldmark calls it at the start of a line, after white space
// and at the punctuation a URL may follow (* _ ~ and an opening
// parenthesis); that leading character stays text.
//
// A URL is http://, https:// or ftp:// (or www., read as http) followed by
// a host, a dot and a lowercase top-level name, a port for the schemes,
// and a path, query or fragment. The host is the longest run of host
// characters, at most 256 of them, that ends just before a dot and a
// lowercase letter. What follows is then trimmed the way GFM's autolink
// extension trims it: one final dot, closing parentheses without an
// opening one, a final character reference ("&amp;"), and trailing
// sentence punctuation.
type bareLinks struct{}

func (bareLinks) Trigger() []byte { return []byte{' ', '*', '_', '~', '('} }

func (bareLinks) CloseBlock(ast.Node, parser.Context) {}

func (bareLinks) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if pc.IsInLinkLabel() {
		return nil
	}
	line, seg := block.PeekLine()
	lead := 0
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		lead = 1
	}
	s := line[lead:]

	kind := ast.AutoLinkURL
	var protocol []byte
	end := schemeURLEnd(s)
	if end < 0 && bytes.HasPrefix(s, []byte("www.")) {
		end = hostURLEnd(s, 4, false)
		protocol = []byte("http")
	}
	if end >= 0 {
		end = trimURL(s, end)
	} else {
		kind = ast.AutoLinkEmail
		if end = emailEnd(s); end < 0 {
			return nil
		}
	}

	if lead > 0 {
		ast.MergeOrAppendTextSegment(parent, seg.WithStop(seg.Start+1))
	}
	// Sentence punctuation after the link is the sentence's (the first
	// character always stays).
	for end > 1 && isTrailingPunct(s[end-1]) {
		end--
	}
	block.Advance(lead + end)
	start := seg.Start + lead
	link := ast.NewAutoLink(kind, ast.NewTextSegment(text.NewSegment(start, start+end)))
	link.Protocol = protocol
	return link
}

// schemeURLEnd is the length of the URL with a scheme at the start of s,
// or -1.
func schemeURLEnd(s []byte) int {
	for _, scheme := range []string{"http://", "https://", "ftp://"} {
		if bytes.HasPrefix(s, []byte(scheme)) {
			return hostURLEnd(s, len(scheme), true)
		}
	}
	return -1
}

// hostURLEnd reads a host from s[at:], a port when withPort, and a path:
// the end of the URL, or -1 when there is no host with a top-level name.
func hostURLEnd(s []byte, at int, withPort bool) int {
	// The host may hold dots itself: the top-level name starts after the
	// last dot, within 256 characters, that a lowercase letter follows.
	// Counting no further keeps a line of host characters, tried at each
	// of its underscores or tildes, linear.
	const maxHost = 256
	run := 0
	for run < maxHost && at+run < len(s) && isHostChar(s[at+run]) {
		run++
	}
	dot := -1
	for k := run; k >= 1; k-- {
		if i := at + k; i+1 < len(s) && s[i] == '.' && isLower(s[i+1]) {
			dot = i
			break
		}
	}
	if dot < 0 {
		return -1
	}
	end := dot + 1
	for end < len(s) && isLower(s[end]) {
		end++
	}
	if withPort && end+1 < len(s) && s[end] == ':' && isDigit(s[end+1]) {
		end += 2
		for end < len(s) && isDigit(s[end]) {
			end++
		}
	}
	if end < len(s) && (s[end] == '/' || s[end] == '#' || s[end] == '?') {
		end++
		for end < len(s) && isPathChar(s[end], withPort) {
			end++
		}
	}
	return end
}

// trimURL drops what GFM does not count as the URL's from its end.
func trimURL(s []byte, end int) int {
	switch s[end-1] {
	case '.':
		return end - 1
	case ')':
		unmatched := 0
		for _, c := range s[:end] {
			switch c {
			case ')':
				unmatched++
			case '(':
				unmatched--
			}
		}
		if unmatched > 0 {
			return end - unmatched
		}
	case ';':
		// "&name;" at the end is a character reference, not the URL's.
		i := end - 2
		for i >= 0 && util.IsAlphaNumeric(s[i]) {
			i--
		}
		if i >= 0 && i < end-2 && s[i] == '&' {
			return i
		}
	}
	return end
}

// emailEnd is the length of the e-mail address at the start of s, or -1:
// goldmark's own address scanner, with a dot required in the domain, one
// final dot left out, and no address when a hyphen or an underscore
// follows.
func emailEnd(s []byte) int {
	if len(s) > 0 && util.IsPunct(s[0]) {
		return -1
	}
	stop := util.FindEmailIndex(s)
	if stop < 0 {
		return -1
	}
	at := bytes.IndexByte(s, '@')
	if at < 0 || stop-1 < at || bytes.IndexByte(s[at:stop-1], '.') < 0 {
		return -1
	}
	end := stop
	if s[end-1] == '.' {
		end--
	}
	if end < len(s) && (s[end] == '-' || s[end] == '_') {
		return -1
	}
	return end
}

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isHostChar: letters, digits and - @ : % . _ + ~ # =.
func isHostChar(c byte) bool {
	if util.IsAlphaNumeric(c) {
		return true
	}
	switch c {
	case '-', '@', ':', '%', '.', '_', '+', '~', '#', '=':
		return true
	}
	return false
}

// isPathChar: what a path, query or fragment may hold; a dollar sign only
// after a scheme.
func isPathChar(c byte, scheme bool) bool {
	if util.IsAlphaNumeric(c) {
		return true
	}
	switch c {
	case '-', '@', ':', '%', '_', '+', '.', '~', '#', '!', '?', '&', '/', '=',
		'(', ')', ';', ',', '\'', '"', '>', '^', '{', '}', '[', ']', '`':
		return true
	case '$':
		return scheme
	}
	return false
}

func isTrailingPunct(c byte) bool {
	switch c {
	case '?', '!', '.', ',', ':', '*', '_', '~':
		return true
	}
	return false
}
