package interview

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

func parseKind(iv *Interview, wl int, a string) (string, error) {
	k, err := findKind(a)
	if err != nil {
		return "", err
	}
	iv.req.Workloads[wl].Kind = k
	return "a " + string(k) + " flow", nil
}

// parseRate reads a rate in any form of the grammar ("5 million/day",
// "about 30k per second", "1,200 rps"), or the average rate in a sentence
// ("we get about 5k requests a minute, 20k at peak"). A bare count has no
// period: rather than take it as per second, it asks for one. A sentence
// that gives only a peak is asked for the average, and the peak is kept
// for the next question.
func parseRate(iv *Interview, wl int, a string) (string, error) {
	in := adverbPeriods.Replace(spell(strings.TrimSpace(a)).text)
	if v, err := quantity.Parse(in); err == nil && v.Kind == quantity.Number && v.V > 0 {
		n := quantity.FormatCount(v.V)
		return "", fmt.Errorf("%s per what? Say the period: %s/s, %s/day or %s/month", n, n, n, n)
	}
	f, err := quantity.ParseFlow(in)
	if err != nil || f.Count <= 0 {
		avg, peak := rates(in)
		switch {
		case len(avg) == 1:
			f, err = avg[0], nil
		case len(avg) > 1:
			return "", fmt.Errorf("more than one rate here: which is the average? Give one, like 100M/month")
		case len(peak) == 1:
			if iv.early == nil {
				iv.early = map[step]string{}
			}
			iv.early[step{"workload.peak", wl}] = peak[0].String()
			return "", fmt.Errorf("%s sounds like the peak; what is the average rate? I will work out the peak factor from both", peak[0].String())
		}
	}
	if err != nil || f.Count <= 0 {
		if n, ok := bareNumber(in); ok {
			return "", fmt.Errorf("%s per what? Say the period: %s/s, %s/day or %s/month", n, n, n, n)
		}
		return "", notRead(a, quantity.RateForm, err)
	}
	iv.req.Workloads[wl].Rate = f
	if f.Per == "second" {
		return "", nil
	}
	return fmt.Sprintf("That is %s/s on average.", quantity.FormatNumber(f.PerSecond(0))), nil
}

// saidPeak says a figure is called a peak in its own clause: "2k rps at
// peak", "peaks at 300/s", but not the 8k in "8k a day, 4x at peak".
func saidPeak(a string, m quantity.Mention) bool {
	start := strings.LastIndexAny(a[:m.Start], ",;(") + 1
	end := len(a)
	if i := strings.IndexAny(a[m.End:], ",;)"); i >= 0 {
		end = m.End + i
	}
	return peakWords.MatchString(a[start:m.Start]) || peakWords.MatchString(a[m.End:end]) && !avgWords.MatchString(a[m.End:end])
}

// avgWords mark a figure as the average.
var avgWords = lazyre.New(`(?i)\b(?:avg|average|normally|usually|typical|typically|mean)\b`)

// adverbPeriods spells "monthly" as "a month", which the grammar reads.
var adverbPeriods = strings.NewReplacer(" monthly", " a month", " daily", " a day", " hourly", " an hour", " weekly", " a week", " yearly", " a year", " annually", " a year", " per annum", " a year")

// rates returns the rates of a sentence, split into the average ones and
// those said to be a peak.
func rates(a string) (avg, peak []quantity.Flow) {
	for _, m := range quantity.Scan(a) {
		f, ok := m.Flow()
		if !ok || f.Count <= 0 {
			continue
		}
		if saidPeak(a, m) {
			peak = append(peak, f)
		} else {
			avg = append(avg, f)
		}
	}
	return avg, peak
}

// parseLatency reads "50ms" (a p99 target), "p95 200ms", "p99 under
// 200ms" or "median 50ms, p99 300ms".
func parseLatency(iv *Interview, wl int, a string) (string, error) {
	targets, err := findLatency(a)
	if err != nil {
		return "", err
	}
	w := &iv.req.Workloads[wl]
	var said []string
	for _, t := range targets {
		switch t.pct {
		case "p50":
			w.LatencyP50 = quantity.Duration(t.secs)
		case "p95":
			w.LatencyP95 = quantity.Duration(t.secs)
		default:
			w.LatencyP99 = quantity.Duration(t.secs)
		}
		said = append(said, t.pct+" under "+quantity.FormatDuration(t.secs))
	}
	return strings.Join(said, ", "), nil
}

// parseAvailability reads 99.9%, 0.999, a bare 99.9 (meant as percent),
// "three nines" or "99.95% uptime".
func parseAvailability(iv *Interview, _ int, a string) (string, error) {
	v, err := findAvailability(a)
	if err != nil {
		return "", err
	}
	iv.req.Availability = quantity.Fraction(v)
	return fmt.Sprintf("%s allows about %s of downtime a year.", quantity.FormatPercent(v), quantity.FormatDuration((1-v)*12*quantity.DefaultSecondsPerMonth)), nil
}

// parseGrowth reads growth per horizon, "6mo 2x, 1y 4x, 3y 20x" or in
// words, "2x in 1 year and 5x in 3 years", into horizon → multiplier;
// "none" is no growth at all.
func parseGrowth(iv *Interview, _ int, a string) (string, error) {
	if isNone(a) {
		iv.req.Growth = map[string]quantity.Factor{"3y": 1}
		return "No growth: the design plans for today's load.", nil
	}
	growth := map[string]quantity.Factor{}
	for _, part := range splitList(strings.ReplaceAll(a, " and ", ",")) {
		name, f, err := growthStep(part)
		if err != nil {
			return "", err
		}
		growth[name] = quantity.Factor(f)
	}
	iv.req.Growth = growth
	return "", nil
}

// growthFiller are the words around a horizon and its multiplier.
var growthFiller = map[string]bool{"in": true, "by": true, "within": true, "after": true, "over": true, "the": true,
	"next": true, "about": true, "maybe": true, "probably": true, "likely": true, "might": true, "will": true, "could": true, "perhaps": true,
	"i": true, "think": true, "we": true, "expect": true, "it": true, "should": true, "at": true, "least": true, "most": true, "every": true, "each": true, "per": true, "around": true, "roughly": true, "~": true, "of": true, "to": true, "grows": true, "growth": true, "load": true, "traffic": true, "a": true, "one": true}

// growthStep reads one horizon and its multiplier, in either order.
func growthStep(part string) (string, float64, error) {
	var words []string
	for _, w := range strings.Fields(strings.NewReplacer(":", " ", "→", " ", "=", " ").Replace(strings.ToLower(part))) {
		switch {
		case growthFiller[w]:
		default:
			words = append(words, w)
		}
	}
	// The multiplier is the word with an x (2x, x2, ×3) or before
	// "times"; failing that the first or the last word.
	for i, w := range words {
		// "grows 50% a year" is 1.5x in a year.
		if p, err := quantity.ParseRatio(w); err == nil && strings.HasSuffix(w, "%") && p > 0 {
			return horizon(part, strings.Join(slices.Delete(slices.Clone(words), i, i+1), " "), 1+p)
		}
		if f, ok := factorWord(w, i+1 < len(words) && (words[i+1] == "times" || words[i+1] == "fold")); ok {
			rest := slices.Delete(slices.Clone(words), i, i+1)
			if i < len(rest) && (rest[i] == "times" || rest[i] == "fold") {
				rest = slices.Delete(rest, i, i+1)
			}
			return horizon(part, strings.Join(rest, " "), f)
		}
	}
	for _, i := range []int{len(words) - 1, 0} {
		if len(words) < 2 {
			break
		}
		if f, err := quantity.ParseFactor(words[i]); err == nil && f > 0 {
			rest := slices.Delete(slices.Clone(words), i, i+1)
			if name, f, err := horizon(part, strings.Join(rest, " "), f); err == nil {
				return name, f, nil
			}
		}
	}
	return "", 0, fmt.Errorf("could not read %q: I need a multiplier and a horizon like 4x in 1y", strings.TrimSpace(part))
}

// factorWord reads 2x, x2, ×3, 3X, or a number followed by "times".
func factorWord(w string, timesNext bool) (float64, bool) {
	switch w {
	case "double", "doubles", "doubled":
		return 2, true
	case "triple", "triples", "tripled":
		return 3, true
	}
	num := strings.TrimSuffix(strings.TrimSuffix(w, "x"), "×")
	num = strings.TrimPrefix(strings.TrimPrefix(num, "x"), "×")
	if num == w && !timesNext {
		return 0, false
	}
	f, err := quantity.ParseFactor(num)
	return f, err == nil && f > 0
}

// horizon names the horizon of a growth step as the design reads it:
// "1 year" → 1y, "18 months" → 18mo.
func horizon(part, text string, f float64) (string, float64, error) {
	if strings.TrimSpace(text) == "" {
		return "", 0, fmt.Errorf("could not read %q: I need a multiplier and a horizon like 4x in 1y", strings.TrimSpace(part))
	}
	if !strings.ContainsAny(text, "0123456789") {
		text = "1 " + text // "in a year", "by next year"
	}
	secs, err := quantity.ParseDuration(text)
	if err != nil || secs <= 0 {
		return "", 0, fmt.Errorf("could not read %q: I need a multiplier and a horizon like 4x in 1y", strings.TrimSpace(part))
	}
	months := secs / quantity.DefaultSecondsPerMonth
	switch {
	case math.Abs(months/12-math.Round(months/12)) < 1e-9:
		return fmt.Sprintf("%dy", int(math.Round(months/12))), f, nil
	case math.Abs(months-math.Round(months)) < 1e-9:
		return fmt.Sprintf("%dmo", int(math.Round(months))), f, nil
	}
	return strings.ReplaceAll(text, " ", ""), f, nil
}

// parsePeak reads the peak over the average: 3x, "5x at month end",
// "2k rps at peak" (turned into a factor of the average, and said so),
// flat (1x) or none (the usual 2x).
func parsePeak(iv *Interview, wl int, a string) (string, error) {
	avg := iv.req.Workloads[wl].Rate.PerSecond(0)
	p, err := findPeak(a, avg)
	if err != nil {
		return "", err
	}
	iv.req.Workloads[wl].PeakFactor = quantity.Factor(p.factor)
	switch {
	case p.rate > 0:
		return fmt.Sprintf("peak %s/s, ×%s the average of %s/s", quantity.FormatNumber(p.rate), quantity.FormatNumber(p.factor), quantity.FormatNumber(avg)), nil
	case p.factor > 0:
		return fmt.Sprintf("peak ×%s the average", quantity.FormatNumber(p.factor)), nil
	}
	return "the usual peak, ×2 the average", nil
}

func isNo(a string) bool { yes, err := parseYesNo(a); return err == nil && !yes }

func isNone(a string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(a), ".!")) {
	case "none", "no", "n", "nothing", "n/a", "-", "no limit":
		return true
	}
	return false
}

// splitList splits a comma or semicolon list, dropping empty items.
func splitList(a string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(a, func(r rune) bool { return r == ',' || r == ';' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var whatIfPattern = lazyre.New(`(?i)^\s*what\s+if\b.*?(\d+(?:\.\d+)?\s*(?:x|times)\b|\bdoubles?\b|\btriples?\b|\bhalve[sd]?\b)`)

// WhatIf recognises a refinement such as "what if traffic is 10x?" or
// "what if it doubles?" and returns the factor to scale every workload
// rate by.
func WhatIf(text string) (float64, bool) {
	m := whatIfPattern.FindStringSubmatch(text)
	if m == nil {
		return 0, false
	}
	word := strings.ToLower(m[1])
	switch {
	case strings.HasPrefix(word, "double"):
		return 2, true
	case strings.HasPrefix(word, "triple"):
		return 3, true
	case strings.HasPrefix(word, "halve"):
		return 0.5, true
	}
	f, err := quantity.ParseFactor(strings.TrimSuffix(strings.ReplaceAll(word, " ", ""), "times"))
	if err != nil || f <= 0 {
		return 0, false
	}
	return f, true
}

func formatFactor(f float64) string { return quantity.FormatNumber(f) }
