package review

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGeneratedDesignsPass reviews every design the engine generated in
// examples/: a sysarch design must pass its own review.
func TestGeneratedDesignsPass(t *testing.T) {
	docs, err := filepath.Glob("../../examples/*.design.md")
	if err != nil || len(docs) < 6 {
		t.Fatalf("found %d example designs (%v)", len(docs), err)
	}
	for _, path := range docs {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r := Review(data, filepath.Base(path))
		if r.Failed() {
			t.Errorf("%s fails its review: %+v", path, r.Findings)
		}
		for _, f := range r.Findings {
			if f.Severity == "medium" {
				t.Errorf("%s: medium finding %s: %s", path, f.ID, f.Detail)
			}
		}
	}
}
