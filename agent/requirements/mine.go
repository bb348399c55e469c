package requirements

import (
	"fmt"
	"regexp"
	"strings"

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
}

type fact[T any] struct {
	v        T
	sentence string
}

type rateFact struct {
	name, kind string
	flow       quantity.Flow
	sentence   string
}

type sizeFact struct {
	kind     string // "" for a generic item
	bytes    float64
	sentence string
}

// read collects the facts of one sentence.
func (m *miner) read(s string) {
	m.readRates(s)
	m.readLatency(s)
	if m.window == nil {
		for _, re := range []*regexp.Regexp{windowRe, windowOfRe} {
			if g := re.FindStringSubmatchIndex(s); g != nil && standalone(s, g[2]) {
				if d, ok := readDuration(s[g[2]:g[3]], s[g[4]:g[5]]); ok {
					m.window = &fact[float64]{d, s}
					break
				}
			}
		}
	}
	m.readSizes(s)
	if g := retentionRe.FindStringSubmatch(s); g != nil && m.retention == nil {
		if d, ok := readDuration(g[1], g[2]); ok {
			m.retention = &fact[float64]{d, s}
		}
	}
	m.readAvailability(s)
	for _, g := range dauRe.FindAllStringSubmatchIndex(s, -1) {
		n, ok := readCount(s[g[2]:g[3]], sub(s, g, 2))
		if !ok || !standalone(s, g[2]) {
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

// readRates finds "1M events/sec", "10k requests per second" and
// "500 rps". A rate said to be a peak is not taken as the average.
func (m *miner) readRates(s string) {
	for _, g := range rateRe.FindAllStringSubmatchIndex(s, -1) {
		if !standalone(s, g[2]) || peakNear(s, g[0], g[1]) {
			continue
		}
		name, kind, ok := classify(s[g[6]:g[7]])
		if !ok {
			continue
		}
		flow, err := quantity.ParseFlow(s[g[2]:g[3]] + strings.TrimSpace(sub(s, g, 2)) + "/" + strings.ToLower(s[g[8]:g[9]]))
		if err != nil || flow.Count <= 0 {
			continue
		}
		m.rates = append(m.rates, rateFact{name, kind, flow, s})
	}
	for _, g := range rpsRe.FindAllStringSubmatchIndex(s, -1) {
		if !standalone(s, g[2]) || peakNear(s, g[0], g[1]) {
			continue
		}
		name, kind := "requests", "read"
		if strings.EqualFold(s[g[6]:g[7]], "tps") {
			name, kind = "transactions", "write"
		}
		flow, err := quantity.ParseFlow(s[g[2]:g[3]] + strings.TrimSpace(sub(s, g, 2)) + "/second")
		if err == nil && flow.Count > 0 {
			m.rates = append(m.rates, rateFact{name, kind, flow, s})
		}
	}
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

// readSizes finds "1KB events", "500 bytes per message" and "events
// average 2KB".
func (m *miner) readSizes(s string) {
	add := func(n, unit, phrase string) {
		b, ok := readSize(n, unit)
		if !ok {
			return
		}
		words := strings.Fields(phrase)
		for k := len(words); k >= 1; k-- {
			cand := strings.Join(words[:k], " ")
			if _, kind, ok := classify(cand); ok {
				m.sizes = append(m.sizes, sizeFact{kind, b, s})
				return
			}
			if genericNouns[singular(strings.ToLower(words[k-1]))] {
				m.sizes = append(m.sizes, sizeFact{"", b, s})
				return
			}
		}
	}
	for _, g := range sizeNounRe.FindAllStringSubmatchIndex(s, -1) {
		if standalone(s, g[2]) {
			add(s[g[2]:g[3]], s[g[4]:g[5]], s[g[6]:g[7]])
		}
	}
	for _, g := range nounSizeRe.FindAllStringSubmatch(s, -1) {
		add(g[2], g[3], g[1])
	}
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
		if !standalone(s, g[2]) || notAvail.MatchString(s[g[1]:]) && !availRe.MatchString(s[g[1]:]) {
			continue
		}
		v, err := quantity.ParseRatio(digits + "%")
		if err != nil || v <= 0 || v >= 1 {
			continue
		}
		if availRe.MatchString(s) && !notAvail.MatchString(s[g[1]:min(len(s), g[1]+12)]) || nines.MatchString(digits) && !notAvail.MatchString(s) {
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
