package interview

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

func parseKind(iv *Interview, wl int, a string) (string, error) {
	w := strings.ToLower(strings.TrimSpace(a))
	w = strings.TrimPrefix(strings.TrimPrefix(w, "a "), "an ")
	w = strings.TrimPrefix(w, "background ")
	for _, k := range requirements.Kinds {
		if n := string(k); w == n || w == n+"s" || w == n+"es" {
			iv.req.Workloads[wl].Kind = k
			return "", nil
		}
	}
	return "", fmt.Errorf("could not read %q as a kind: I need one of %s", a, strings.Join(requirements.KindNames(), ", "))
}

func parseRate(iv *Interview, wl int, a string) (string, error) {
	f, err := quantity.ParseFlow(a)
	if err != nil || f.Count <= 0 {
		return "", notRead(a, quantity.RateForm, err)
	}
	iv.req.Workloads[wl].Rate = f
	if f.Per == "second" {
		return "", nil
	}
	return fmt.Sprintf("That is %s/s on average.", quantity.FormatNumber(f.PerSecond(0))), nil
}

// parseLatency reads "50ms" (a p99 target) or "p95 200ms".
func parseLatency(iv *Interview, wl int, a string) (string, error) {
	pct := "p99"
	fields := strings.Fields(strings.ToLower(a))
	if len(fields) == 2 && (fields[0] == "p50" || fields[0] == "p95" || fields[0] == "p99") {
		pct, a = fields[0], fields[1]
	}
	v, err := quantity.ParseDuration(a)
	if err != nil || v <= 0 {
		return "", notRead(a, quantity.DurationForm, err)
	}
	w := &iv.req.Workloads[wl]
	switch pct {
	case "p50":
		w.LatencyP50 = quantity.Duration(v)
	case "p95":
		w.LatencyP95 = quantity.Duration(v)
	default:
		w.LatencyP99 = quantity.Duration(v)
	}
	return "", nil
}

// parseAvailability reads 99.9%, 0.999 or a bare 99.9 (meant as percent).
func parseAvailability(iv *Interview, _ int, a string) (string, error) {
	v, err := quantity.ParseRatio(a)
	if err == nil && v > 1 && v < 100 {
		v /= 100
	}
	if err != nil || v <= 0 || v >= 1 {
		return "", notRead(a, "a percentage below 100% like 99.9%", err)
	}
	iv.req.Availability = quantity.Fraction(v)
	return fmt.Sprintf("That allows about %s of downtime a year.", quantity.FormatDuration((1-v)*12*quantity.DefaultSecondsPerMonth)), nil
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
	"next": true, "about": true, "around": true, "roughly": true, "~": true, "of": true, "to": true, "grows": true, "growth": true, "load": true, "traffic": true, "a": true, "one": true}

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

// parsePeak reads the peak over the average: 3x, 3 times, or none (the
// usual 2x).
func parsePeak(iv *Interview, wl int, a string) (string, error) {
	w := strings.ToLower(strings.TrimSpace(a))
	if isNone(w) || w == "default" || w == "usual" || w == "the usual" {
		return "", nil
	}
	for _, filler := range []string{"about ", "around ", "roughly ", "~"} {
		w = strings.TrimPrefix(w, filler)
	}
	w = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(w, " the average"), " average"))
	f, ok := factorWord(w, false)
	if !ok {
		fields := strings.Fields(w)
		if len(fields) == 2 && fields[1] == "times" {
			f, ok = factorWord(fields[0], true)
		} else if v, err := quantity.ParseFactor(w); err == nil {
			f, ok = v, true
		}
	}
	if !ok || f < 1 {
		return "", fmt.Errorf("could not read %q: I need a factor of 1 or more like 3x, or none", a)
	}
	iv.req.Workloads[wl].PeakFactor = quantity.Factor(f)
	return "", nil
}

// parseYesNo reads yes or no, from the first word: "no, just the one"
// is no.
func parseYesNo(a string) (bool, error) {
	first := strings.ToLower(strings.TrimSpace(a))
	if i := strings.IndexFunc(first, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		first = first[:i]
	}
	switch first {
	case "y", "yes", "yeah", "yep", "sure", "true":
		return true, nil
	case "n", "no", "nope", "false", "none", "done":
		return false, nil
	}
	return false, fmt.Errorf("could not read %q: I need yes or no", a)
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

var whatIfPattern = regexp.MustCompile(`(?i)^\s*what\s+if\b.*?(\d+(?:\.\d+)?\s*(?:x|times)\b|\bdoubles?\b|\btriples?\b|\bhalve[sd]?\b)`)

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
