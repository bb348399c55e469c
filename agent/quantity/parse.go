// Package quantity is the one grammar of the quantities sysarch reads from
// flags, requirement files, chat answers and documents, and the one
// formatter it prints them with: counts (10M, 4B, 5 million), sizes (500B,
// 1.27KB, 2GiB), durations (250ms, 5m, 3y), request rates (100M/month,
// 10 billion per month, 1,200 rps), byte rates (400 KB/s, 2 Gbit/s) and
// ratios (99.9%).
//
// Storage units are decimal (1 KB = 1,000 bytes); KiB, MiB… are binary.
// "B" after a count means billion, after a size it means bytes: a size is a
// number followed by a byte unit, and "B/s" is bytes per second. A month is
// DefaultSecondsPerMonth, the average Gregorian month, and a year is twelve
// months.
//
// Scan finds the quantities in prose, with the noun each one counts, for
// the prose miner, the reviewer and the chat. Every value a person gives
// is checked against the sanity bounds (Bound) of what it measures.
package quantity

import (
	"errors"
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
	// BytesPerSecond is a byte rate: 40 B/s, 400 KB/s, 2 Gbit/s. It is
	// never a request rate.
	BytesPerSecond
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
	case BytesPerSecond:
		return "byte rate"
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
	"mm": 1e6, "bn": 1e9, "Thousand": 1e3, "Million": 1e6, "Billion": 1e9, "Trillion": 1e12,
}

var sizeUnit = map[string]float64{
	"b": 1, "byte": 1, "bytes": 1,
	"kilobyte": 1e3, "kilobytes": 1e3, "megabyte": 1e6, "megabytes": 1e6, "gigabyte": 1e9, "gigabytes": 1e9, "terabyte": 1e12, "terabytes": 1e12,
	"kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12, "pb": 1e15, "eb": 1e18, "zb": 1e21,
	"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40, "pib": 1 << 50, "eib": 1 << 60, "zib": 1 << 70,
}

// bitUnit maps a bit unit to bits.
var bitUnit = map[string]float64{
	"bit": 1, "bits": 1, "kbit": 1e3, "mbit": 1e6, "gbit": 1e9, "tbit": 1e12,
	"kbits": 1e3, "mbits": 1e6, "gbits": 1e9, "tbits": 1e12,
}

// bitRateUnit maps a bits-per-second unit to bits per second.
var bitRateUnit = map[string]float64{"bps": 1, "kbps": 1e3, "mbps": 1e6, "gbps": 1e9, "tbps": 1e12}

// requestRateUnit maps the usual abbreviations of a rate per second.
var requestRateUnit = map[string]float64{"rps": 1, "qps": 1, "tps": 1, "eps": 1, "wps": 1, "mps": 1, "ops": 1}

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
// reads as billion here ("4B/month"), except as a byte rate ("40 B/s");
// ParseBytes reads it as bytes.
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
	v, _, err := parseFull(s, secondsPerMonth, sizes)
	return v, err
}

// parseFull is parse that also returns, for a rate, the count per period
// as written, so that a Flow keeps it exactly.
func parseFull(s string, secondsPerMonth float64, sizes bool) (Value, float64, error) {
	in := trimApprox(strings.TrimSpace(s))
	if in == "" {
		return Value{}, 0, fmt.Errorf("empty value")
	}
	if r, ok := splitRate(in); ok {
		return parseRate(s, r, secondsPerMonth)
	}
	if strings.HasSuffix(in, "%") {
		v, err := parsePercent(s, strings.TrimSpace(strings.TrimSuffix(in, "%")))
		return v, 0, err
	}
	if k, per, ok := multiplePeriod(in); ok {
		return Value{}, 0, fmt.Errorf("%q: a rate is counted per one %s, not per %s; divide the count by %s and write it per %s", s, per, strings.TrimSpace(in[strings.LastIndexByte(in, '/')+1:]), k, per)
	}
	num, unit := splitUnit(in)
	if num == "" {
		return Value{}, 0, fmt.Errorf("%q: no number", s)
	}
	n, err := parseNumber(num)
	if err != nil {
		return Value{}, 0, fmt.Errorf("%q: %v", s, err)
	}
	v, ok := withUnit(n, unit, secondsPerMonth, sizes)
	if head, rest, two := strings.Cut(unit, " "); !ok && two {
		// A count suffix before a unit: "5k rps", "2 million bytes".
		if f, err := parseScaled("1" + head); err == nil {
			v, ok = withUnit(n*f, strings.TrimSpace(rest), secondsPerMonth, sizes)
		}
	}
	if !ok {
		return Value{}, 0, fmt.Errorf("%q: unknown unit %q", s, unit)
	}
	v, err = finite(v, s)
	if v.Kind == PerSecond {
		return v, v.V, err
	}
	return v, 0, err
}

// withUnit applies a unit written after a number.
func withUnit(n float64, unit string, secondsPerMonth float64, sizes bool) (Value, bool) {
	lu := strings.ToLower(unit) // only looked up, never sliced: safe for any bytes
	if f, ok := sizeUnit[lu]; ok && (sizes || unit != "B" && unit != "b") {
		return Value{Kind: Bytes, V: n * f}, true
	}
	if f, ok := countSuffix[unit]; ok {
		return Value{Kind: Number, V: n * f}, true
	}
	if f, ok := countSuffix[lu]; ok && len(lu) > 2 {
		return Value{Kind: Number, V: n * f}, true // "Million", "BILLION"
	}
	if f, ok := durationUnit[lu]; ok {
		if lu == "mo" || lu == "mon" || strings.HasPrefix(lu, "month") {
			f = secondsPerMonth
		} else if lu == "y" || strings.HasPrefix(lu, "yr") || strings.HasPrefix(lu, "year") {
			f = 12 * secondsPerMonth
		}
		return Value{Kind: Seconds, V: n * f}, true
	}
	if f, ok := bitRateUnit[lu]; ok {
		return Value{Kind: BytesPerSecond, V: n * f / 8, Period: "second"}, true
	}
	if f, ok := requestRateUnit[lu]; ok {
		return Value{Kind: PerSecond, V: n * f, Period: "second"}, true
	}
	if f, ok := bitUnit[lu]; ok {
		return Value{Kind: Bytes, V: n * f / 8}, true
	}
	if lu == "x" {
		return Value{Kind: Number, V: n}, true
	}
	return Value{}, false
}

// parsePercent reads the digits before a "%".
func parsePercent(s, digits string) (Value, error) {
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

// parseRate reads a split rate: a count per period ("10 billion per
// month", "5k requests/min") or an amount of bytes per period ("400 KB/s",
// "2 Gbit/s", "12.7 GB per month").
func parseRate(s string, r rateParts, secondsPerMonth float64) (Value, float64, error) {
	name, _ := CanonicalPeriod(r.per)
	secs, _ := PeriodSeconds(name, secondsPerMonth)
	if b, ok := byteAmount(r.num, name == "second" && r.slash); ok {
		v, err := finite(Value{Kind: BytesPerSecond, V: b / secs, Period: name}, s)
		return v, b, err
	}
	n, err := parseCounted(r.num)
	if err != nil {
		return Value{}, 0, fmt.Errorf("%q: %v", s, err)
	}
	v, err := finite(Value{Kind: PerSecond, V: n / secs, Period: name}, s)
	if err == nil {
		_, err = finite(Value{V: n}, s)
	}
	return v, n, err
}

// byteAmount reads the numerator of a byte rate: "400 KB", "2 Gbit",
// "500 bytes"; a bare "B" counts as bytes only in "B/s", where it is the
// usual symbol (elsewhere "4B/month" is four billion a month).
func byteAmount(num string, bareB bool) (float64, bool) {
	n, unit := splitUnit(num)
	if n == "" || unit == "" {
		return 0, false
	}
	lu := strings.ToLower(unit)
	f, isSize := sizeUnit[lu]
	if isSize && (lu != "b" || bareB || unit == "byte" || unit == "bytes") {
		x, err := parseNumber(n)
		return x * f, err == nil
	}
	if f, ok := bitUnit[lu]; ok {
		x, err := parseNumber(n)
		return x * f / 8, err == nil
	}
	return 0, false
}

// parseCounted reads a count that may name what it counts: "10M",
// "5 million", "5k requests", "100 million new short links".
func parseCounted(s string) (float64, error) {
	n, err := parseScaled(s)
	if err == nil {
		return n, nil
	}
	fields := strings.Fields(s)
	for k := len(fields) - 1; k >= 1; k-- {
		if !allWords(fields[k:]) {
			break
		}
		if x, e := parseScaled(strings.Join(fields[:k], " ")); e == nil {
			return x, nil
		}
	}
	return 0, err
}

func allWords(ws []string) bool {
	for _, w := range ws {
		if !isWord(w) {
			return false
		}
	}
	return true
}

func finite(v Value, s string) (Value, error) {
	if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
		return Value{}, fmt.Errorf("%q is not a finite number", s)
	}
	return v, nil
}

func isWord(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '_' {
			return false
		}
	}
	return s != ""
}

// parseScaled reads a number with an optional count suffix: "10M", "1.5k",
// "5 million".
func parseScaled(s string) (float64, error) {
	num, unit := splitUnit(s)
	f, ok := countSuffix[unit]
	if !ok {
		f, ok = countSuffix[strings.ToLower(unit)]
		ok = ok && len(unit) > 2
	}
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
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
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

// multiplePeriod reports a rate written per several periods ("180k/6h",
// "1M/ 2 days"): the multiple and the period's name, so the error can say
// how to write it.
func multiplePeriod(s string) (k, period string, ok bool) {
	i := strings.LastIndexByte(s, '/')
	if i < 0 {
		return "", "", false
	}
	per := strings.TrimSpace(s[i+1:])
	j := 0
	for j < len(per) && (per[j] >= '0' && per[j] <= '9' || per[j] == '.') {
		j++
	}
	if j == 0 || j == len(per) {
		return "", "", false
	}
	name, ok := CanonicalPeriod(strings.TrimSpace(per[j:]))
	if !ok {
		return "", "", false
	}
	return per[:j], name, true
}
