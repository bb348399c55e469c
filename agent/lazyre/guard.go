package lazyre

import (
	"fmt"
	"regexp/syntax"
	"strings"
)

// checkGuard says whether every match of expr holds one of needs in some
// case, reading expr's syntax: nil when it does, else why it cannot tell.
// It is cautious: an expression it cannot read is refused, not passed.
func checkGuard(expr string, needs []string) error {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return err
	}
	if !mustHold(re, needs) {
		return fmt.Errorf("a match of %q may hold none of %q", expr, needs)
	}
	return nil
}

// maxExact bounds the strings exact lists for one node.
const maxExact = 256

// exact returns every text re can match, lower-cased, when they are few
// and re has no repetition or wide class; ok is false otherwise.
func exact(re *syntax.Regexp) (texts []string, ok bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpEmptyMatch, syntax.OpWordBoundary, syntax.OpNoWordBoundary,
		syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText:
		return []string{""}, true
	case syntax.OpCapture:
		return exact(re.Sub[0])
	case syntax.OpCharClass:
		// A few single runes, as in [+-] or [eE].
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 8 {
				return nil, false
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				out = append(out, strings.ToLower(string(r)))
			}
		}
		return out, len(out) <= maxExact
	case syntax.OpQuest:
		sub, ok := exact(re.Sub[0])
		return append(sub, ""), ok
	case syntax.OpAlternate:
		var out []string
		for _, s := range re.Sub {
			sub, ok := exact(s)
			if !ok {
				return nil, false
			}
			out = append(out, sub...)
		}
		return out, len(out) <= maxExact
	case syntax.OpConcat:
		return exactConcat(re.Sub)
	}
	return nil, false
}

// exactConcat is exact of a concatenation of subs.
func exactConcat(subs []*syntax.Regexp) ([]string, bool) {
	out := []string{""}
	for _, s := range subs {
		sub, ok := exact(s)
		if !ok || len(out)*len(sub) > maxExact {
			return nil, false
		}
		var next []string
		for _, a := range out {
			for _, b := range sub {
				next = append(next, a+b)
			}
		}
		out = next
	}
	return out, true
}

// mustHold says whether every match of re holds one of needs.
func mustHold(re *syntax.Regexp, needs []string) bool {
	if texts, ok := exact(re); ok {
		return allHold(texts, needs)
	}
	switch re.Op {
	case syntax.OpCapture, syntax.OpPlus:
		return mustHold(re.Sub[0], needs)
	case syntax.OpRepeat:
		return re.Min >= 1 && mustHold(re.Sub[0], needs)
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if !mustHold(s, needs) {
				return false
			}
		}
		return true
	case syntax.OpConcat:
		// One part that must hold a need is enough; so is a run of parts
		// whose texts, put together, always do ("v" then "s" or "ersus").
		for i := range re.Sub {
			if mustHold(re.Sub[i], needs) {
				return true
			}
			for j := i + 2; j <= len(re.Sub); j++ {
				texts, ok := exactConcat(re.Sub[i:j])
				if !ok {
					break
				}
				if allHold(texts, needs) {
					return true
				}
			}
		}
	}
	return false
}

// allHold says whether every text holds one of needs.
func allHold(texts, needs []string) bool {
	for _, t := range texts {
		held := false
		for _, n := range needs {
			if strings.Contains(t, n) {
				held = true
				break
			}
		}
		if !held {
			return false
		}
	}
	return true
}
