package patterns

// The recognition rule. An archetype is merged when the subject of the ask
// (title, summary, functional lines) carries enough evidence for it:
//
//  1. A strong phrase in the subject ("url shortener", "ride hailing"), or
//     a product name where the ask builds one like it ("design Gmail",
//     "Yelp-like"), names the archetype: it matches.
//  2. Otherwise each phrase seen in the subject adds its weight times 2
//     (every subject field weighs the same), but never more than
//     phraseCap, which is below Threshold: a single word, however telling,
//     never suffices. A phrase inside a longer one of the same archetype
//     is not counted again ("map" in "Google Maps").
//     Asides (workload names, prose, workload kinds, sizes, schedules) add
//     at most supportCap between them. The archetype matches when the sum
//     reaches Threshold.
//  3. A `not:` phrase in the subject or a workload name ("expense
//     approval" for personal finance) rules the archetype out, whatever
//     else was seen; only `patterns: [id]` brings it back.
//
// With these caps the smallest sum that matches is two subject phrases,
// and a single subject phrase with every aside scores at most
// phraseCap+supportCap = Threshold-CaseMargin: the catalogue's match cases
// are held at least CaseMargin away from the threshold on both sides.
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
	veto  string
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
