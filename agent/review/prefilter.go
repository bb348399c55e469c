package review

import (
	"regexp/syntax"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// requiredLiterals returns literals one of which every match of expr
// contains, or nil when it cannot tell: a cheap test (a few substring
// searches) that spares a sentence the regexp when it holds none. It
// reads expr's filter: a literal is required; a concatenation requires
// what its most telling part requires; an alternation requires one of
// what each branch requires, when every branch requires something.
// Literals shorter than minLiteral tell too little to be worth a search.
func requiredLiterals(expr string) []string {
	if lits, ok := generatedLiterals(expr); ok {
		return lits
	}
	return parseLiterals(expr)
}

// parseLiterals is requiredLiterals from expr's syntax.
func parseLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return filterOf(re.Simplify()).literals()
}

const (
	minLiteral  = 2
	maxLiterals = 24
)

// literals returns literals one of which every text f holds contains,
// nil when it cannot tell (see requiredLiterals).
func (f *filter) literals() []string {
	switch {
	case f == nil:
		return nil
	case f.digit:
		return nil
	case f.subs == nil:
		return []string{f.lit}
	case f.and:
		var best []string
		for _, sub := range f.subs {
			if r := sub.literals(); r != nil && (best == nil || shortest(r) > shortest(best) || shortest(r) == shortest(best) && len(r) < len(best)) {
				best = r
			}
		}
		return best
	}
	var all []string
	for _, sub := range f.subs {
		r := sub.literals()
		if r == nil {
			return nil
		}
		all = append(all, r...)
	}
	if len(all) > maxLiterals {
		return nil
	}
	return all
}

func shortest(lits []string) int {
	n := -1
	for _, l := range lits {
		if n < 0 || len(l) < n {
			n = len(l)
		}
	}
	return n
}

// containsAny says whether s holds one of lits; nil lits tell nothing,
// so any s may match.
func containsAny(s string, lits []string) bool {
	if lits == nil {
		return true
	}
	for _, l := range lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// filter is what every match of a regexp holds, as a tree of literals
// (and of digits, where the regexp has \d): all of an "and" node's parts,
// one of an "or" node's. A nil filter tells nothing. It says more than
// requiredLiterals: "(both|several) services … write" needs a quantity
// word, a noun and a verb, not only one of them; "(\d+) ms timeout" a
// digit before "timeout".
type filter struct {
	lit   string // a leaf's literal
	digit bool   // a leaf that is any ASCII digit (\d, [0-9]) instead
	// wordStart and wordEnd mark a leaf the regexp puts right after or
	// right before a \b: "\ball\s" needs "all" at a word's start, which
	// "call" and "small" do not have.
	wordStart, wordEnd bool
	and                bool      // for an inner node: all parts, else one of them
	subs               []*filter // an inner node's parts
}

// maxFilterLiterals bounds a filter: a huge alternation costs more to test
// than the regexp it spares. The byte pairs answer most literals without
// a search, so a filter of "(both|several|…) services … (write|update|…)"
// (74 literals) still costs less than the regexp it spares, and much less
// than its compiling.
const maxFilterLiterals = 128

// requiredFilter reads expr's filter, nil when it has none. The filters of
// the regexps the review declares are read once, by `go generate`, into
// filters_gen.go: parsing them again in every process cost a 500-line
// review about 4% of its CPU. An expression not generated is parsed here.
//
//go:generate go test -run TestGeneratedFilters -update-generated .
func requiredFilter(expr string) *filter {
	if f, ok := generatedFilter(expr); ok {
		return f
	}
	return parseFilter(expr)
}

// filteredExprs are the expressions pat and sieve were given: the ones
// whose filters are generated.
var filteredExprs []string

// parseFilter is requiredFilter from expr's syntax.
func parseFilter(expr string) *filter {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return filterOfParsed(re)
}

// filterOfParsed is requiredFilter of an expression already parsed.
func filterOfParsed(re *syntax.Regexp) *filter {
	f := filterOf(re.Simplify())
	if f.size() > maxFilterLiterals {
		if lits := f.literals(); lits != nil {
			f = &filter{subs: make([]*filter, len(lits))}
			for i, l := range lits {
				f.subs[i] = &filter{lit: l}
			}
			return f
		}
		return nil
	}
	return f
}

// filterOf is requiredFilter of a simplified expression.
func filterOf(re *syntax.Regexp) *filter {
	return partOf(re).f
}

// part is a node's filter with its edge leaves: the leaves whose text
// every match of the node starts with (first) or ends with (last). A \b
// next to a node marks them.
type part struct {
	f           *filter
	first, last []*filter
}

func partOf(re *syntax.Regexp) part {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(string(re.Rune)) < minLiteral {
			return part{}
		}
		f := &filter{lit: string(re.Rune)}
		return part{f, []*filter{f}, []*filter{f}}
	case syntax.OpCharClass:
		if len(re.Rune) == 2 && re.Rune[0] == '0' && re.Rune[1] == '9' {
			f := &filter{digit: true}
			return part{f, []*filter{f}, []*filter{f}}
		}
		return part{}
	case syntax.OpCapture, syntax.OpPlus:
		// A repetition's first turn starts it and its last ends it;
		// the leaf says only that some turn holds the text.
		return partOf(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return partOf(re.Sub[0])
		}
		return part{}
	case syntax.OpConcat:
		parts := make([]part, len(re.Sub))
		f := &filter{and: true}
		for i, sub := range re.Sub {
			parts[i] = partOf(sub)
			if parts[i].f != nil {
				f.subs = append(f.subs, parts[i].f)
			}
		}
		for i, sub := range re.Sub {
			if sub.Op != syntax.OpWordBoundary {
				continue
			}
			if j := edge(re.Sub, i+1, 1); j >= 0 {
				for _, l := range parts[j].first {
					l.wordStart = true
				}
			}
			if j := edge(re.Sub, i-1, -1); j >= 0 {
				for _, l := range parts[j].last {
					l.wordEnd = true
				}
			}
		}
		var p part
		if j := edge(re.Sub, 0, 1); j >= 0 {
			p.first = parts[j].first
		}
		if j := edge(re.Sub, len(re.Sub)-1, -1); j >= 0 {
			p.last = parts[j].last
		}
		switch len(f.subs) {
		case 0:
			return part{}
		case 1:
			p.f = f.subs[0]
		default:
			p.f = f
		}
		return p
	case syntax.OpAlternate:
		var p part
		f := &filter{}
		for _, sub := range re.Sub {
			sp := partOf(sub)
			if sp.f == nil {
				return part{}
			}
			f.subs = append(f.subs, sp.f)
			p.first = append(p.first, sp.first...)
			p.last = append(p.last, sp.last...)
		}
		p.f = f
		return p
	}
	return part{}
}

// edge returns the index of the first of subs from i on, stepping by
// step, that consumes text (the empty-width assertions are skipped); -1
// when there is none.
func edge(subs []*syntax.Regexp, i, step int) int {
	for ; i >= 0 && i < len(subs); i += step {
		switch subs[i].Op {
		case syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpBeginLine, syntax.OpEndLine,
			syntax.OpBeginText, syntax.OpEndText, syntax.OpEmptyMatch:
			continue
		}
		return i
	}
	return -1
}

// size counts a filter's literals (a digit is none).
func (f *filter) size() int {
	if f == nil || f.digit {
		return 0
	}
	if f.subs == nil {
		return 1
	}
	n := 0
	for _, s := range f.subs {
		n += s.size()
	}
	return n
}

// holds says whether s, whose byte pairs g holds (nil: unknown), may
// match: false means no match is possible. An "and" node's parts are the
// parts of a concatenation, so a match holds them in their order: "calls
// … calls … calls" needs the word three times, "both services … write"
// the verb after the noun. The order is tested only when the literals
// are all there. A leaf is searched for once: its presence is its order.
func (f *filter) holds(s string, g *grams) bool {
	if f != nil && f.subs == nil {
		return (f.digit || g.mayHold(f.lit)) && f.find(s, 0) >= 0
	}
	return f.present(s, g) && f.end(s, 0) >= 0
}

// present says whether s holds the literals f needs, in any order.
func (f *filter) present(s string, g *grams) bool {
	if f == nil {
		return true
	}
	if f.digit || f.subs == nil && (f.wordStart || f.wordEnd) {
		return (f.digit || g.mayHold(f.lit)) && f.find(s, 0) >= 0
	}
	if f.subs == nil {
		return g.mayHold(f.lit) && strings.Contains(s, f.lit)
	}
	for _, sub := range f.subs {
		if sub.present(s, g) != f.and {
			return !f.and
		}
	}
	return f.and
}

const digits = "0123456789"

// width is how many bytes a leaf's text takes.
func (f *filter) width() int {
	if f.digit {
		return 1
	}
	return len(f.lit)
}

// find returns where the first text of s from the byte from on that the
// leaf f holds starts, at a word boundary where f is marked so; -1 when
// there is none.
func (f *filter) find(s string, from int) int {
	for from <= len(s) {
		var i int
		if f.digit {
			i = strings.IndexAny(s[from:], digits)
		} else {
			i = strings.Index(s[from:], f.lit)
		}
		if i < 0 {
			return -1
		}
		p := from + i
		if (!f.wordStart || wordBoundary(s, p)) && (!f.wordEnd || wordBoundary(s, p+f.width())) {
			return p
		}
		from = p + 1
	}
	return -1
}

// wordBoundary says whether \b holds at byte i of s.
func wordBoundary(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// end returns where the first text of s from the byte from on that
// holds f's literals in order ends, -1 when there is none. Taking the
// earliest end of each part before looking for the next never misses a
// match: the part of a match that holds a literal starts after the
// previous part ends, so at or after the earliest end found for it.
func (f *filter) end(s string, from int) int {
	switch {
	case f == nil:
		return from
	case f.digit || f.subs == nil:
		i := f.find(s, from)
		if i < 0 {
			return -1
		}
		return i + f.width()
	case f.and:
		for _, sub := range f.subs {
			if from = sub.end(s, from); from < 0 {
				return -1
			}
		}
		return from
	}
	first := -1
	for _, sub := range f.subs {
		if e := sub.end(s, from); e >= 0 && (first < 0 || e < first) {
			first = e
		}
	}
	return first
}

// sieved is a regexp read on a sentence's lower-case text, with its
// filter (requiredFilter) built on first use: a sentence the filter rules
// out is spared the regexp, and a review where every sentence is ruled
// out never compiles it.
type sieved struct {
	re *lazyre.Regexp
	f  func() *filter
}

func sieve(re *lazyre.Regexp) sieved {
	filteredExprs = append(filteredExprs, re.String())
	return sieved{re: re, f: sync.OnceValue(func() *filter { return requiredFilter(re.String()) })}
}

// find is FindStringSubmatch of s's lower-case text.
func (v sieved) find(s sentence) []string {
	if !v.f().holds(s.lower, s.grams) {
		return nil
	}
	return v.re.FindStringSubmatch(s.lower)
}

// findIndex is FindStringSubmatchIndex of s's lower-case text.
func (v sieved) findIndex(s sentence) []int {
	if !v.f().holds(s.lower, s.grams) {
		return nil
	}
	return v.re.FindStringSubmatchIndex(s.lower)
}

// match is MatchString of s's lower-case text.
func (v sieved) match(s sentence) bool {
	return v.f().holds(s.lower, s.grams) && v.re.MatchString(s.lower)
}
