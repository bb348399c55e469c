package review

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Beyond rates, the review recomputes every figure a sentence derives
// with a formula the capacity tools know, when the sentence gives both the
// inputs and the result:
//
//   - storage and bandwidth, a product of counts and a size over a period
//     or a span: "3,000 users × 250 entries a year × 200 bytes = 1.5 TB a
//     year", "10M writes a month of 1 KB for 3 years is 5 TB", "100
//     requests/s of 10 KB is 100 MB/s";
//   - downtime from availability: "99.9% allows 5 hours of downtime a month";
//   - Little's law: "2,000 requests/s at 300 ms is 60 in flight";
//   - servers from a rate and a per-server rate: "40,000 requests/s at
//     2,000 per server needs 5 servers".
//
// Each mismatch names the right figure, the formula and the ratio.

var (
	// resultSize is the figure a product is said to give.
	resultSize = lazyre.New(`(?:=|≈|→|->|\bis\b|\bare\b|\bcomes? to\b|\bgives\b|\btotals?\b|\bworks out to\b|\bmeans\b|\bmakes\b|\bthat's\b|\bequals?\b|\bso\b(?:\s+[a-z]+){0,4}?)\s*(?:about|roughly|around|approximately|only|just|~|≈)?\s*` +
		`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(kb|mb|gb|tb|pb|eb|kib|mib|gib|tib|pib|bytes|[kmgt]bps)\b(?:\s*(?:of\s+[a-z]+\s+)?(?:/\s*|per\s+|a\s+|an\s+|each\s+)(seconds?|secs?|s|minutes?|min|hours?|hr|h|days?|d|weeks?|months?|mo|years?|yr))?`)
	// resultLinks are the literals one of which resultSize needs: most
	// sentences and cells with a size hold none.
	resultLinks = []string{"=", "≈", "→", "->", " is ", " are ", "come", "gives", "total", "works out", "means", "makes", "that's", "equal", "so "}
	// factorRe is one number of a product with what follows it.
	factorRe = lazyre.New(`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m|b|bn|thousand|million|billion|trillion)?\b\s*(kb|mb|gb|tb|pb|kib|mib|gib|tib|bytes?|b\b|%|-?\s*(?:years?|months?|weeks?|days?|yrs?)\b|ms\b|seconds?\b|hours?\b|minutes?\b)?`)
	// periodMark is a count's period: "a year", "per month", "/s", "daily".
	periodMark  = lazyre.New(`^\s*(?:[a-z][\w-]*\s*){0,3}?(?:(?:a|an|per|each|every)\s+|/\s*)(second|sec|s|minute|min|hour|h|day|week|month|year)\b|^\s*(?:[a-z][\w-]*\s+){0,3}?(daily|monthly|yearly|annually|hourly|qps|rps|tps)\b`)
	productSign = lazyre.New(`×|\*|\s[x]\s|\btimes\b`)
	division    = lazyre.New(`/\s*\d`)
	// adverbPeriods are the periods written as adverbs.
	adverbPeriods = map[string]string{"hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year", "qps": "second", "rps": "second", "tps": "second"}
)

// formulas checks the sentences that derive a figure from others.
func (rv *reviewer) formulas() {
	// Table cells are read too: a sizing table's cell often holds the
	// whole product ("10M × 1 KB × 36 = 360 GB").
	for i, s := range rv.sents {
		if !strings.ContainsAny(s.lower, "0123456789") {
			continue
		}
		if (s.grams.anyOf(s.lower, sizeUnits) || strings.Contains(s.lower, "bps")) && s.grams.anyOf(s.lower, resultLinks) {
			rv.sizeProduct(s)
		}
		if strings.Contains(s.lower, "%") && downWords.inG(s.lower, s.grams) {
			rv.downtime(s)
		}
		if inFlightWords.inG(s.lower, s.grams) {
			rv.littlesLaw(s, rv.sentenceBefore(i))
		}
		if s.grams.anyOf(s.lower, serverNouns) && (perServerRe.MatchString(s.lower) || serverHandlesRe.MatchString(s.lower)) {
			rv.perServer(s)
		}
	}
}

// product is a sentence's product read: its counts, its one size, the
// period of its rate and the span it is held for.
type product struct {
	counts, size float64
	sizes        int
	period       string
	span         float64 // months, 0 for none
	text         string
}

// readProduct reads the factors of lhs; ok is false when lhs is not a
// plain product (a percentage, a sum, a division, a price, two periods).
func readProduct(lhs string) (product, bool) {
	p := product{counts: 1, text: strings.TrimSpace(lhs)}
	if strings.ContainsAny(lhs, "+$€£") || division.MatchString(lhs) {
		return p, false
	}
	ms := factorRe.FindAllStringSubmatchIndex(lhs, -1)
	nCounts := 0
	for _, m := range ms {
		if m[0] > 0 && isWordByte(lhs[m[0]-1]) {
			continue // part of a word: p99, v2
		}
		n, ok := figure(lhs[m[2]:m[3]], captured(lhs, m, 2))
		if !ok {
			return p, false
		}
		unit := strings.TrimSpace(captured(lhs, m, 3))
		switch {
		case unit == "%" || strings.HasPrefix(unit, "ms") || strings.HasPrefix(unit, "second") || strings.HasPrefix(unit, "hour") || strings.HasPrefix(unit, "minute"):
			return p, false
		case unit != "" && (strings.Contains(unit, "year") || strings.Contains(unit, "yr") || strings.Contains(unit, "month") || strings.Contains(unit, "week") || strings.Contains(unit, "day")):
			months := n
			switch {
			case strings.Contains(unit, "y"):
				months = n * 12
			case strings.Contains(unit, "week"):
				months = n * 7 / 30.436875
			case strings.Contains(unit, "day"):
				months = n / 30.436875
			}
			if p.span > 0 {
				return p, false
			}
			p.span = months
			continue
		case unit != "":
			b, err := quantity.Parse(strings.ReplaceAll(lhs[m[2]:m[3]], ",", "") + strings.TrimSpace(captured(lhs, m, 2)) + unit)
			if err != nil || b.Kind != quantity.Bytes {
				return p, false
			}
			p.size, p.sizes = b.V, p.sizes+1
		default:
			p.counts *= n
			nCounts++
		}
		if pm := periodMark.FindStringSubmatch(lhs[m[1]:]); pm != nil {
			per, ok := adverbPeriods[pm[2]], pm[2] != ""
			if pm[1] != "" {
				per, ok = quantity.CanonicalPeriod(pm[1])
			}
			if !ok || p.period != "" && p.period != per {
				return p, false
			}
			p.period = per
		}
	}
	return p, p.sizes == 1 && nCounts >= 1
}

// sizeProduct checks "A × B × SIZE = TOTAL" and its spelled-out forms.
func (rv *reviewer) sizeProduct(s sentence) {
	for _, r := range resultSize.FindAllStringSubmatchIndex(s.lower, -1) {
		lhs := s.lower[:r[0]]
		if i := strings.LastIndexAny(lhs, ":;("); i >= 0 {
			lhs = lhs[i+1:]
		}
		p, ok := readProduct(lhs)
		if !ok || !productSign.MatchString(lhs) && p.period == "" {
			continue
		}
		stated, err := quantity.Parse(strings.ReplaceAll(captured(s.lower, r, 1), ",", "") + captured(s.lower, r, 2))
		if err != nil || stated.Kind != quantity.Bytes && stated.Kind != quantity.BytesPerSecond {
			continue
		}
		statedPer, _ := quantity.CanonicalPeriod(captured(s.lower, r, 3))
		if stated.Kind == quantity.BytesPerSecond {
			// "100 Mbps" is a rate per second; its value is bytes per second.
			statedPer = "second"
		}
		rv.checkProduct(s, p, stated.V, statedPer, strings.TrimSpace(s.Text[r[2]:r[1]]))
		return
	}
}

// checkProduct recomputes a product with the storage tool under each
// month convention and reports it when none agrees.
func (rv *reviewer) checkProduct(s sentence, p product, stated float64, statedPer, statedText string) {
	var want float64
	var formula string
	for k, spm := range monthConventions {
		var got float64
		var f string
		switch {
		case p.period == "" && statedPer == "" && p.span == 0:
			got, f = p.counts*p.size, fmt.Sprintf("%s × %s = %s", countText(p.counts), quantity.FormatBytes(p.size), quantity.FormatBytes(p.counts*p.size))
		case p.period != "" && p.span == 0:
			per := cmpOr(statedPer, p.period)
			r, ok := call("storage", map[string]any{"item_bytes": p.size, "count": p.counts, "per": p.period, "seconds_per_month": spm})
			if !ok {
				return
			}
			secs, _ := quantity.PeriodSeconds(per, spm)
			got = output(r, "bytes_per_month") / spm * secs
			f = fmt.Sprintf("%s per %s × %s = %s per %s", countText(p.counts), p.period, quantity.FormatBytes(p.size), quantity.FormatBytes(capacity.Tidy(got)), per)
		case p.period != "" && p.span > 0 && statedPer == "":
			r, ok := call("storage", map[string]any{"item_bytes": p.size, "count": p.counts, "per": p.period, "retention": strconv.FormatFloat(p.span, 'f', -1, 64) + "mo", "seconds_per_month": spm})
			if !ok {
				return
			}
			got, f = output(r, "total_bytes"), r.Formula
		default:
			return
		}
		if within(stated, got) {
			return
		}
		if k == 0 {
			want, formula = got, f
		}
	}
	rv.wrongBytes = append(rv.wrongBytes, correction{line: s.Line, stated: stated, want: want})
	span := ""
	if statedPer != "" || p.period != "" && p.span == 0 {
		span = "per " + cmpOr(statedPer, p.period)
	}
	rv.raise(rArithmeticFigure, rv.ref(s.Line),
		fmt.Sprintf("%q: %s; the document says %s (%s off), and whatever is sized from it is off by as much.",
			clip(s.Text), formula, statedText, offBy(stated, want)),
		strings.TrimSpace(quantity.FormatBytes(capacity.Tidy(want))+" "+span), statedText)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var (
	downWords     = newTerms("downtime", "down", "outage*", "unavailab*", "offline")
	availRe       = lazyre.New(`\b(9\d(?:\.\d+)?)\s*%`)
	durationOfRe  = lazyre.New(`\b(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?)\b`)
	perPeriodRe   = lazyre.New(`(?:\b(?:a|an|per|each|every)\s+|/\s*)(day|week|month|year)\b|\b(daily|weekly|monthly|yearly|annually)\b`)
	inFlightWords = newTerms("in flight", "in-flight", "concurren*", "simultaneous*", "open at once", "at any moment", "at any time")
	inFlightRe    = lazyre.New(`(?:=|≈|\bis\b|\bare\b|\bmeans\b|\bgives\b|\bof\b|\bneeds?\b|\bkeeps?\b|\bhas\b|\bhave\b|\babout\b|~)\s*(?:about|roughly|around|~)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k)?\s+(?:[a-z]+\s+){0,2}?(?:in[ -]flight|concurrent|simultaneous|open at once)`)
	rateSecRe     = lazyre.New(`\b(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m|thousand|million)?\s*(?:[a-z]+\s*){0,2}?(?:/\s*s(?:ec(?:ond)?)?\b|per\s+second\b|a\s+second\b|rps\b|qps\b)`)
	// serverHandlesRe is a per-server rate said the other way round: "one
	// server handles about 500 requests/s". Its submatches are
	// perServerRe's.
	serverHandlesRe = lazyre.New(`\b(?:one|a|each|every|a single)\s+(?:server|node|instance|machine|box|host|pod)\s+(?:can\s+)?(?:handles?|serves?|takes?|sustains?|does|carries|manages?)\s+(?:about|roughly|around|up to|~)?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k)?\b`)
	perServerRe     = lazyre.New(`\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k)?\s*(?:[a-z/]+\s+){0,2}?(?:per|each|a|for one|/)\s*(?:server|node|instance|machine|box|host|pod)\b`)
	serverCountRe   = lazyre.New(`(?:=|≈|\bis\b|\bmeans\b|\bneeds?\b|\brequires?\b|\bgives\b|\bso\b|\bhence\b|\btakes\b|→)\s*(?:about|roughly|around|only|just|~)?\s*(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z]+\s+)?(servers?|nodes?|instances?|machines?|boxes|hosts?|pods?)\b`)
)

// inFlightFilter is what every match of inFlightRe holds.
var inFlightFilter = sync.OnceValue(func() *filter { return requiredFilter(inFlightRe.String()) })

// downtime checks "99.9% allows 5 hours of downtime a month" with the
// availability tool.
func (rv *reviewer) downtime(s sentence) {
	a := availRe.FindAllStringSubmatch(s.lower, -1)
	for _, x := range a[min(1, len(a)):] {
		if x[1] != a[0][1] {
			return // two targets: which one allows the downtime is unclear
		}
	}
	if len(a) == 0 {
		return
	}
	var stated float64
	var statedText string
	for _, m := range durationOfRe.FindAllStringSubmatchIndex(s.lower, -1) {
		if strings.HasPrefix(s.lower[m[1]:], "%") || m[0] > 0 && s.lower[m[0]-1] == '.' {
			continue
		}
		v, err := quantity.ParseDuration(strings.ReplaceAll(s.lower[m[2]:m[3]]+captured(s.lower, m, 2), " ", ""))
		if err != nil || stated != 0 {
			return // two durations: not one downtime
		}
		stated, statedText = v, s.Text[m[0]:m[1]]
	}
	p := perPeriodRe.FindStringSubmatch(s.lower)
	if stated == 0 || p == nil {
		return
	}
	per := cmpOr(p[1], adverbPeriods[p[2]])
	target, _ := strconv.ParseFloat(a[0][1], 64)
	var want float64
	var first capacity.Result
	for k, spm := range monthConventions {
		r, ok := call("availability", map[string]any{"target": target / 100, "seconds_per_month": spm})
		if !ok {
			return
		}
		got := output(r, "downtime_per_"+per+"_s")
		if within(stated, got) {
			return
		}
		if k == 0 {
			want, first = got, r
		}
	}
	rv.raise(rArithmeticFigure, rv.ref(s.Line),
		fmt.Sprintf("%q: (1 − %s%%) × one %s = %s of downtime a %s; the document says %s (%s off). %s.",
			clip(s.Text), a[0][1], per, quantity.FormatDuration(want), per, statedText, offBy(stated, want), first.Formula),
		quantity.FormatDuration(want)+" of downtime a "+per, statedText)
}

// littlesLaw checks "2,000 requests/s at 300 ms is 600 in flight" with the
// concurrency tool. A rate the sentence lacks is read from the sentence
// before it in the same paragraph ("2,000 requests/s; each takes 200 ms,
// so 400 are in flight"), when that one holds exactly one.
func (rv *reviewer) littlesLaw(s sentence, before *sentence) {
	if !inFlightFilter().holds(s.lower, s.grams) {
		return
	}
	rm := rateSecRe.FindStringSubmatch(s.lower)
	if rm == nil && before != nil {
		if all := rateSecRe.FindAllStringSubmatch(before.lower, 2); len(all) == 1 {
			rm = all[0]
		}
	}
	lm := inFlightRe.FindStringSubmatch(s.lower)
	if rm == nil || lm == nil {
		return
	}
	var latency float64
	for _, m := range durationOfRe.FindAllStringSubmatch(s.lower, -1) {
		if u := m[2]; u == "ms" || strings.HasPrefix(u, "milli") || u == "s" || strings.HasPrefix(u, "sec") {
			if latency != 0 {
				return
			}
			latency, _ = quantity.ParseDuration(m[1] + m[2])
		}
	}
	rate, ok1 := figure(rm[1], rm[2])
	stated, ok2 := figure(lm[1], lm[2])
	if latency <= 0 || !ok1 || !ok2 {
		return
	}
	r, ok := call("concurrency", map[string]any{"rate_per_second": rate, "latency": latency})
	if !ok {
		return
	}
	want := output(r, "in_flight")
	if within(stated, want) {
		return
	}
	rv.raise(rArithmeticFigure, rv.ref(s.Line),
		fmt.Sprintf("%q: %s; the document says %s (%s off): pools, workers and connections sized from it are off by as much.", clip(s.Text), r.Formula, countText(stated), offBy(stated, want)),
		countText(want)+" in flight", countText(stated))
}

// perServer checks "40,000 requests/s at 2,000 per server needs 5
// servers" with the servers tool: fewer than the rate over the
// per-server rate cannot carry it, and more than twice the planned count
// is not what the rates give.
func (rv *reviewer) perServer(s sentence) {
	pm := perServerRe.FindStringSubmatchIndex(s.lower)
	if pm == nil {
		pm = serverHandlesRe.FindStringSubmatchIndex(s.lower)
	}
	cm := serverCountRe.FindStringSubmatch(s.lower)
	if pm == nil || cm == nil {
		return
	}
	var rate float64
	for _, m := range rateSecRe.FindAllStringSubmatchIndex(s.lower, -1) {
		if m[0] >= pm[0] && m[0] < pm[1] {
			continue // the per-server rate itself
		}
		v, ok := figure(s.lower[m[2]:m[3]], captured(s.lower, m, 2))
		if ok && v > rate {
			rate = v
		}
	}
	per, ok1 := figure(s.lower[pm[2]:pm[3]], captured(s.lower, pm, 2))
	n, ok2 := figure(cm[1], "")
	if rate <= 0 || !ok1 || !ok2 || per <= 0 || per >= rate {
		return
	}
	r, ok := call("servers", map[string]any{"peak_rps": rate, "per_server_rps": per})
	if !ok {
		return
	}
	full, planned := output(r, "servers_at_full_load"), output(r, "servers")
	// Fewer than full load needs cannot carry the rate; more than twice
	// the planned count (70% utilisation, one spare) is a figure that
	// does not follow from the document's own rates either.
	if n >= full*(1-tolerance) && n <= 2*planned {
		return
	}
	rv.raise(rArithmeticFigure, rv.ref(s.Line),
		fmt.Sprintf("%q: %s/s ÷ %s/s per server = %s at full load; the document says %s (%s off). %s.",
			clip(s.Text), quantity.FormatNumber(rate), quantity.FormatNumber(per), quantity.FormatNumber(math.Ceil(full)), cm[1], offBy(n, planned), r.Formula),
		quantity.FormatNumber(output(r, "servers"))+" "+cm[2], cm[1]+" "+cm[2])
}

// correction is a figure the document states and the one its own inputs
// give: rules that weigh the figure use the recomputed one.
type correction struct {
	line         int
	stated, want float64
}

// recomputedBytes returns the size to judge a stated size on line by:
// the recomputed one when the arithmetic found it wrong.
func (rv *reviewer) recomputedBytes(line int, stated float64) float64 {
	for _, c := range rv.wrongBytes {
		if c.line == line && within(stated, c.stated) {
			return c.want
		}
	}
	return stated
}

// sentenceBefore returns the sentence before sents[i] when both are prose
// of one paragraph (the same line or the next, the same section), or nil.
func (rv *reviewer) sentenceBefore(i int) *sentence {
	if i == 0 {
		return nil
	}
	s, b := &rv.sents[i], &rv.sents[i-1]
	if s.Column != "" || b.Column != "" || b.Section != s.Section || s.Line-b.Line > 1 {
		return nil
	}
	return b
}
