package quantity

import (
	"math"
	"strconv"
	"strings"
)

// FormatNumber writes x for a person: thousands separators, at most two
// decimals above 1, three significant digits below. It never writes an
// exponent: a design document is read by people, not parsers.
func FormatNumber(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	ax := math.Abs(x)
	switch {
	case ax == 0:
		return "0"
	case ax >= 1e15:
		// Four significant digits, the rest zeros: 1,235,000,000,000,000.
		return groupThousands(strconv.FormatFloat(roundSignificant(x, 4), 'f', 0, 64))
	case ax < 0.001:
		return trimZeros(strconv.FormatFloat(x, 'f', 2-int(math.Floor(math.Log10(ax))), 64))
	case ax < 1:
		return trimZeros(strconv.FormatFloat(x, 'f', decimalsFor(ax), 64))
	}
	s := trimZeros(strconv.FormatFloat(x, 'f', 2, 64))
	return groupThousands(s)
}

// roundSignificant rounds x to n significant digits.
func roundSignificant(x float64, n int) float64 {
	p := math.Pow(10, float64(n-1)-math.Floor(math.Log10(math.Abs(x))))
	if math.IsInf(p, 0) || p == 0 {
		return x
	}
	return math.Round(x*p) / p
}

// decimalsFor gives six significant digits for 0.001 ≤ ax < 1, enough to
// tell 0.9995 from 0.999 in an availability.
func decimalsFor(ax float64) int {
	return 5 - int(math.Floor(math.Log10(ax)))
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

// FormatCount writes a count with a suffix: 1.2M, 4B, 360M, 950.
func FormatCount(x float64) string {
	return scaled(x, []unitStep{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}}, "")
}

// FormatBytes writes a size in decimal units: 1.27 KB, 40 GB, 1.44 TB.
func FormatBytes(x float64) string {
	return scaled(x, []unitStep{{1e15, " PB"}, {1e12, " TB"}, {1e9, " GB"}, {1e6, " MB"}, {1e3, " KB"}}, " B")
}

// FormatRate writes a per-second rate: 38.03/s, 1.6k/s.
func FormatRate(x float64) string {
	return FormatCount(x) + "/s"
}

// FormatBits writes a bit rate: 320 Mbit/s.
func FormatBits(x float64) string {
	return scaled(x, []unitStep{{1e12, " Tbit/s"}, {1e9, " Gbit/s"}, {1e6, " Mbit/s"}, {1e3, " kbit/s"}}, " bit/s")
}

// FormatDuration writes seconds in the largest unit that keeps the value at
// or above one: 250ms, 43.83m, 8.77h, 3y.
func FormatDuration(x float64) string {
	ax := math.Abs(x)
	steps := []unitStep{{12 * DefaultSecondsPerMonth, "y"}, {DefaultSecondsPerMonth, "mo"}, {86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}, {1e-3, "ms"}, {1e-6, "us"}}
	for _, st := range steps {
		if ax >= st.size {
			return FormatNumber(round(x/st.size, 2)) + st.suffix
		}
	}
	if ax == 0 {
		return "0s"
	}
	return FormatNumber(round(x/1e-9, 2)) + "ns"
}

// FormatPercent writes a ratio as a percentage: 0.9995 is 99.95%.
func FormatPercent(x float64) string {
	return trimZeros(strconv.FormatFloat(x*100, 'f', 4, 64)) + "%"
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

// Canonical writes v so that Parse reads back exactly the same value: the
// shortest decimal form in base units with the kind's unit.
func Canonical(v Value) string {
	n := strconv.FormatFloat(v.V, 'g', -1, 64)
	switch v.Kind {
	case Bytes:
		return n + " bytes"
	case Seconds:
		return n + "s"
	case PerSecond:
		return n + "/s"
	case Ratio:
		return strconv.FormatFloat(v.V*100, 'g', -1, 64) + "%"
	}
	return n
}
