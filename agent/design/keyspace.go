package design

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// A cache's working set is bounded by how many distinct items exist: a
// seat map per event, a page per product, a profile per user. A day's
// reads counted each as a distinct item is an upper bound only when
// nothing smaller is known, and for a read-heavy flow it is absurd (20k
// seat-map reads a second become 1.7 billion "items"). cacheItems takes
// the smallest of the bounds the requirements give.

// keyBound is one upper bound on the distinct items a read can touch.
type keyBound struct {
	value float64
	text  string // what it is, with its source
}

// countNounRe finds a count and the noun it counts in prose: "62,000
// seats", "an 80,000-seat stadium", "2M products". The count suffix is
// case-sensitive as in the prose miner: "10m" is ten minutes, not ten
// million.
var countNounRe = lazyre.New(`(?:^|[^\w$£€.,])(\d+(?:[.,]\d+)*)(\s?(?:[kKMB]|bn|thousand|million|billion)\b)?[\s-]+([A-Za-z][a-z-]*)`)

// rateAfterRe marks a count that is a rate, not a count of things: "20k
// reads/s", "400 payments per second", "3 bookings a day".
var rateAfterRe = lazyre.New(`^\s*(?:/|per\b|an?\s+(?:second|minute|hour|day|week|month|year)\b|each\s+(?:second|minute|hour|day|week|month|year)\b|every\b)`)

// userItemWords name reads whose items are one per user.
var userItemWords = []string{"user", "profile", "account", "member", "customer", "player", "inbox", "timeline", "dashboard"}

// keyBounds lists what bounds the distinct items a read flow can ask
// for: its keys (given), counts the prose gives of a thing the flow is
// named for, and the registered users when its items are one per user.
func (b *builder) keyBounds(l *load) []keyBound {
	var bounds []keyBound
	if l.Keys > 0 {
		bounds = append(bounds, keyBound{float64(l.Keys), fmt.Sprintf("%s keys given for %q", formatNum(float64(l.Keys)), l.Name)})
	}
	if n, noun, ok := proseCount(requirementText(b.d), l.Name); ok {
		bounds = append(bounds, keyBound{n, fmt.Sprintf("%s %s named in the requirements", formatNum(n), noun)})
	}
	if u := b.req.Users; u != nil && (nameHasStem(l.Name, userItemWords) || ownedByUsers(requirementText(b.d), l.Name)) {
		if n := float64(max(u.Total, u.MAU)); n > 0 {
			bounds = append(bounds, keyBound{n, fmt.Sprintf("%s users, one item each", formatNum(n))})
		}
	}
	return bounds
}

// proseCount finds the largest count the text gives of a thing the flow
// is named for ("62,000 seats" for "view seat map"); rates are not
// counts. The largest is taken because the bound must hold for every
// item: "4 seats per order" beside "62,000 seats" is not the key space.
func proseCount(text, name string) (float64, string, bool) {
	stems := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if w = strings.Trim(w, ".,;:()"); len(w) >= 3 {
			stems[stem(w)] = true
		}
	}
	best, noun := 0.0, ""
	for _, m := range countNounRe.FindAllStringSubmatchIndex(text, -1) {
		word := strings.ToLower(text[m[6]:m[7]])
		if !stems[stem(word)] || rateAfterRe.MatchString(text[m[1]:]) {
			continue
		}
		n := strings.ReplaceAll(text[m[2]:m[3]], ",", "")
		scale := ""
		if m[4] >= 0 {
			scale = strings.TrimSpace(text[m[4]:m[5]])
		}
		v, err := quantity.ParseCount(n + scale)
		if err != nil || v < 1 || math.IsInf(v, 0) {
			continue
		}
		if v > best {
			best, noun = v, word
		}
	}
	return best, noun, best > 0
}

// ownedRe finds a thing each user has: "view their timetable", "your
// own profile".
var ownedRe = lazyre.New(`(?i)\b(?:their|my|your|his|her)\s+(?:own\s+)?([a-z][a-z-]+)`)

// ownedByUsers says whether the requirements speak of the thing a read
// flow is named for as each user's own ("students view their
// timetable"): its items are one per user.
func ownedByUsers(text, name string) bool {
	stems := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(name)) {
		if len(w) >= 4 {
			stems[stem(w)] = true
		}
	}
	for _, m := range ownedRe.FindAllStringSubmatch(text, -1) {
		// Singular only: "their timetable" is one each, "their orders"
		// are many.
		if w := strings.ToLower(m[1]); stems[stem(w)] && !strings.HasSuffix(w, "s") {
			return true
		}
	}
	return false
}

// nameHasStem says whether a flow's name has one of the words, as a
// word (a plural or -ing form counts).
func nameHasStem(name string, words []string) bool {
	for _, w := range strings.Fields(strings.ToLower(name)) {
		s := stem(strings.Trim(w, ".,;:()"))
		for _, x := range words {
			if s == x || w == x {
				return true
			}
		}
	}
	return false
}

// cacheItems is how many distinct items the cache for a read flow draws
// on: the smallest of a day's reads (each a distinct item, the bound that
// always holds), the records the writes keep, and the key space the
// requirements give. perDay is the flow's reads a day. It returns the
// figure and the phrase the cache formula quotes.
func (b *builder) cacheItems(l *load, perDay figure, s *stored) (float64, string) {
	items := perDay.Value
	from := fmt.Sprintf("a day's reads [%s], each taken as a distinct item: an upper bound; give keys: for the key space", perDay.Ref)
	if n, formula := b.recordsKept(); formula != "" && n < items {
		// No more distinct keys can be read than there are records.
		if s.kept.Ref == "" {
			s.kept = b.derive("write workloads", "", derived{Tool: "records_kept", Quantity: "records kept", Unit: "count", Value: n, Formula: formula})
		}
		items = s.kept.Value
		from = fmt.Sprintf("the records the writes keep [%s], fewer than a day's reads", s.kept.Ref)
	}
	for _, k := range b.keyBounds(l) {
		if k.value < items {
			items, from = k.value, "the key space: "+k.text
		}
	}
	return items, from
}

// keySpaceCorpus bounds a search index by what exists, as the cache is
// bounded: the searched things the requirements count ("40,000
// products") times the bytes of one (the search's item_size, else that
// of a read of the same thing), when that is less than the row stores
// hold (rows; its Ref is "" when they hold nothing). The zero figure
// when no search flow has such a bound.
func (b *builder) keySpaceCorpus(rows figure) figure {
	var parts []part
	var terms []string
	sum := 0.0
	for _, l := range b.loads {
		if l.kind != requirements.Search {
			continue
		}
		bounds := b.keyBounds(l)
		if len(bounds) == 0 {
			continue
		}
		k := bounds[0]
		for _, x := range bounds[1:] {
			if x.value < k.value {
				k = x
			}
		}
		item, from := float64(l.ItemSize), "its item_size"
		if item == 0 {
			item, from = b.sameThingSize(l)
		}
		if item == 0 {
			continue
		}
		v := k.value * item
		sum += v
		parts = append(parts, part{Name: l.Name, Value: v, Ref: "key space"})
		terms = append(terms, fmt.Sprintf("%s: %s × %s B (%s)", l.Name, k.text, formatNum(item), from))
	}
	if len(parts) == 0 || rows.Ref != "" && sum >= rows.Value {
		return figure{}
	}
	f := b.derive("search workloads", "", derived{Tool: "search_corpus", Quantity: "search corpus", Unit: "bytes", Value: sum,
		Formula: strings.Join(terms, " + ") + " = " + quantity.FormatBytes(sum)})
	held := "nothing the row stores keep"
	if rows.Ref != "" {
		held = fmt.Sprintf("less than the %s the row stores keep [%s]", quantity.FormatBytes(rows.Value), rows.Ref)
	}
	b.assume("Search indexes the things it finds, as many as the requirements say exist [%s], %s; give corpus_size on the search workload if it indexes more.", f.Ref, held)
	return f
}

// sameThingSize is the item size of a read flow about the same thing as
// l ("view product" for "search products"), with where it came from; 0
// when there is none.
func (b *builder) sameThingSize(l *load) (float64, string) {
	stems := map[string]bool{}
	for _, w := range strings.Fields(strings.ToLower(l.Name)) {
		if len(w) >= 3 {
			stems[stem(w)] = true
		}
	}
	delete(stems, "search")
	for _, r := range b.loads {
		if r.kind != requirements.Read || r.ItemSize == 0 || isFile(r) {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(r.Name)) {
			if stems[stem(w)] {
				return float64(r.ItemSize), fmt.Sprintf("the item_size of %q", r.Name)
			}
		}
	}
	return 0, ""
}
