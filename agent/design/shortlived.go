package design

import (
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Some records exist only until they expire: a seat hold, a session, a
// cart, a lock with a TTL. Kept a year by the storage tool's default,
// 3,000 holds a second would be 47 TB of "seat records"; what the store
// holds is their rate times their TTL. And some records are correct only
// inside transactions: a reservation's unique constraint, a ledger's
// balanced entries. Volume does not move those to a wide-column store.

// shortLivedKind is a kind of record that lives until it expires, with
// the TTL assumed when the requirements give none.
type shortLivedKind struct {
	what  string
	words []string // the words of a flow's name that mark it
	ttl   float64  // seconds
}

var shortLivedKinds = []shortLivedKind{
	{"hold", []string{"hold", "holds"}, 15 * 60},
	{"lock", []string{"lock", "locks", "lease", "leases"}, 60},
	{"one-time code", []string{"otp", "otps", "one-time"}, 10 * 60},
	{"session", []string{"session", "sessions"}, 24 * 3600},
	{"cart", []string{"cart", "carts", "basket", "baskets"}, 7 * 24 * 3600},
}

// shortLived says which kind of expiring record a write flow keeps, by
// its name: "hold seat", "create session", "add to cart".
func shortLived(name string) (shortLivedKind, bool) {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		w = strings.Trim(w, ".,;:()")
		for _, k := range shortLivedKinds {
			for _, x := range k.words {
				if w == x {
					return k, true
				}
			}
		}
	}
	return shortLivedKind{}, false
}

// ttlNear finds the TTL the prose gives a kind of record: "holds expire
// after 10 minutes", "a session lasts 30 minutes", "carts are kept for 3
// days".
func ttlNear(text string, k shortLivedKind) (float64, string, bool) {
	words := append([]string{}, k.words...)
	if k.what == "hold" {
		words = append(words, "held")
	}
	for _, sentence := range sentenceRe.FindAllString(text, -1) {
		lower := strings.ToLower(sentence)
		if !hasAnyWord(lower, words) {
			continue
		}
		m := ttlRe.FindStringSubmatch(lower)
		if m == nil {
			continue
		}
		if v, err := quantity.ParseDuration(m[1] + m[2]); err == nil && v > 0 {
			return v, strings.TrimSpace(sentence), true
		}
	}
	return 0, "", false
}

// hasAnyWord says whether lower-case text has one of the words as a
// whole word.
func hasAnyWord(text string, words []string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-')
	}) {
		if slices.Contains(words, w) {
			return true
		}
	}
	return false
}

// releasedAfter finds a lifetime the prose gives the records of a write
// flow: a sentence with a word of the flow's name (by its first five
// letters: "reserved" for "reserve unit") that says they are released,
// expire or are deleted after a duration.
func releasedAfter(text, name string) (float64, string, bool) {
	var prefixes []string
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if len(w) >= 5 {
			prefixes = append(prefixes, w[:5])
		}
	}
	if len(prefixes) == 0 {
		return 0, "", false
	}
	for _, sentence := range sentenceRe.FindAllString(text, -1) {
		lower := strings.ToLower(sentence)
		named := false
		for _, f := range strings.Fields(lower) {
			for _, p := range prefixes {
				named = named || strings.HasPrefix(f, p)
			}
		}
		if !named {
			continue
		}
		m := releasedRe.FindStringSubmatch(lower)
		if m == nil {
			continue
		}
		if v, err := quantity.ParseDuration(m[1] + m[2]); err == nil && v > 0 {
			return v, strings.TrimSpace(sentence), true
		}
	}
	return 0, "", false
}

var (
	// releasedRe is a record's end after a duration.
	releasedRe = lazyre.Guarded(`\b(?:released|expire[sd]?|deleted|purged|discarded|dropped)\s+(?:automatically\s+)?(?:after|within)\s+(?:about\s+|~)?(\d+(?:\.\d+)?)\s?(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|s|m|h|d)\b`,
		"released", "expire", "deleted", "purged", "discarded", "dropped")
	sentenceRe = lazyre.New(`[^.!?\n]+`)
	// ttlRe is a duration after a word that makes it a lifetime.
	ttlRe = lazyre.New(`\b(?:expires?|expiring|expiry|ttl|for|after|lasts?|valid|within|up to|of)\s+(?:for\s+|after\s+|about\s+|~)?(\d+(?:\.\d+)?)\s?(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|s|m|h|d)\b`)
)

// shortLivedRetention gives a write flow without a retention that of the
// expiring records it keeps: the TTL the prose states, else the kind's
// usual one, said as an assumption. It reports whether it did.
func (b *builder) shortLivedRetention(l *load) bool {
	if l.Retention > 0 {
		return false
	}
	k, ok := shortLived(l.Name)
	if !ok {
		// A record the prose says is released or expires after a while
		// ("reserved units are released after 24 hours") is short-lived
		// whatever its name.
		ttl, sentence, said := releasedAfter(requirementText(b.d), l.Name)
		if !said {
			return false
		}
		b.assume("Records of %q are released after %s (%q): they are kept for that, not the storage tool's default year; the store holds their rate times it.", l.Name, quantity.FormatDuration(ttl), sentence)
		l.Retention = quantity.Duration(ttl)
		return true
	}
	ttl, sentence, said := ttlNear(requirementText(b.d), k)
	if said {
		b.assume("Records of %q are %ss, which expire: they are kept for their %s TTL (%q), not the storage tool's default year; the store holds their rate times that TTL.", l.Name, k.what, quantity.FormatDuration(ttl), sentence)
	} else {
		ttl = k.ttl
		b.assume("Records of %q are %ss, which expire: they are kept for a usual %s TTL, not the storage tool's default year; the store holds their rate times that TTL. Set retention to the real TTL.", l.Name, k.what, quantity.FormatDuration(ttl))
	}
	l.Retention = quantity.Duration(ttl)
	return true
}

// transactionalFor names the recognised archetype whose store of record
// is relational because its correctness rests on transactions or unique
// constraints (reservations, a ledger), and that store, when the write
// flow is one it keeps: one its state rows take by name, any write when
// none names its flows, and a write no archetype's state claims (a
// booking system's "buy ticket" is a booking whatever its verb). Both
// are "" for any other flow.
func transactionalFor(matches []patterns.Match, l *load) (arch, store string) {
	if l.kind != requirements.Write {
		return "", ""
	}
	for _, m := range matches {
		c, found := transactionalStore(m.Archetype)
		if !found {
			continue
		}
		named, takes := false, false
		for _, s := range m.Archetype.State {
			if s.Keeps != nil && len(s.Keeps.Words) > 0 {
				named = true
				takes = takes || s.Keeps.Takes(string(l.kind), l.Name)
			}
		}
		if takes || !named || !claimed(matches, l) {
			return m.Archetype.Name, c.Name
		}
	}
	return "", ""
}

// claimed says whether a recognised archetype's state row takes the
// write flow by name.
func claimed(matches []patterns.Match, l *load) bool {
	for _, m := range matches {
		for _, s := range m.Archetype.State {
			if s.Keeps != nil && len(s.Keeps.Words) > 0 && s.Keeps.Takes(string(l.kind), l.Name) {
				return true
			}
		}
	}
	return false
}

// transactionalStore is the archetype's relational store kept for its
// transactions, if it has one.
func transactionalStore(a *patterns.Archetype) (patterns.Component, bool) {
	for _, c := range a.Components {
		if c.Kind == "store" && c.Refines == "db" && c.AtScale == patterns.AtScaleSharded {
			return c, true
		}
	}
	return patterns.Component{}, false
}

// keepRelational says, once, why a flow too big for one node stays in
// the relational store.
func (b *builder) keepRelational(l *load, arch, store string) {
	b.assume("Records of %q stay in the relational database although they outgrow one node: %s is correct only inside transactions and unique constraints (its %s), so they are partitioned across PostgreSQL shards by their owning key, not moved to a wide-column store.",
		l.Name, arch, store)
}
