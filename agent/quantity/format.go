package quantity

import (
	"math"
	"strconv"
	"strings"
)

// The formatters below are the one way sysarch prints a number, in text and
// in JSON: never an exponent, thousands grouped, two decimals at most above
// one, three significant digits below (more when the number is a run of
// nines that the rounding would hide), durations in the unit they were
// most likely written in.

// FormatNumber writes x for a person: 1,600; 38.03; 0.0231; 0.9995.
func FormatNumber(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	ax := math.Abs(x)
	switch {
	case ax == 0:
		return "0"
	case ax >= 1e15:
		// Digits past the fourth are noise at this size.
		return groupThousands(strconv.FormatFloat(roundSignificant(x, 4), 'f', 0, 64))
	case ax < 1:
		s := trimZeros(strconv.FormatFloat(x, 'f', decimalsBelowOne(ax), 64))
		if s == "0" || s == "-0" {
			return "0"
		}
		return s
	}
	return groupThousands(trimZeros(strconv.FormatFloat(x, 'f', 2, 64)))
}

// decimalsBelowOne gives three significant digits, or enough to show two
// significant digits of the distance to one (0.9995, 0.99999), capped so
// that a vanishing value prints as 0.
func decimalsBelowOne(ax float64) int {
	d := 2 - int(math.Floor(math.Log10(ax)))
	if ax >= 0.99 {
		d = max(d, 1-int(math.Floor(math.Log10(1-ax))))
	}
	return min(d, 12)
}

// roundSignificant rounds x to n significant digits.
func roundSignificant(x float64, n int) float64 {
	p := math.Pow(10, float64(n-1)-math.Floor(math.Log10(math.Abs(x))))
	if math.IsInf(p, 0) || p == 0 {
		return x
	}
	return math.Round(x*p) / p
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	b.Grow(len(s) + len(s)/3 + 1)
	for i := 0; i < len(intPart); i++ { // digits only: bytes, not runes
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(intPart[i])
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// plain writes x exactly in decimal, without an exponent, for forms that
// must read back to the same float.
func plain(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// FormatCount writes a count with a suffix: 1.2M, 4B, 360M, 950.
func FormatCount(x float64) string {
	return scaled(x, []unitStep{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}}, "")
}

// FormatBytes writes a size in decimal units: 1.27 KB, 40 GB, 1.44 TB.
func FormatBytes(x float64) string {
	return scaled(x, []unitStep{{1e21, " ZB"}, {1e18, " EB"}, {1e15, " PB"}, {1e12, " TB"}, {1e9, " GB"}, {1e6, " MB"}, {1e3, " KB"}}, " B")
}

// FormatByteRate writes bytes per second: 400 KB/s.
func FormatByteRate(x float64) string { return FormatBytes(x) + "/s" }

// FormatRate writes a rate given per second: 38.03/s, 1.6k/s; a rate below
// one a second is written per minute when that makes it ten or more, or
// else per the shortest period that makes it at least one (83.33/hour
// rather than 0.0231/s, 5/day rather than 0.0000579/s).
func FormatRate(x float64) string {
	ax := math.Abs(x)
	if ax == 0 || ax >= 1 {
		// "4B/s" is four bytes a second; billions are spelled out.
		c := FormatCount(x)
		if strings.HasSuffix(c, "B") {
			c = strings.TrimSuffix(c, "B") + " billion"
		}
		return c + "/s"
	}
	if ax*60 >= 10 {
		return FormatCount(x*60) + "/minute"
	}
	for _, p := range []struct {
		secs float64
		name string
	}{{3600, "hour"}, {86400, "day"}, {DefaultSecondsPerMonth, "month"}} {
		if ax*p.secs >= 1 {
			return FormatCount(x*p.secs) + "/" + p.name
		}
	}
	return FormatCount(x*12*DefaultSecondsPerMonth) + "/year"
}

// FormatBits writes a bit rate: 320 Mbit/s.
func FormatBits(x float64) string {
	return scaled(x, []unitStep{{1e12, " Tbit/s"}, {1e9, " Gbit/s"}, {1e6, " Mbit/s"}, {1e3, " kbit/s"}}, " bit/s")
}

// durationSteps are the units a duration is written in, largest first.
// Weeks are left out: "14d" reads better than "2w" in a table of days.
var durationSteps = []unitStep{{12 * DefaultSecondsPerMonth, "y"}, {DefaultSecondsPerMonth, "mo"}, {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}, {1e-3, "ms"}, {1e-6, "us"}}

// FormatDuration writes seconds in the unit that states them exactly in at
// most two decimals (90 days is 90d, not 2.96mo), or else the largest unit
// that keeps the value at or above one: 250ms, 43.83m, 8.77h, 3y.
func FormatDuration(x float64) string {
	ax := math.Abs(x)
	if ax == 0 {
		return "0s"
	}
	for _, st := range durationSteps {
		v := ax / st.size
		if v >= 1 && v < 1000 && math.Abs(math.Round(v*100)/100-v) <= 1e-9*v {
			return FormatNumber(math.Copysign(math.Round(v*100)/100, x)) + st.suffix
		}
	}
	for _, st := range durationSteps {
		if ax >= st.size {
			return FormatNumber(round(x/st.size, 2)) + st.suffix
		}
	}
	return FormatNumber(round(x/1e-9, 2)) + "ns"
}

// FormatPercent writes a ratio as a percentage: 0.9995 is 99.95%, 0.847222
// is 84.72%.
func FormatPercent(x float64) string {
	p := x * 100
	d := 2
	if gap := 100 - p; p >= 99 && gap > 0 {
		d = max(d, 1-int(math.Floor(math.Log10(gap))))
	}
	if ap := math.Abs(p); ap > 0 && ap < 1 {
		// A small share keeps its first digits: 0.001%, not 0%.
		d = max(d, 2-int(math.Floor(math.Log10(ap))))
	}
	return trimZeros(strconv.FormatFloat(p, 'f', min(d, 8), 64)) + "%"
}

type unitStep struct {
	size   float64
	suffix string
}

func scaled(x float64, steps []unitStep, base string) string {
	ax := math.Abs(x)
	for _, st := range steps {
		if ax >= st.size {
			return FormatNumber(round(x/st.size, 2)) + st.suffix
		}
	}
	return FormatNumber(x) + base
}

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	r := math.Round(x*p) / p
	if r == 0 || math.IsInf(r, 0) || math.IsNaN(r) {
		return x
	}
	return r
}

// Format writes a value for a person in its kind's unit.
func Format(v Value) string {
	switch v.Kind {
	case Bytes:
		return FormatBytes(v.V)
	case Seconds:
		return FormatDuration(v.V)
	case PerSecond:
		return FormatRate(v.V)
	case BytesPerSecond:
		return FormatByteRate(v.V)
	case Ratio:
		return FormatPercent(v.V)
	}
	return FormatNumber(v.V)
}

// FormatUnit writes a number in a named unit, the units of a capacity
// tool's outputs: "per_second", "per_hour", "bytes", "bytes_per_second",
// "bits_per_second", "seconds", "percent", "ratio", "usd", "months",
// "count"; anything else is a plain number.
func FormatUnit(v float64, unit string) string {
	switch unit {
	case "per_second":
		// Kept per second even below one, beside formulas in per second.
		return FormatNumber(v) + "/s"
	case "per_hour":
		return FormatNumber(v) + "/hour"
	case "bytes":
		return FormatBytes(v)
	case "bytes_per_second":
		return FormatByteRate(v)
	case "bits_per_second":
		return FormatBits(v)
	case "seconds":
		return FormatDuration(v)
	case "percent":
		return FormatPercent(v / 100)
	case "ratio":
		return FormatPercent(v)
	case "usd":
		return "$" + FormatNumber(v)
	case "months":
		return FormatNumber(v) + " months"
	}
	return FormatNumber(v)
}

// Canonical writes v so that Parse reads back exactly the same value: the
// shortest exact decimal in base units with the kind's unit, never an
// exponent.
func Canonical(v Value) string {
	n := plain(v.V)
	switch v.Kind {
	case Bytes:
		return n + " bytes"
	case Seconds:
		return n + "s"
	case PerSecond:
		return n + "/s"
	case BytesPerSecond:
		return n + " bytes/s"
	case Ratio:
		return plain(v.V*100) + "%"
	}
	return n
}
