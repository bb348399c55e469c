package requirements

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"

	"github.com/sysarch/sysarch/agent/quantity"
)

// Mine reads the prose in r.Body for the quantities it states plainly —
// "1M events/sec", "p95 jumped from 250ms to 900ms", "5-min window",
// "99.9% availability", "10M DAU", "store for 5 years", "1KB events",
// GDPR, faceted search, "X vs Y?" — and fills the fields that are still
// empty (zero). It never overrides a value, and records each value it uses
// in r.Extracted with the sentence it came from. Anything it cannot read
// with confidence it leaves for the engine to list as an open question.
func Mine(r *Requirements) { mine(r, nil) }

// mine is Mine that also leaves alone the fields the file gave, even when
// it gave them a zero (faceted_search: false).
func mine(r *Requirements, explicit map[string]position) {
	m := miner{r: r, explicit: explicit}
	for _, s := range sentences(r.Body) {
		m.read(s)
	}
	m.apply()
}

// miner collects what the sentences say, then fills the requirements.
type miner struct {
	r        *Requirements
	explicit map[string]position

	rates      []rateFact
	window     *fact[float64]
	sizes      []sizeFact
	blobs      []sizeFact // file parts of items: "10 KB of media"
	retention  *fact[float64]
	targets    map[string]*fact[float64] // latency_p50 … by field
	before     *fact[float64]
	after      float64
	changes    string
	avail      *fact[float64]
	dau, mau   *fact[float64]
	compliance []fact[string]
	faceted    *fact[bool]
	complexInv *fact[bool]
	question   *fact[string]
	total      *fact[float64]
	budget     *fact[string]
}

type fact[T any] struct {
	v        T
	sentence string
}

type rateFact struct {
	name, kind string
	noun       string // the head noun of name, singular: "link"
	flow       quantity.Flow
	sentence   string
}

type sizeFact struct {
	kind     string // "" for a generic item
	noun     string // what it is the size of, singular: "event", "link"
	bytes    float64
	sentence string
}

// read collects the facts of one sentence.
func (m *miner) read(s string) {
	m.readRates(s)
	m.readLatency(s)
	if m.window == nil {
		for _, re := range []*regexp.Regexp{windowRe, windowOfRe} {
			if g := re.FindStringSubmatchIndex(s); g != nil && quantity.Standalone(s, g[2]) {
				if d, ok := readDuration(s[g[2]:g[3]], s[g[4]:g[5]]); ok {
					m.window = &fact[float64]{d, s}
					break
				}
			}
		}
	}
	m.readSizes(s)
	m.readBlob(s)
	if g := retentionRe.FindStringSubmatch(s); g != nil && m.retention == nil {
		if d, ok := readDuration(g[1], g[2]); ok {
			m.retention = &fact[float64]{d, s}
		}
	}
	m.readAvailability(s)
	for _, g := range dauRe.FindAllStringSubmatchIndex(s, -1) {
		n, ok := readCount(s[g[2]:g[3]], sub(s, g, 2))
		if !ok || !quantity.Standalone(s, g[2]) {
			continue
		}
		which := strings.ToLower(s[g[6]:g[7]])
		if strings.HasPrefix(which, "m") && m.mau == nil {
			m.mau = &fact[float64]{n, s}
		} else if !strings.HasPrefix(which, "m") && m.dau == nil {
			m.dau = &fact[float64]{n, s}
		}
	}
	for _, g := range complianceRe.FindAllStringSubmatchIndex(s, -1) {
		if !negated(s, g[0]) {
			m.compliance = append(m.compliance, fact[string]{canonicalRegulation(s[g[2]:g[3]]), s})
		}
	}
	if g := facetedRe.FindStringIndex(s); g != nil && m.faceted == nil && !negated(s, g[0]) {
		m.faceted = &fact[bool]{true, s}
	}
	if g := invalidRe.FindStringIndex(s); g != nil && m.complexInv == nil && !negated(s, g[0]) {
		m.complexInv = &fact[bool]{true, s}
	}
	m.readProse(s)
	if m.question == nil && isQuestion(s) {
		m.question = &fact[string]{s, s}
	}
}

// sub returns submatch i of s at g, or "" when it did not take part.
func sub(s string, g []int, i int) string {
	if g[2*i] < 0 {
		return ""
	}
	return s[g[2*i]:g[2*i+1]]
}

// readRates finds the rates the quantity scanner reads with what they
// count: "1M events/sec", "10 billion redirects per month", "100 million
// new short links per month", "500 rps". A rate said to be a peak is not
// taken as the average.
func (m *miner) readRates(s string) {
	for _, q := range quantity.Scan(s) {
		flow, ok := q.Flow()
		if !ok || flow.Count <= 0 || peakNear(s, q.Start, q.End) {
			continue
		}
		phrase := q.Noun
		if phrase == "" {
			phrase = abbrNouns[strings.ToLower(lastField(q.Text))]
		}
		name, kind, ok := classify(phrase)
		if !ok {
			name, kind, ok = classifyByVerb(phrase, s)
		}
		if !ok {
			continue
		}
		m.addRate(rateFact{name: name, kind: kind, noun: headNoun(name), flow: flow, sentence: s})
	}
}

// abbrNouns reads the usual abbreviations of a rate per second.
var abbrNouns = map[string]string{"rps": "requests", "qps": "queries", "tps": "transactions"}

func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// addRate keeps one fact per flow: a flow stated twice ("100 million
// paste reads per month", then "40 read requests per second") is the
// same kind at about the same rate, whatever the month it was converted
// with, and counts once.
func (m *miner) addRate(f rateFact) {
	perSecond := f.flow.PerSecond(0)
	for _, g := range m.rates {
		if g.name == f.name {
			return
		}
		if g.kind == f.kind {
			if other := g.flow.PerSecond(0); math.Abs(other-perSecond) <= 0.2*math.Max(other, perSecond) {
				return
			}
		}
	}
	m.rates = append(m.rates, f)
}

// readLatency finds a p95 regression ("p95 jumped from 250ms to 900ms
// after new features") or latency targets ("p99 under 50ms").
func (m *miner) readLatency(s string) {
	if g := jumpRe.FindStringSubmatch(s); g != nil {
		before, ok1 := readDuration(g[1], g[2])
		after, ok2 := readDuration(g[3], g[4])
		if ok1 && ok2 && m.before == nil {
			m.before, m.after = &fact[float64]{before, s}, after
			if c := changesRe.FindStringSubmatch(s[strings.Index(s, g[0])+len(g[0]):]); c != nil {
				m.changes = strings.TrimRight(strings.TrimSpace(c[1]), ".!?;,")
			}
		}
		return
	}
	add := func(p, n, unit string) {
		field := map[string]string{"p50": "latency_p50", "median": "latency_p50", "p95": "latency_p95", "p99": "latency_p99"}[strings.ToLower(p)]
		if d, ok := readDuration(n, unit); ok && m.targets[field] == nil {
			if m.targets == nil {
				m.targets = map[string]*fact[float64]{}
			}
			m.targets[field] = &fact[float64]{d, s}
		}
	}
	for _, g := range targetRe.FindAllStringSubmatch(s, -1) {
		add(g[1], g[2], g[3])
	}
	for _, g := range targetAfterRe.FindAllStringSubmatch(s, -1) {
		add(g[3], g[1], g[2])
	}
}

// readSizes finds "1KB events", "500 bytes per message", "events
// average 2KB" and "each short link is about 500 bytes", noting the noun
// each size is about so that it attaches to that flow.
func (m *miner) readSizes(s string) {
	add := func(b float64, phrase string) {
		words := strings.Fields(phrase)
		for k := len(words); k >= 1; k-- {
			cand := strings.Join(words[:k], " ")
			if _, kind, ok := classify(cand); ok {
				m.sizes = append(m.sizes, sizeFact{kind, headNoun(cand), b, s})
				return
			}
			if w := singular(strings.ToLower(words[k-1])); genericNouns[w] || m.namesFlow(w) {
				m.sizes = append(m.sizes, sizeFact{"", w, b, s})
				return
			}
		}
	}
	for _, q := range quantity.Scan(s) {
		if q.Value.Kind != quantity.Bytes || q.Value.V <= 0 {
			continue
		}
		subject := sizeSubject(s[q.End:])
		// "photos a day, each about 3 MB": the size of one item.
		if subject == "" && eachRe.MatchString(s[max(0, q.Start-24):q.Start]) {
			subject = "item"
		}
		add(q.Value.V, subject)
	}
	for _, g := range nounSizeRe.FindAllStringSubmatch(s, -1) {
		if b, ok := readSize(g[2], g[3]); ok {
			add(b, g[1])
		}
	}
}

// sizeSubject returns the words after a size that say what it is the size
// of: "1KB events" → "events", "500 bytes per message" → "message".
func sizeSubject(after string) string {
	words := strings.FieldsFunc(after, func(r rune) bool { return r == ' ' || r == '-' || r == '\t' })
	if len(words) > 0 {
		switch first := strings.ToLower(strings.TrimRight(words[0], ".,;:!?)")); first {
		case "per", "each", "a", "an", "every", "apiece":
			// "200 bytes each." is the size of one item of the flow.
			if (len(words) == 1 || first != strings.ToLower(words[0])) && (first == "each" || first == "apiece") {
				return "item"
			}
			words = words[1:]
		}
	}
	var out []string
	for _, w := range words {
		w = strings.TrimRight(w, ".,;:!?)")
		if w == "" || !isLetters(w) {
			break
		}
		out = append(out, w)
		if len(out) == 2 || strings.ContainsAny(w, ".,;:") {
			break
		}
	}
	return strings.Join(out, " ")
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// namesFlow says whether a noun names a flow read so far: "link" for
// "short links".
func (m *miner) namesFlow(noun string) bool {
	for _, f := range m.rates {
		if f.noun == noun {
			return true
		}
	}
	return false
}

// readAvailability takes a percentage as an availability target when the
// sentence says so (availability, uptime, SLA) or when it is a run of
// nines (99.9%) not said to be something else (a hit ratio, "of requests").
func (m *miner) readAvailability(s string) {
	if m.avail != nil {
		return
	}
	for _, g := range percentRe.FindAllStringSubmatchIndex(s, -1) {
		digits := s[g[2]:g[3]]
		if !quantity.Standalone(s, g[2]) || notAvail.MatchString(s[g[1]:]) && !availRe.MatchString(s[g[1]:]) && !ofTheTimeRe.MatchString(s[g[1]:]) {
			continue
		}
		v, err := quantity.ParseRatio(digits + "%")
		if err != nil || v <= 0 || v >= 1 {
			continue
		}
		ofTheTime := ofTheTimeRe.MatchString(s[g[1]:])
		if availRe.MatchString(s) && (ofTheTime || !notAvail.MatchString(s[g[1]:min(len(s), g[1]+12)])) || nines.MatchString(digits) && (ofTheTime || !notAvail.MatchString(s)) {
			m.avail = &fact[float64]{v, s}
			return
		}
	}
}

// isQuestion says whether a sentence weighs options: "X vs Y", or a
// question offering "X or Y".
func isQuestion(s string) bool {
	if versusRe.MatchString(s) {
		return true
	}
	return strings.HasSuffix(s, "?") && orRe.MatchString(s) && !orAmountRe.MatchString(s)
}

func canonicalRegulation(s string) string {
	switch u := strings.ToUpper(strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' }), "")); {
	case strings.HasPrefix(u, "PCI"):
		return "PCI DSS"
	case u == "SOC2":
		return "SOC 2"
	case u == "ISO27001":
		return "ISO 27001"
	case u == "FEDRAMP":
		return "FedRAMP"
	default:
		return u
	}
}

// record notes a value taken from the prose.
func (m *miner) record(field, value, sentence string) {
	m.r.Extracted = append(m.r.Extracted, Extraction{Field: field, Value: value, Sentence: clip(sentence)})
}

// empty says whether a field may be filled: zero, and not given in the file.
func (m *miner) empty(path string, zero bool) bool {
	_, given := m.explicit[path]
	return zero && !given
}

func wpath(i int, field string) string { return fmt.Sprintf("workloads[%d].%s", i, field) }
