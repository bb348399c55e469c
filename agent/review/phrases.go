package review

import (
	"bytes"
	"fmt"
	"regexp"
	"regexp/syntax"
	"sync"

	"github.com/sysarch/sysarch/agent/phrase"
	"go.yaml.in/yaml/v3"
)

// Phrase rules are anti-patterns written as data (data/antipatterns.yaml):
// the patterns a sentence must hold, the ones that clear it, and the
// wording cases a test runs. The reviewer reads them sentence by
// sentence, from what the document proposes. go generate writes the file,
// parsed and checked, as Go data (phrases_gen.go): no process parses it.

// phraseRule is one rule of the file.
type phraseRule struct {
	ID    string      `yaml:"id"`
	Why   string      `yaml:"why"`
	Match *phraseSpec `yaml:"match"`
	Cases struct {
		Report []string `yaml:"report"`
		Pass   []string `yaml:"pass"`
	} `yaml:"cases"`

	// all, none and unless compile each regexp the first time a text
	// passes its filter: most rules never get that far in a document.
	all, none, unless []*lazyExpr
	// allLits, noneLits and unlessLits are each regexp's required
	// literals (requiredLiterals): a text holding none of them is spared
	// the regexp.
	allLits, noneLits, unlessLits []*filter
}

// phraseSpec is what a sentence must hold to be the anti-pattern.
type phraseSpec struct {
	Need           []string  `yaml:"need"`
	All            []string  `yaml:"all"`
	None           []string  `yaml:"none"`
	Negatable      negatable `yaml:"negatable"`
	UnlessDocument []string  `yaml:"unless_document"`
}

// negatable is a rule's negatable key: whether a sentence that rejects
// what it names is skipped. Unset means it is.
type negatable uint8

const (
	negatableUnset negatable = iota
	negatableYes
	negatableNo
)

// UnmarshalYAML reads the key's boolean.
func (n *negatable) UnmarshalYAML(node *yaml.Node) error {
	var b bool
	if err := node.Decode(&b); err != nil {
		return err
	}
	*n = negatableNo
	if b {
		*n = negatableYes
	}
	return nil
}

// lazyExpr is a regexp compiled the first time a text needs it.
type lazyExpr struct {
	expr     string
	once     sync.Once
	compiled *regexp.Regexp
}

func (l *lazyExpr) get() *regexp.Regexp {
	l.once.Do(func() { l.compiled = regexp.MustCompile(l.expr) })
	return l.compiled
}

// phraseRules maps a phrase rule's id to the catalogue's rule it raises.
var phraseRules = map[string]rule{
	"cache-hides-slow-query": rCacheHidesSlowQuery,
	"sync-call-chain":        rSyncCallChain,
	"slow-work-in-request":   rSlowWorkInRequest,
	"shared-writer":          rSharedDatabase,
	"dual-write":             rDualWrite,
}

// loadPhraseRules reads and compiles the file; an error is a bug in the
// file, which the tests catch. The binary holds what it returns, less the
// cases, as phraseRuleData (phrases_gen.go), which
// TestGeneratedPhraseRules checks against it.
func loadPhraseRules(src []byte) ([]phraseRule, error) {
	var rs []phraseRule
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true) // a misplaced key would silently change a rule
	if err := dec.Decode(&rs); err != nil {
		return nil, err
	}
	for i := range rs {
		r := &rs[i]
		if r.Match == nil {
			continue
		}
		if _, ok := phraseRules[r.ID]; !ok {
			return nil, fmt.Errorf("phrase rule %q raises no rule of the catalogue", r.ID)
		}
		for _, list := range []struct {
			src  []string
			dst  *[]*lazyExpr
			lits *[]*filter
		}{{r.Match.All, &r.all, &r.allLits}, {r.Match.None, &r.none, &r.noneLits}, {r.Match.UnlessDocument, &r.unless, &r.unlessLits}} {
			for _, e := range list.src {
				// Parsing finds a bad expression, and the filter is read
				// from the same parse; compiling waits for a text to need
				// it.
				re, err := syntax.Parse(e, syntax.Perl)
				if err != nil {
					return nil, fmt.Errorf("phrase rule %q: %w", r.ID, err)
				}
				*list.dst = append(*list.dst, &lazyExpr{expr: e})
				*list.lits = append(*list.lits, filterOfParsed(re))
			}
		}
	}
	return rs, nil
}

//go:generate go test -run TestGeneratedPhraseRules|TestGeneratedTermSets -update-generated .

// compiledPhraseRules returns the rules as the binary holds them: data
// laid out by the linker, nothing parsed at run time.
func compiledPhraseRules() ([]phraseRule, error) { return phraseRuleData, nil }

// matches says whether a sentence is the rule's anti-pattern.
func (r *phraseRule) matches(s sentence) bool {
	if len(r.Match.Need) > 0 && !s.grams.anyOf(s.lower, r.Match.Need) {
		return false
	}
	if r.Match.Negatable != negatableNo {
		if s.negated {
			return false
		}
	}
	for i, re := range r.all {
		if !r.allLits[i].holds(s.lower, s.grams) || !re.get().MatchString(s.lower) {
			return false
		}
	}
	for i, re := range r.none {
		if !r.noneLits[i].holds(s.lower, s.grams) {
			continue
		}
		for _, m := range re.get().FindAllStringIndex(s.lower, -1) {
			if !phrase.NegatedAt(s.lower, m[0]) {
				return false
			}
		}
	}
	return true
}

// phrases raises each phrase rule at its first sentence, unless the Go
// rules raised its finding already.
func (rv *reviewer) phrases() {
	rs, err := compiledPhraseRules()
	if err != nil {
		panic(err)
	}
	for i := range rs {
		r := &rs[i]
		if r.Match == nil || len(rv.has(r.ID)) > 0 {
			continue
		}
		var cs []claim
		for _, s := range rv.sents {
			if s.proposed && r.matches(s) {
				cs = append(cs, claim{sentence: s, match: clip(s.Text)})
			}
		}
		if len(cs) > 0 && !rv.documentClears(r) {
			rv.raise(phraseRules[r.ID], rv.ref(cs[0].Line), fmt.Sprintf("%q: %s.%s", cs[0].match, r.Why, alsoAt(cs)))
		}
	}
}

// documentClears says whether the document's evidence holds one of the
// rule's unless_document patterns, not negated.
func (rv *reviewer) documentClears(r *phraseRule) bool {
	text := rv.evidenceText()
	for i, re := range r.unless {
		if !r.unlessLits[i].holds(text, nil) {
			continue
		}
		for _, m := range re.get().FindAllStringIndex(text, -1) {
			if !phrase.NegatedAt(text, m[0]) {
				return true
			}
		}
	}
	return false
}
