package requirements

import (
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
)

// The patterns below only find where a quantity is written and what it is
// about; every number they find is read by the quantity parser, so prose
// and YAML share one grammar.

const (
	// num is a number with optional digit separators and exponent; a
	// version such as 1.2.3 matches but then fails to parse, as it should.
	num = `(\d+(?:[.,_]\d+)*(?:[eE][+-]?\d+)?)`
	// scale is a count suffix: 10k, 1M, 4B, 10 million.
	scale = `(\s?(?:[kKMBT]|bn|mm)|\s(?:thousand|million|billion|trillion))?`
	// durUnit is a duration unit written in prose.
	// Single-letter units are lower case only: "1M" is a million.
	durUnit = `((?i:milliseconds?|msecs?|microseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)|ms|us|µs|s|mo|m|h|d|w|y)\b`
	// sizeUnit is a byte unit; a bare "B" is left out, since after a count
	// it means billion.
	sizeUnit = `(?i:([kmgtp]i?b|bytes?))\b`
)

var (
	windowRe   = lazyre.Guarded(`\b`+num+`[\s-]?`+durUnit+`(?:[\s-]+[A-Za-z]+){0,2}?[\s-]+(?i:windows?)\b`, "window")
	windowOfRe = lazyre.Guarded(`(?i:windows?\s+of\s+)`+num+`[\s-]?`+durUnit, "window")

	jumpRe        = lazyre.Guarded(`(?i:\bp95\b[^.!?]*?\bfrom\s+)`+num+`\s?`+durUnit+`(?i:\s+to\s+)`+num+`\s?`+durUnit, "p95")
	changesRe     = lazyre.New(`(?i:\bafter\s+)(.+)$`)
	targetRe      = lazyre.Guarded(`(?i:\b(p50|p95|p99|median)\b)(?:\s+(?i:latency|response times?))?\s*(?i:of|under|below|within|at most|less than|target(?:\s+of)?|must be|should be|is|<=?|:|=)?\s*(?i:under|below|<)?\s*~?`+num+`\s?`+durUnit, "p50", "p95", "p99", "median")
	targetAfterRe = lazyre.Guarded(`\b`+num+`\s?`+durUnit+`\s+(?i:at\s+)?(?i:(p50|p95|p99))\b`, "p50", "p95", "p99")

	percentRe = lazyre.New(`\b(\d+(?:\.\d+)?)\s?%`)
	nines     = lazyre.New(`^99(?:\.9*5?)?$`)
	availRe   = lazyre.New(`(?i)availab|uptime|\bup\b|\bsla\b|\bslo\b`)
	notAvail  = lazyre.New(`(?i)^\s*(?:of|hit|cache|cpu|utili)|(?:hit|ratio|cpu|utiliz|percentile|accuracy|discount|growth)`)

	dauRe = lazyre.Guarded(`\b`+num+scale+`\s*(?i:(dau|daily active users|daily users|mau|monthly active users|monthly users))\b`, "dau", "daily", "mau", "monthly")

	retentionRe = lazyre.Guarded(`(?i:\b(?:stored?|stores|storing|keep|keeps|kept|keeping|retain|retains|retained|retaining|retention|archived?|archives|hold|holds|held|holding|preserve|preserved)\b:?(?:\s+(?:period|of|is|for|up to|at least|[a-z-]+)){0,4}?\s+)`+num+`[\s-]?`+`(?i:(days?|weeks?|months?|years?|yrs?|d|y))\b`,
		"stor", "keep", "kept", "retain", "retention", "archiv", "hold", "held", "preserv")

	nounSizeRe   = lazyre.New(`(?i:\b([a-z][a-z-]*)\s+(?:are|is|of|average|averaging|at|around|about)\s+(?:about|around|roughly|~|up to)?\s*)` + num + `\s?` + sizeUnit)
	complianceRe = lazyre.Guarded(`\b(GDPR|HIPAA|PCI(?:[\s-]DSS)?|SOC\s?2|CCPA|FedRAMP|ISO\s?27001|SOX)\b`, "gdpr", "hipaa", "pci", "soc", "ccpa", "fedramp", "iso", "sox")
	facetedRe    = lazyre.Guarded(`(?i)\bfacet(?:ed|s)?\b`, "facet")
	invalidRe    = lazyre.Guarded(`(?i)\bcomplex\s+(?:cache\s+)?invalidation\b`, "invalidation")
	peakAfterRe  = lazyre.New(`^\s*(?i:(?:at|during|in)\s+(?:the\s+)?)?(?i:peak)`)
	versusRe     = lazyre.Guarded(`(?i)\b(?:vs\.?|versus)\s`, "vs", "versus")
	orRe         = lazyre.New(`(?i)\bor\b`)
	orAmountRe   = lazyre.New(`(?i)\bor\s+(?:more|less|so|fewer|higher|lower|above|below|greater|smaller)\b`)
)

// nounKinds maps the last word of a noun phrase, singular, to the kind of
// workload it names.
var nounKinds = map[string]string{
	"event": "event", "click": "event", "impression": "event", "log": "event", "metric": "event",
	"ping": "event", "beacon": "event", "signal": "event", "reading": "event",
	"message": "message", "notification": "message", "email": "message", "push": "message", "sms": "message",
	"request": "read", "req": "read", "call": "read", "hit": "read", "read": "read", "query": "read",
	"lookup": "read", "view": "read", "pageview": "read", "redirect": "read", "visit": "read", "get": "read",
	"write": "write", "insert": "write", "update": "write", "upload": "write", "post": "write",
	"order": "write", "transaction": "write", "payment": "write", "signup": "write", "tweet": "write",
	"comment": "write", "booking": "write", "reservation": "write",
	"search": "search",
	"job":    "job", "task": "job",
}

// genericNouns name an item without naming its flow: "records are 500B".
var genericNouns = map[string]bool{
	"record": true, "item": true, "payload": true, "object": true, "row": true, "document": true, "entry": true,
	// An attachment is most of what a record weighs: "a claim with a
	// photo of about 1.5 MB".
	"photo": true, "image": true, "picture": true, "file": true, "attachment": true, "receipt": true, "video": true, "scan": true,
}

// singular strips a plural ending: events → event, searches → search,
// queries → query.
func singular(w string) string {
	switch {
	case strings.HasSuffix(w, "ies"):
		return strings.TrimSuffix(w, "ies") + "y"
	case strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "sses"):
		return strings.TrimSuffix(w, "es")
	case strings.HasSuffix(w, "ss"):
		return w
	}
	return strings.TrimSuffix(w, "s")
}

// classify reads a noun phrase ("events", "page views", "search
// queries", "write requests", "new short links") as a workload name and
// kind; ok is false for nouns that do not name a flow of traffic
// ("engineers"). A qualifier before the noun decides the kind ("write
// requests" are writes), and things said to be new are written ("100
// million new short links per month").
func classify(phrase string) (name, kind string, ok bool) {
	words := strings.Fields(strings.ToLower(phrase))
	if len(words) == 0 {
		return "", "", false
	}
	last := singular(words[len(words)-1])
	kind, ok = nounKinds[last]
	created := words[0] == "new" || words[0] == "created"
	if !ok && created && len(words) > 1 && !notFlowNouns[last] && isWordOnly(last) {
		kind, ok = "write", true
	}
	if !ok {
		return "", "", false
	}
	for _, w := range words[:len(words)-1] {
		if q, isQ := qualifierKinds[singular(w)]; isQ {
			kind = q
			break
		}
	}
	// A phrase whose first word is not a noun of its own ("process 1M new
	// events") keeps only the noun.
	for len(words) > 1 && !nounish(words[0]) {
		words = words[1:]
	}
	name = strings.Join(words, " ")
	if name == "req" {
		name = "requests"
	}
	return name, kind, true
}

// qualifierKinds are the words before a generic noun that say its kind:
// "read requests", "write requests", "search queries".
var qualifierKinds = map[string]string{"read": "read", "write": "write", "search": "search"}

// notFlowNouns are things that are not a flow of traffic even when new.
var notFlowNouns = map[string]bool{
	"engineer": true, "developer": true, "employee": true, "hire": true, "person": true, "people": true, "staff": true,
	"feature": true, "release": true, "version": true, "server": true, "machine": true, "node": true, "team": true,
}

func isWordOnly(w string) bool {
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return w != ""
}

// headNoun returns the last word of a name, singular: "short links" →
// "link".
func headNoun(name string) string {
	f := strings.Fields(strings.ToLower(name))
	if len(f) == 0 {
		return ""
	}
	return singular(f[len(f)-1])
}

// nounish says whether a word can lead a two-word noun phrase such as
// "page views" or "click events"; articles and prepositions cannot.
func nounish(w string) bool {
	switch w {
	case "a", "an", "the", "of", "in", "at", "to", "for", "new", "created", "more", "total", "about", "around", "over", "up", "and", "or", "with":
		return false
	}
	return true
}

// readCount reads a number and its count suffix through the quantity
// grammar.
func readCount(n, s string) (float64, bool) {
	v, err := quantity.ParseCount(n + strings.TrimSpace(s))
	return v, err == nil && v > 0
}

// readDuration reads a number and a prose duration unit through the
// quantity grammar, after mapping the unit words it does not know.
func readDuration(n, unit string) (float64, bool) {
	u := strings.ToLower(unit)
	switch {
	case strings.HasPrefix(u, "millisecond"), strings.HasPrefix(u, "msec"):
		u = "ms"
	case strings.HasPrefix(u, "microsecond"):
		u = "us"
	}
	v, err := quantity.ParseDuration(n + u)
	return v, err == nil && v > 0
}

// readSize reads a number and a byte unit through the quantity grammar.
func readSize(n, unit string) (float64, bool) {
	v, err := quantity.ParseBytes(n + unit)
	return v, err == nil && v > 0
}

// negated says whether the text before a match in a sentence denies it:
// "no faceted search", "GDPR does not apply" is not caught, and need not
// be: the person can say so in the YAML.
func negated(sentence string, at int) bool {
	return phrase.Denies(sentence[:at])
}

// peakNear says whether the rate matched at s[i:j] is said to be a peak
// ("peaks at 10k requests/s", "5k/s at peak") rather than the average.
func peakNear(s string, i, j int) bool {
	return strings.Contains(strings.ToLower(s[max(0, i-20):i]), "peak") || peakAfterRe.MatchString(s[j:])
}
