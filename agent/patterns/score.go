package patterns

import "github.com/sysarch/sysarch/agent/phrase"

// The recognition rule. An archetype is merged when the subject of the ask
// (title, summary, functional lines) carries enough evidence for it:
//
//  1. A strong phrase in the subject ("url shortener", "ride hailing"), or
//     a product name where the ask builds one like it ("design Gmail",
//     "Yelp-like"), names the archetype: it matches.
//  2. Otherwise each phrase seen in the subject adds its weight times 2
//     (every subject field weighs the same), but never more than
//     phraseCap, which is below Threshold: a single word, however telling,
//     never suffices. Overlapping phrases of one archetype are one piece
//     of evidence, the strongest of them ("map" in "Google Maps").
//     Asides (workload names, prose beside a summary or functional lines,
//     workload kinds, sizes, schedules) add at most supportCap between
//     them; an ask that is only prose has its prose read as the subject,
//     at half weight. The archetype matches when the sum reaches
//     Threshold and one of the phrases seen in the subject is defining.
//  3. Generic words alone never suffice. Each archetype splits its
//     weighted phrases in two: `defining` phrases name its subject, its
//     problem or its mechanism ("ride", "ledger", "double entry",
//     "crawl", "nearby"); `words` are generic, parts, actors and objects
//     that many kinds of systems have and state in passing ("payment",
//     "invoice", "courier", "pickup", "session", "notification"). A
//     phrase is defining only when both hold: it says what the
//     archetype's systems are for, and an ask about another kind of
//     system rarely states it as its subject. Evidence that reaches
//     Threshold with generic words only ("invoice" and "payment" for an
//     invoicing tool, "courier" and "pickup" for parcel lockers) is a
//     near miss: possibly relevant, never merged.
//  4. A `not:` phrase in the subject or a workload name ("expense
//     approval" for personal finance) rules the archetype out, whatever
//     else was seen; only `patterns: [id]` brings it back.
//
// With these caps the smallest sum that matches is two subject phrases,
// and a single subject phrase with every aside scores at most
// phraseCap+supportCap = Threshold-CaseMargin: the catalogue's match cases
// are held at least CaseMargin away from the threshold on both sides,
// unless the margin does not decide them (a strong phrase, a not: phrase,
// or generic words only). No weight is lowered to keep a word from
// matching: a word that misleads is generic, or an ask it misleads on
// gets a not: phrase.
const (
	// Threshold is the score an archetype needs without a strong phrase.
	Threshold = 3.0
	// CaseMargin is how far from Threshold every match case must stay.
	CaseMargin = Threshold - phraseCap - supportCap
	phraseCap  = 2.0
	// nameWeight is a product name's weight where the ask only uses it.
	nameWeight = 1.0
	supportCap = 0.5
)

// Where a word is seen weighs how much it says about the ask. The title
// weighs no more than a functional line: two weak words in a title ("likes
// on posts") are not a news feed.
const (
	weightTitle    = 2.0
	weightSummary  = 2.0
	weightLine     = 2.0 // a functional line
	weightAside    = 1.0 // a workload name, or prose beside a summary
	bonusKind      = 0.25
	bonusItemBytes = 0.5
	bonusScheduled = 0.5
)

// verdict is one archetype's evidence, weighed.
type verdict struct {
	subject, support float64
	// raw is the subject's sum without the cap, names the ask only uses
	// left out: an archetype it reaches Threshold for is a near miss.
	raw   float64
	named bool
	// defined is true when a defining phrase is in the subject.
	defined bool
	veto    string
}

func (v verdict) score() float64 {
	s := v.subject + min(v.support, supportCap)
	if v.named {
		s += Threshold
	}
	return s
}

// weigh applies the rule to what was seen of one archetype: each phrase
// once, at the best place it was seen.
func weigh(got map[*cue]seen, fields []field, sup support) verdict {
	var v verdict
	for p, at := range got {
		f := fields[at.field]
		switch {
		case p.veto:
			if f.subject || f.where == "workload" {
				v.veto = p.text
			}
		case !f.subject:
			w := p.weight
			if p.strong || p.name {
				w = 1
			}
			v.support += w * f.weight
		case p.strong, p.name && at.built:
			v.named = true
		case p.name:
			// A product the ask uses is one word of evidence, and no
			// hint that the ask builds one: never a near miss.
			v.subject += min(p.weight*f.weight, phraseCap)
		default:
			v.subject += min(p.weight*f.weight, phraseCap)
			v.raw += p.weight * f.weight
			v.defined = v.defined || p.defining
		}
	}
	if v.subject == 0 && !v.named {
		// Asides support a subject; alone they say nothing.
		return v
	}
	if sup.kind >= 0 {
		v.support += bonusKind
	}
	if sup.size >= 0 {
		v.support += bonusItemBytes
	}
	if sup.sched >= 0 {
		v.support += bonusScheduled
	}
	return v
}

// shadowed says whether a cue's sighting overlaps a stronger sighting of
// another cue of the same archetype: "map" in "Google Maps", "video" in
// "upload videos", "11 nines" and "nines of durability" are one piece of
// evidence, not two. The strongest of overlapping sightings (strong, then
// weight, then length, then first) stands for them; not: phrases always
// stand.
func (m *matcher) shadowed(hit phrase.Hit, found []phrase.Hit) bool {
	p := m.phrases[hit.Phrase]
	if p.veto {
		return false
	}
	for _, o := range found {
		q := m.phrases[o.Phrase]
		if o == hit || q.arch != p.arch || q.veto || o.Index >= hit.Index+hit.Len || hit.Index >= o.Index+o.Len {
			continue
		}
		if rank(q, o) > rank(p, hit) {
			return true
		}
	}
	return false
}

// rank orders overlapping sightings: strong first, then by weight, then
// the longer, then the earlier.
func rank(p *cue, h phrase.Hit) float64 {
	w := p.weight
	if p.strong {
		w = 100
	}
	return w*1e6 + float64(h.Len)*1e3 - float64(h.Index)
}

// better says whether a sighting outweighs the one kept: a name seen as
// built, then a weightier field.
func better(s, prev seen, fields []field) bool {
	if s.built != prev.built {
		return s.built
	}
	return fields[s.field].weight > fields[prev.field].weight
}

// Words beside a product name that say the ask builds one like it.
var (
	buildBefore = map[string]bool{"design": true, "build": true, "like": true, "clone": true, "copy": true, "replicate": true, "rebuild": true}
	buildAfter  = map[string]bool{"like": true, "clone": true, "copy": true, "alternative": true}
)

// builds says whether a name is what the ask builds: beside a word of
// building, or the whole of a clause of the title ("Dropbox: sync files").
func builds(toks []phrase.Token, hit phrase.Hit, title bool) bool {
	i, j := hit.Index, hit.Index+hit.Len
	if i > 0 && !toks[i].Clause && buildBefore[toks[i-1].Word] || j < len(toks) && !toks[j].Clause && buildAfter[toks[j].Word] {
		return true
	}
	return title && (i == 0 || toks[i].Clause) && (j == len(toks) || toks[j].Clause)
}
