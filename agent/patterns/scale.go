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

// findCounts is statedCount.FindAllStringSubmatchIndex(t, -1), run piece
// by piece: no match holds a byte that is not a letter, a digit, an
// underscore, white space or one of "(,.-%", so t is cut at such bytes
// and each piece searched alone (a word boundary reads the same at a
// cut). On a long text the regexp then works on short pieces, which it
// does far faster than on the whole.
func findCounts(t string) [][]int {
	var out [][]int
	from := 0
	for i := 0; i <= len(t); i++ {
		if i < len(t) && !countCut(t[i]) {
			continue
		}
		// Every count holds a digit: a piece without one is not searched.
		if i > from && hasDigit(t[from:i]) {
			for _, ix := range statedCount.FindAllStringSubmatchIndex(t[from:i], -1) {
				for k := range ix {
					if ix[k] >= 0 {
						ix[k] += from
					}
				}
				out = append(out, ix)
			}
		}
		from = i + 1
	}
	return out
}

// afterWindow is how much of the text after a count is read for a rate
// ("a second") or a ratio ("per user"): more than either pattern spans.
const afterWindow = 160

// hasDigit says whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// countCut says whether no count can hold the byte c (see findCounts).
func countCut(c byte) bool {
	switch {
	case c >= 0x80, c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return false
	}
	return !strings.ContainsRune("_ \t\n\f\r(,.-%", rune(c))
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
func label(before string) bool {
	b := strings.ToLower(strings.TrimRight(before, " \t"))
	return strings.HasSuffix(b, "#") || strings.HasSuffix(b, "no.") && (len(b) == 3 || !isLetter(b[len(b)-4]))
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

// ratio says whether the words after a count make it a ratio ("per
// user", "each query", "on average"), not a rate ("per second").
func ratio(after string) bool {
	g := perEach.FindStringSubmatch(after)
	return g != nil && (g[1] == "" || !notCounts[strings.TrimSuffix(strings.ToLower(g[1]), "s")])
}

// vague are sizes stated without a figure: "millions of followers".
var vague = lazyre.New(`(?i)\b(thousands|millions|billions) of\b`)

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
			g := make([]string, len(ix)/2)
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
			if perSecond.MatchString(after) {
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
		for _, g := range vague.FindAllStringSubmatch(t, -1) {
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
