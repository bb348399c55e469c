package capacity

import (
	"encoding/json"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"
)

// TestHitRatioAcceptsNumberAndPercent checks the schema a model is given:
// the optional hit ratio of the cache tool takes 0.9 and "90%" alike.
func TestHitRatioAcceptsNumberAndPercent(t *testing.T) {
	tool, ok := Default().Get("cache")
	if !ok {
		t.Fatal("no cache tool")
	}
	raw, _ := json.Marshal(tool.Schema())
	var s jsonschema.Schema
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	rs, err := s.Resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range []string{
		`{"items": 1000, "item_bytes": 100, "read_per_second": 100, "hit_ratio": 0.9}`,
		`{"items": 1000, "item_bytes": 100, "read_per_second": 100, "hit_ratio": "90%"}`,
	} {
		var v any
		json.Unmarshal([]byte(args), &v)
		if err := rs.Validate(v); err != nil {
			t.Errorf("schema refuses %s: %v", args, err)
			continue
		}
		if got := call(t, "cache", args).Outputs["backend_reads_per_second"]; got != 10.0 {
			t.Errorf("%s: backend reads = %v, want 10", args, got)
		}
	}
}
