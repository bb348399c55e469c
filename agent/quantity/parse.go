// Package quantity parses and formats the quantities sysarch reads from
// flags, requirement files and chat answers: counts (10M, 4B), sizes (500B,
// 1.27KB, 2GiB), durations (250ms, 5m, 3y), rates (100M/month, 1M/s) and
// ratios (99.9%).
//
// Storage units are decimal (1 KB = 1,000 bytes); KiB, MiB… are binary.
// "B" after a count means billion, after a size it means bytes: a size is a
// number followed by a byte unit. A month is DefaultSecondsPerMonth, the
// average Gregorian month, and a year is twelve months.
package quantity

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
)

// DefaultSecondsPerMonth is the average Gregorian month: 365.2425 days / 12.
const DefaultSecondsPerMonth = 2629746.0

// Kind says what a parsed value measures.
type Kind int

// The kinds of value the grammar knows.
const (
	Number    Kind = iota // a plain number or count: 10M, 4B, 1e6
	Bytes                 // a size: 500B, 1.27KB, 2GiB
	Seconds               // a duration: 250ms, 5m, 3y
	PerSecond             // a rate: 100M/month, 1M/s
	Ratio                 // a percentage: 99.9% (0.999)
)

func (k Kind) String() string {
	switch k {
	case Bytes:
		return "size"
	case Seconds:
		return "duration"
	case PerSecond:
		return "rate"
	case Ratio:
		return "percentage"
	}
	return "number"
}

// Value is a parsed quantity in base units: bytes, seconds, per second, or
// a fraction for ratios.
type Value struct {
	Kind Kind
	V    float64
	// Period is the unit of a rate's denominator as written ("month"),
	// empty for other kinds.
	Period string
}

var countSuffix = map[string]float64{
	"": 1, "k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "b": 1e9, "G": 1e9, "T": 1e12,
	"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"mm": 1e6, "bn": 1e9,
}

var sizeUnit = map[string]float64{
	"b": 1, "byte": 1, "bytes": 1,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "pb": 1e15,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40, "pib": 1 << 50,
}

// durationUnit maps a unit to seconds; "mo" and "y" use the default month.
var durationUnit = map[string]float64{
	"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "μs": 1e-6, "ms": 1e-3,
	"s": 1, "sec": 1, "secs": 1, "second": 1, "seconds": 1,
	"m": 60, "min": 60, "mins": 60, "minute": 60, "minutes": 60,
	"h": 3600, "hr": 3600, "hrs": 3600, "hour": 3600, "hours": 3600,
	"d": 86400, "day": 86400, "days": 86400,
	"w": 604800, "wk": 604800, "week": 604800, "weeks": 604800,
	"mo": DefaultSecondsPerMonth, "mon": DefaultSecondsPerMonth, "month": DefaultSecondsPerMonth, "months": DefaultSecondsPerMonth,
	"y": 12 * DefaultSecondsPerMonth, "yr": 12 * DefaultSecondsPerMonth, "yrs": 12 * DefaultSecondsPerMonth,
	"year": 12 * DefaultSecondsPerMonth, "years": 12 * DefaultSecondsPerMonth,
}

// periodName maps the denominators of a rate to a canonical period name.
var periodName = map[string]string{
	"s": "second", "sec": "second", "second": "second",
	"m": "minute", "min": "minute", "minute": "minute",
	"h": "hour", "hr": "hour", "hour": "hour",
	"d": "day", "day": "day",
	"w": "week", "wk": "week", "week": "week",
	"mo": "month", "mon": "month", "month": "month",
	"y": "year", "yr": "year", "year": "year",
}

// PeriodSeconds returns the length of a named period ("second" … "year",
// or an abbreviation such as "s", "min", "mo") given the month length.
func PeriodSeconds(period string, secondsPerMonth float64) (float64, bool) {
	name, ok := periodName[strings.TrimSuffix(strings.ToLower(strings.TrimSpace(period)), "s")]
	if !ok {
		name, ok = periodName[strings.ToLower(strings.TrimSpace(period))]
	}
	if !ok {
		return 0, false
	}
	switch name {
	case "second":
		return 1, true
	case "minute":
		return 60, true
	case "hour":
		return 3600, true
	case "day":
		return 86400, true
	case "week":
		return 604800, true
	case "month":
		return secondsPerMonth, true
	}
	return 12 * secondsPerMonth, true
}

// CanonicalPeriod returns the canonical name of a period, or false.
func CanonicalPeriod(period string) (string, bool) {
	p := strings.ToLower(strings.TrimSpace(period))
	if name, ok := periodName[p]; ok {
		return name, true
	}
	name, ok := periodName[strings.TrimSuffix(p, "s")]
	return name, ok
}

// Parse reads any quantity of the grammar and reports its kind. A bare "B"
// reads as billion here; ParseBytes reads it as bytes.
func Parse(s string) (Value, error) {
	return parse(s, DefaultSecondsPerMonth, false)
}

// ParseWithMonth is Parse with a month of secondsPerMonth for rates written
// per month or per year.
func ParseWithMonth(s string, secondsPerMonth float64) (Value, error) {
	return parse(s, secondsPerMonth, false)
}

// parse reads s; sizes says whether a bare "B" means bytes (a size is
// expected) rather than billion (a count is expected).
func parse(s string, secondsPerMonth float64, sizes bool) (Value, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return Value{}, fmt.Errorf("empty value")
	}
	if num, per, ok := splitRate(in); ok {
		n, err := parseScaled(num)
		if err != nil {
			return Value{}, fmt.Errorf("%q: %v", s, err)
		}
		name, _ := CanonicalPeriod(per)
		secs, _ := PeriodSeconds(name, secondsPerMonth)
		return finite(Value{Kind: PerSecond, V: n / secs, Period: name}, s)
	}
	if strings.HasSuffix(in, "%") {
		digits := strings.TrimSpace(strings.TrimSuffix(in, "%"))
		if _, err := parseNumber(digits); err != nil {
			return Value{}, fmt.Errorf("%q: %v", s, err)
		}
		// Shift the exponent rather than divide, so 99.9% is exactly 0.999.
		n, err := parseNumber(digits + "e-2")
		if strings.ContainsAny(digits, "eE") || err != nil {
			n, _ = parseNumber(digits)
			n /= 100
		}
		return finite(Value{Kind: Ratio, V: n}, s)
	}
	num, unit := splitUnit(in)
	if num == "" {
		return Value{}, fmt.Errorf("%q: no number", s)
	}
	n, err := parseNumber(num)
	if err != nil {
		return Value{}, fmt.Errorf("%q: %v", s, err)
	}
	if f, ok := sizeUnit[strings.ToLower(unit)]; ok && (sizes || unit != "B" && unit != "b") {
		return finite(Value{Kind: Bytes, V: n * f}, s)
	}
	if f, ok := countSuffix[unit]; ok {
		return finite(Value{Kind: Number, V: n * f}, s)
	}
	lu := strings.ToLower(unit)
	if f, ok := durationUnit[lu]; ok {
		if lu == "mo" || lu == "mon" || strings.HasPrefix(lu, "month") {
			f = secondsPerMonth
		} else if lu == "y" || strings.HasPrefix(lu, "yr") || strings.HasPrefix(lu, "year") {
			f = 12 * secondsPerMonth
		}
		return finite(Value{Kind: Seconds, V: n * f}, s)
	}
	if lu == "x" {
		return finite(Value{Kind: Number, V: n}, s)
	}
	return Value{}, fmt.Errorf("%q: unknown unit %q", s, unit)
}

func finite(v Value, s string) (Value, error) {
	if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		return Value{}, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

// splitRate splits "100M/month", "5k per min" or "10 req/s" into the number
// part and the period; ok is false when s is not a rate.
func splitRate(s string) (num, per string, ok bool) {
	i := strings.LastIndex(s, "/")
	sep := 1
	if i < 0 {
		i = strings.LastIndex(strings.ToLower(s), " per ")
		sep = 5
	}
	if i < 0 {
		return "", "", false
	}
	num, per = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+sep:])
	if _, ok := CanonicalPeriod(per); !ok {
		return "", "", false
	}
	// Drop a noun between the count and the slash: "10M events/s".
	if j := strings.IndexFunc(num, unicode.IsSpace); j > 0 {
		head, tail := num[:j], strings.TrimSpace(num[j:])
		if _, err := parseScaled(head); err == nil && isWord(tail) {
			num = head
		}
	}
	return num, per, true
}

func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '_' {
			return false
		}
	}
	return s != ""
}

// parseScaled reads a number with an optional count suffix: "10M", "1.5k".
func parseScaled(s string) (float64, error) {
	num, unit := splitUnit(s)
	f, ok := countSuffix[unit]
	if !ok {
		return 0, fmt.Errorf("unknown count suffix %q (use k, M, B or T)", unit)
	}
	n, err := parseNumber(num)
	if err != nil {
		return 0, err
	}
	return n * f, nil
}

// splitUnit separates the leading number from the trailing unit.
func splitUnit(s string) (num, unit string) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= '0' && c <= '9' || c == '.' || c == ',' || c == '_' || c == '+' || c == '-' {
			i++
			continue
		}
		// An exponent: 1e6, 2.5E-3 (but not "e" starting a word).
		if (c == 'e' || c == 'E') && i > 0 && i+1 < len(s) {
			j := i + 1
			if s[j] == '+' || s[j] == '-' {
				j++
			}
			if j < len(s) && s[j] >= '0' && s[j] <= '9' {
				i = j
				continue
			}
		}
		break
	}
	return s[:i], strings.TrimSpace(s[i:])
}

// parseNumber reads a plain or scientific number with "_" or ","
// separators between digits.
func parseNumber(s string) (float64, error) {
	if s == "" {
		return 0, fmt.Errorf("no number")
	}
	clean := s
	if strings.ContainsAny(s, ",_") {
		clean = strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "_", "")
	}
	if clean != s && !separatorsOK(s) {
		return 0, fmt.Errorf("misplaced separator in %q", s)
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		var ne *strconv.NumError
		if ok := asNumError(err, &ne); ok && ne.Err == strconv.ErrRange {
			return 0, fmt.Errorf("%q is out of range", s)
		}
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

// separatorsOK accepts separators only between digits.
func separatorsOK(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ',' || s[i] == '_' {
			if i == 0 || i == len(s)-1 || !isDigit(s[i-1]) || !isDigit(s[i+1]) {
				return false
			}
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func asNumError(err error, target **strconv.NumError) bool {
	ne, ok := err.(*strconv.NumError)
	if ok {
		*target = ne
	}
	return ok
}
