package review

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// The arithmetic check recomputes a document's back-of-the-envelope
// statements with the capacity tools: a rate written in two periods ("1
// billion requests per month is 4,000 per second"), storage per month
// against storage over years ("12.7 GB per month, 450 GB in three years"),
// a product of size and count ("1.27 KB per paste * 10 million pastes per
// month") against the total stated next to it, and servers against the
// rate they are said to carry ("3 replicas handle 40k reads/s"). A figure
// is off when it misses by more than tolerance under both month
// conventions: the average month (2,629,746 s) and the system-design
// primer's 2.5M s.

const tolerance = 0.10

var monthConventions = []float64{quantity.DefaultSecondsPerMonth, 2.5e6}

const (
	numPart   = `(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(k|m|b|bn|thousand|million|billion|trillion)?`
	periodPat = `(seconds?|secs?|s|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|months?|mo|years?|yrs?)\b`
	nounsPat  = `((?:[a-z][\w-]*\s*){0,5}?)`
	perPat    = `(?:per\s*|/\s*|(?:a|an|each)\s+)`
	sizePat   = `(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(kb|mb|gb|tb|pb|eb|kib|mib|gib|tib|pib|bytes)\b`
)

var (
	// rateFig is a count per period: "4,000 requests per second",
	// "10 billion per month", "40k reads/s".
	rateFig = lazyre.New(`\b` + numPart + `\s+` + nounsPat + perPat + periodPat + `|\b` + numPart + `\s*/\s*` + periodPat)
	// linkWord is what may stand between the two sides of a conversion,
	// after a qualifier of the first ("300/s at peak = …").
	linkWord = lazyre.New(`^[\s,:(]*(?:(?:at|on|in)\s+(?:the\s+)?(?:peak|average)\s*)?(=|≈|~|->|→|⇒|is|are|equals?|means|or|i\.e\.|which is|that is|that's|works out to|gives|comes to|roughly|about|approximately|around)[\s~≈]*(about|roughly|approximately|around|~|≈)?\s*$|^\s*\(\s*(about|roughly|approximately|around|~|≈)?\s*$`)
	// sizePer is a size per period: "12.7 GB of new paste content per month".
	sizePer = lazyre.New(`\b` + sizePat + `\s+` + nounsPat + perPat + periodPat)
	// sizeOver is a size held over a span: "450 GB of new content in 3 years".
	sizeOver = lazyre.New(`\b` + sizePat + `\s+` + nounsPat + `(?:in|over|after|for)\s+(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(years?|yrs?|months?)\b`)
	// sizeProduct is "1.27 KB per paste * 10 million pastes per month".
	sizeProduct = lazyre.New(`\b` + sizePat + `\s+` + perPat + `[a-z][\w-]*\s*[*×x]\s*` + numPart + `\s+` + nounsPat + perPat + periodPat)
	// serversFor is "3 replicas handle 40k reads/s".
	serversFor = lazyre.New(`\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:[a-z]+\s+){0,2}?(replicas?|servers?|nodes?|instances?|machines?|boxes|hosts?)\s+(?:can\s+|will\s+|should\s+)?(?:handle|handles|serve|serves|take|takes|absorb|absorbs|carry|carries|sustain|sustains)\s+(?:~|about\s+|around\s+)?` + numPart + `\s*` + nounsPat + `(?:(?:per\s*|/\s*)(?:seconds?|secs?|s)\b|rps\b|qps\b)`)
)

// The regexps above with their filters: a sentence the filter rules out
// is spared the regexp, and a review where every sentence is ruled out
// never compiles it.
var (
	sievedSizePer, sievedSizeOver, sievedSizeProduct = sieve(sizePer), sieve(sizeOver), sieve(sizeProduct)
	sievedServersFor                                 = sieve(serversFor)
)

// bytesWord marks a rate of bytes ("1.5 TB a year"), which the rate
// conversion leaves to the product checks.
var bytesWord = lazyre.New(`\d\s*(kb|mb|gb|tb|pb|kib|mib|gib|tib|bytes|[kmgt]bps)\b`)

var wordNumbers = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

var countSuffixes = map[string]float64{"": 1, "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9, "trillion": 1e12}

// figure reads a number with its suffix ("4,000", "2.5 million", "40k").
func figure(n, suffix string) (float64, bool) {
	if w, ok := wordNumbers[n]; ok {
		return w, true
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n, ",", ""), 64)
	if err != nil {
		return 0, false
	}
	return v * countSuffixes[suffix], true
}

// arithmetic checks every statement it recognises and reports the ones
// that do not add up.
func (rv *reviewer) arithmetic() {
	var lastSize *sizeStatement // the last size per period, per section
	for _, s := range rv.sents {
		if s.Column != "" || !strings.ContainsAny(s.lower, "0123456789") {
			continue
		}
		if periods(s.lower) >= 2 {
			rv.conversions(s)
		}
		if s.grams.anyOf(s.lower, serverNouns) {
			rv.servers(s)
		}
		if lastSize != nil && (lastSize.section != s.Section || s.Line-lastSize.line > 8) {
			lastSize = nil
		}
		if !s.grams.anyOf(s.lower, sizeUnits) {
			continue
		}
		if m := sievedSizeProduct.findIndex(s); m != nil && lastSize != nil {
			rv.product(s, m, *lastSize)
		}
		if m := sievedSizeOver.find(s); m != nil && lastSize != nil && !strings.Contains(s.lower, " per ") {
			rv.accumulated(s, m, *lastSize)
		}
		if m := sievedSizePer.find(s); m != nil && sievedSizeProduct.findIndex(s) == nil {
			if b, err := quantity.Parse(strings.ReplaceAll(m[1], ",", "") + m[2]); err == nil && b.Kind == quantity.Bytes {
				lastSize = &sizeStatement{bytes: b.V, period: m[4], text: m[0], line: s.Line, section: s.Section}
			}
		}
	}
}

// Cheap tests that spare most sentences the regexps below.
var (
	serverNouns = []string{"replica", "server", "node", "instance", "machine", "box", "host"}
	sizeUnits   = []string{"kb", "mb", "gb", "tb", "pb", "eb", "bytes", "kib", "mib", "gib", "tib", "pib"}
)

func hasAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// periods counts the places a rate's period may start.
func periods(s string) int {
	return strings.Count(s, " per ") + strings.Count(s, "/") + strings.Count(s, " a ") + strings.Count(s, " an ") + strings.Count(s, " each ")
}

type sizeStatement struct {
	bytes   float64
	period  string
	text    string
	line    int
	section int
}

// call runs a capacity tool; the inputs are built here, so an error is a
// bug in this file, and the statement is skipped rather than reported.
func call(tool string, in map[string]any) (capacity.Result, bool) {
	args, err := json.Marshal(in)
	if err != nil {
		return capacity.Result{}, false
	}
	r, err := capacity.Default().Call(tool, args)
	return r, err == nil
}

func output(r capacity.Result, key string) float64 {
	v, _ := r.Outputs[key].(float64)
	return v
}

// within says whether stated is within tolerance of want.
func within(stated, want float64) bool {
	return want > 0 && math.Abs(stated/want-1) <= tolerance
}

// conversions finds two rates of one sentence joined as equal ("A per
// month = B per second") and recomputes the second from the first.
func (rv *reviewer) conversions(s sentence) {
	ms := rateFig.FindAllStringSubmatchIndex(s.lower, -1)
	for i := 0; i+1 < len(ms); i++ {
		a, b := readRate(s.lower, ms[i]), readRate(s.lower, ms[i+1])
		if !a.ok || !b.ok || a.period == b.period || !linkWord.MatchString(s.lower[ms[i][1]:ms[i+1][0]]) || bytesWord.MatchString(a.text) || bytesWord.MatchString(b.text) {
			continue
		}
		rv.checkConversion(s, a, b)
	}
}

type statedRate struct {
	n      float64
	period string // canonical: second, minute, hour, day, week, month, year
	text   string
	ok     bool
}

// captured returns submatch i of m in s, "" when it did not take part.
func captured(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

func readRate(line string, m []int) statedRate {
	g := func(i int) string { return captured(line, m, i) }
	n, suffix, per := g(1), g(2), g(4)
	if n == "" {
		n, suffix, per = g(5), g(6), g(7)
	}
	v, ok := figure(n, suffix)
	p, pok := quantity.CanonicalPeriod(per)
	return statedRate{n: v, period: p, text: strings.TrimSpace(line[m[0]:m[1]]), ok: ok && pok && v > 0}
}

// checkConversion recomputes b from a with the throughput tool under each
// month convention and reports b when none agrees.
func (rv *reviewer) checkConversion(s sentence, a, b statedRate) {
	var first capacity.Result
	var want, alt float64
	for k, spm := range monthConventions {
		r, ok := call("throughput", map[string]any{"count": a.n, "per": a.period, "peak_factor": 1, "seconds_per_month": spm})
		if !ok {
			return
		}
		secs, _ := quantity.PeriodSeconds(b.period, spm)
		got := output(r, "per_second") * secs
		if within(b.n, got) {
			return
		}
		if k == 0 {
			first, want = r, got
		} else {
			alt = got
		}
	}
	bSecs, _ := quantity.PeriodSeconds(b.period, monthConventions[0])
	rv.scale.correct(s.Line, b.n/bSecs, want/bSecs)
	formula, _, _ := strings.Cut(first.Formula, ";")
	if b.period != "second" {
		formula += fmt.Sprintf(" × %s s per %s", quantity.FormatNumber(want/output(first, "per_second")), b.period)
	}
	convention := ""
	if math.Abs(alt/want-1) > 1e-9 {
		convention = fmt.Sprintf(" (%s with the 2.5M-second month)", countText(alt))
	}
	rv.raise(rArithmeticRate, rv.ref(s.Line),
		fmt.Sprintf("%q: %s = %s per %s%s; the document says %s (%s off), and whatever is sized from it is off by as much.",
			clip(s.Text), formula, countText(want), b.period, convention, countText(b.n), offBy(b.n, want)),
		a.text, countText(want), b.period, countText(b.n))
}

// countText writes a count for a person: 380.26, 4,000, 1.05B.
func countText(x float64) string {
	x = capacity.Tidy(x)
	if x >= 1e6 {
		return quantity.FormatCount(x)
	}
	return quantity.FormatNumber(x)
}

// offBy describes how far stated is from want: "×10" or "25%".
func offBy(stated, want float64) string {
	r := stated / want
	switch {
	case r >= 2 || r <= 0.5:
		if r < 1 {
			r = 1 / r
		}
		return "×" + quantity.FormatNumber(math.Round(r*10)/10)
	}
	return quantity.FormatPercent(math.Abs(r - 1))
}

// product checks "1.27 KB per paste * 10 million pastes per month"
// against the size per period stated just before it, with the storage
// tool.
func (rv *reviewer) product(s sentence, m []int, total sizeStatement) {
	g := func(i int) string { return captured(s.lower, m, i) }
	count, ok := figure(g(3), g(4))
	per, pok := quantity.CanonicalPeriod(g(6))
	if !ok || !pok {
		return
	}
	var first capacity.Result
	var want float64
	for k, spm := range monthConventions {
		r, ok := call("storage", map[string]any{"item_bytes": strings.ReplaceAll(g(1), ",", "") + g(2), "count": count, "per": per, "seconds_per_month": spm})
		if !ok {
			return
		}
		secs, _ := quantity.PeriodSeconds(total.period, spm)
		got := output(r, "bytes_per_month") / spm * secs
		if within(total.bytes, got) {
			return
		}
		if k == 0 {
			first, want = r, got
		}
	}
	rv.sizeOff(s, total, want, first.Formula, "per "+total.period)
}

// accumulated checks "450 GB in 3 years" against the size per period
// stated before it, with the storage tool.
func (rv *reviewer) accumulated(s sentence, m []string, rate sizeStatement) {
	stated, err := quantity.Parse(strings.ReplaceAll(m[1], ",", "") + m[2])
	n, ok := figure(m[4], "")
	if err != nil || stated.Kind != quantity.Bytes || !ok {
		return
	}
	span := fmt.Sprintf("%smo", strconv.FormatFloat(n, 'f', -1, 64))
	if strings.HasPrefix(m[5], "y") {
		span = fmt.Sprintf("%sy", strconv.FormatFloat(n, 'f', -1, 64))
	}
	r, ok := call("storage", map[string]any{"item_bytes": rate.bytes, "count": 1, "per": rate.period})
	if !ok {
		return
	}
	r, ok = call("storage", map[string]any{"item_bytes": output(r, "bytes_per_month"), "count": 1, "per": "month", "retention": span})
	if !ok {
		return
	}
	want := output(r, "total_bytes")
	if within(stated.V, want) {
		return
	}
	text := m[0]
	if i := strings.Index(s.lower, m[0]); i >= 0 {
		text = s.Text[i : i+len(m[0])]
	}
	held := sizeStatement{bytes: stated.V, text: strings.TrimSpace(text), line: s.Line}
	rv.sizeOff(s, held, want, fmt.Sprintf("%s per %s (line %d); %s", quantity.FormatBytes(rate.bytes), rate.period, rate.line, r.Formula), "in "+m[4]+" "+m[5])
}

func (rv *reviewer) sizeOff(s sentence, stated sizeStatement, want float64, formula, span string) {
	rv.raise(rArithmeticStorage, rv.ref(s.Line),
		fmt.Sprintf("%q (line %d) does not follow from the document's own figures: %s (%s off).",
			clip(stated.text), stated.line, formula, offBy(stated.bytes, want)),
		quantity.FormatBytes(capacity.Tidy(want)), span, quantity.FormatBytes(stated.bytes))
}

// servers checks "3 replicas handle 40k reads/s" with the servers tool,
// at what one large server takes (a Redis instance's rate for Redis):
// a count below what full load needs cannot carry the rate.
func (rv *reviewer) servers(s sentence) {
	m := sievedServersFor.find(s)
	if m == nil {
		return
	}
	n, ok1 := figure(m[1], "")
	rate, ok2 := figure(m[3], m[4])
	if !ok1 || !ok2 || n <= 0 || rate <= 0 {
		return
	}
	per, what := float64(capacity.LargeServerRPS), "one large server"
	if cacheWordRe.matchG(s.lower, s.grams) {
		per, what = capacity.RedisOpsPerSecond, "one Redis instance"
	}
	r, ok := call("servers", map[string]any{"peak_rps": rate, "per_server_rps": per})
	if !ok || n >= output(r, "servers_at_full_load") {
		return
	}
	need := output(r, "servers")
	rv.raise(rArithmeticServers, rv.ref(s.Line),
		fmt.Sprintf("%q: at %s/s for %s, %s (%s/s each, more than one takes at full load).",
			clip(s.Text), quantity.FormatNumber(per), what, r.Formula, quantity.FormatNumber(rate/n)),
		m[1], m[2], quantity.FormatNumber(rate), quantity.FormatNumber(need))
}
