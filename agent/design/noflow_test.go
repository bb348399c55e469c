package design

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// A design with no workload has no flow to number, and its Data Flow
// still shows the parts and their links rather than an empty section.
func TestNoWorkloadStillDrawsTheParts(t *testing.T) {
	text := "---\ntitle: Seed viability log\nsummary: Record germination trials of stored seed lots and list the lots to regrow.\nfunctional:\n  - record a trial with seeds sown and seeds germinated\n  - export the list of lots below 85% viability every night\n---\n"
	_, d, err := FromText([]byte(text), "seed.md", Options{Now: func() time.Time { return goldenDate }})
	if err != nil {
		t.Fatal(err)
	}
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(md)
	start := strings.Index(doc, "### Data Flow")
	if start < 0 {
		t.Fatal("no Data Flow section")
	}
	section := doc[start:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	if len(d.DataFlow.Steps) != 0 {
		t.Fatalf("the ask now has %d flows; this test wants none", len(d.DataFlow.Steps))
	}
	if !strings.Contains(section, "```mermaid") || !strings.Contains(section, "no flow runs through the parts") {
		t.Errorf("Data Flow without flows shows neither the diagram nor why:\n%s", section)
	}
}

// A write whose noun is hyphenated ("record cross-match") keeps its word
// in the state row an archetype renames: the check reads the noun into
// words as it reads the row's name.
func TestHyphenatedRecordsKeepTheirWord(t *testing.T) {
	text := "---\ntitle: Blood unit issue\nsummary: Issue blood units to patients after a cross-match; no unit may ever be issued to two patients.\nfunctional:\n  - record each cross-match of a unit against a patient sample\n  - never issue the same unit twice\nworkloads:\n  - {name: record cross-match, kind: write, rate: 5k/day, item_size: 1KB}\n  - {name: look up unit, kind: read, rate: 40k/day}\n---\n"
	_, d, err := FromText([]byte(text), "units.md", Options{Now: func() time.Time { return goldenDate }})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range d.State {
		if slices.Contains(s.Workloads, "record cross-match") {
			return
		}
	}
	t.Errorf("no state row keeps the records of \"record cross-match\": %+v", d.State)
}
