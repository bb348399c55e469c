package quantity

import (
	"math"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in     string
		kind   Kind
		want   float64
		period string
	}{
		{"42", Number, 42, ""},
		{"1e6", Number, 1e6, ""},
		{"2.5E-3", Number, 0.0025, ""},
		{"1,000,000", Number, 1e6, ""},
		{"1_000", Number, 1000, ""},
		{"10k", Number, 1e4, ""},
		{"10K", Number, 1e4, ""},
		{"10M", Number, 1e7, ""},
		{"4B", Number, 4e9, ""},
		{"2T", Number, 2e12, ""},
		{"1.5 million", Number, 1.5e6, ""},
		{"2x", Number, 2, ""},
		{"1.27KB", Bytes, 1270, ""},
		{"2GiB", Bytes, 2 << 30, ""},
		{"3 TB", Bytes, 3e12, ""},
		{"1PB", Bytes, 1e15, ""},
		{"512KiB", Bytes, 512 * 1024, ""},
		{"250ms", Seconds, 0.25, ""},
		{"5m", Seconds, 300, ""},
		{"5min", Seconds, 300, ""},
		{"2h", Seconds, 7200, ""},
		{"1d", Seconds, 86400, ""},
		{"1w", Seconds, 604800, ""},
		{"1mo", Seconds, DefaultSecondsPerMonth, ""},
		{"3y", Seconds, 36 * DefaultSecondsPerMonth, ""},
		{"10us", Seconds, 1e-5, ""},
		{"10µs", Seconds, 1e-5, ""},
		{"100ns", Seconds, 1e-7, ""},
		{"1M/s", PerSecond, 1e6, "second"},
		{"5k/min", PerSecond, 5000.0 / 60, "minute"},
		{"10M/day", PerSecond, 1e7 / 86400, "day"},
		{"100M/month", PerSecond, 1e8 / DefaultSecondsPerMonth, "month"},
		{"12/year", PerSecond, 1 / DefaultSecondsPerMonth, "year"},
		{"10M events/sec", PerSecond, 1e7, "second"},
		{"3600 per hour", PerSecond, 1, "hour"},
		{"99.9%", Ratio, 0.999, ""},
		{"99.95%", Ratio, 0.9995, ""},
		{"50 %", Ratio, 0.5, ""},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q) error: %v", tt.in, err)
			continue
		}
		if got.Kind != tt.kind || !close(got.V, tt.want) || got.Period != tt.period {
			t.Errorf("Parse(%q) = %v %g %q, want %v %g %q", tt.in, got.Kind, got.V, got.Period, tt.kind, tt.want, tt.period)
		}
	}
}

func close(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b))
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "fast", "10 parsecs", "1,,000", ",100", "1e400", "NaN", "Inf", "--5", "10Q/s", "%",
		// Case folding changes the byte length of these; they once sliced
		// past the end of the input.
		"ȺȺȺ per 0", "Ⱥ per s", "ȺȺȺȺȺȺ PER day", "\xff\xfe per second", "İ per", "5 per ȺȺ"} {
		if v, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) = %+v, want an error", in, v)
		}
	}
}

func TestTypedParsers(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) (float64, error)
		in    string
		want  float64
	}{
		{"count billion", ParseCount, "4B", 4e9},
		{"bytes not billion", ParseBytes, "500B", 500},
		{"bytes plain", ParseBytes, "1270", 1270},
		{"bytes lower b", ParseBytes, "64b", 64},
		{"bytes k", ParseBytes, "2k", 2000},
		{"duration plain seconds", ParseDuration, "30", 30},
		{"duration", ParseDuration, "250ms", 0.25},
		{"ratio percent", ParseRatio, "99.9%", 0.999},
		{"ratio fraction", ParseRatio, "0.7", 0.7},
		{"factor x", ParseFactor, "1.5x", 1.5},
		{"factor percent", ParseFactor, "150%", 1.5},
	}
	for _, tt := range tests {
		got, err := tt.parse(tt.in)
		if err != nil || !close(got, tt.want) {
			t.Errorf("%s: parse(%q) = %g, %v; want %g", tt.name, tt.in, got, err, tt.want)
		}
	}
}

func TestTypedParserErrorsSayTheForm(t *testing.T) {
	tests := []struct {
		parse func(string) (float64, error)
		in    string
		want  string
	}{
		{ParseCount, "fast", `expected a count like 10M, 4B or 1,000, got "fast"`},
		{ParseCount, "5ms", "that is a duration"},
		{ParseBytes, "5m", "expected a size like 500B"},
		{ParseDuration, "10GB", "expected a duration like 250ms"},
		{ParseRatio, "1KB", "expected a percentage like 99.9%"},
		{ParseFactor, "5s", "expected a multiplier"},
	}
	for _, tt := range tests {
		_, err := tt.parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("parse(%q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
	if _, err := ParseRate("10 parsecs", 0); err == nil || !strings.Contains(err.Error(), RateForm) {
		t.Errorf("ParseRate error = %v, want the rate form", err)
	}
	for in, want := range map[string]string{
		"180k/6h":     "a rate is counted per one hour, not per 6h; divide the count by 6 and write it per hour",
		"1M / 2 days": "a rate is counted per one day, not per 2 days; divide the count by 2",
	} {
		if _, err := ParseRate(in, 0); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseRate(%q) error = %v, want it to contain %q", in, err, want)
		}
	}
}

func TestParseRateUsesTheMonthGiven(t *testing.T) {
	got, err := ParseRate("4B/month", 2.5e6)
	if err != nil || got.V != 1600 {
		t.Errorf("ParseRate(4B/month, 2.5M) = %g, %v; want 1600", got.V, err)
	}
}

func TestParseFlow(t *testing.T) {
	tests := []struct {
		in   string
		want Flow
	}{
		{"100M/month", Flow{1e8, "month"}},
		{"5k per min", Flow{5000, "minute"}},
		{"38", Flow{38, "second"}},
		{"20/day", Flow{20, "day"}},
	}
	for _, tt := range tests {
		got, err := ParseFlow(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseFlow(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	if _, err := ParseFlow("fast"); err == nil {
		t.Error("ParseFlow(fast) succeeded, want an error")
	}
	if got := (Flow{1e8, "month"}).PerSecond(2.5e6); got != 40 {
		t.Errorf("PerSecond = %g, want 40", got)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{FormatNumber(38.0265), "38.03"},
		{FormatNumber(1600), "1,600"},
		{FormatNumber(-1234567.891), "-1,234,567.89"},
		{FormatNumber(0.9995), "0.9995"},
		{FormatNumber(0.0231481), "0.0231"},
		{FormatNumber(0.0000579), "0.0000579"},
		{FormatNumber(4.5e16), "45,000,000,000,000,000"},
		{FormatNumber(1e-300), "0"},
		{FormatPercent(0.847222), "84.72%"},
		{FormatPercent(0.99999), "99.999%"},
		{FormatRate(0.0231481), "83.33/hour"},
		{FormatRate(5.79e-5), "5/day"},
		{FormatDuration(90 * 86400), "90d"},
		{FormatDuration(365 * 86400), "365d"},
		{FormatDuration(7 * 86400), "7d"},
		{FormatDuration(5400), "1.5h"},
		{FormatDuration(2 * DefaultSecondsPerMonth), "2mo"},
		{FormatByteRate(4e5), "400 KB/s"},
		{Format(Value{Kind: BytesPerSecond, V: 2.5e8}), "250 MB/s"},
		{FormatUnit(0.0231481, "per_second"), "0.0231/s"},
		{FormatUnit(84.7222, "percent"), "84.72%"},
		{FormatUnit(1e8/DefaultSecondsPerMonth, "per_second"), "38.03/s"},
		{FormatNumber(0), "0"},
		{FormatCount(360e6), "360M"},
		{FormatCount(4e9), "4B"},
		{FormatCount(950), "950"},
		{FormatBytes(1270), "1.27 KB"},
		{FormatBytes(1.44e12), "1.44 TB"},
		{FormatBytes(500), "500 B"},
		{FormatBits(40640), "40.64 kbit/s"},
		{FormatDuration(0.25), "250ms"},
		{FormatDuration(2629.746), "43.83m"},
		{FormatDuration(36 * DefaultSecondsPerMonth), "3y"},
		{FormatPercent(0.999), "99.9%"},
		{FormatRate(1600), "1.6k/s"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestHumanFormsParseBack(t *testing.T) {
	for _, x := range []float64{1, 38.03, 1270, 4e10, 1.44e12, 123456789} {
		if v, err := ParseBytes(FormatBytes(x)); err != nil || math.Abs(v-x)/x > 0.005 {
			t.Errorf("ParseBytes(FormatBytes(%g)) = %g, %v", x, v, err)
		}
		if v, err := ParseCount(FormatCount(x)); err != nil || math.Abs(v-x)/x > 0.005 {
			t.Errorf("ParseCount(FormatCount(%g)) = %g, %v", x, v, err)
		}
		if x > MaxRetention.Max {
			continue
		}
		if v, err := ParseDuration(FormatDuration(x)); err != nil || math.Abs(v-x)/x > 0.005 {
			t.Errorf("ParseDuration(FormatDuration(%g)) = %g, %v", x, v, err)
		}
	}
}
