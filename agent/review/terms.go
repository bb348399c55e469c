package review

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"sync"
)

// pattern is a regexp matched against lower-cased text, with a cheap
// prefilter: need lists literals one of which must occur in the text for
// the regexp to match (nil: always run it). Most sentences hold none, and
// a substring test costs far less than a regexp with many alternatives.
type pattern struct {
	*lazyPattern
}

// lazyPattern is a pattern's text and what is compiled from it on first
// use: the rule tables hold hundreds of them, and a process that never
// reviews should not pay for them, not even at package init (a pattern
// is a pointer to this and the text, nothing else, until used).
type lazyPattern struct {
	lazyExpr
	need []string
	// f holds the literals every match needs, read from the regexp
	// itself (requiredFilter), nil when it has none.
	fOnce sync.Once
	f     *filter
	// fGiven says f was written by the generator (terms_gen.go): no
	// parse is needed.
	fGiven bool
}

// pat makes a pattern; expr is written in lower case.
func pat(expr string, need ...string) pattern {
	filteredExprs = append(filteredExprs, expr)
	return pattern{&lazyPattern{lazyExpr: lazyExpr{expr: expr}, need: need}}
}

// re compiles the pattern's regexp the first time it is asked for.
func (p *lazyPattern) re() *regexp.Regexp { return p.get() }

// filter reads the literals every match needs the first time they are
// asked for.
func (p *lazyPattern) filter() *filter {
	if p.fGiven {
		return p.f
	}
	p.fOnce.Do(func() { p.f = requiredFilter(p.expr) })
	return p.f
}

func (p pattern) possible(lower string) bool {
	if !p.filter().holds(lower, nil) {
		return false
	}
	return containsAny(lower, p.need)
}

// match reports whether s holds the pattern.
func (p pattern) match(s string) bool {
	l := asciiLower(s)
	return p.possible(l) && p.re().MatchString(l)
}

// matchG is matchLower on a sentence's lower-cased text l with its byte
// pairs g.
func (p pattern) matchG(l string, g *grams) bool {
	return p.possibleG(l, g) && p.re().MatchString(l)
}

// locG is locLower on a sentence's text with its byte pairs.
func (p pattern) locG(l string, g *grams) []int {
	if !p.possibleG(l, g) {
		return nil
	}
	return p.re().FindStringSubmatchIndex(l)
}

// possibleG is possible, asking g first which literals l may hold.
func (p pattern) possibleG(l string, g *grams) bool {
	if p.need != nil && !g.anyOf(l, p.need) {
		return false
	}
	return p.filter().holds(l, g)
}

// loc returns the first match in s with its submatches as offsets into s,
// or nil.
func (p pattern) loc(s string) []int {
	l := asciiLower(s)
	if !p.possible(l) {
		return nil
	}
	return p.re().FindStringSubmatchIndex(l)
}

// asciiLower lower-cases ASCII letters only, so that byte offsets in the
// result are offsets in s. It does not allocate when s has no capital.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// terms is a set of keywords matched case-insensitively at word starts.
// A term ending in "*" matches as a prefix ("retr*" would match "retries");
// spaces in a term also match hyphens ("circuit breaker" matches
// "circuit-breaker"). A term with a leading "~" is a regexp.
type terms struct {
	// lazy builds the set on first use: the review declares dozens of
	// sets, and a process that never reviews (or a review that never
	// asks for one) should not build them, nor allocate more than their
	// words at package init. nil for no terms (terms{}).
	lazy *lazyTerms
}

// lazyTerms is a term set's words and the set built from them.
type lazyTerms struct {
	words []string
	once  sync.Once
	set   *termSet
}

// get returns the built set, building it the first time: the sets
// declared at package level are generated (terms_gen.go), the others
// built from their words.
func (t terms) get() *termSet {
	l := t.lazy
	l.once.Do(func() {
		if s, ok := generatedTermSet(l.words); ok {
			l.set = s
			return
		}
		l.set = buildTerms(l.words)
	})
	return l.set
}

// generatedTerms is a term set that go generate built from its words.
type generatedTerms struct {
	words []string
	set   *termSet
}

// generatedTermSet finds the set generated for words in termSetData,
// which is sorted by words.
func generatedTermSet(words []string) (*termSet, bool) {
	i, ok := slices.BinarySearchFunc(termSetData, words, func(g generatedTerms, w []string) int { return slices.Compare(g.words, w) })
	if !ok {
		return nil, false
	}
	return termSetData[i].set, true
}

// none says whether t is terms{}, the set of no terms.
func (t terms) none() bool { return t.lazy == nil }

// termSet is a compiled term set.
type termSet struct {
	pattern
	// anchored is the same alternation anchored at the start: a term
	// begins where one of need occurs, so only those places are tried.
	// It is compiled only when words cannot be read without it.
	anchored *lazyExpr
	// words are the terms as plain words, in order, when every term can
	// be matched by reading bytes (see plainTerm); nil otherwise.
	words []plainTerm
	// byFirst groups need by first byte; nil when need is short (see
	// manyLiterals) or a literal does not begin with a word byte. An
	// array, not a map: it is read at every word start of every text
	// searched.
	byFirst *firstBytes
}

func newTerms(words ...string) terms {
	return terms{&lazyTerms{words: words}}
}

func buildTerms(words []string) *termSet {
	alts := make([]string, 0, len(words))
	need := make([]string, 0, len(words))
	plain := make([]plainTerm, 0, len(words))
	for _, w := range words {
		if raw, ok := strings.CutPrefix(w, "~"); ok {
			alts = append(alts, raw)
			need = nil
			continue
		}
		w = strings.ToLower(w)
		prefix := strings.HasSuffix(w, "*")
		parts := strings.Fields(strings.TrimSuffix(w, "*"))
		if need != nil {
			need = append(need, strings.SplitN(parts[0], "-", 2)[0])
		}
		if plain != nil {
			if pt, ok := newPlainTerm(slices.Clone(parts), prefix); ok {
				plain = append(plain, pt)
			} else {
				plain = nil
			}
		}
		for i, p := range parts {
			parts[i] = regexp.QuoteMeta(p)
		}
		alt := strings.Join(parts, `[\s-]+`)
		if prefix {
			alt += `\w*`
		} else {
			alt += `\b`
		}
		alts = append(alts, alt)
	}
	if need == nil {
		plain = nil
	}
	expr := `(?:` + strings.Join(alts, "|") + `)`
	// Not pat: the registry of declared expressions (filteredExprs) is
	// filled at package init, and a set is built later, maybe by two
	// reviews at once.
	return &termSet{pattern: pattern{&lazyPattern{lazyExpr: lazyExpr{expr: `\b` + expr}, need: need}}, anchored: &lazyExpr{expr: `^` + expr}, words: plain, byFirst: byFirstByte(need)}
}

// firstBytes is literals grouped by their first byte: lits[at[c]:at[c+1]]
// begin with c, in the order they were given. Offsets into one slice,
// not 256 slices: a review builds dozens of term sets, and 256 slice
// headers each were 6 kB a set.
type firstBytes struct {
	lits []string
	at   [257]uint16
}

// beginningWith returns the literals that begin with c.
func (f *firstBytes) beginningWith(c byte) []string { return f.lits[f.at[c]:f.at[int(c)+1]] }

// byFirstByte groups need by first byte, or returns nil when starts is
// to search for each literal instead.
func byFirstByte(need []string) *firstBytes {
	if len(need) <= manyLiterals || len(need) > math.MaxUint16 {
		return nil
	}
	f := &firstBytes{lits: make([]string, len(need))}
	for _, nd := range need {
		if nd == "" || !isWordByte(nd[0]) {
			return nil
		}
		f.at[int(nd[0])+1]++
	}
	for c := 1; c <= 256; c++ {
		f.at[c] += f.at[c-1]
	}
	next := f.at
	for _, nd := range need {
		f.lits[next[nd[0]]] = nd
		next[nd[0]]++
	}
	return f
}

// in, inG, index and findAll are those of the built set.
func (t terms) in(s string) bool                     { return t.get().in(s) }
func (t terms) inG(l string, g *grams) bool          { return t.get().inG(l, g) }
func (t terms) index(s string) int                   { return t.get().index(s) }
func (t terms) findAll(lower string, n int) [][2]int { return t.get().findAll(lower, n) }

// in reports whether s holds one of the terms.
func (t *termSet) in(s string) bool { return len(t.findAll(asciiLower(s), 1)) > 0 }

// inG is inLower on a sentence's text with its byte pairs: a sentence
// that cannot hold a term's first word is not searched.
func (t *termSet) inG(l string, g *grams) bool {
	if t.need != nil && !g.mayHoldAny(t.need) {
		return false
	}
	return len(t.findAll(l, 1)) > 0
}

// index returns the offset of the first term in s, or -1.
func (t *termSet) index(s string) int {
	if m := t.findAll(asciiLower(s), 1); len(m) > 0 {
		return m[0][0]
	}
	return -1
}

// findAll returns the offsets of up to n terms (all when n <= 0) in lower,
// in order, trying the anchored alternation only at word starts where a
// term's first word begins.
func (t *termSet) findAll(lower string, n int) [][2]int {
	var out [][2]int
	if t.need == nil {
		for _, m := range t.re().FindAllStringIndex(lower, n) {
			out = append(out, [2]int{m[0], m[1]})
		}
		return out
	}
	starts := t.starts(lower)
	if len(starts) == 0 {
		return nil
	}
	end := 0
	for k, p := range starts {
		if p < end || k > 0 && p == starts[k-1] {
			continue
		}
		if e := t.endAt(lower, p); e >= 0 {
			out = append(out, [2]int{p, e})
			end = e
			if n > 0 && len(out) == n {
				break
			}
		}
	}
	return out
}

// endAt returns where the first term (in the order they were given, as
// the alternation tries them) that begins at lower[p] ends, or -1.
func (t *termSet) endAt(lower string, p int) int {
	if t.words == nil {
		if m := t.anchored.get().FindStringIndex(lower[p:]); m != nil {
			return p + m[1]
		}
		return -1
	}
	for _, w := range t.words {
		if e := w.endAt(lower, p); e >= 0 {
			return e
		}
	}
	return -1
}

// plainTerm is a term read by plain byte comparison, as its regexp
// would read it: its words joined by runs of spaces or hyphens
// ([\s-]+), then a word boundary (\b) or, for a prefix, the rest of the
// word (\w*).
type plainTerm struct {
	parts  []string
	prefix bool
}

// newPlainTerm makes a plainTerm of a term's lower-cased words, or says
// it cannot: a word that is not ASCII, or that begins with a hyphen (the
// run of separators before it would then give back bytes), needs the
// regexp.
func newPlainTerm(parts []string, prefix bool) (plainTerm, bool) {
	if len(parts) == 0 {
		return plainTerm{}, false
	}
	for i, p := range parts {
		if p == "" || i > 0 && isTermSep(p[0]) {
			return plainTerm{}, false
		}
		for j := 0; j < len(p); j++ {
			if p[j] >= 0x80 {
				return plainTerm{}, false
			}
		}
	}
	return plainTerm{parts: parts, prefix: prefix}, true
}

// isTermSep is a byte of [\s-].
func isTermSep(c byte) bool { return isSpaceByte(c) || c == '-' }

// endAt returns where the term, read at lower[p], ends, or -1.
func (w plainTerm) endAt(lower string, p int) int {
	i := p
	for k, part := range w.parts {
		if k > 0 {
			j := i
			for j < len(lower) && isTermSep(lower[j]) {
				j++
			}
			if j == i {
				return -1
			}
			i = j
		}
		if !strings.HasPrefix(lower[i:], part) {
			return -1
		}
		i += len(part)
	}
	if w.prefix {
		for i < len(lower) && isWordByte(lower[i]) {
			i++
		}
		return i
	}
	// \b: a word byte on one side only.
	if isWordByte(lower[i-1]) == (i < len(lower) && isWordByte(lower[i])) {
		return -1
	}
	return i
}

// starts returns the offsets in lower, in order, where a word begins with
// one of the terms' needed literals. With many literals it reads lower
// once, trying only the literals that begin with each word's first byte:
// a term set has dozens of literals, and a search per literal reads the
// text dozens of times.
func (t *termSet) starts(lower string) []int {
	if t.byFirst == nil {
		return t.startsBySearch(lower)
	}
	var out []int
	inWord := false
	for p := 0; p < len(lower); p++ {
		c := lower[p]
		if isWordByte(c) {
			if inWord {
				continue
			}
			inWord = true
		} else {
			inWord = false
			continue
		}
		for _, nd := range t.byFirst.beginningWith(c) {
			if strings.HasPrefix(lower[p:], nd) {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// manyLiterals is where one pass over the text beats a vectorised search
// per literal.
const manyLiterals = 6

// startsBySearch is starts for few literals, or for literals that may begin with a byte that
// is not a word's ("+1"): it searches for each literal in turn.
func (t *termSet) startsBySearch(lower string) []int {
	var starts []int
	for _, nd := range t.need {
		for off := 0; off < len(lower); {
			i := strings.Index(lower[off:], nd)
			if i < 0 {
				break
			}
			p := off + i
			if p == 0 || !isWordByte(lower[p-1]) {
				starts = append(starts, p)
			}
			off = p + 1
		}
	}
	slices.Sort(starts)
	return slices.Compact(starts)
}

// isWordByte matches regexp's \b: ASCII letters, digits and underscore.
func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
