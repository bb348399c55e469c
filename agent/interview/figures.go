package interview

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// hasLetter says an answer has a unit or a word, not only a number.
func hasLetter(a string) bool {
	return strings.IndexFunc(a, func(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == 'µ' }) >= 0
}

// rangePattern finds "2-5 KB", "100 to 200ms": a range whose upper end
// carries the unit.
var rangePattern = lazyre.New(`(?i)\b(\d[\d.,]*)\s*(?:[a-zµ]+)?\s*(?:-|–|to)\s*(\d[\d.,]*\s*[a-zµ]+)`)

// upperEnd replaces a range by its upper end, which sizes capacity safely,
// and says so.
func upperEnd(a string) (string, string) {
	m := rangePattern.FindStringSubmatchIndex(a)
	if m == nil {
		return a, ""
	}
	hi := a[m[4]:m[5]]
	if _, err := quantity.Parse(hi); err != nil {
		return a, ""
	}
	return a[:m[0]] + hi + a[m[1]:], fmt.Sprintf("the upper end of %q", a[m[0]:m[1]])
}

// bareNumber returns the one plain number of an answer that has no unit.
func bareNumber(a string) (string, bool) {
	ms := mentions(a, quantity.Number)
	if len(ms) != 1 || len(quantity.Scan(a)) != 1 {
		return "", false
	}
	return ms[0].Text, true
}

// findSize reads one item's size: "1.5 MB with the photo", "a few KB",
// "2-5KB". Two different sizes are asked about; a number without a unit
// asks for the unit.
func findSize(a string) (float64, string, error) {
	if v, err := quantity.ParseBytes(strings.TrimSpace(a)); err == nil && v <= 0 && hasLetter(a) {
		return 0, "", notRead(a, quantity.SizeForm, nil)
	} else if err == nil && hasLetter(a) {
		return v, "", nil
	}
	sp := spell(a)
	text, note := upperEnd(sp.text)
	if note == "" && sp.hedge != "" {
		note = sp.hedge
	}
	ms := mentions(text, quantity.Bytes)
	// In answer to a size, "500B" is bytes, not 500 billion.
	for _, m := range mentions(text, quantity.Number) {
		if v, err := quantity.ParseBytes(m.Text); err == nil && strings.HasSuffix(m.Text, "B") {
			m.Value = quantity.Value{Kind: quantity.Bytes, V: v}
			ms = append(ms, m)
		}
	}
	switch {
	case len(ms) == 0:
		if n, ok := bareNumber(text); ok {
			return 0, "", fmt.Errorf("%s what? Say the unit: %s bytes, %sKB or %sMB", n, n, n, n)
		}
		return 0, "", notRead(a, quantity.SizeForm, fmt.Errorf("no size"))
	case len(ms) > 1 && !sameValues(ms):
		return 0, "", fmt.Errorf("that gives %s: how big is one item in all? Give one size", listMentions(ms))
	}
	if ms[0].Value.V <= 0 {
		return 0, "", notRead(a, quantity.SizeForm, nil)
	}
	return ms[0].Value.V, note, nil
}

func sameValues(ms []quantity.Mention) bool {
	for _, m := range ms[1:] {
		if m.Value.V != ms[0].Value.V {
			return false
		}
	}
	return true
}

func listMentions(ms []quantity.Mention) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Text)
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// percentilePattern finds the percentile a latency is stated for.
var percentilePattern = lazyre.New(`(?i)\b(?:p\s?(50|75|90|95|99|99\.9|999)|(50|75|90|95|99)(?:th)?\s*(?:percentile|pct)|(50|75|90|95|99|99\.9)\s*%\s*of\s+(?:requests|calls|the\s+time|them|queries|reads|users)|(median)|(average|mean|typical|avg))\b`)

// latencyTarget is one percentile and its bound.
type latencyTarget struct {
	pct  string // p50, p95 or p99
	secs float64
}

// findLatency reads latency targets: "p99 under 200ms", "under 300ms" (a
// p99, said so), "median 50ms and p99 300ms", "95% of requests within
// half a second". p999 is held as p99, which it implies; p75 and p90 are
// not kept, so they are asked about.
func findLatency(a string) ([]latencyTarget, error) {
	if v, err := quantity.ParseLatency(strings.TrimSpace(a)); err == nil && v <= 0 && hasLetter(a) {
		return nil, notRead(a, quantity.DurationForm, nil)
	} else if err == nil && hasLetter(a) {
		return []latencyTarget{{"p99", v}}, nil
	}
	text, _ := upperEnd(spell(a).text)
	durs := mentions(text, quantity.Seconds)
	if len(durs) == 0 {
		if n, ok := bareNumber(text); ok {
			return nil, fmt.Errorf("%s what? Say the unit: %sms or %ss", n, n, n)
		}
		return nil, notRead(a, quantity.DurationForm, fmt.Errorf("no duration"))
	}
	// A day or more is no latency target: it is a retention or a
	// window said in the same breath ("50ms, keep data 2 years").
	durs = slices.DeleteFunc(durs, func(m quantity.Mention) bool { return m.Value.V >= 86400 && len(durs) > 1 })
	pcts := percentilePattern.FindAllStringSubmatchIndex(text, -1)
	var out []latencyTarget
	for i, d := range durs {
		lo, hi := 0, len(text)
		if i > 0 {
			lo = durs[i-1].End
		}
		if i+1 < len(durs) {
			hi = durs[i+1].Start
		}
		pct, ok := "", false
		// The percentile written before the figure wins; else the one
		// right after it ("200ms at p95").
		for _, p := range pcts {
			if p[0] >= lo && p[1] <= d.Start {
				pct, ok = percentileName(text, p), true
			}
		}
		for _, p := range pcts {
			if !ok && p[0] >= d.End && p[1] <= hi {
				pct, ok = percentileName(text, p), true
			}
		}
		switch {
		case !ok && len(durs) > 1:
			return nil, fmt.Errorf("that gives %s: which percentile is each? For example: p50 50ms, p99 300ms", listMentions(durs))
		case !ok:
			pct = "p99"
		case pct == "p75" || pct == "p90":
			return nil, fmt.Errorf("only p50, p95 and p99 targets are kept: is %s meant for p95 or p99? For example: p95 %s", d.Text, d.Text)
		}
		if d.Value.V <= 0 {
			return nil, notRead(a, quantity.DurationForm, nil)
		}
		out = append(out, latencyTarget{pct, d.Value.V})
	}
	return out, nil
}

// percentileName names the percentile of a match of percentilePattern.
func percentileName(text string, m []int) string {
	for g := 1; g <= 3; g++ {
		if n := sub(text, m, g); n != "" {
			switch n {
			case "99.9", "999", "99":
				return "p99"
			}
			return "p" + n
		}
	}
	return "p50" // median, average, typical
}

// foreverPattern marks a retention with no end.
var foreverPattern = lazyre.New(`(?i)\b(?:forever|indefinitely|permanently|for ever|never delete|never deleted|all time)\b`)

// findRetention reads how long records are kept: "keep data 2 years",
// "90 days then delete", "30 days hot, 7 years in the archive" (the
// longest, said so).
func findRetention(a string) (float64, string, error) {
	if v, err := quantity.ParseDuration(strings.TrimSpace(a)); err == nil && v <= 0 && hasLetter(a) {
		return 0, "", notRead(a, quantity.DurationForm, nil)
	} else if err == nil && hasLetter(a) {
		return v, "", nil
	}
	text := spell(a).text
	durs := mentions(text, quantity.Seconds)
	if len(durs) == 0 {
		if foreverPattern.MatchString(text) {
			return 0, "", fmt.Errorf("forever needs a figure to size storage: how many years should I plan for? For example: 10y")
		}
		if n, ok := bareNumber(text); ok {
			return 0, "", fmt.Errorf("%s what? Say the unit: %s days, %s months or %s years", n, n, n, n)
		}
		return 0, "", notRead(a, quantity.DurationForm, fmt.Errorf("no duration"))
	}
	longest, note := durs[0], ""
	for _, d := range durs[1:] {
		if d.Value.V > longest.Value.V {
			longest = d
		}
	}
	if len(durs) > 1 {
		note = "the longest, " + longest.Text
	}
	if longest.Value.V <= 0 {
		return 0, "", notRead(a, quantity.DurationForm, nil)
	}
	return longest.Value.V, note, nil
}

var (
	factorPattern = lazyre.New(`(?i)(?:^|[\s(~])(?:(\d+(?:\.\d+)?)\s*(?:x|×|times|fold)|[x×]\s?(\d+(?:\.\d+)?))(?:\b|$|\s)`)
	factorWords   = lazyre.New(`(?i)\b(double|doubles|doubled|twice|triple|triples|tripled|three times|quadruple)\b`)
	flatPattern   = lazyre.New(`(?i)^\s*(?:flat|steady|constant|even|no (?:real )?(?:peak|spike)s?|it'?s flat|pretty flat|not really|same all day)\b`)
	peakWords     = lazyre.New(`(?i)\b(?:peaks?|peaking|spikes?|busiest|busy|max|maximum|rush|top)\b`)
)

// findFactor reads a multiplier written in a sentence: "5x at month end",
// "doubles at lunch", "3 times the average".
func findFactor(a string) (float64, bool) {
	if m := factorPattern.FindStringSubmatch(a); m != nil {
		n := m[1] + m[2]
		if f, err := quantity.ParseFactor(n); err == nil {
			return f, true
		}
	}
	if m := factorWords.FindString(a); m != "" {
		switch strings.ToLower(m)[:2] {
		case "do", "tw":
			return 2, true
		case "tr", "th":
			return 3, true
		case "qu":
			return 4, true
		}
	}
	return 0, false
}

// peakReading is what an answer about the peak said.
type peakReading struct {
	factor float64 // 0 keeps the usual 2x
	rate   float64 // the absolute peak per second, when that was given
}

// findPeak reads the peak over an average of avg per second: a factor
// ("5x at month end"), an absolute peak ("2k rps at peak", turned into a
// factor), "flat" (1x) or none (the usual 2x).
func findPeak(a string, avg float64) (peakReading, error) {
	w := strings.ToLower(strings.Trim(strings.TrimSpace(a), ".!"))
	switch {
	case isNone(w) || w == "default" || w == "usual" || w == "the usual" || w == "normal":
		return peakReading{}, nil
	case flatPattern.MatchString(w):
		return peakReading{factor: 1}, nil
	}
	if f, ok := findFactor(w); ok {
		if f < 1 {
			return peakReading{}, fmt.Errorf("could not read %q: I need a factor of 1 or more like 3x, or none", a)
		}
		return peakReading{factor: f}, nil
	}
	var rates []quantity.Flow
	for _, m := range quantity.Scan(w) {
		if f, ok := m.Flow(); ok {
			rates = append(rates, f)
		}
	}
	if len(rates) == 1 && avg > 0 {
		p := rates[0].PerSecond(0)
		if p < avg {
			return peakReading{}, fmt.Errorf("a peak of %s/s is below the average of %s/s: give the peak rate or a factor like 3x", quantity.FormatNumber(p), quantity.FormatNumber(avg))
		}
		return peakReading{factor: math.Round(p/avg*100) / 100, rate: p}, nil
	}
	if n, ok := bareNumber(w); ok {
		if f, err := quantity.ParseFactor(n); err == nil && f >= 1 && !peakWords.MatchString(w) && f <= 100 {
			return peakReading{factor: f}, nil
		}
		return peakReading{}, fmt.Errorf("%s per what? Say the period (%s/s) for a peak rate, or a factor like 3x", n, n)
	}
	return peakReading{}, fmt.Errorf("could not read %q: I need a factor of 1 or more like 3x, a peak rate like 2k/s, or none", a)
}

// availabilityPattern reads "three nines", "3 nines and a half".
var ninesPattern = lazyre.New(`(?i)\b([2-6])\s*(?:nines|9s)(\s+(?:and\s+a\s+half|five))?\b`)

// findAvailability reads 99.9%, 0.999, a bare 99.9, "three nines" or
// "99.95% uptime".
func findAvailability(a string) (float64, error) {
	text := strings.ReplaceAll(spell(a).text, " percent", "%")
	if m := ninesPattern.FindStringSubmatch(text); m != nil {
		n := int(m[1][0] - '0')
		v := 1 - math.Pow(10, -float64(n))
		if m[2] != "" {
			v += math.Pow(10, -float64(n)) / 2
		}
		return math.Round(v*1e6) / 1e6, nil
	}
	var found []float64
	for _, m := range mentions(text, quantity.Ratio) {
		if m.Value.V > 0 && m.Value.V < 1 {
			found = append(found, m.Value.V)
		}
	}
	if len(found) == 0 {
		v, err := quantity.ParseRatio(strings.TrimSpace(text))
		if err == nil && v > 1 && v < 100 {
			v /= 100
		}
		if err != nil || v <= 0 || v >= 1 {
			return 0, notRead(a, "a percentage below 100% like 99.9%", err)
		}
		return v, nil
	}
	sort.Float64s(found)
	if found[0] != found[len(found)-1] {
		return 0, fmt.Errorf("more than one percentage here: which one is the availability target? For example: 99.9%%")
	}
	return found[0], nil
}
