package capacity

import (
	"encoding/json"
	"math"
	"os"
	"testing"
)

// TestPrimerFigures reproduces the system-design-primer's published
// figures through the tools, with the primer's conventions.
func TestPrimerFigures(t *testing.T) {
	data, err := os.ReadFile("testdata/primer.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			ID        string          `json:"id"`
			Tool      string          `json:"tool"`
			Args      json.RawMessage `json:"args"`
			Output    string          `json:"output"`
			Expected  float64         `json:"expected"`
			Tolerance float64         `json:"tolerance"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 15 {
		t.Fatalf("only %d primer cases", len(file.Cases))
	}
	for _, c := range file.Cases {
		t.Run(c.ID, func(t *testing.T) {
			r, err := Default().Call(c.Tool, c.Args)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := r.Outputs[c.Output].(float64)
			if !ok {
				t.Fatalf("output %q missing from %v", c.Output, r.Outputs)
			}
			tol := math.Max(c.Tolerance, 1e-9)
			if math.Abs(got-c.Expected) > tol*c.Expected {
				t.Errorf("%s = %g, want %g (±%g%%); formula: %s", c.Output, got, c.Expected, c.Tolerance*100, r.Formula)
			}
		})
	}
}
