package quantity

import (
	"math"
	"regexp"
	"strings"
	"testing"
)

// TestForms reads every form the grammar promises, as a person writes it
// in a flag, a requirement file, a chat answer or a document.
func TestForms(t *testing.T) {
	const month = DefaultSecondsPerMonth
	tests := []struct {
		in   string
		kind Kind
		want float64 // base units: per second, bytes, seconds, fraction
	}{
		{"5 million/day", PerSecond, 5e6 / 86400},
		{"10 billion per month", PerSecond, 1e10 / month},
		{"5M per day", PerSecond, 5e6 / 86400},
		{"40 B/s", BytesPerSecond, 40},
		{"400 KB/s", BytesPerSecond, 4e5},
		{"2 Gbit/s", BytesPerSecond, 2.5e8},
		{"about 30k per second", PerSecond, 3e4},
		{"1,200 rps", PerSecond, 1200},
		{"5k requests/min", PerSecond, 5000.0 / 60},
		{"2M messages per hour", PerSecond, 2e6 / 3600},
		{"4B/month", PerSecond, 4e9 / month},
		{"1.27KB", Bytes, 1270},
		{"2GiB", Bytes, 2 << 30},
		{"250ms", Seconds, 0.25},
		{"3y", Seconds, 36 * month},
		{"99.9%", Ratio, 0.999},
		// Variants of the same forms.
		{"5 Million/day", PerSecond, 5e6 / 86400},
		{"5 million a day", PerSecond, 5e6 / 86400},
		{"100 million new short links per month", PerSecond, 1e8 / month},
		{"~5M/day", PerSecond, 5e6 / 86400},
		{"12.7 GB per month", BytesPerSecond, 12.7e9 / month},
		{"500 bytes/s", BytesPerSecond, 500},
		{"1 Gbps", BytesPerSecond, 1.25e8},
		{"64 bits", Bytes, 8},
		{"4B/s", BytesPerSecond, 4},
		{"5k rps", PerSecond, 5000},
		{"1.5 million QPS", PerSecond, 1.5e6},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got.Kind != tt.kind || !close(got.V, tt.want) {
			t.Errorf("Parse(%q) = %v %g, want %v %g", tt.in, got.Kind, got.V, tt.kind, tt.want)
		}
	}
	if v, err := ParseBytes("500B"); err != nil || v != 500 {
		t.Errorf("ParseBytes(500B) = %g, %v; want 500 bytes", v, err)
	}
	if v, err := Parse("500B"); err != nil || v.Kind != Number || v.V != 5e11 {
		t.Errorf("Parse(500B) = %+v, %v; want 500 billion as a count", v, err)
	}
}

func TestByteRatesAreNotRequestRates(t *testing.T) {
	for _, in := range []string{"40 B/s", "400 KB/s", "2 Gbit/s", "12.7 GB per month"} {
		if _, err := ParseRate(in, 0); err == nil || !strings.Contains(err.Error(), "byte rate") {
			t.Errorf("ParseRate(%q) error = %v, want a byte-rate refusal", in, err)
		}
		if _, err := ParseFlow(in); err == nil || !strings.Contains(err.Error(), "byte rate") {
			t.Errorf("ParseFlow(%q) error = %v, want a byte-rate refusal", in, err)
		}
		if _, err := ParseByteRate(in); err != nil {
			t.Errorf("ParseByteRate(%q): %v", in, err)
		}
	}
}

func TestParseFlowKeepsTheCountAsWritten(t *testing.T) {
	tests := []struct {
		in   string
		want Flow
	}{
		{"5 million/day", Flow{5e6, "day"}},
		{"10 billion per month", Flow{1e10, "month"}},
		{"about 30k per second", Flow{3e4, "second"}},
		{"1,200 rps", Flow{1200, "second"}},
		{"2M messages per hour", Flow{2e6, "hour"}},
	}
	for _, tt := range tests {
		if got, err := ParseFlow(tt.in); err != nil || got != tt.want {
			t.Errorf("ParseFlow(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestSanityBounds(t *testing.T) {
	tests := []struct {
		name  string
		parse func(string) (float64, error)
		in    string
		want  string
	}{
		{"rate", func(s string) (float64, error) { v, err := ParseRate(s, 0); return v.V, err }, "2e9/s", "the most a request rate can be"},
		{"flow", func(s string) (float64, error) { f, err := ParseFlow(s); return f.Count, err }, "1e20/month", "the most a request rate can be"},
		{"item", ParseItemSize, "1e308B", "the most an item can be"},
		{"item", ParseItemSize, "2PB", "the most an item can be"},
		{"data", ParseBytes, "1e308B", "the most a data size can be"},
		{"latency", ParseLatency, "2d", "the most a latency can be"},
		{"retention", ParseDuration, "1e300y", "the most a duration can be"},
		{"retention", ParseDuration, "101y", "the most a duration can be"},
		{"byte rate", ParseByteRate, "2 PB/s", "the most a byte rate can be"},
	}
	for _, tt := range tests {
		_, err := tt.parse(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "e+") {
			t.Errorf("%s %q: error = %v, want one line with %q and no exponent", tt.name, tt.in, err, tt.want)
		}
	}
	for _, ok := range []struct {
		parse func(string) (float64, error)
		in    string
	}{{ParseLatency, "1d"}, {ParseDuration, "100y"}, {ParseItemSize, "1PB"}, {ParseBytes, "72PB"}} {
		if _, err := ok.parse(ok.in); err != nil {
			t.Errorf("%q at the bound: %v", ok.in, err)
		}
	}
}

func TestBoundsApplyToJSONNumbers(t *testing.T) {
	var r Rate
	if err := r.UnmarshalJSON([]byte("1e300")); err == nil || !strings.Contains(err.Error(), "request rate") {
		t.Errorf("Rate 1e300: %v, want the bound", err)
	}
	var s Size
	if err := s.UnmarshalJSON([]byte(`"1e308B"`)); err == nil {
		t.Error("Size 1e308B accepted")
	}
}

func TestCanonicalHasNoExponent(t *testing.T) {
	for _, v := range []Value{{Kind: PerSecond, V: 1e8}, {Kind: Bytes, V: 1e-7}, {Kind: Number, V: 4.5e16}} {
		if c, _ := splitUnit(Canonical(v)); strings.ContainsAny(c, "eE+") {
			t.Errorf("Canonical(%+v) = %q, want no exponent", v, c)
		}
	}
	if got := (Flow{1e8, "month"}).canonical(); got != "100000000/month" {
		t.Errorf("Flow canonical = %q", got)
	}
}

var exponent = regexp.MustCompile(`\d[eE][+-]?\d`)

func FuzzParse(f *testing.F) {
	for _, s := range []string{"10M", "4B/month", "1.27KB", "250ms", "99.9%", "1,000", "1e6", "2GiB", "5 per min", "3y", "1e400", "-5",
		"5 million/day", "40 B/s", "2 Gbit/s", "about 30k per second", "1,200 rps", "ȺȺȺ per 0", "\xff per s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := Parse(s)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error for %q spans lines: %q", s, err)
			}
			return
		}
		if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
			t.Fatalf("Parse(%q) = %g, want a finite value", s, v.V)
		}
		canon := Canonical(v)
		back, err := Parse(canon)
		if err != nil {
			t.Fatalf("Parse(Canonical(Parse(%q))) = Parse(%q): %v", s, canon, err)
		}
		if back.Kind != v.Kind || !close(back.V, v.V) && math.Abs(back.V-v.V) > 1e-300 {
			t.Fatalf("round trip of %q via %q: got %v %g, want %v %g", s, canon, back.Kind, back.V, v.Kind, v.V)
		}
		human := Format(v)
		if exponent.MatchString(human) {
			t.Fatalf("Format(%q) = %q has an exponent", s, human)
		}
		again, err := parse(human, DefaultSecondsPerMonth, v.Kind == Bytes)
		if err != nil {
			t.Fatalf("Parse(Format(Parse(%q))) = Parse(%q): %v", s, human, err)
		}
		if again.Kind != v.Kind && !(v.Kind == Number && again.Kind == Number) {
			t.Fatalf("Format(%q) = %q reads back as a %v, want a %v", s, human, again.Kind, v.Kind)
		}
		if d := math.Abs(again.V - v.V); d > 0.01*math.Abs(v.V) && d > 1e-6 {
			t.Fatalf("Format(%q) = %q reads back as %g, want %g within rounding", s, human, again.V, v.V)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	in := []string{"5 million/day", "10 billion per month", "400 KB/s", "about 30k per second", "1,200 rps", "1.27KB", "250ms", "99.9%"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := Parse(in[i%len(in)]); err != nil {
			b.Fatal(err)
		}
	}
}
