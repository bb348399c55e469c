package quantity

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// scanned lists each mention as "text=kind value [noun]".
func scanned(text string) []string {
	var out []string
	for _, m := range Scan(text) {
		s := fmt.Sprintf("%s=%v %s", m.Text, m.Value.Kind, Format(m.Value))
		if f, ok := m.Flow(); ok {
			s += " " + f.String()
		}
		if m.Noun != "" {
			s += " [" + m.Noun + "]"
		}
		out = append(out, s)
	}
	return out
}

func TestScan(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"100 million new short links per month and about 10 billion redirects per month",
			[]string{"100 million new short links per month=rate 38.03/s 100M/month [new short links]",
				"10 billion redirects per month=rate 3.8k/s 10B/month [redirects]"}},
		{"We see 40 read requests per second and 1,600 write requests per second.",
			[]string{"40 read requests per second=rate 40/s 40/second [read requests]",
				"1,600 write requests per second=rate 1.6k/s 1.6k/second [write requests]"}},
		{"Egress peaks at 400,000 B/s; Kafka at a peak of 200/s.",
			[]string{"400,000 B/s=byte rate 400 KB/s", "200/s=rate 200/s 200/second"}},
		{"The API serves 1,200 rps with p99 under 250ms.",
			[]string{"1,200 rps=rate 1.2k/s 1.2k/second", "250ms=duration 250ms"}},
		{"5 million/day, 5M per day, 4B/month, 2 Gbit/s, 2GiB, 1.27KB, 3y, 99.9%",
			[]string{"5 million/day=rate 57.87/s 5M/day", "5M per day=rate 57.87/s 5M/day", "4B/month=rate 1.52k/s 4B/month",
				"2 Gbit/s=byte rate 250 MB/s", "2GiB=size 2.15 GB", "1.27KB=size 1.27 KB", "3y=duration 3y", "99.9%=percentage 99.9%"}},
		{"5k requests/min and 2M messages per hour", []string{"5k requests/min=rate 83.33/s 5k/minute [requests]", "2M messages per hour=rate 555.56/s 2M/hour [messages]"}},
		{"2.5 million seconds per month", []string{"2.5 million seconds per month=rate 57.04/minute 2.5M/month [seconds]"}},
		{"It costs $50,000/month and €20/day, v1.2.3 ships", nil},
		{"Released 2024-05-01, v1.2, costs $2000/month, 12.7 GB per month", []string{"2024=number 2,024", "12.7 GB per month=byte rate 4.83 KB/s"}},
		{"no figures here", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, scanned(tt.text)); diff != "" {
			t.Errorf("Scan(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestScanOffsets(t *testing.T) {
	text := "Ⱥ 5 million/day"
	for _, m := range Scan(text) {
		if text[m.Start:m.End] != m.Text {
			t.Errorf("offsets %d:%d give %q, want %q", m.Start, m.End, text[m.Start:m.End], m.Text)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{"100 million new short links per month", "40 B/s", "ȺȺȺ per 0", "1 request per second = 2.5 million requests per month"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range Scan(s) {
			if m.Start < 0 || m.End > len(s) || s[m.Start:m.End] != m.Text {
				t.Fatalf("bad offsets %d:%d in %q", m.Start, m.End, s)
			}
			if _, err := Parse(Canonical(m.Value)); err != nil {
				t.Fatalf("mention %q does not round-trip: %v", m.Text, err)
			}
		}
	})
}

func BenchmarkScan(b *testing.B) {
	line := "Peak traffic is 10 billion redirects per month and 100 million new short links per month; links are 500 bytes, kept 5 years, p99 under 50ms. "
	text := strings.Repeat(line+"\n", 300)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(text)
	}
}
