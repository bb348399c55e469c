package review

import (
	"fmt"
	"strings"
)

// Most checklist items are judged the same way: look for kinds of
// evidence (timeouts, retries…) in the sections whose headings name the
// item, then in the whole text, and weigh what was found by a substance
// rule. A coverCheck is such an item as data, and evaluate is the one
// function that runs them all.

// kind is one kind of evidence a check looks for. A kind is found by its
// words (under the check's headings, then anywhere), by a table column
// whose cells say something, or, when its evidence is not a word, by find.
type kind struct {
	name  string
	terms terms
	// strict, when set, are the words that count outside the check's
	// sections: "latency" under Monitoring is a metric, in the
	// requirements it is not.
	strict terms
	// columns are table headers whose cells are this kind of evidence: a
	// row under "Failure" is a failure scenario.
	columns terms
	// find looks for evidence that is not a word; it returns what the
	// report quotes as the item's evidence.
	find func(rv *reviewer, secs []int) (string, bool)
	// proof describes a word found anywhere: a template of the quoted
	// words (%[1]q) and where they are (%[2]s).
	proof string
	// key marks a kind whose absence makes an incomplete item the check's
	// keyLacking rule (the medium one) rather than its lacking rule.
	key bool
	// fix says how to supply the kind, for a fix made of the lacking
	// kinds' fixes.
	fix string
}

// substance is the rule that weighs the evidence found.
type substance int

const (
	// anyKind: the first kind found (in order) meets the item.
	anyKind substance = iota
	// coveredKinds: the item is met when enough kinds are found, missing
	// when too few are, and incomplete in between.
	coveredKinds
)

// coverCheck is a checklist item judged by evidence.
type coverCheck struct {
	// titles and notTitles name the sections that answer the item.
	titles, notTitles terms
	kinds             []kind
	substance         substance
	// enough kinds met the item (0: all of them); with none under the
	// item's headings, fewer than missingBelow anywhere is missing.
	enough, missingBelow int

	// onlyIf, when set, finds what makes the item apply (a database);
	// without it the item is met, with skip as the evidence.
	onlyIf func(rv *reviewer) (hit, bool)
	skip   string
	// neededIf, when set, finds what needs the evidence (slow work);
	// without evidence and without it the item is met, with unneeded as
	// the evidence.
	neededIf func(rv *reviewer) (hit, bool)
	unneeded string

	// standIn are findings that already say what is missing: without
	// evidence, the first of them fails the item in place of the missing
	// rule, with its template (%[1]s the finding's title, %[2]s where).
	standIn []standIn
	// spoiledBy are findings that fail the item despite its evidence.
	spoiledBy []string

	// missing is raised when no evidence is found: at the line onlyIf or
	// neededIf found, with detail (%[1]q the text found there); else at
	// the item's first section with sectionDetail (%[1]q its title) when
	// it has one; else at the document's title with detail. missingText
	// is the item's evidence then (%[1]s where the trigger is, %[2]s its
	// text).
	missing                            rule
	detail, sectionDetail, missingText string

	// lacking is raised when a coveredKinds item has some kinds but not
	// enough, keyLacking when a key kind is among those it lacks; the
	// title gets the lacking kinds, and with lackingFix the fix is made
	// of their fixes. lackingDetail and lackingText (the evidence) are
	// templates of where (%[1]s), the lacking kinds joined by ", no "
	// (%[2]s), the kinds found (%[3]s) and the lacking kinds (%[4]s).
	lacking, keyLacking        rule
	lackingDetail, lackingText string
	lackingFix                 bool
}

// standIn is a finding that stands for an item's missing rule.
type standIn struct{ id, text string }

// evaluate judges a coverage check: it adds the check's finding, if any,
// and returns whether the item is met and the evidence.
func (rv *reviewer) evaluate(c *coverCheck) (bool, string) {
	var secs []int
	if !c.titles.none() {
		secs = rv.titled(c.titles, c.notTitles)
	}
	var trigger hit
	if c.onlyIf != nil {
		h, ok := c.onlyIf(rv)
		if !ok {
			return true, c.skip
		}
		trigger = h
	}
	if c.substance == coveredKinds {
		return rv.covered(c, secs)
	}
	for _, k := range c.kinds {
		if proof, ok := rv.findKind(k, secs); ok {
			for _, id := range c.spoiledBy {
				if f := rv.has(id); len(f) > 0 {
					return false, fmt.Sprintf("%s; but: %s (%s)", proof, f[0].Title, f[0].Ref)
				}
			}
			return true, proof
		}
	}
	for _, s := range c.standIn {
		if f := rv.has(s.id); len(f) > 0 {
			return false, fmt.Sprintf(s.text, f[0].Title, f[0].Ref)
		}
	}
	if c.neededIf != nil {
		h, ok := c.neededIf(rv)
		if !ok {
			return true, c.unneeded
		}
		trigger = h
	}
	rv.raiseMissing(c, secs, trigger)
	return false, fill(c.missingText, []any{rv.at(trigger.Line), trigger.Text})
}

// raiseMissing raises a check's missing rule: at the line that triggered
// the check, at its first section, or at the document's title.
func (rv *reviewer) raiseMissing(c *coverCheck, secs []int, trigger hit) {
	ref, detail := rv.whole(), c.detail
	switch {
	case trigger.Line > 0:
		ref, detail = rv.ref(trigger.Line), fill(c.detail, []any{trigger.Text})
	case c.sectionDetail != "" && len(secs) > 0:
		ref, detail = rv.sectionRef(secs[0]), fmt.Sprintf(c.sectionDetail, rv.d.Sections[secs[0]].Title)
	}
	rv.raise(c.missing, ref, detail)
}

// findKind looks for one kind of an anyKind check: by find, or by its
// words anywhere.
func (rv *reviewer) findKind(k kind, secs []int) (string, bool) {
	if k.find != nil {
		return k.find(rv, secs)
	}
	if hits := rv.d.searchAll(k.terms); len(hits) > 0 {
		return fmt.Sprintf(k.proof, hits[0].Text, rv.at(hits[0].Line)), true
	}
	return "", false
}

// covered weighs a coveredKinds check: which kinds are found under the
// item's headings and anywhere.
func (rv *reviewer) covered(c *coverCheck, secs []int) (bool, string) {
	inSecs, anywhere := rv.coverage(c.kinds, secs)
	if len(inSecs) == 0 && len(anywhere) < c.missingBelow {
		rv.raiseMissing(c, secs, hit{})
		return false, c.missingText
	}
	where := rv.evidenceAt(secs, anywhere, c.kinds)
	var have, lack []string
	r, fixes := c.lacking, []string{}
	for _, k := range c.kinds {
		if _, ok := anywhere[k.name]; ok {
			have = append(have, k.name)
			continue
		}
		lack = append(lack, k.name)
		fixes = append(fixes, k.fix)
		if k.key {
			r = c.keyLacking
		}
	}
	enough := c.enough
	if enough == 0 {
		enough = len(c.kinds)
	}
	if len(have) >= enough {
		if len(lack) == 0 {
			return true, where + ": " + strings.Join(have, ", ")
		}
		return true, fmt.Sprintf("%s: %s (no %s)", where, strings.Join(have, ", "), strings.Join(lack, ", "))
	}
	ref := rv.whole()
	if len(secs) > 0 {
		ref = rv.sectionRef(secs[0])
	}
	args := []any{where, strings.Join(lack, ", no "), strings.Join(have, ", "), strings.Join(lack, ", ")}
	fix := ""
	if c.lackingFix {
		fix = asSentence(strings.Join(fixes, "; "))
	}
	rv.raise(r, ref, fill(c.lackingDetail, args), strings.Join(lack, " or "), fix)
	return false, fill(c.lackingText, args)
}

// asSentence capitalises s and ends it with a full stop.
func asSentence(s string) string {
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// coverage reports, per kind, the first hit in the given sections and the
// first hit anywhere in the document (strict words, when given, for the
// whole-document search), counting table columns as well as words.
func (rv *reviewer) coverage(kinds []kind, secs []int) (inSecs, anywhere map[string]hit) {
	inSecs, anywhere = map[string]hit{}, map[string]hit{}
	for _, k := range kinds {
		if hits := rv.d.inSubtrees(k.terms, secs); len(hits) > 0 {
			inSecs[k.name] = hits[0]
			anywhere[k.name] = hits[0]
			continue
		}
		wide := k.terms
		if !k.strict.none() {
			wide = k.strict
		}
		if hits := rv.d.searchAll(wide); len(hits) > 0 {
			anywhere[k.name] = hits[0]
		}
	}
	for _, k := range kinds {
		if !k.columns.none() {
			rv.fromColumn(k.name, k.columns, secs, inSecs, anywhere)
		}
	}
	return inSecs, anywhere
}

// fromColumn counts kind name as found when a column of cols holds a
// cell that says something.
func (rv *reviewer) fromColumn(name string, cols terms, secs []int, inSecs, anywhere map[string]hit) {
	if _, ok := inSecs[name]; ok {
		return
	}
	if h, ok := rv.columnCell(cols, secs); ok && len(secs) > 0 {
		inSecs[name], anywhere[name] = h, h
		return
	}
	if _, ok := anywhere[name]; ok {
		return
	}
	if h, ok := rv.columnCell(cols, nil); ok {
		anywhere[name] = h
	}
}

// evidenceAt names the first matching section, or the first hit.
func (rv *reviewer) evidenceAt(secs []int, found map[string]hit, kinds []kind) string {
	if len(secs) > 0 {
		return rv.at(rv.d.Sections[secs[0]].Line)
	}
	for _, k := range kinds {
		if h, ok := found[k.name]; ok {
			return rv.at(h.Line)
		}
	}
	return "whole document"
}

// The finders of evidence that is more than a word somewhere.

// sectionSaying finds the first of a check's sections whose text holds
// one of t (any word at all when t is empty).
func sectionSaying(t terms) func(*reviewer, []int) (string, bool) {
	return func(rv *reviewer, secs []int) (string, bool) {
		for _, i := range secs {
			s := rv.d.Sections[i]
			if !t.none() && len(rv.d.search(t, s.Line+1, s.SubtreeEnd)) > 0 {
				return rv.at(s.Line), true
			}
			for l := s.Line + 1; t.none() && l <= s.SubtreeEnd; l++ {
				if wordCharRe.MatchString(rv.d.Evidence(l)) {
					return rv.at(s.Line), true
				}
			}
		}
		return "", false
	}
}

// columnNamed finds a table with a column named by cols and rows under it.
func columnNamed(cols terms) func(*reviewer, []int) (string, bool) {
	return func(rv *reviewer, _ []int) (string, bool) {
		for _, t := range rv.d.Tables {
			for _, h := range t.Header {
				if cols.in(h) && len(t.Rows) > 0 {
					return fmt.Sprintf("%q column in the table at %s", h, rv.at(t.Line)), true
				}
			}
		}
		return "", false
	}
}

// words finds at least n hits of t in the text (n different words when
// distinct is set), described by proof: the first hit quoted (%[1]q) and
// where it is (%[2]s).
func words(t terms, n int, distinct bool, proof string) func(*reviewer, []int) (string, bool) {
	return func(rv *reviewer, _ []int) (string, bool) {
		hits := rv.d.searchAll(t)
		count := len(hits)
		if distinct {
			seen := map[string]bool{}
			for _, h := range hits {
				seen[h.Text] = true
			}
			count = len(seen)
		}
		if count < n {
			return "", false
		}
		return fmt.Sprintf(proof, hits[0].Text, rv.at(hits[0].Line)), true
	}
}
