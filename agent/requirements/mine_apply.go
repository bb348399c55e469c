package requirements

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/quantity"
)

// apply fills the empty fields of the requirements from the facts found,
// in a fixed order, recording each.
func (m *miner) apply() {
	r := m.r
	if m.empty("workloads", len(r.Workloads) == 0) {
		seen := map[string]bool{}
		for _, f := range m.rates {
			if seen[f.name] {
				continue
			}
			seen[f.name] = true
			r.Workloads = append(r.Workloads, Workload{Name: f.name, Kind: Kind(f.kind), Rate: f.flow})
			m.record(wpath(len(r.Workloads)-1, "rate"), f.flow.String(), f.sentence)
		}
	}
	m.applyWorkloadFacts()
	if f := m.before; f != nil {
		c := r.Current
		if c == nil {
			c = &Current{}
		}
		if m.empty("current.latency_p95_before", c.LatencyP95Before == 0) && m.empty("current.latency_p95_after", c.LatencyP95After == 0) {
			c.LatencyP95Before, c.LatencyP95After = quantity.Duration(f.v), quantity.Duration(m.after)
			m.record("current.latency_p95_before", quantity.ShortDuration(f.v), f.sentence)
			m.record("current.latency_p95_after", quantity.ShortDuration(m.after), f.sentence)
			if m.changes != "" && m.empty("current.changes", len(c.Changes) == 0) {
				c.Changes = []string{m.changes}
				m.record("current.changes[0]", m.changes, f.sentence)
			}
			r.Current = c
		}
	}
	if f := m.avail; f != nil && m.empty("availability", r.Availability == 0) {
		r.Availability = quantity.Fraction(f.v)
		m.record("availability", quantity.FormatPercent(f.v), f.sentence)
	}
	m.applyUsers()
	m.applyProse()
	if m.empty("compliance", len(r.Compliance) == 0) {
		for _, f := range m.compliance {
			if !containsFold(r.Compliance, f.v) {
				r.Compliance = append(r.Compliance, f.v)
				m.record("compliance["+strconv.Itoa(len(r.Compliance)-1)+"]", f.v, f.sentence)
			}
		}
	}
	m.applyFeatures()
	if f := m.question; f != nil && m.empty("question", r.Question == "") {
		r.Question = f.v
		m.record("question", f.v, f.sentence)
	}
}

// applyWorkloadFacts attaches windows, sizes, retention and latency
// targets to the workloads they are about.
func (m *miner) applyWorkloadFacts() {
	ws := m.r.Workloads
	only := func() []int {
		if len(ws) == 1 {
			return []int{0}
		}
		return nil
	}
	ofKind := func(kinds ...string) []int {
		var out []int
		for i, w := range ws {
			for _, k := range kinds {
				if string(w.Kind) == k {
					out = append(out, i)
				}
			}
		}
		if out == nil {
			return only()
		}
		return out
	}
	if f := m.window; f != nil {
		for _, i := range ofKind("event") {
			if m.empty(wpath(i, "window"), ws[i].Window == 0) {
				ws[i].Window = quantity.Duration(f.v)
				m.record(wpath(i, "window"), quantity.ShortDuration(f.v), f.sentence)
				break
			}
		}
	}
	// A size or retention that names its flow ("each short link is 500
	// bytes") goes to that flow only; otherwise to the flows of its kind.
	named := func(nouns ...string) []int {
		var out []int
		for i, w := range ws {
			head := headNoun(w.Name)
			for _, n := range nouns {
				if n != "" && n == head {
					out = append(out, i)
					break
				}
			}
		}
		return out
	}
	for _, f := range m.sizes {
		targets := named(f.noun)
		if targets == nil && f.kind != "" {
			targets = ofKind(f.kind)
		} else if targets == nil {
			targets = ofKind("write", "event", "message")
		}
		for _, i := range targets {
			if m.empty(wpath(i, "item_size"), ws[i].ItemSize == 0) {
				ws[i].ItemSize = quantity.Size(f.bytes)
				m.record(wpath(i, "item_size"), quantity.FormatBytes(f.bytes), f.sentence)
			}
		}
	}
	m.applyBlobs()
	if f := m.retention; f != nil {
		targets := named(sentenceNouns(f.sentence)...)
		if targets == nil {
			targets = ofKind("write", "event")
		}
		for _, i := range targets {
			if m.empty(wpath(i, "retention"), ws[i].Retention == 0) {
				ws[i].Retention = quantity.Duration(f.v)
				m.record(wpath(i, "retention"), quantity.ShortDuration(f.v), f.sentence)
			}
		}
	}
	for _, field := range []string{"latency_p50", "latency_p95", "latency_p99"} {
		f := m.targets[field]
		if f == nil {
			continue
		}
		for _, i := range ofKind("read", "search") {
			d := latencyField(&ws[i], field)
			if m.empty(wpath(i, field), *d == 0) {
				*d = quantity.Duration(f.v)
				m.record(wpath(i, field), quantity.ShortDuration(f.v), f.sentence)
			}
		}
	}
}

// sentenceNouns returns the words of a sentence, singular and in lower
// case, to find the flows it names.
func sentenceNouns(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) }) {
		out = append(out, singular(w))
	}
	return out
}

func latencyField(w *Workload, field string) *quantity.Duration {
	switch field {
	case "latency_p50":
		return &w.LatencyP50
	case "latency_p95":
		return &w.LatencyP95
	}
	return &w.LatencyP99
}

func (m *miner) applyUsers() {
	r := m.r
	set := func(path string, dst *quantity.Count, f *fact[float64]) {
		if f == nil {
			return
		}
		if r.Users == nil {
			r.Users = &Users{}
		}
		if m.empty(path, *dst == 0) {
			*dst = quantity.Count(f.v)
			m.record(path, quantity.FormatCount(f.v), f.sentence)
		}
	}
	if m.dau == nil && m.mau == nil {
		return
	}
	if r.Users == nil {
		r.Users = &Users{}
	}
	set("users.dau", &r.Users.DAU, m.dau)
	set("users.mau", &r.Users.MAU, m.mau)
}

func (m *miner) applyFeatures() {
	r := m.r
	if m.faceted == nil && m.complexInv == nil {
		return
	}
	if r.Features == nil {
		r.Features = &Features{}
	}
	if f := m.faceted; f != nil && m.empty("features.faceted_search", !r.Features.FacetedSearch) {
		r.Features.FacetedSearch = true
		m.record("features.faceted_search", "true", f.sentence)
	}
	if f := m.complexInv; f != nil && m.empty("features.complex_invalidation", !r.Features.ComplexInvalidation) {
		r.Features.ComplexInvalidation = true
		m.record("features.complex_invalidation", "true", f.sentence)
	}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

var (
	bulletRe   = regexp.MustCompile(`^(?:[-*+]|\d+[.)]|>+|#{1,6})\s+`)
	markupRe   = strings.NewReplacer("**", "", "__", "", "`", "")
	sentenceRe = regexp.MustCompile(`[.!?]+\s+`)
)

// maxSentence bounds the sentence kept beside an extracted value.
const maxSentence = 300

// sentences splits Markdown prose into sentences: headings and list items
// stand alone, paragraph lines are joined, code blocks are skipped, and
// markup is dropped.
func sentences(body string) []string {
	var blocks []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, strings.Join(para, " "))
			para = nil
		}
	}
	inCode := false
	for l := range strings.SplitSeq(body, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inCode = !inCode
			flush()
			continue
		}
		switch {
		case inCode:
		case t == "":
			flush()
		case bulletRe.MatchString(t):
			flush()
			para = append(para, bulletRe.ReplaceAllString(t, ""))
			if strings.HasPrefix(t, "#") {
				flush()
			}
		default:
			para = append(para, t)
		}
	}
	flush()
	var out []string
	for _, b := range blocks {
		b = markupRe.Replace(b)
		start := 0
		for _, g := range sentenceRe.FindAllStringIndex(b, -1) {
			if abbreviation(b[start:g[0]]) {
				continue
			}
			out = appendSentence(out, b[start:g[1]])
			start = g[1]
		}
		out = appendSentence(out, b[start:])
	}
	return out
}

// abbreviation says whether text ends in an abbreviation ("e.g", "vs")
// rather than a sentence.
func abbreviation(text string) bool {
	i := strings.LastIndexFunc(text, unicode.IsSpace)
	word := strings.ToLower(strings.Trim(text[i+1:], "(\"'"))
	switch word {
	case "e.g", "i.e", "etc", "vs", "approx", "incl", "cf", "ca", "eg", "ie", "resp", "min", "max", "avg", "est":
		return true
	}
	return len(word) == 1 && unicode.IsLetter(rune(word[0]))
}

func appendSentence(out []string, s string) []string {
	if s = strings.Join(strings.Fields(s), " "); s != "" {
		out = append(out, s)
	}
	return out
}

// clip shortens a long sentence for the record, on a character boundary.
func clip(s string) string {
	if len(s) <= maxSentence {
		return s
	}
	cut := maxSentence
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
