// Package phrase is the one phrase matcher of sysarch: it splits text into
// words (lower-cased, reduced to the singular, with clause boundaries),
// says whether a word is negated, and finds a set of phrases in a text.
// Archetype recognition and the functional-line mapping both read text
// through it, so a plural, a hyphen or a "no …" reads the same
// everywhere; the review can adopt it the same way.
package phrase

import (
	"slices"
	"strings"
)

// Token is one word of a text, lower-cased and reduced to its singular.
type Token struct {
	Word string
	// Start and End are byte offsets of the word in the text.
	Start, End int
	// Clause is true when a clause boundary (. , ; : ! ? newline, brackets,
	// but not a dot or comma inside a word) comes between this word and the
	// one before it; neither negation nor a phrase reaches across one.
	Clause bool
	// Cap is true when the word is written with a capital and is not
	// the first of its text or sentence: a name ("Stripe", "Xero").
	Cap bool
	// Sentence is true when a sentence ends (. ! ? or a newline) between
	// this word and the one before it.
	Sentence bool
}

// Tokenize splits s into words: runs of ASCII letters and digits, and any
// non-ASCII letter. Hyphens and apostrophes split words ("back-office" is
// two words, "don't" is "don" "t"), as they do in the phrases.
func Tokenize(s string) []Token { return AppendTokens(nil, s) }

// AppendTokens is Tokenize appending to toks, so a caller can reuse one
// buffer for many texts.
func AppendTokens(toks []Token, s string) []Token {
	lower := strings.ToLower(s)
	// Room for every word at once: a document's evidence is thousands of
	// words, and growing the slice by doubling copies it again and again.
	n := 0
	for i := 0; i < len(lower); i++ {
		if isWordByte(lower[i]) && (i == 0 || !isWordByte(lower[i-1])) {
			n++
		}
	}
	toks = slices.Grow(toks, n)
	clause, sentence := false, false
	start := -1
	for i := 0; i <= len(lower); i++ {
		var c byte = ' '
		if i < len(lower) {
			c = lower[i]
		}
		if isWordByte(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			c := s[start] >= 'A' && s[start] <= 'Z' && start > 0 && !sentenceStart(s[:start])
			toks = append(toks, Token{Word: Singular(lower[start:i]), Start: start, End: i, Clause: clause, Cap: c, Sentence: sentence})
			start, clause, sentence = -1, false, false
		}
		switch c {
		case '.', ',', ':':
			// Inside a word ("robots.txt", "mint.com", "20,000") these
			// join rather than end a clause.
			if i+1 >= len(lower) || !isWordByte(lower[i+1]) || i == 0 || !isWordByte(lower[i-1]) {
				clause = true
				sentence = sentence || c == '.'
			}
		case '!', '?', '\n':
			clause, sentence = true, true
		case ';', '(', ')', '[', ']', '|':
			clause = true
		}
	}
	return toks
}

// sentenceStart says whether the text before a word ends a sentence
// (or a line, or a quotation opens), so a capital there names nothing.
func sentenceStart(before string) bool {
	t := strings.TrimRight(before, " \t\"'(")
	return t == "" || strings.ContainsAny(t[len(t)-1:], ".!?:\n-*")
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80
}

// Singular reduces the common English plurals, so "followers" matches
// "follower" and "caches" matches "cache" (both read "cach"). It is applied to phrases and
// text alike, so an imperfect reduction ("news" -> "new") still matches
// itself.
func Singular(w string) string {
	if len(w) <= 3 {
		if w == "ids" {
			// The one short plural that recognition needs: "unique ids".
			return "id"
		}
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "che"), strings.HasSuffix(w, "she"), strings.HasSuffix(w, "xe"), strings.HasSuffix(w, "sse"):
		// "cache" and "caches" must meet: both become "cach".
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// negators are the words that, a few words before a phrase in the same
// clause, turn a mention into its opposite: "no chat", "without a feed",
// "doesn't need search" ("t" is what is left of "n't").
var negators = map[string]bool{
	"no": true, "not": true, "without": true, "never": true, "nor": true,
	"neither": true, "t": true, "non": true, "excluding": true, "cannot": true,
	// Contractions typed without their apostrophe.
	"dont": true, "doesnt": true, "isnt": true, "arent": true, "wont": true, "cant": true,
}

// IsNegator says whether a word (as Tokenize reads it) turns what follows
// into its opposite.
func IsNegator(word string) bool { return negators[word] }

// Denies says whether text holds a negator anywhere: the prefix of a
// sentence before what it may deny.
func Denies(text string) bool {
	for _, t := range Tokenize(text) {
		if negators[t.Word] {
			return true
		}
	}
	return false
}

// NegationReach is how many words before a phrase a negator still reaches:
// "no need for a chat" is negated, "no login, then chat" is not (clause).
const NegationReach = 4

// inPlace are the words that mark a clause as being about a system the
// team already runs or buys, not the one it builds: "posted to the
// general ledger in our ERP", "paid through the state's existing payment
// gateway", "a third-party connector". Each is a list of words (as
// Tokenize reads them); keep the list short, every entry is read
// everywhere.
var inPlace = [][]string{
	{"existing"}, {"legacy"}, {"erp"},
	{"third", "party"}, {"3rd", "party"},
	{"outsourced"}, {"off", "the", "shelf"},
}

// inPlaceUse are the markers that say the team uses or buys a system,
// and reach the whole of their coordinated phrase (the clause, up to an
// "and", "but", "then" or "while"), not a few words: "we already use
// Stripe for payments", "the finance team keeps the ledger in Xero". A
// product named after a preposition of use ("exports from Stripe",
// "through Twilio") is itself no evidence (throughProduct).
var inPlaceUse = [][]string{{"already", "use"}, {"already", "run"}, {"already", "have"}, {"already", "pay", "for"}}

// usePrepositions, before a name, say the ask takes data from, or works
// through, a product it does not build; "in" only after a verb of
// keeping ("keeps the ledger in Xero"), since "hotels in Paris" is a place.
var usePrepositions = map[string]bool{"from": true, "through": true, "via": true, "into": true}
var keepVerbs = map[string]bool{"keep": true, "kept": true, "stored": true, "held": true, "managed": true, "tracked": true, "live": true, "lives": true,
	"stay": true, "stays": true, "remain": true, "remains": true}

// inPlaceSoon says whether a marker of inPlace starts within four words
// after toks[k] (an article and an owner's name may come first), in its
// clause: "stay in the school's existing booking tool".
func inPlaceSoon(toks []Token, k int) bool {
	for n := k; n < len(toks) && n-k <= 4; n++ {
		if n > k && toks[n].Clause {
			return false
		}
		if atAny(toks, n, inPlace) {
			return true
		}
	}
	return false
}

// importVerbs, before "from" and a name, say the ask takes its data from
// a product it does not build: "import the monthly payouts from Stripe".
var importVerbs = map[string]bool{"import": true, "imported": true, "pull": true, "pulled": true, "sync": true, "synced": true, "fetch": true, "download": true, "ingest": true,
	"come": true, "comes": true, "arrive": true, "arrives": true}

// systemSoon says whether, within four words after toks[k] in its
// clause, a system noun follows an article or possessive: "stays in the
// estates tool", "comes from our booking system".
func systemSoon(toks []Token, k int) bool {
	if k >= len(toks) || toks[k].Clause {
		return false
	}
	if w := toks[k].Word; w != "the" && w != "our" && w != "their" {
		return false
	}
	for n := k + 1; n < len(toks) && n-k <= 4; n++ {
		if toks[n].Clause {
			return false
		}
		if systemNouns[toks[n].Word] {
			return true
		}
	}
	return false
}

// usedProduct says whether the coordinated phrase toks[from:to] says the
// team uses a system already in place: a marker of inPlaceUse, a verb
// of keeping and "in" before a name ("keeps the ledger in Xero"), or one
// of importing and "from" before a name ("import payouts from Stripe").
func usedProduct(toks []Token, from, to int) bool {
	kept, imported := false, false
	for k := from; k < to; k++ {
		if atAny(toks, k, inPlaceUse) {
			return true
		}
		if bought(toks, k, to) || runsProduct(toks, k, to) {
			return true
		}
		w := toks[k].Word
		kept = kept || keepVerbs[w]
		imported = imported || importVerbs[w]
		// Kept in a system ("stays in the estates tool"), or taken from one
		// in place ("comes from our existing GIS"); "orders come from the
		// mobile app" may be the app the ask builds, so a system noun
		// alone marks only what is kept in it.
		if kept && w == "in" && (isName(toks, k+1) || inPlaceSoon(toks, k+1) || systemSoon(toks, k+1)) ||
			imported && w == "from" && (isName(toks, k+1) || inPlaceSoon(toks, k+1)) {
			return true
		}
	}
	return false
}

// buyVerbs, after a system noun and "we", say the team buys the system
// rather than builds it: "the property management system we buy", "the
// SMS provider we license".
var buyVerbs = map[string]bool{"buy": true, "bought": true, "license": true, "licence": true, "licensed": true,
	"rent": true, "lease": true, "subscribe": true, "subscribed": true, "pay": true}

// bought says whether toks[k] is a system noun followed by "we" and a
// verb of buying, within the coordinated phrase that ends before toks[to].
func bought(toks []Token, k, to int) bool {
	return k+2 < to && systemNouns[toks[k].Word] && toks[k+1].Word == "we" && buyVerbs[toks[k+2].Word]
}

// runVerbs, before a product's name, say the team runs it already: "the
// platform team runs 3 Kafka clusters", "we operate Elasticsearch".
var runVerbs = map[string]bool{"run": true, "runs": true, "operate": true, "operates": true, "host": true, "hosts": true}

// runsProduct says whether toks[k] is a verb of running followed within
// two words (a count, "our") by a product's name, inside the coordinated
// phrase that ends before toks[to]: a system the team runs, not builds.
func runsProduct(toks []Token, k, to int) bool {
	if !runVerbs[toks[k].Word] {
		return false
	}
	for n := k + 1; n < to && n <= k+2; n++ {
		if isName(toks, n) {
			return true
		}
		if w := toks[n].Word; w != "our" && w != "a" && !isNumber(w) {
			return false
		}
	}
	return false
}

// partyRuns says whether the phrase at toks[i] is the object of a clause
// whose subject is another organisation running it: "the exchanges run
// the matching engine and order books", "our bank operates the ledger".
// The subject opens the clause (an article or possessive first), the
// verb of running follows it, and the phrase comes after the verb.
func partyRuns(toks []Token, i int) bool {
	s := i
	for s > 0 && !toks[s].Clause && !toks[s].Sentence {
		s--
	}
	k := s
	if w := toks[k].Word; w == "the" || w == "our" || w == "their" || w == "a" {
		k++
	}
	if k+1 >= i || !otherParties[Singular(toks[k].Word)] {
		return false
	}
	v := toks[k+1].Word
	return runVerbs[v] || v == "own" || v == "owns" || v == "maintain" || v == "maintains" || v == "provide" || v == "provides" || v == "keep" || v == "keeps"
}

// isName says whether toks[k] is a capitalised name of two letters or
// more in the clause of the word before it.
func isName(toks []Token, k int) bool {
	return k < len(toks) && k > 0 && !toks[k].Clause && toks[k].Cap && toks[k].End-toks[k].Start > 1
}

// throughProduct says whether the phrase at toks[i] is a product named
// after a preposition of use ("exports from Stripe and GoCardless",
// "texts through Twilio"): a product the ask works with, not builds.
func throughProduct(toks []Token, i int) bool {
	for k := i; k > 0 && !toks[k].Clause; k-- {
		switch {
		case isName(toks, k):
			if usePrepositions[toks[k-1].Word] && !toks[k-1].Cap {
				return true
			}
		case toks[k].Word == "and" || toks[k].Word == "or":
		default:
			return false
		}
	}
	return false
}

// Coordinated returns the bounds of the coordinated phrase around
// toks[i:j]: its clause, cut at "and", "but", "then" and "while".
func Coordinated(toks []Token, i, j int) (from, to int) {
	from, to = i, j
	for from > 0 && !toks[from].Clause && !coordinators[toks[from-1].Word] {
		from--
	}
	for to < len(toks) && !toks[to].Clause && !coordinators[toks[to].Word] {
		to++
	}
	return from, to
}

// alreadyState are the words after "already" that say what state a
// thing is in, not that a system is in place: "a bunk already sold", "a
// slot already taken" are what a reservation system checks.
var alreadyState = map[string]bool{"booked": true, "taken": true, "sold": true, "held": true, "reserved": true, "full": true,
	"occupied": true, "assigned": true, "allocated": true, "claimed": true, "gone": true, "paid": true}

// already says whether the coordinated phrase toks[from:to] holds
// "already" said of a system in place ("booking is already handled by
// our app", "the bookings come already from our reservation system"),
// not of a state ("a seat already sold").
func already(toks []Token, from, to int) bool {
	for k := from; k < to; k++ {
		state := k+1 < to && alreadyState[toks[k+1].Word] && !(k+2 < to && toks[k+2].Word == "care")
		if toks[k].Word == "already" && !state {
			return true
		}
	}
	return false
}

// systemNouns name a system as a whole: "our appointment app", "the
// reservation system".
var systemNouns = map[string]bool{"app": true, "system": true, "tool": true, "software": true, "platform": true,
	"service": true, "provider": true, "vendor": true, "portal": true, "crm": true, "erp": true}

// buildVerbs in a coordinated phrase say the team builds the system it
// names as its own: "we want to rebuild our booking system".
var buildVerbs = map[string]bool{"build": true, "rebuild": true, "design": true, "create": true, "develop": true,
	"replace": true, "write": true, "make": true, "redesign": true, "new": true}

// ownSystem says whether the phrase at toks[i:j] names a system of the
// team's by possession and a system noun ("booking is handled by our
// appointment app"), or one the data comes from ("import the vehicle
// list from the reservation system"), unless its coordinated phrase
// toks[from:to] says the team builds it.
func ownSystem(toks []Token, i, j, from, to int) bool {
	// The system noun ends the phrase or follows it within two words.
	noun := -1
	for k := j - 1; k < len(toks) && k <= j+1; k++ {
		if k >= i && (k < j || !toks[k].Clause) && systemNouns[toks[k].Word] {
			noun = k
			break
		}
		if k >= j && toks[k].Clause {
			break
		}
	}
	for k := from; k < to; k++ {
		if buildVerbs[toks[k].Word] {
			return false
		}
	}
	if theirsAfter(toks, j, to) || handledBy(toks, from, to) || inOurProduct(toks, j, to) {
		return true
	}
	if noun < 0 {
		return false
	}
	// A possessive or a determiner after a preposition of use, at most
	// three words before the phrase, in its clause; or another party's
	// possessive ("the camera vendor's video platform", "our partner's
	// image server"): its system is not the one the ask builds.
	for k := i - 1; k >= 0 && i-k <= InPlaceReach+1; k-- {
		w := toks[k].Word
		if i-k <= InPlaceReach && (w == "our" || (w == "the" || w == "their") && k > 0 && usePrepositions[toks[k-1].Word] && !toks[k].Clause) {
			return true
		}
		if w == "s" && k > 0 && !toks[k].Clause && otherParties[toks[k-1].Word] {
			return true
		}
		if w == "own" && k > 0 && !toks[k].Clause && (toks[k-1].Word == "their" || toks[k-1].Word == "s") {
			// "drivers use their own navigation app", "the client's own
			// payroll system": someone else's.
			return true
		}
		if toks[k].Clause {
			break
		}
	}
	return false
}

// inOurProduct says whether the coordinated phrase after a phrase, up
// to toks[to], puts it in or on a product of the team's: "in" or "on",
// "our", then a name not followed within two words by a system noun
// ("objects in buckets on our S3 account", "the mailbox in our
// Microsoft 365 tenant"; not "chat in our iOS app", where it is built).
func inOurProduct(toks []Token, j, to int) bool {
	for k := j; k+2 < to; k++ {
		if w := toks[k].Word; (w != "in" && w != "on") || toks[k+1].Word != "our" || !isName(toks, k+2) {
			continue
		}
		return !systemNounIn(toks, k+3, k+4, to)
	}
	return false
}

// systemNounIn says whether a system noun is among toks[from..last],
// inside the coordinated phrase that ends before toks[to].
func systemNounIn(toks []Token, from, last, to int) bool {
	for n := from; n < to && n <= last; n++ {
		if systemNouns[toks[n].Word] {
			return true
		}
	}
	return false
}

// linkVerbs, after a phrase, say where what it names lives or what it
// is: "payroll is the client's own system", "the videos stay on the
// franchisor's platform".
var linkVerbs = map[string]bool{"is": true, "are": true, "stay": true, "stays": true, "remain": true, "remains": true,
	"live": true, "lives": true, "sit": true, "sits": true, "kept": true, "stored": true, "hosted": true}

// theirsAfter says whether the coordinated phrase after a phrase, up to
// toks[to], links it to another party's system: a verb of linkVerbs,
// then within four words a possessive of otherParties, then within
// three more a system noun.
func theirsAfter(toks []Token, j, to int) bool {
	for k := j; k < to; k++ {
		if !linkVerbs[toks[k].Word] {
			continue
		}
		for p := k + 2; p < to && p <= k+5; p++ {
			if toks[p].Word == "s" && otherParties[toks[p-1].Word] && systemNounIn(toks, p+1, p+3, to) {
				return true
			}
		}
		return false
	}
	return false
}

// otherParties are the roles of another organisation: a system named
// as one of theirs by a possessive ("the camera vendor's video
// platform", "the client's own payroll system") is one the team works
// with, not one it builds.
var otherParties = map[string]bool{"vendor": true, "supplier": true, "provider": true, "partner": true, "contractor": true,
	"agency": true, "manufacturer": true, "carrier": true, "bank": true, "reseller": true, "franchisor": true, "client": true,
	"federation": true, "insurer": true, "party": true, "exchange": true, "regulator": true, "broker": true, "registry": true,
	// A device's own apps: "opens their phone's maps app".
	"phone": true, "device": true, "car": true, "tablet": true, "browser": true}

// handleVerbs, before "by" and a system of the team's, say another
// system does what the phrase names: "appointments are handled by our
// clinic app".
var handleVerbs = map[string]bool{"handled": true, "managed": true, "covered": true, "done": true, "run": true, "care": true,
	"hosted": true, "provided": true, "served": true, "supplied": true, "powered": true, "processed": true, "outsourced": true,
	"held": true, "kept": true, "operated": true, "owned": true, "maintained": true}

// handledBy says whether the coordinated phrase toks[from:to] holds a
// verb of handleVerbs, "by", then "our", "the" or "their" and a system
// noun within three words, or a product's name ("hosted by Vimeo",
// "powered by Algolia").
func handledBy(toks []Token, from, to int) bool {
	for k := from; k+2 < to; k++ {
		if !handleVerbs[toks[k].Word] || toks[k+1].Word != "by" {
			continue
		}
		if isName(toks, k+2) {
			return true
		}
		if w := toks[k+2].Word; w != "our" && w != "the" && w != "their" {
			continue
		}
		for n := k + 3; n < to && n <= k+5; n++ {
			if systemNouns[toks[n].Word] {
				return true
			}
			if toks[k+2].Word != "our" && otherParties[Singular(toks[n].Word)] {
				// "the ledger is held by the bank": another
				// organisation keeps it.
				return true
			}
		}
	}
	return false
}

// shortSentence is the most words a sentence after a phrase may have
// and still be read as saying the phrase is out of scope.
const shortSentence = 6

// scopeMarkers are the markers that say a sentence is about what the
// system does not do: "we don't touch it", "payments are handled
// elsewhere", "billing is out of scope", "that is not part of this".
var scopeMarkers = [][]string{
	{"don", "t", "touch"}, {"dont", "touch"}, {"do", "not", "touch"}, {"handled", "elsewhere"}, {"done", "elsewhere"},
	{"out", "of", "scope"}, {"not", "in", "scope"}, {"outside", "the", "scope"}, {"not", "part", "of", "this"},
}

// outOfScope says whether the sentence around toks[i], or a short
// sentence after it ("We don't touch them."), holds a marker of
// scopeMarkers: what it names is not what the ask builds.
func outOfScope(toks []Token, i int) bool {
	from, to := i, i+1
	for from > 0 && !toks[from].Sentence {
		from--
	}
	for to < len(toks) && !toks[to].Sentence {
		to++
	}
	if to < len(toks) {
		next := to + 1
		for next < len(toks) && !toks[next].Sentence {
			next++
		}
		if next-to <= shortSentence {
			to = next
		}
	}
	for k := from; k < to; k++ {
		if !scopeStart(toks[k].Word) {
			// No marker starts with this word: most words of a long
			// sentence, read once for every phrase sighted in it.
			continue
		}
		for _, m := range scopeMarkers {
			if k+len(m) <= to && At(toks, k, m) {
				return true
			}
		}
	}
	return false
}

// scopeStart says whether a marker of scopeMarkers starts with w
// (TestScopeStarts keeps the two in step).
func scopeStart(w string) bool {
	switch w {
	case "don", "dont", "do", "handled", "done", "out", "not", "outside":
		return true
	}
	return false
}

// InPlaceReach is how many words from a phrase a word of InPlace still
// reaches: "the ERP's general ledger" is marked, "existing customers get
// a booking page" is not.
const InPlaceReach = 3

// InPlace says whether the phrase at toks[i:j] has, within InPlaceReach
// words on either side and in the same clause, a word that says it
// belongs to a system already in place: what the team runs is not what
// it builds.
func InPlace(toks []Token, i, j int) bool {
	if f, t := Coordinated(toks, i, j); usedProduct(toks, f, t) || already(toks, f, t) || throughProduct(toks, i) || ownSystem(toks, i, j, f, t) || partyRuns(toks, i) {
		return true
	}
	if outOfScope(toks, i) {
		return true
	}
	from, to := i, j
	for from > 0 && i-from < InPlaceReach && !toks[from].Clause {
		from--
	}
	for to < len(toks) && to-j < InPlaceReach && !toks[to].Clause {
		to++
	}
	for k := from; k < to; k++ {
		if k >= i && k < j {
			continue
		}
		for _, m := range inPlace {
			// A marker starts within reach; At keeps it in one clause.
			if At(toks, k, m) && (k >= j || k+len(m) <= i) {
				return true
			}
		}
	}
	return false
}

// coordinators end a negator's reach: "must never collide and should
// sort by creation time" negates the colliding, not the sorting. "or"
// and "nor" keep it ("no chat or video" denies both).
var coordinators = map[string]bool{"and": true, "but": true, "then": true, "while": true}

// Negated says whether the phrase starting at toks[i] is negated: a
// negator within NegationReach words before it, in its own clause and
// its own coordinated phrase.
func Negated(toks []Token, i int) bool {
	limit := i - NegationReach
	for j := i - 1; j >= 0 && j >= limit; j-- {
		if toks[j+1].Clause || coordinators[toks[j].Word] {
			return false
		}
		if negators[toks[j].Word] {
			return true
		}
		if w := toks[j].Word; w == "or" || w == "nor" {
			// "not building a wallet or ledger": the item before the "or"
			// is denied too, so the negator may stand as far before it
			// as before a phrase of its own.
			limit = j - NegationReach
		}
	}
	return false
}

// comparedBefore are the words that, a few words before a phrase in the
// same clause, say the system is compared to what the phrase names, not
// that it is one: "basically like a leaderboard", "similar to a queue",
// "a bit like a booking system", "works like a feed". One list, read
// everywhere the same, beside the negators and InPlace.
var comparedBefore = [][]string{
	{"like", "a"}, {"like", "an"},
	{"similar", "to"}, {"akin", "to"}, {"comparable", "to"}, {"analogous", "to"},
	{"resembling"}, {"resemble"}, {"resembles"}, {"reminiscent", "of"},
}

// comparedAfter are the words that, right after a phrase, make it a
// comparison: "leaderboard-style standings", "a feed-esque page".
var comparedAfter = []string{"style", "esque"}

// hedges are the words that, before a phrase followed by "but", say the
// system resembles it with a difference: "basically a leaderboard but
// for 12 teams".
var hedges = map[string]bool{"basically": true, "essentially": true, "almost": true}

// notLike are the words before "like a" that make it a wish or an
// example, not a comparison: "we would like a leaderboard", "we'd like a
// feed", "something like a message queue", "features like a leaderboard".
var notLike = map[string]bool{"would": true, "d": true, "wd": true, "something": true, "anything": true, "thing": true, "feature": true}

// CompareReach is how many words may stand between a comparison marker
// and the phrase it compares to: "like a real-time leaderboard".
const CompareReach = 3

// Compared says whether the phrase at toks[i:j] is a comparison: the
// ask says its system resembles what the phrase names ("basically like a
// leaderboard but for 12 teams", "similar to a ride-hailing app",
// "leaderboard-style"), which is not saying it is one.
func Compared(toks []Token, i, j int) bool {
	if j < len(toks) && !toks[j].Clause && slices.Contains(comparedAfter, toks[j].Word) {
		return true
	}
	hedged := false
	for k := i - 1; k >= 0 && i-k <= CompareReach+2; k-- {
		if toks[k+1].Clause {
			break
		}
		hedged = hedged || hedges[toks[k].Word]
		for _, m := range comparedBefore {
			end := k + len(m)
			if end > i || i-end > CompareReach || !At(toks, k, m) {
				continue
			}
			if m[0] == "like" && k > 0 && !toks[k].Clause && notLike[toks[k-1].Word] {
				continue
			}
			return true
		}
	}
	// "basically a leaderboard but …": a hedge, then a difference; "but
	// with …", "but also …" add to what it is, and compare nothing.
	return hedged && j < len(toks) && toks[j].Word == "but" && (j+1 == len(toks) || toks[j+1].Clause || !additions[toks[j+1].Word])
}

// additions are the words after "but" that add to a system rather than
// set it apart: "basically a url shortener but with custom domains".
var additions = map[string]bool{"with": true, "also": true, "plus": true, "and": true}

// Difference returns the tokens toks[from:to] of the difference that a
// comparison whose phrase ends before toks[j] states: "but for 12 teams" in "basically like
// a leaderboard but for 12 teams, nothing fancy", up to the end of its
// clause. ok is false when none follows within CompareReach words.
func Difference(toks []Token, j int) (from, to int, ok bool) {
	for k := j; k < len(toks) && k-j <= CompareReach; k++ {
		if k > j && toks[k].Clause {
			break
		}
		if toks[k].Word == "but" {
			to = k + 1
			for to < len(toks) && !toks[to].Clause {
				to++
			}
			return k, to, true
		}
	}
	return 0, 0, false
}

// alsoBefore are the words that, before a phrase in its clause, make what
// it names one more feature a stakeholder wants beside the system, not
// the system: "the owner also wants a dashboard with the top sellers",
// "we also need a report of the busiest hours". One list, beside the
// negators, InPlace and Compared.
var alsoBefore = [][]string{
	{"also", "want"}, {"also", "need"}, {"also", "like"}, {"also", "ask", "for"}, {"in", "addition"},
}

// alsoAfter, after a phrase in its clause, do the same: "a leaderboard
// as well".
var alsoAfter = [][]string{{"as", "well"}}

// Also says whether the phrase at toks[i:j] names a feature the ask also
// wants (a dashboard, a report) rather than what the system is for.
func Also(toks []Token, i, j int) bool {
	for k := i - 1; k >= 0 && !toks[k+1].Clause; k-- {
		for _, m := range alsoBefore {
			if k+len(m) <= i && At(toks, k, m) {
				return true
			}
		}
	}
	for k := j; k < len(toks) && !toks[k].Clause; k++ {
		if atAny(toks, k, alsoAfter) {
			return true
		}
	}
	return false
}

// UsedNames returns the product names (lower-cased, as Tokenize reads
// them) that toks says the team already uses, runs, keeps data in,
// imports from or buys: "the platform team runs 3 Kafka clusters", "the
// Mindbody system we pay for", "we already use Stripe". An ask that says
// so once means the same product wherever it names it (OfUsed).
func UsedNames(toks []Token, names map[string]bool) {
	for k := range toks {
		if !isName(toks, k) {
			continue
		}
		from, to := Coordinated(toks, k, k+1)
		// A product worked through ("through Twilio") is a channel, not a
		// system whose data the ask reads: it is not counted here.
		used := usedProduct(toks, from, to) || k+3 < len(toks) && systemNouns[toks[k+1].Word] && bought(toks, k+1, len(toks))
		for r := from; r < to && !used; r++ {
			used = runsProduct(toks, r, to)
		}
		if used {
			names[toks[k].Word] = true
		}
	}
}

// usedPrepositions, before a product the team uses, say a phrase is
// data of that product: "class bookings from Mindbody", "the topics in
// Kafka".
var usedPrepositions = map[string]bool{"from": true, "in": true, "on": true}

// OfUsed says whether the phrase at toks[i:j] is said of a product in
// names (UsedNames): it names it ("Kafka"), the product names it
// ("Kafka topics"), or the product follows a preposition in its
// coordinated phrase ("class bookings from Mindbody").
func OfUsed(toks []Token, i, j int, names map[string]bool) bool {
	if len(names) == 0 {
		return false
	}
	// A name is capitalised; first in its sentence, any word is.
	named := func(k int) bool { return names[toks[k].Word] && (toks[k].Cap || k == 0 || toks[k].Sentence) }
	for k := i; k < j; k++ {
		if named(k) {
			return true
		}
	}
	if i > 0 && !toks[i].Clause && named(i-1) {
		return true
	}
	_, to := Coordinated(toks, i, j)
	for k := j; k+1 < to; k++ {
		if usedPrepositions[toks[k].Word] && named(k+1) {
			return true
		}
	}
	return false
}
