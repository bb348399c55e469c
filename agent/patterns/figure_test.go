package patterns

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/capacity"
)

// sampleRef stands in for the engine: plausible figures for every
// workload reference, and each parameter's default.
func sampleRef(a *Archetype) func(string) (float64, bool) {
	return func(ref string) (float64, bool) {
		if name, ok := strings.CutPrefix(ref, "$param."); ok {
			for _, p := range a.Parameters {
				if p.Name == name {
					v, err := p.Value()
					return v, err == nil
				}
			}
			return 0, false
		}
		head, _, _ := strings.Cut(ref, ".")
		return map[string]float64{"$peak": 2000, "$avg": 1000, "$stored": 1e12, "$item": 1000, "$dau": 1e6, "$online": 3e5}[head], true
	}
}

// TestFiguresRunOnTheRegistry runs every figure through the real capacity
// tool with sample references: tool names, input names and literals must
// all be accepted, and the named outputs must exist.
func TestFiguresRunOnTheRegistry(t *testing.T) {
	reg := capacity.Default()
	for _, a := range All() {
		for _, f := range a.Figures {
			t.Run(a.ID+"/"+f.Label, func(t *testing.T) {
				args, missing := f.Args(sampleRef(a))
				if len(missing) > 0 {
					t.Fatalf("unresolved references %v", missing)
				}
				raw, err := json.Marshal(args)
				if err != nil {
					t.Fatal(err)
				}
				res, err := reg.Call(f.Tool, raw)
				if err != nil {
					t.Fatalf("%s %s: %v", f.Tool, raw, err)
				}
				for _, out := range f.Outputs {
					if _, ok := res.Outputs[out]; !ok {
						t.Errorf("%s has no output %q; it has %v", f.Tool, out, keys(res.Outputs))
					}
				}
			})
		}
	}
}

func keys(m map[string]any) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestArgs(t *testing.T) {
	f := Figure{Tool: "throughput", Inputs: Inputs{
		{"count", "$avg.write"}, {"peak_factor", "2"}, {"per", "second"}, {"seconds_per_month", "$peak.job"}, {"users", "$param.followers"},
	}}
	lookup := func(ref string) (float64, bool) {
		v, ok := map[string]float64{"$avg.write": 5787, "$param.followers": 200}[ref]
		return v, ok
	}
	args, missing := f.Args(lookup)
	want := map[string]any{"count": 5787.0, "per": "second", "users": 200.0, "peak_factor": "2"}
	if diff := cmp.Diff(want, args); diff != "" {
		t.Errorf("args (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"$peak.job"}, missing); diff != "" {
		t.Errorf("missing (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"$avg.write", "$param.followers", "$peak.job"}, f.Refs()); diff != "" {
		t.Errorf("refs (-want +got):\n%s", diff)
	}
}

func TestParameterValueReadsByUnit(t *testing.T) {
	tests := []struct {
		p    Parameter
		want float64
	}{
		{Parameter{Unit: "bytes per row", Default: "500B"}, 500},
		{Parameter{Unit: "players", Default: "1.5B"}, 1.5e9},
		{Parameter{Unit: "duration", Default: "10m"}, 600},
		{Parameter{Unit: "fraction", Default: "30%"}, 0.3},
	}
	for _, tt := range tests {
		got, err := tt.p.Value()
		if err != nil || got != tt.want {
			t.Errorf("%+v: Value() = %v, %v; want %v", tt.p, got, err, tt.want)
		}
	}
}
