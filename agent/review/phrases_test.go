package review

import (
	"slices"
	"testing"
)

// TestPhraseRules runs every wording case of data/antipatterns.yaml as a
// one-paragraph design: a "report" case must raise the rule's finding, a
// "pass" case must not. Rules raised by the Go code keep their cases in
// the same file, so every anti-pattern's wording is tested here.
func TestPhraseRules(t *testing.T) {
	rs, err := loadPhraseRules(antipatternsYAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if len(r.Cases.Report) == 0 || len(r.Cases.Pass) == 0 {
			t.Errorf("%s: every rule needs cases it reports and cases it passes", r.ID)
		}
		for _, c := range r.Cases.Report {
			if ids := findingIDs(c); !slices.Contains(ids, r.ID) {
				t.Errorf("%s not raised by %q (got %v)", r.ID, c, ids)
			}
		}
		for _, c := range r.Cases.Pass {
			if ids := findingIDs(c); slices.Contains(ids, r.ID) {
				t.Errorf("%s raised by %q", r.ID, c)
			}
		}
	}
}

func findingIDs(text string) []string {
	r := Review([]byte("# Design\n\n"+text+"\n"), "case.md")
	var ids []string
	for _, f := range r.Findings {
		ids = append(ids, f.ID)
	}
	return ids
}

// TestSearchIndexIsNotADatabaseIndex: "indexed into an Elasticsearch
// cluster" does not meet "queries indexed".
func TestSearchIndexIsNotADatabaseIndex(t *testing.T) {
	for doc, want := range map[string]bool{
		"# Notes\n\nNotes are stored in PostgreSQL and indexed into an Elasticsearch cluster for faceted search.\n": false,
		"# Notes\n\nNotes are stored in PostgreSQL with an index on (user_id, created_at).\n":                       true,
	} {
		r := Review([]byte(doc), "doc.md")
		for _, c := range r.Checklist {
			if c.ID == "indexes" && c.OK != want {
				t.Errorf("%q: indexes met = %v, want %v (%s)", doc, c.OK, want, c.Evidence)
			}
		}
	}
}
