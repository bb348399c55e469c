package patterns

import (
	"strings"

	"github.com/sysarch/sysarch/agent/phrase"
)

// The recognition rule. An archetype is merged when the subject of the ask
// (title, summary, functional lines) carries enough evidence for it:
//
//  1. A strong phrase in the title or summary ("url shortener", "ride
//     hailing"), or a product name where the ask builds one like it
//     ("design Gmail", "Yelp-like"), names the archetype: it matches,
//     provided the ask's features agree. A name in a feature line is a
//     feature, not the subject: a strong phrase seen only in functional
//     lines weighs as one defining phrase (phraseCap) and merges only
//     with the threshold reached. And when the ask lists features
//     (functional lines), an archetype named in the title or summary
//     that no functional line and no workload name mentions is a near
//     miss, "named, but none of the features is about it"; a bare ask
//     with no features merges on its name. Likewise evidence that is all
//     in one functional line of several, none in the title or summary,
//     is a feature of the system and a near miss, whatever it weighs.
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
//     problem or its mechanism ("request a ride", "ledger", "double entry",
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
//  5. What the team already runs is not the subject: a phrase within
//     phrase.InPlaceReach words of a word that says its system is in
//     place ("the general ledger in our ERP", "the existing desk booking
//     tool", "a third-party payment gateway") is not evidence. A marker
//     of use reaches the whole coordinated phrase ("we already use Stripe
//     for payments", "keeps the ledger in Xero", "import the payouts from
//     Stripe"), and a product after a preposition of use ("exports from
//     Stripe", "through Twilio") is no evidence (phrase.InPlace). Generalised, for every
//     archetype: "already" said of a system ("booking is already handled
//     by our appointment app"), a system of the team's by possession and
//     a system noun ("our appointment app", "handled by our clinic app",
//     "import the list from the reservation system") unless the ask
//     builds it, and an out-of-scope sentence ("we don't touch it",
//     "handled elsewhere", "out of scope") discount the phrase, and so
//     does another organisation's system, named by its possessive ("the
//     camera vendor's video platform") or bought ("the system we buy"). The
//     lists are phrase.InPlace's, beside the negators, and are read
//     everywhere the same.
//  6. Negated phrases are not evidence ("no chat"), except guards: the
//     defining phrases that name what a mechanism prevents ("same seat",
//     "sold twice"), which asks state under a negator ("two people must
//     never get the same desk"). A negator reaches its own coordinated
//     phrase only (phrase.Negated): "never collide and should sort by
//     creation time" negates the colliding, not the sorting.
//  7. A comparison is not the subject: a strong or defining phrase in a
//     comparison ("basically like a leaderboard but for 12 teams",
//     "similar to a message queue", "leaderboard-style") says what the
//     system resembles, not what it is, and is no evidence; an archetype
//     seen only so is a near miss "mentioned as a comparison", quoting
//     the difference the ask states ("but for 12 teams"). The
//     markers are phrase.Compared's, beside the negators and InPlace. A
//     product name is exempt: "Yelp-style", "like Uber" are how an ask
//     says it builds one like it (names, above).
//  8. Low confidence never merges: evidence that reaches Threshold by
//     less than CaseMargin (Match.Confidence "low": one word either way
//     would flip it) is a near miss, "low confidence", never merged.
//  9. Scale sanity: an archetype whose mechanism exists because of scale
//     (recognise.scale_from, scale_why) is a near miss when the largest
//     size the ask states is below where its mechanism starts to matter
//     ("at 50 players a sorted table ranks them"); see scale.go.
//  10. A feature a stakeholder also wants is a feature: a phrase in a
//     clause of "also wants", "also needs", "as well" (phrase.Also) is
//     no subject evidence.
//  11. Covers follow mechanisms: an archetype whose mechanism contains
//     another's says covers: [id] in its YAML (autocomplete keeps the top
//     k per prefix: covers top-k; dispatch's nearest-driver search covers
//     geo-search; a leaderboard covers top-k), and the covered one is not
//     merged beside it (withoutCovered), unless it merges on evidence
//     of its own in lines and coordinated phrases the coverer's evidence
//     does not touch (standsApart): a search feature beside a crawler.
//
// Guards and phrases may hold "*", any one word of the clause, so a
// guard is noun-agnostic where the mechanism is: "same * for the same
// night", "sold * twice", "held for * minute"; and "#", any one number
// ("top #").
//
// Defining phrases are written from the archetype's mechanism, in the
// words people use for what the system guarantees or does, not only its
// name: reservations "same desk", "double booked", "book a slot";
// leaderboard "standings", "own rank"; stream alerts "goes below",
// "every tick"; file sync "only the changed part", "delta upload";
// notifications "push and email", "notification preference"; dispatch
// "nearest free courier", "offer it to the next" (a job offered to the
// nearest free worker of any trade, then to the next on a decline or a
// timeout); social graph "hops away", "chain of connections"; autocomplete
// "after each letter", "typed so far"; id generator "mint an id", "without
// a central sequence", "roughly sortable"; web crawler "every page of",
// "politely", "robots rules". Each such wording has a match case.
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
	// uncorroborated is true when a strong phrase names the archetype in
	// the title or summary of an ask whose features (functional lines,
	// workloads) never mention it: named, and a near miss.
	uncorroborated bool
	// oneFeature is true when the evidence is all in one functional line
	// of several, none in the title or summary.
	oneFeature bool
}

func (v verdict) score() float64 {
	s := v.subject + min(v.support, supportCap)
	if v.named {
		s += Threshold
	}
	return s
}

// weigh applies the rule to what was seen of one archetype: each phrase
// once, at the best place it was seen. features is how many functional
// lines the ask lists (hits.features).
func weigh(got map[*cue]seen, fields []field, features int, sup support, rc reach) verdict {
	var v verdict
	type stemmed struct{ w, raw float64 }
	stems := map[string]stemmed{}
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
		case (p.strong || p.name && at.built) && f.where == "functional":
			// A name in a feature line is a feature, not the subject:
			// defining evidence, a full phrase's worth, no more.
			v.subject += phraseCap
			v.raw += Threshold
			v.defined = true
		case p.strong, p.name && at.built:
			v.named = true
		case p.name:
			// A product the ask uses is one word of evidence, and no
			// hint that the ask builds one: never a near miss.
			v.subject += min(p.weight*f.weight, phraseCap)
		default:
			// Inflections of one word are one piece of evidence:
			// "throttle" and "throttling", "reservation" and "reserve".
			k := stemKey(p.text)
			w := min(p.weight*f.weight, phraseCap)
			if prev, ok := stems[k]; !ok || w > prev.w {
				stems[k] = stemmed{w: w, raw: p.weight * f.weight}
			}
			v.defined = v.defined || p.defining
		}
	}
	for _, st := range stems {
		v.subject += st.w
		v.raw += st.raw
	}
	// A feature line is a feature: evidence in one functional line of
	// several, and nowhere in the title or summary, is a near miss.
	v.oneFeature = !v.named && features >= 2 && !rc.headline && len(rc.lines) == 1
	if v.oneFeature && v.subject+min(v.support, supportCap) >= Threshold {
		v.raw = max(v.raw, Threshold)
	}
	if v.named && features > 0 && !rc.featured {
		// Named in the title or summary, yet none of the features the
		// ask lists is about it: a near miss, never merged.
		v.named, v.uncorroborated = false, true
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
	p := &m.phrases[hit.Phrase]
	if p.veto {
		return false
	}
	for _, o := range found {
		q := &m.phrases[o.Phrase]
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

// stemSuffixes are cut from the end of a word, the first that fits, so
// that the inflections of one word share a key: "throttle",
// "throttling"; "reserve", "reservation"; "crawl", "crawler".
var stemSuffixes = []string{"iation", "ation", "ing", "ed", "er", "e"}

// stemKey is the key of a phrase's words with their inflections cut
// (phrase.Key, then stemSuffixes, never below four letters).
func stemKey(text string) string {
	words := strings.Fields(phrase.Key(text))
	for i, w := range words {
		for _, suf := range stemSuffixes {
			if len(w)-len(suf) >= 4 && strings.HasSuffix(w, suf) {
				w = w[:len(w)-len(suf)]
				break
			}
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}
