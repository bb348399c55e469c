package design

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestSizingAgainstPaperEstimates builds the requirement files of
// testdata/sizing, systems the engine was not tuned on, and holds each
// bottom-up total to within three times the estimate a principal engineer
// made on paper before running it (NAME.estimate.md, with the reasoning).
// An estimate file may instead carry an explanation of who is wrong; then
// the gap is reported, not failed.
func TestSizingAgainstPaperEstimates(t *testing.T) {
	files, _ := filepath.Glob("testdata/sizing/*.estimate.md")
	if len(files) < 10 {
		t.Fatalf("%d paper estimates, want ten", len(files))
	}
	for _, est := range files {
		name := strings.TrimSuffix(filepath.Base(est), ".estimate.md")
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(est)
			if err != nil {
				t.Fatal(err)
			}
			var e struct {
				EstimateUSD float64 `yaml:"estimate_usd"`
				Explanation string  `yaml:"explanation"`
			}
			parts := bytes.SplitN(text, []byte("---\n"), 3)
			if len(parts) < 3 || yaml.Unmarshal(parts[1], &e) != nil || e.EstimateUSD <= 0 {
				t.Fatalf("%s: no estimate_usd in its front matter", est)
			}
			d := buildExample(t, filepath.Join("testdata", "sizing", name+".md"))
			if d.CostSummary == nil {
				t.Fatal("no Cost Estimate")
			}
			got := d.CostSummary.TotalUSD
			t.Logf("$%.0f/month against a paper estimate of $%.0f (×%.2f)", got, e.EstimateUSD, got/e.EstimateUSD)
			if ratio := got / e.EstimateUSD; ratio > 3 || ratio < 1.0/3 {
				if e.Explanation == "" {
					t.Errorf("$%.0f/month against a paper estimate of $%.0f (×%.2f), with no explanation in %s", got, e.EstimateUSD, ratio, est)
				} else {
					t.Logf("$%.0f/month against $%.0f: %s", got, e.EstimateUSD, e.Explanation)
				}
			}
		})
	}
}
