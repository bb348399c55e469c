package interview

import (
	"fmt"
	"regexp"
	"strings"

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

// parseRate reads a rate in any form of the grammar ("5 million/day",
// "about 30k per second", "1,200 rps"), or one rate in a sentence ("we
// get about 5k requests a minute"). A bare count has no period: rather
// than take it as per second, it asks for one.
func parseRate(iv *Interview, wl int, a string) (string, error) {
	in := strings.TrimSpace(a)
	if v, err := quantity.Parse(in); err == nil && v.Kind == quantity.Number && v.V > 0 {
		n := quantity.FormatCount(v.V)
		return "", fmt.Errorf("%s per what? Say the period: %s/s, %s/day or %s/month", n, n, n, n)
	}
	f, err := quantity.ParseFlow(in)
	if err != nil {
		if fl, ok := oneRate(in); ok {
			f, err = fl, nil
		}
	}
	if err != nil || f.Count <= 0 {
		return "", notRead(a, quantity.RateForm, err)
	}
	iv.req.Workloads[wl].Rate = f
	if f.Per == "second" {
		return "", nil
	}
	return fmt.Sprintf("That is %s/s on average.", quantity.FormatNumber(f.PerSecond(0))), nil
}

// oneRate returns the rate of an answer that states exactly one.
func oneRate(a string) (quantity.Flow, bool) {
	var found []quantity.Flow
	for _, m := range quantity.Scan(a) {
		if f, ok := m.Flow(); ok {
			found = append(found, f)
		}
	}
	if len(found) != 1 {
		return quantity.Flow{}, false
	}
	return found[0], true
}

// parseLatency reads "50ms" (a p99 target) or "p95 200ms".
func parseLatency(iv *Interview, wl int, a string) (string, error) {
	pct := "p99"
	fields := strings.Fields(strings.ToLower(a))
	if len(fields) == 2 && (fields[0] == "p50" || fields[0] == "p95" || fields[0] == "p99") {
		pct, a = fields[0], fields[1]
	}
	v, err := quantity.ParseLatency(a)
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

// parseGrowth reads "6mo 2x, 1y 4x, 3y 20x" (or "6mo: 2x") into horizon →
// multiplier.
func parseGrowth(iv *Interview, _ int, a string) (string, error) {
	if isNone(a) {
		return "", nil
	}
	growth := map[string]quantity.Factor{}
	for _, part := range splitList(a) {
		horizon, factor, ok := strings.Cut(strings.ReplaceAll(part, ":", " "), " ")
		horizon, factor = strings.TrimSpace(horizon), strings.TrimSpace(factor)
		if !ok || horizon == "" || factor == "" {
			return "", fmt.Errorf("could not read %q: I need a horizon and a multiplier like 1y 4x", part)
		}
		if _, err := quantity.ParseDuration(horizon); err != nil {
			return "", notRead(horizon, quantity.DurationForm, err)
		}
		f, err := quantity.ParseFactor(factor)
		if err != nil || f <= 0 {
			return "", notRead(factor, quantity.FactorForm, err)
		}
		growth[horizon] = quantity.Factor(f)
	}
	iv.req.Growth = growth
	return "", nil
}

func parseYesNo(a string) (bool, error) {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(a), ".!")) {
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
