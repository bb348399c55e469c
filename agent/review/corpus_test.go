package review

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// corpusCase is a corpus document's front matter: its style, the findings
// a reviewer must report and the ones it must not.
type corpusCase struct {
	Style  string   `yaml:"style"`
	Report []string `yaml:"report"`
	Not    []string `yaml:"not"`
}

// TestCorpus reviews every document of testdata/corpus, each written with
// planted mistakes, and measures the review against what a reviewer must
// report. A finding outside the checklist (an anti-pattern, a wrong
// figure, a contradiction, a missing core mechanism) that the document
// does not list is a false positive, and so is any finding it lists
// under "not"; a listed finding not raised is a miss. Precision and
// recall must both stay at 90% or above.
func TestCorpus(t *testing.T) {
	paths, err := filepath.Glob("testdata/corpus/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 30 {
		t.Fatalf("the corpus has %d documents, want at least 30", len(paths))
	}
	styles := map[string]int{}
	var tp, fp, fn int
	for _, p := range paths {
		doc, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := readCorpusCase(t, p, doc)
		styles[c.Style]++
		got := map[string]bool{}
		for _, f := range Review(doc, filepath.Base(p)).Findings {
			got[f.ID] = f.Category != checklistCat || slices.Contains(c.Report, f.ID) || slices.Contains(c.Not, f.ID)
		}
		for _, id := range c.Report {
			if got[id] {
				tp++
			} else {
				fn++
				t.Logf("%s: missed %s", p, id)
			}
		}
		for id, counts := range got {
			if counts && !slices.Contains(c.Report, id) {
				fp++
				t.Logf("%s: false positive %s", p, id)
			}
		}
	}
	for _, s := range []string{"terse team wiki page", "RFC", "interview answer"} {
		if styles[s] < 3 {
			t.Errorf("%d documents in the style of a %s, want at least 3", styles[s], s)
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("corpus: %d documents, %d found, %d false positives, %d missed: precision %.1f%%, recall %.1f%%", len(paths), tp, fp, fn, 100*precision, 100*recall)
	if precision < 0.9 || recall < 0.9 {
		t.Errorf("precision %.1f%%, recall %.1f%%: both must be at least 90%%", 100*precision, 100*recall)
	}
}

func readCorpusCase(t *testing.T, path string, doc []byte) corpusCase {
	t.Helper()
	parts := bytes.SplitN(doc, []byte("---\n"), 3)
	if len(parts) != 3 || len(parts[0]) != 0 {
		t.Fatalf("%s: no front matter", path)
	}
	var c corpusCase
	dec := yaml.NewDecoder(bytes.NewReader(parts[1]))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if c.Style == "" {
		t.Fatalf("%s: no style", path)
	}
	return c
}
