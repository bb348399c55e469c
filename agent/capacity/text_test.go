package capacity

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestResultText(t *testing.T) {
	tests := []struct {
		tool, args string
		want       []string
	}{
		{"throughput", `{"count": "5 million/day"}`, []string{"per_second", "57.87/s", "formula: "}},
		{"throughput", `{"count": "10 billion per month"}`, []string{"3,802.65/s"}},
		{"storage", `{"item_bytes": "500B", "count": "1M", "retention": "90d"}`, []string{"total_bytes", "GB"}},
		{"concurrency", `{"rate_per_second": 20, "latency": "1.157s"}`, []string{"in_flight", "23.14"}},
	}
	for _, tt := range tests {
		tool, ok := Default().Get(tt.tool)
		if !ok {
			t.Fatalf("no tool %s", tt.tool)
		}
		res, err := tool.Run(json.RawMessage(tt.args))
		if err != nil {
			t.Fatalf("%s %s: %v", tt.tool, tt.args, err)
		}
		text := res.Text()
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s %s: Text() = %q, want it to contain %q", tt.tool, tt.args, text, w)
			}
		}
		if strings.Contains(text, "e+") || strings.Contains(text, "e-0") {
			t.Errorf("%s: Text() has an exponent: %q", tt.tool, text)
		}
	}
}

func TestByteRateIsNotACount(t *testing.T) {
	tool, _ := Default().Get("throughput")
	for _, in := range []string{"40 B/s", "400 KB/s", "2 Gbit/s"} {
		_, err := tool.Run(json.RawMessage(`{"count": "` + in + `"}`))
		if err == nil || !strings.Contains(err.Error(), "byte rate") {
			t.Errorf("throughput count %q: %v, want a byte-rate refusal", in, err)
		}
	}
}
