// Package lazyre holds regular expressions that are compiled the first time
// they are used rather than when the program starts.
//
// sysarch declares a few hundred patterns at package level, for review,
// requirements mining and the interview. Compiling them all at start-up
// cost every command — `--help` and `calc` included — about a millisecond
// and a megabyte, though most commands use none of them. A Regexp here
// compiles once, on first use, and is safe for concurrent use.
package lazyre

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Regexp is a regular expression compiled on first use. Its methods are
// those of [regexp.Regexp] that sysarch uses.
type Regexp struct {
	expr string
	// once compiles re: one allocation a pattern at package init (this
	// struct), where a sync.OnceValue closure took several.
	once sync.Once
	re   *regexp.Regexp
	// needs are literals, in lower-case ASCII, one of which every match
	// holds in some case (Guarded); nil for none.
	needs []string
	// compiled is set once the expression is compiled.
	compiled atomic.Bool
}

// New returns expr compiled on first use. Like [regexp.MustCompile] it
// panics when expr does not compile — on first use, so a test calls
// [CompileAll] to find a bad one.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr}
	allMu.Lock()
	all = append(all, r)
	allMu.Unlock()
	return r
}

// Guarded is New for an expression every match of which holds one of
// needs (lower-case ASCII literals) in some case: a text that holds none
// of them is answered "no match" without compiling or running the
// expression. Most texts a requirements miner reads never mention a p95,
// a window or GDPR, and a process that reads none of them is spared
// those expressions. A test checks from each guarded expression's syntax
// that every match does hold one of its needs.
func Guarded(expr string, needs ...string) *Regexp {
	for _, n := range needs {
		if n == "" || strings.ToLower(n) != n || !isASCII(n) {
			panic("lazyre: a need must be a non-empty lower-case ASCII literal: " + strconv.Quote(n))
		}
	}
	r := New(expr)
	r.needs = needs
	return r
}

// Needs returns the literals Guarded was given.
func (r *Regexp) Needs() []string { return r.needs }

// miss says whether s holds none of r's needs, so r cannot match it.
func (r *Regexp) miss(s string) bool {
	if r.needs == nil {
		return false
	}
	for _, n := range r.needs {
		if containsFold(s, n) {
			return false
		}
	}
	return true
}

// missBytes is miss of b, copying b into a string only when r has needs
// to look for.
func (r *Regexp) missBytes(b []byte) bool { return r.needs != nil && r.miss(string(b)) }

// containsFold says whether s holds the lower-case ASCII literal lit in
// any case, as (?i) reads it: the Kelvin sign is a k and the long s an s
// there, the only letters outside ASCII that fold to an ASCII letter.
func containsFold(s, lit string) bool {
	if asciiIndexFold(s, lit) {
		return true
	}
	if strings.Contains(s, "\u212a") || strings.Contains(s, "\u017f") {
		return asciiIndexFold(strings.NewReplacer("\u212a", "k", "\u017f", "s").Replace(s), lit)
	}
	return false
}

// asciiIndexFold says whether s holds lit, ASCII letters in any case.
func asciiIndexFold(s, lit string) bool {
	for i := 0; i+len(lit) <= len(s); i++ {
		j := 0
		for j < len(lit) && foldEq(s[i+j], lit[j]) {
			j++
		}
		if j == len(lit) {
			return true
		}
	}
	return false
}

// foldEq says whether the byte c is l, or l's upper case when l is a
// lower-case letter.
func foldEq(c, l byte) bool { return c == l || isLetter(l) && c == l-'a'+'A' }

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// get compiles the expression the first time it is asked for.
func (r *Regexp) get() *regexp.Regexp {
	r.once.Do(func() {
		r.re = regexp.MustCompile(r.expr)
		r.compiled.Store(true)
	})
	return r.re
}

// Regexp returns the compiled expression, compiling it if need be.
func (r *Regexp) Regexp() *regexp.Regexp { return r.get() }

// String returns the source text without compiling it.
func (r *Regexp) String() string { return r.expr }

// MatchString is [regexp.Regexp.MatchString].
func (r *Regexp) MatchString(s string) bool { return !r.miss(s) && r.get().MatchString(s) }

// Match is [regexp.Regexp.Match].
func (r *Regexp) Match(b []byte) bool { return !r.missBytes(b) && r.get().Match(b) }

// FindString is [regexp.Regexp.FindString].
func (r *Regexp) FindString(s string) string {
	if r.miss(s) {
		return ""
	}
	return r.get().FindString(s)
}

// FindStringIndex is [regexp.Regexp.FindStringIndex].
func (r *Regexp) FindStringIndex(s string) []int {
	if r.miss(s) {
		return nil
	}
	return r.get().FindStringIndex(s)
}

// FindStringSubmatch is [regexp.Regexp.FindStringSubmatch].
func (r *Regexp) FindStringSubmatch(s string) []string {
	if r.miss(s) {
		return nil
	}
	return r.get().FindStringSubmatch(s)
}

// FindStringSubmatchIndex is [regexp.Regexp.FindStringSubmatchIndex].
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	if r.miss(s) {
		return nil
	}
	return r.get().FindStringSubmatchIndex(s)
}

// FindAllString is [regexp.Regexp.FindAllString].
func (r *Regexp) FindAllString(s string, n int) []string {
	if r.miss(s) {
		return nil
	}
	return r.get().FindAllString(s, n)
}

// FindAllStringIndex is [regexp.Regexp.FindAllStringIndex].
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	if r.miss(s) {
		return nil
	}
	return r.get().FindAllStringIndex(s, n)
}

// FindAllStringSubmatch is [regexp.Regexp.FindAllStringSubmatch].
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	if r.miss(s) {
		return nil
	}
	return r.get().FindAllStringSubmatch(s, n)
}

// FindAllStringSubmatchIndex is [regexp.Regexp.FindAllStringSubmatchIndex].
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	if r.miss(s) {
		return nil
	}
	return r.get().FindAllStringSubmatchIndex(s, n)
}

// ReplaceAllString is [regexp.Regexp.ReplaceAllString].
func (r *Regexp) ReplaceAllString(src, repl string) string {
	if r.miss(src) {
		return src
	}
	return r.get().ReplaceAllString(src, repl)
}

// ReplaceAllLiteralString is [regexp.Regexp.ReplaceAllLiteralString].
func (r *Regexp) ReplaceAllLiteralString(src, repl string) string {
	if r.miss(src) {
		return src
	}
	return r.get().ReplaceAllLiteralString(src, repl)
}

// ReplaceAllStringFunc is [regexp.Regexp.ReplaceAllStringFunc].
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	if r.miss(src) {
		return src
	}
	return r.get().ReplaceAllStringFunc(src, repl)
}

// Split is [regexp.Regexp.Split].
func (r *Regexp) Split(s string, n int) []string { return r.get().Split(s, n) }

// SubexpIndex is [regexp.Regexp.SubexpIndex].
func (r *Regexp) SubexpIndex(name string) int { return r.get().SubexpIndex(name) }

// SubexpNames is [regexp.Regexp.SubexpNames].
func (r *Regexp) SubexpNames() []string { return r.get().SubexpNames() }

// NumSubexp is [regexp.Regexp.NumSubexp].
func (r *Regexp) NumSubexp() int { return r.get().NumSubexp() }

var (
	allMu sync.Mutex
	all   []*Regexp
)

// CompileAll compiles every expression made so far and returns the first
// that does not compile, or whose guard (Guarded) its syntax does not
// bear out, so a test can find a bad pattern before a user's first use
// does.
func CompileAll() (bad string, err error) {
	allMu.Lock()
	list := append([]*Regexp(nil), all...)
	allMu.Unlock()
	for _, r := range list {
		if _, err := regexp.Compile(r.expr); err != nil {
			return r.expr, err
		}
		if r.needs != nil {
			if err := checkGuard(r.expr, r.needs); err != nil {
				return r.expr, err
			}
		}
	}
	return "", nil
}

// FindAllSubmatch is [regexp.Regexp.FindAllSubmatch].
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte {
	if r.missBytes(b) {
		return nil
	}
	return r.get().FindAllSubmatch(b, n)
}
