package patterns

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Scale sanity. Some archetypes exist because of scale: a leaderboard's
// sorted sets, a geo index, a crawler's frontier are what a sorted table,
// a bounding-box query or a script stop being enough for. Such an
// archetype says in its YAML (recognise.scale_from, scale_why) the size
// where its mechanism starts to matter. When the ask states sizes and the
// largest of them is below that ("50 players", "3 shops", "3,000 reports
// a year"), the archetype is a near miss that quotes the size; an ask that
// states no size is never vetoed. Correctness-driven archetypes
// (reservations, ledgers, editing, auth) have no scale_from.

// statedCount finds a count in prose: a number, with its thousands
// separators ("3,000", "40 000") and multiplier ("20k", "300 million"),
// and the word it counts.
var statedCount = lazyre.New(`(?i)([a-z]+[\s(]+)?\b(\d{1,3}(?:[, ]\d{3})+|\d+(?:\.\d+)?)\s?(k|m|bn|thousand|million|billion)?\b[\s-]*([a-z%]+)?(?:[\s-]+([a-z]+))?`)

// findCounts is statedCount.FindAllStringSubmatchIndex(t, -1), run on
// short windows of t. Every count's number starts with a digit at a word
// boundary, and a count reaches from it no further back than one word
// and the spaces or "(" after it, and no further on than the number, a
// multiplier and two words with the spaces, hyphens or "%" between them:
// each window is what the counts of such digits can reach, widened to
// the next byte that is no word character (a word boundary then reads
// the same at the window's end as in t), overlapping windows merged. No
// count crosses a window's edge, so the regexp finds in the windows what
// it finds in the whole; it just never reads the rest, nor starts a try
// at every byte of a long paragraph.
func findCounts(t string) [][]int {
	var out [][]int
	search := func(from, to int) {
		for _, ix := range statedCount.FindAllStringSubmatchIndex(t[from:to], -1) {
			for k := range ix {
				if ix[k] >= 0 {
					ix[k] += from
				}
			}
			out = append(out, ix)
		}
	}
	from, to := -1, -1 // the window being widened
	for d := 0; d < len(t); d++ {
		if !isDigit(t[d]) || d > 0 && isWordByte(t[d-1]) {
			continue
		}
		a, e := countReach(t, d)
		if from >= 0 && a > to {
			search(from, to)
			from = -1
		}
		if from < 0 {
			from = a
		}
		to = max(to, e)
	}
	if from >= 0 {
		search(from, to)
	}
	return out
}

// countReach returns the bytes [a, e) of t that a count whose number
// starts at d can span, or more: back over white space and "(" and a
// word; on over the number's digits, separators and a space, a word (the
// multiplier), white space and hyphens, a word or "%", white space and
// hyphens, and a word; then to the next byte that is no word character.
// A word here is any run of ASCII letters and non-ASCII bytes (the long s
// and the Kelvin sign fold into the regexp's [a-z]).
func countReach(t string, d int) (a, e int) {
	a = d
	for a > 0 && isCountSpace(t[a-1]) || a > 0 && t[a-1] == '(' {
		a--
	}
	for a > 0 && isCountLetter(t[a-1]) {
		a--
	}
	e = d
	for e < len(t) && (isDigit(t[e]) || t[e] == ',' || t[e] == '.' || isCountSpace(t[e])) {
		e++
	}
	for _, in := range [...]func(byte) bool{isCountLetter, isSpaceOrHyphen, isLetterOrPercent, isSpaceOrHyphen, isCountLetter} {
		for e < len(t) && in(t[e]) {
			e++
		}
	}
	for e < len(t) && (isWordByte(t[e]) || t[e] >= 0x80) {
		e++
	}
	return a, e
}

// isCountSpace says whether c is white space to the regexp's \s (or a
// vertical tab, which it is not: a window may be wider than need be).
func isCountSpace(c byte) bool {
	return c == ' ' || c >= '\t' && c <= '\r'
}

// isCountLetter says whether c may be part of a letter the regexp's
// case-folded [a-z] matches.
func isCountLetter(c byte) bool { return c >= 0x80 || c|0x20 >= 'a' && c|0x20 <= 'z' }

func isSpaceOrHyphen(c byte) bool   { return isCountSpace(c) || c == '-' }
func isLetterOrPercent(c byte) bool { return isCountLetter(c) || c == '%' }

// afterWindow is how much of the text after a count is read for a rate
// ("a second") or a ratio ("per user"): more than either pattern spans.
const afterWindow = 160

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isWordByte says whether c is a word character for the regexp's \b.
func isWordByte(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// notCounts are the words after a number that make it no count of what a
// system holds or serves: durations, sizes, shares, ordinals, distances.
var notCounts = map[string]bool{
	"ms": true, "millisecond": true, "second": true, "sec": true, "s": true, "minute": true, "min": true,
	"hour": true, "hr": true, "h": true, "day": true, "week": true, "month": true, "year": true, "yr": true,
	"kb": true, "mb": true, "gb": true, "tb": true, "pb": true, "byte": true, "bit": true,
	"percent": true, "x": true, "time": true, "nine": true, "am": true, "pm": true,
	// How many copies or places the data is kept in, not how much.
	"replica": true, "zone": true, "region": true, "shard": true, "copy": true, "copie": true, "datacenter": true,
	"th": true, "st": true, "nd": true, "rd": true, "km": true, "mile": true, "metre": true, "meter": true, "kg": true,
}

// keyNouns are what a ranking, a report or an index is grouped by: a
// count of them ("in each of our 2,000 categories", "600 currency
// pairs", "15 cities") says how many groups there are, not how many
// items, users or events the mechanism works on, and is no size.
var keyNouns = map[string]bool{
	"category": true, "subcategory": true, "genre": true, "section": true, "department": true, "topic": true,
	"tag": true, "segment": true, "bucket": true, "tier": true, "language": true, "currency": true, "pair": true,
	"country": true, "city": true, "type": true, "kind": true, "class": true,
}

// rankWords after a count make it a bound on a ranking, like "top 10"
// before one: "the 100 best-selling books", "the 8 most-bought products".
var rankWords = map[string]bool{
	"best": true, "most": true, "top": true, "highest": true, "lowest": true, "latest": true, "newest": true,
	"largest": true, "biggest": true, "worst": true, "least": true, "fewest": true,
}

// countsKeys says whether the words after a number ("categories",
// "product categories") count groups (keyNouns) rather than items.
func countsKeys(word, next string) bool {
	if keyNouns[phrase.Singular(word)] {
		return true
	}
	return next != "" && !stopWords[word] && keyNouns[phrase.Singular(next)]
}

// label says whether the text before a number makes it a label, not a
// count: "No. 12 in Crime Fiction", "#3 in Garden".
// Only its last bytes are read: it is called for every count of a long
// document with all the text before it.
func label(before string) bool {
	b := strings.TrimRight(before, " \t")
	if strings.HasSuffix(b, "#") {
		return true
	}
	n := len(b)
	if n < 3 || b[n-1] != '.' || b[n-2]|0x20 != 'o' || b[n-3]|0x20 != 'n' {
		return false
	}
	return n == 3 || !isLetter(b[n-4])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// perSecond after a count makes it a rate: a day of it is the size. The
// one ^ before the alternation lets the regexp try the start only:
// with a ^ in each branch it tried every offset of the rest of the text,
// for every count of a long document.
var perSecond = lazyre.New(`(?i)^(?:[a-z ]{0,40}?\b(?:per|a|each|every) ?(?:second|sec)\b|[a-z ]{0,20}?/ ?s(?:ec)?\b|\s*(?:rps|qps)\b)`)

// perEach after a count makes it a ratio: "50 friends per user on
// average", "8 suggestions for each query".
var perEach = lazyre.New(`(?i)^\s*(?:(?:per|for each|for every)\s+([a-z]+)|on average)\b`)

// mayBePerEach says whether perEach may match s: after its white space,
// s starts with "per", "each" or "for" and white space, or with "on
// average", in any case. Most counts are followed by none of them, and
// are spared the regexp.
func mayBePerEach(s string) bool {
	s = strings.TrimLeft(s, countSpace)
	for _, w := range [...]string{"per", "each", "for"} {
		if len(s) > len(w) && asciiFoldEqual(s[:len(w)], w) && strings.IndexByte(countSpace, s[len(w)]) >= 0 {
			return true
		}
	}
	return len(s) >= len("on average") && asciiFoldEqual(s[:len("on average")], "on average")
}

// countSpace is the regexp's \s.
const countSpace = " \t\n\f\r"

// mayBePerSecond says whether perSecond may match s. Its first two
// branches read only letters and spaces up to "sec" or a "/"; its third
// is white space and "rps" or "qps". So s's leading run of letters,
// spaces and non-ASCII bytes (the long s and the Kelvin sign fold into
// [a-z]) must hold "sec" (or "ſec") or be followed by "/", or s start
// with "rps" or "qps" after its white space.
func mayBePerSecond(s string) bool {
	run := 0
	for run < len(s) && (s[run] == ' ' || s[run] >= 0x80 || s[run]|0x20 >= 'a' && s[run]|0x20 <= 'z') {
		run++
	}
	if run < len(s) && s[run] == '/' {
		return true
	}
	for i := 1; i+1 < run; i++ {
		if s[i]|0x20 == 'e' && s[i+1]|0x20 == 'c' && (s[i-1]|0x20 == 's' || i >= 2 && s[i-2:i] == "ſ") {
			return true
		}
	}
	t := strings.TrimLeft(s, countSpace)
	if len(t) < 3 || t[0]|0x20 != 'r' && t[0]|0x20 != 'q' || t[1]|0x20 != 'p' {
		return false
	}
	return t[2]|0x20 == 's' || strings.HasPrefix(t[2:], "ſ")
}

// asciiFoldEqual says whether s equals the lower-case ASCII word w in
// any case.
func asciiFoldEqual(s, w string) bool {
	for i := range len(w) {
		if s[i]|0x20 != w[i] {
			return false
		}
	}
	return true
}

// ratio says whether the words after a count make it a ratio ("per
// user", "each query", "on average"), not a rate ("per second").
func ratio(after string) bool {
	if !mayBePerEach(after) {
		return false
	}
	g := perEach.FindStringSubmatch(after)
	return g != nil && (g[1] == "" || !notCounts[strings.TrimSuffix(strings.ToLower(g[1]), "s")])
}

// vague are sizes stated without a figure: "millions of followers".
var vague = lazyre.New(`(?i)\b(thousands|millions|billions) of\b`)

// findVague is vague.FindAllStringSubmatch(t, -1), run piece by piece:
// no match holds an ASCII byte other than a letter or a space, so t is
// cut at every other one that is no word character either (a word
// boundary then reads the same at a cut), and a piece is searched only when it holds
// " of" after an "s" (or the long s that (?i) folds to it). On a long
// document the regexp then never reads the whole text, which cost more
// than every count's reading together.
func findVague(t string) [][]string {
	var out [][]string
	from := 0
	for i := 0; i <= len(t); i++ {
		if i < len(t) && !vagueCut(t[i]) {
			continue
		}
		if i > from && mayBeVague(t[from:i]) {
			out = append(out, vague.FindAllStringSubmatch(t[from:i], -1)...)
		}
		from = i + 1
	}
	return out
}

// vagueCut says whether no vague size can hold the byte c, nor can a
// word character be c.
func vagueCut(c byte) bool {
	return c < 0x80 && c != ' ' && !isWordByte(c)
}

// mayBeVague says whether s holds " of", in any case, after an "s" or
// a long s: every vague size does.
func mayBeVague(s string) bool {
	for i := 1; i+2 < len(s); i++ {
		if s[i] != ' ' || s[i+1]|0x20 != 'o' || s[i+2]|0x20 != 'f' {
			continue
		}
		if s[i-1]|0x20 == 's' || i >= 2 && s[i-2] == 0xc5 && s[i-1] == 0xbf {
			return true
		}
	}
	return false
}

// notCountBefore are the words before a number that make it a rank or a
// bound, not a size: "top 10", "last 7", "within 50", "the best 8",
// "show 8 suggestions", "up to 20".
var notCountBefore = map[string]bool{"best": true, "show": true, "shows": true, "return": true, "returns": true, "display": true, "displays": true, "up": true, "top": true, "last": true, "every": true, "within": true, "under": true, "first": true, "next": true, "p99": true, "p95": true, "p50": true, "version": true, "v": true}

// fleet are the machines a system runs on: an ask spread over ten or
// more of them is at scale, whatever else it counts.
var fleet = map[string]bool{"node": true, "server": true, "machine": true, "instance": true, "host": true, "pod": true}

// stopWords end the quote of a size: "50 players and 7 rounds".
var stopWords = map[string]bool{"a": true, "an": true, "the": true, "and": true, "or": true, "of": true, "per": true, "in": true, "on": true,
	"for": true, "to": true, "with": true, "from": true, "at": true, "by": true, "each": true, "every": true, "that": true, "which": true,
	"who": true, "is": true, "are": true, "was": true, "were": true, "we": true, "they": true, "but": true, "across": true}

// digitsOnly drops a count's thousands separators.
var digitsOnly = strings.NewReplacer(",", "", " ", "")

var multipliers = map[string]float64{"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}

// statedSize returns the largest count the ask states in its title,
// summary, functional lines and prose, and the words that state it ("50
// players"); ok is false when it states none.
func statedSize(in Input) (n float64, quote string, ok bool) {
	if in.Users > 0 {
		n, quote, ok = in.Users, fmt.Sprintf("%s users", quantity.FormatCount(in.Users)), true
	}
	for _, w := range in.Workloads {
		if w.PerDay > n {
			n, quote, ok = w.PerDay, fmt.Sprintf("%s %s a day", quantity.FormatCount(w.PerDay), w.Name), true
		}
	}
	texts := append([]string{in.Title, in.Summary, in.Body}, in.Functional...)
	if c, q, found := countsIn(texts); found && (!ok || c > n) {
		n, quote, ok = c, q, true
	}
	return n, quote, ok
}

// countsIn returns the largest count stated in texts, and the words that
// state it; ok is false when they state none.
func countsIn(texts []string) (n float64, quote string, ok bool) {
	for _, t := range texts {
		for _, ix := range findCounts(t) {
			var g [6]string // the match and statedCount's five groups
			for k := range g {
				if ix[2*k] >= 0 {
					g[k] = t[ix[2*k]:ix[2*k+1]]
				}
			}
			// after is the text after the counted word (or the number).
			// Only its first words are read (perSecond and perEach are
			// anchored and short): a regexp given the whole rest of a long
			// document clears state the size of that rest on every count.
			from := max(ix[5], ix[7], ix[9])
			after := t[from:min(len(t), from+afterWindow)]
			before := strings.ToLower(strings.TrimRight(g[1], " \t("))
			word := strings.ToLower(g[4])
			mul := strings.ToLower(g[3])
			if (before == "the" || before == "to") && ix[2] >= 0 {
				// "show the 8 likeliest", "show up to 8 matching": the
				// word before the article or "to" decides.
				before = lastWord(t[:ix[2]])
			}
			if notCountBefore[before] || word == "" || notCounts[word] || notCounts[strings.TrimSuffix(word, "s")] || strings.HasPrefix(word, "%") {
				continue
			}
			if rankWords[word] || countsKeys(word, strings.ToLower(g[5])) || label(t[:ix[4]]) {
				// A bound on a ranking, a count of groups, or a label:
				// none is how much the system holds or serves.
				continue
			}
			v, err := strconv.ParseFloat(digitsOnly.Replace(g[2]), 64)
			if err != nil {
				continue
			}
			if f, isMul := multipliers[mul]; isMul {
				v *= f
			}
			if ratio(after) {
				// "50 friends per user": a ratio, not a size.
				continue
			}
			if fleet[strings.TrimSuffix(word, "s")] && v >= 10 {
				v = math.Inf(1)
			}
			if mayBePerSecond(after) && perSecond.MatchString(after) {
				v *= 86400
			}
			if !ok || v > n {
				n, ok = v, true
				quote = strings.TrimSpace(strings.TrimPrefix(g[0], g[1]))
				if g[5] != "" && (stopWords[strings.ToLower(g[5])] || notCounts[strings.ToLower(g[5])]) {
					// "3,000 reports a year" quotes "3,000 reports";
					// "3 bakery shops" all three words.
					quote = strings.TrimSpace(strings.TrimSuffix(quote, g[5]))
				}
			}
		}
	}
	for _, t := range texts {
		for _, g := range findVague(t) {
			v := multipliers[strings.TrimSuffix(strings.ToLower(g[1]), "s")]
			if !ok || v > n {
				n, quote, ok = v, g[0], true
			}
		}
	}
	return n, quote, ok
}

// tooSmall says why an archetype whose mechanism exists because of scale
// does not fit an ask whose largest stated size is below where it starts
// to matter; "" when it fits, or the ask states no size.
func tooSmall(r Recognise, size func() (float64, string, bool)) string {
	if r.ScaleFrom <= 0 {
		return ""
	}
	n, quote, ok := size()
	if !ok || n >= r.ScaleFrom {
		return ""
	}
	return fmt.Sprintf("at %s %s", quote, r.ScaleWhy)
}

// lastWord is the last word of s, lower case: the letters before its
// trailing spaces.
func lastWord(s string) string {
	s = strings.TrimRight(s, " \t")
	i := len(s)
	for i > 0 && (s[i-1]|0x20 >= 'a' && s[i-1]|0x20 <= 'z') {
		i--
	}
	return strings.ToLower(s[i:])
}
