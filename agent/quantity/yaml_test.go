package quantity

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestUnmarshalYAML(t *testing.T) {
	type doc struct {
		Count    Count    `yaml:"count"`
		Size     Size     `yaml:"size"`
		Duration Duration `yaml:"duration"`
		Rate     Rate     `yaml:"rate"`
		Fraction Fraction `yaml:"fraction"`
		Factor   Factor   `yaml:"factor"`
		Flow     Flow     `yaml:"flow"`
	}
	tests := []struct {
		in   string
		want doc
	}{
		{"count: 10M", doc{Count: 1e7}},
		{"count: 1,000", doc{Count: 1000}},
		{"count: 4B", doc{Count: 4e9}},
		{"count: 12", doc{Count: 12}},
		{"size: 500B", doc{Size: 500}},
		{"size: 1.5KB", doc{Size: 1500}},
		{"size: 2KiB", doc{Size: 2048}},
		{"size: 64", doc{Size: 64}},
		{"duration: 250ms", doc{Duration: 0.25}},
		{"duration: 5m", doc{Duration: 300}},
		{"duration: 1.5", doc{Duration: 1.5}},
		{"rate: 60/min", doc{Rate: 1}},
		{"rate: 3", doc{Rate: 3}},
		{"fraction: 99.9%", doc{Fraction: 0.999}},
		{"fraction: 0.5", doc{Fraction: 0.5}},
		{"factor: 2x", doc{Factor: 2}},
		{"factor: 3", doc{Factor: 3}},
		{"flow: 100M/month", doc{Flow: Flow{Count: 1e8, Per: "month"}}},
		{"flow: 5k per min", doc{Flow: Flow{Count: 5000, Per: "minute"}}},
		{"flow: 40", doc{Flow: Flow{Count: 40, Per: "second"}}},
		{"flow: ~", doc{}},
		{"count: null", doc{}},
	}
	for _, tt := range tests {
		var got doc
		if err := yaml.Unmarshal([]byte(tt.in), &got); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("%s: got %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestUnmarshalYAMLErrors(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"flow: fast", `expected a rate like 100M/month, 5k/min or 1M/s, got "fast"`},
		{"rate: fast", `expected a rate like 100M/month, 5k/min or 1M/s, got "fast"`},
		{"count: 2ms", `expected a count like 10M, 4B or 1,000, got "2ms" (that is a duration)`},
		{"size: big", `expected a size like 500B, 1.27KB or 2GiB, got "big"`},
		{"duration: [1, 2]", `expected a duration like 250ms, 5m or 3y, got a list`},
		{"fraction: true", `expected a percentage like 99.9% or a fraction like 0.999, got "true"`},
		{"factor: {a: 1}", `expected a multiplier like 2, 2x or 1.5, got a mapping`},
		{"count: .inf", `expected a count like 10M, 4B or 1,000, got ".inf" (not a finite number)`},
	}
	for _, tt := range tests {
		var got struct {
			Count    Count    `yaml:"count"`
			Size     Size     `yaml:"size"`
			Duration Duration `yaml:"duration"`
			Rate     Rate     `yaml:"rate"`
			Fraction Fraction `yaml:"fraction"`
			Factor   Factor   `yaml:"factor"`
			Flow     Flow     `yaml:"flow"`
		}
		err := yaml.Unmarshal([]byte(tt.in), &got)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: got error %v, want one starting %q", tt.in, err, tt.want)
		}
	}
}

func TestMarshalYAMLRoundTrip(t *testing.T) {
	type doc struct {
		Count    Count    `yaml:"count,omitempty"`
		Size     Size     `yaml:"size,omitempty"`
		Duration Duration `yaml:"duration,omitempty"`
		Rate     Rate     `yaml:"rate,omitempty"`
		Fraction Fraction `yaml:"fraction,omitempty"`
		Factor   Factor   `yaml:"factor,omitempty"`
		Flow     Flow     `yaml:"flow,omitempty"`
	}
	tests := []struct {
		in   doc
		want string
	}{
		{doc{Count: 1e7}, "count: 10M\n"},
		{doc{Count: 1234}, "count: 1234\n"},
		{doc{Count: 950}, "count: 950\n"},
		{doc{Size: 500}, "size: 500B\n"},
		{doc{Size: 1270}, "size: 1.27KB\n"},
		{doc{Size: 1234.5}, "size: 1234.5B\n"},
		{doc{Duration: 0.25}, "duration: 250ms\n"},
		{doc{Duration: 5 * 12 * DefaultSecondsPerMonth}, "duration: 5y\n"},
		{doc{Duration: 1.23456}, "duration: 1.23456s\n"},
		{doc{Rate: 38}, "rate: 38/s\n"},
		{doc{Rate: 1.0 / 3}, "rate: 20/minute\n"},
		{doc{Fraction: 0.9995}, "fraction: 99.95%\n"},
		{doc{Factor: 2}, "factor: 2x\n"},
		{doc{Flow: Flow{Count: 1e8, Per: "month"}}, "flow: 100M/month\n"},
		{doc{Flow: Flow{Count: 123456789, Per: "day"}}, "flow: 123456789/day\n"},
		{doc{}, "{}\n"},
	}
	for _, tt := range tests {
		b, err := yaml.Marshal(tt.in)
		if err != nil {
			t.Fatalf("%+v: %v", tt.in, err)
		}
		if got := string(b); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.in, got, tt.want)
		}
		var back doc
		if err := yaml.Unmarshal(b, &back); err != nil {
			t.Fatalf("%s: %v", b, err)
		}
		if back != tt.in {
			t.Errorf("round trip of %+v gave %+v", tt.in, back)
		}
	}
}

func TestShortDuration(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0.25, "250ms"},
		{1.2, "1.2s"},
		{300, "5m"},
		{90 * 86400, "90d"},
		{14 * 86400, "2w"},
		{5 * 12 * DefaultSecondsPerMonth, "5y"},
		{DefaultSecondsPerMonth, "1mo"},
		{1.23456, "1.23456s"},
		{0, "0s"},
	}
	for _, tt := range tests {
		if got := ShortDuration(tt.in); got != tt.want {
			t.Errorf("ShortDuration(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
