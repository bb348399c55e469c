package review

import (
	"regexp/syntax"
	"strings"
)

// requiredLiterals returns literals one of which every match of expr
// contains, or nil when it cannot tell: a cheap test (a few substring
// searches) that spares a sentence the regexp when it holds none. It
// reads expr's syntax: a literal is required; a concatenation requires
// what its most telling part requires; an alternation requires one of
// what each branch requires, when every branch requires something.
// Literals shorter than minLiteral tell too little to be worth a search.
func requiredLiterals(expr string) []string {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil
	}
	return required(re.Simplify())
}

const (
	minLiteral  = 2
	maxLiterals = 24
)

func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 || len(string(re.Rune)) < minLiteral {
			return nil
		}
		return []string{string(re.Rune)}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		var best []string
		for _, sub := range re.Sub {
			if r := required(sub); r != nil && (best == nil || shortest(r) > shortest(best) || shortest(r) == shortest(best) && len(r) < len(best)) {
				best = r
			}
		}
		return best
	case syntax.OpAlternate:
		var all []string
		for _, sub := range re.Sub {
			r := required(sub)
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
	return nil
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
