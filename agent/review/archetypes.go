package review

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/phrase"
)

// A document that is recognisably a feed, a crawler, a chat, a rate
// limiter, a ledger, a booking system… is checked for its archetype's core
// mechanisms and failure handling, listed in the archetype's review block
// in the catalogue (agent/patterns/data): a feed design that never says how
// accounts with millions of followers are fanned out has skipped the hard
// part of a feed, a booking design that never says how a seat cannot be
// sold twice the hard part of booking.

// coreElement is one mechanism an archetype cannot do without, with the
// phrasings that show a document deals with it (read by the shared
// matcher, phrase.PrefixSet: "celebrit" matches "celebrity" and
// "celebrities"; phrases of up to four letters match whole words), and
// what a design that misses it leaves open.
type coreElement struct {
	Name, Question string
	Any            []string
	// set is Any as the catalogue built it.
	set *phrase.PrefixSet
}

// archetypeRule recognises an archetype by its strong phrases and lists
// its core elements.
type archetypeRule struct {
	ID, Name string
	Core     []coreElement
	// strong are the catalogue's strong phrases and the review block's
	// own, as the catalogue built them.
	strong *phrase.PrefixSet
}

// archetypeRules returns the archetypes the review knows: every archetype
// of the catalogue (agent/patterns) with a review block, recognised by the
// catalogue's strong phrases and the block's own, checked for the block's
// must-say items. Their phrase sets come built with the catalogue.
func archetypeRules() []archetypeRule {
	var out []archetypeRule
	for _, a := range patterns.All() {
		if a.Review == nil {
			continue
		}
		r := archetypeRule{ID: a.ID, Name: a.Review.Name, strong: a.Review.StrongSet()}
		for i := range a.Review.MustSay {
			m := &a.Review.MustSay[i]
			r.Core = append(r.Core, coreElement{Name: m.Name, Question: m.Question, Any: m.Any, set: m.Set()})
		}
		out = append(out, r)
	}
	return out
}

// compiledArchetypes are the archetype rules, listed once.
var compiledArchetypes = sync.OnceValue(archetypeRules)

// capitalise writes a name at the start of a title.
func capitalise(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// recognises says whether the document is of the archetype: its title
// holds a strong phrase, or its opening does and the design engine's
// recognition, run on the whole document, scores it well. A design says what it is up front; a
// phrase further down ("a rate limit per client") is a part of it, not
// what it is, and a passing mention in the opening ("unlike a chat…") is
// not enough evidence to hold the document to the archetype's mechanisms.
func (rv *reviewer) recognises(r archetypeRule) bool {
	if r.strong.Any(rv.titleTokens()) {
		return true
	}
	if !r.strong.Any(rv.introTokens()) {
		return false
	}
	for _, m := range rv.catalogueMatches() {
		if m.Archetype.ID == r.ID {
			return m.Score >= minIntroScore
		}
	}
	return false
}

// minIntroScore is the score the design engine's recognition must give
// an archetype named only in a document's opening: twice what matches
// requirements, since a shop's "Payment service" names a component, not a
// payments system, and the rest of its text says so.
const minIntroScore = 2 * patterns.Threshold

// startRecognition starts the design engine's recognition of the
// document on its own goroutine when an archetype's check will need it
// (recognises: a strong phrase in the opening, not in the title), so it
// runs on a second core while the checks before archetypes run on this
// one; catalogueMatches waits for it. The recognition reads only the
// parsed document's text, which nothing writes any more, and the
// catalogue. Without a strong phrase in the opening, nothing is started.
func (rv *reviewer) startRecognition() {
	needed := slices.ContainsFunc(compiledArchetypes(), func(r archetypeRule) bool {
		return !r.strong.Any(rv.titleTokens()) && r.strong.Any(rv.introTokens())
	})
	if !needed {
		return
	}
	// The evidence's words are read there too (evidenceTokens takes them
	// back); the texts are built here, where the document's memos are.
	in := patterns.Input{Title: rv.title, Summary: rv.introText(), Body: rv.evidenceText()}
	done := make(chan recognition, 1)
	go func() {
		in.BodyTokens = phrase.Tokenize(in.Body)
		done <- recognition{patterns.MatchAll(in), in.BodyTokens}
	}()
	rv.recognised = done
}

// recognition is what startRecognition's goroutine delivers.
type recognition struct {
	matches []patterns.Match
	tokens  []phrase.Token
}

// joinRecognition takes what startRecognition's goroutine delivered,
// waiting for it; nothing when none was started or it was taken.
func (rv *reviewer) joinRecognition() {
	if rv.recognised == nil {
		return
	}
	r := <-rv.recognised
	rv.recognised = nil
	rv.matches, rv.evTokens = r.matches, r.tokens
	if rv.matches == nil {
		rv.matches = []patterns.Match{}
	}
}

// catalogueMatches runs the design engine's recognition on the document:
// its title, its opening and its evidence.
func (rv *reviewer) catalogueMatches() []patterns.Match {
	rv.joinRecognition()
	if rv.matches == nil {
		rv.matches = patterns.MatchAll(patterns.Input{Title: rv.title, Summary: rv.introText(), Body: rv.evidenceText(), BodyTokens: rv.evidenceTokens()})
		if rv.matches == nil {
			rv.matches = []patterns.Match{}
		}
	}
	return rv.matches
}

// introLines caps the lines of prose that make a document's opening.
const introLines = 12

// introText is the evidence of the document's opening: the first two
// sections that hold prose (a preamble or the title's own text, then a
// summary), at most introLines lines of it.
func (rv *reviewer) introText() string {
	if rv.intro == nil {
		var b strings.Builder
		lines, secs := 0, 0
		for _, s := range rv.d.Sections {
			had := false
			for l := s.Line; l <= s.End && lines < introLines; l++ {
				if e := rv.d.Evidence(l); e != "" {
					b.WriteString(e)
					b.WriteByte('\n')
					lines++
					had = true
				}
			}
			if had {
				secs++
			}
			if secs == 2 || lines == introLines {
				break
			}
		}
		s := b.String()
		rv.intro = &s
	}
	return *rv.intro
}

// evidenceText is the document's evidence as one text, a line per line,
// without the sections that prove nothing (a checklist, open questions):
// presence tests over the whole document run on it once.
func (rv *reviewer) evidenceText() string {
	if rv.allEvidence == nil {
		var b strings.Builder
		for l, e := range rv.d.evidence {
			if e != "" && !rv.d.within(rv.d.SectionOf(l+1), notEvidence) {
				b.WriteString(e)
			}
			b.WriteByte('\n')
		}
		s := b.String()
		rv.allEvidence = &s
	}
	return *rv.allEvidence
}

// archetypes adds a finding per core element a recognised archetype's
// document never deals with.
func (rv *reviewer) archetypes() {
	for _, r := range compiledArchetypes() {
		if !rv.recognises(r) {
			continue
		}
		rv.archetypeNames = append(rv.archetypeNames, r.Name)
		for _, e := range r.Core {
			if e.set.Any(rv.evidenceTokens()) {
				continue
			}
			rv.raise(rArchetypeCoreMissing, rv.whole(),
				fmt.Sprintf("The document is recognisably a %s design, and %s is one of its core mechanisms (%s), but nothing in it deals with that: it is where designs of this kind usually fail.", r.Name, e.Name, strings.Join(e.Any[:min(len(e.Any), 4)], ", ")), capitalise(r.Name), e.Question)
		}
	}
}

// evidenceTokens are the words of evidenceText as the shared phrase
// matcher reads them, read once.
func (rv *reviewer) evidenceTokens() []phrase.Token {
	rv.joinRecognition()
	if rv.evTokens == nil {
		rv.evTokens = phrase.Tokenize(rv.evidenceText())
	}
	return rv.evTokens
}

// titleTokens and introTokens are the words of the title and of
// introText, read once.
func (rv *reviewer) titleTokens() []phrase.Token {
	if rv.titleToks == nil {
		rv.titleToks = phrase.Tokenize(rv.title)
	}
	return rv.titleToks
}

func (rv *reviewer) introTokens() []phrase.Token {
	if rv.introToks == nil {
		rv.introToks = phrase.Tokenize(rv.introText())
	}
	return rv.introToks
}
