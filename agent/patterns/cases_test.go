package patterns

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// minCases is how many asks each archetype must match, and how many it
// must not, in its cases: block.
const minCases = 5

// caseInput reads a short ask as requirements: its first sentence is the
// title, each further sentence a functional line.
func caseInput(ask string) Input {
	var parts []string
	for _, s := range strings.Split(strings.ReplaceAll(ask, "; ", ". "), ". ") {
		if s = strings.TrimSpace(strings.TrimSuffix(s, ".")); s != "" {
			parts = append(parts, s)
		}
	}
	if len(parts) == 0 {
		return Input{}
	}
	return Input{Title: parts[0], Functional: parts[1:]}
}

// decision finds one archetype's verdict on an ask, matched or not.
func decision(in Input, id string) (m Match, matched bool) {
	r := Recognize(in)
	if i := slices.IndexFunc(r.Matches, func(m Match) bool { return m.Archetype.ID == id }); i >= 0 {
		return r.Matches[i], true
	}
	for _, m := range judgeAll(in) {
		if m.Archetype.ID == id {
			return m, false
		}
	}
	return Match{Score: 0, Margin: -Threshold}, false
}

// safe says whether a decision stands at least CaseMargin from the
// threshold: one more or one fewer word would not flip it. A decision
// the margin does not make is safe whatever the margin: a strong phrase,
// a not: phrase, or generic words only (no defining phrase), which no
// nudge of a weight can turn into a match.
func safe(m Match) bool {
	return m.Named || m.Vetoed != "" || !m.Defined && !m.Merged() || m.Margin >= CaseMargin || m.Margin <= -CaseMargin
}

func verdictText(m Match) string {
	switch {
	case m.Named:
		return "named"
	case m.Vetoed != "":
		return "not: " + m.Vetoed
	case !m.Defined && m.Margin >= 0:
		return fmt.Sprintf("generic %+.2f", m.Margin)
	}
	return fmt.Sprintf("margin %+.2f", m.Margin)
}

// TestArchetypeCases runs every archetype's match cases and prints each
// decision with its margin from the threshold (go test -v).
func TestArchetypeCases(t *testing.T) {
	for _, a := range All() {
		t.Run(a.ID, func(t *testing.T) {
			if len(a.Cases.Match) < minCases || len(a.Cases.NotMatch) < minCases {
				t.Fatalf("%d match and %d not_match cases; every archetype needs at least %d of each", len(a.Cases.Match), len(a.Cases.NotMatch), minCases)
			}
			for _, ask := range a.Cases.Match {
				checkCase(t, a.ID, ask, true)
			}
			for _, ask := range a.Cases.NotMatch {
				checkCase(t, a.ID, ask, false)
			}
		})
	}
}

func checkCase(t *testing.T, id, ask string, want bool) {
	t.Helper()
	m, got := decision(caseInput(ask), id)
	t.Logf("%-5v %-12s %q", got, verdictText(m), ask)
	switch {
	case got != want:
		t.Errorf("%q: matched %s = %v, want %v; evidence %v", ask, id, got, want, m.Evidence)
	case !safe(m):
		t.Errorf("%q: %s is decided within %.2f of the threshold (margin %+.2f); evidence %v", ask, id, CaseMargin, m.Margin, m.Evidence)
	}
}

// corpusAsk is one ask of testdata/corpus.yaml with every archetype it
// must get; an ask with none is a system the catalogue does not cover.
type corpusAsk struct {
	Ask  string   `yaml:"ask"`
	Want []string `yaml:"want"`
	// Near lists archetypes the ask must name as possibly relevant
	// without merging them.
	Near []string `yaml:"near"`
}

// TestCorpus runs the asks of testdata/corpus.yaml: each must get exactly
// the archetypes it lists, every decision at least CaseMargin from the
// threshold. Asks the catalogue does not cover must pull nothing in.
func TestCorpus(t *testing.T) {
	b, err := os.ReadFile("testdata/corpus.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var asks []corpusAsk
	if err := yaml.Unmarshal(b, &asks); err != nil {
		t.Fatal(err)
	}
	uncovered, total := 0, len(asks)
	for _, a := range All() {
		total += len(a.Cases.Match) + len(a.Cases.NotMatch)
	}
	for _, c := range asks {
		if len(c.Want) == 0 && len(c.Near) == 0 {
			uncovered++
		}
		var near []string
		for _, m := range Recognize(caseInput(c.Ask)).Near {
			near = append(near, m.Archetype.ID)
		}
		for _, id := range c.Near {
			if !slices.Contains(near, id) {
				t.Errorf("%q: %s is not among the near misses %v", c.Ask, id, near)
			}
		}
		for _, id := range IDs() {
			m, got := decision(caseInput(c.Ask), id)
			want := slices.Contains(c.Want, id)
			if got || want {
				t.Logf("%-5v %-20s %-12s %q", got, id, verdictText(m), c.Ask)
			}
			switch {
			case got != want:
				t.Errorf("%q: matched %s = %v, want %v; evidence %v", c.Ask, id, got, want, m.Evidence)
			case !safe(m):
				t.Errorf("%q: %s is decided within %.2f of the threshold (margin %+.2f); evidence %v", c.Ask, id, CaseMargin, m.Margin, m.Evidence)
			}
		}
	}
	t.Logf("%d asks in all (%d in the corpus, %d of them outside the catalogue)", total, len(asks), uncovered)
	if total < 150 || uncovered < 60 {
		t.Errorf("the corpus needs at least 150 asks, 60 outside the catalogue; has %d and %d", total, uncovered)
	}
}

// TestSafeRefusesCloseDecisions checks that the case tests fail a
// decision within CaseMargin of the threshold: a defining phrase and a
// light generic one ("keyword", "ranking") reach it exactly.
func TestSafeRefusesCloseDecisions(t *testing.T) {
	m, got := decision(caseInput("a keyword index with ranking"), "full-text-search")
	if got || !m.Defined || m.Margin != 0 {
		t.Fatalf("matched %v, defined %v, margin %+.2f; want defining evidence exactly at the threshold, not merged: low confidence (evidence %v)", got, m.Defined, m.Margin, m.Evidence)
	}
	if safe(m) {
		t.Errorf("a decision at margin %+.2f is taken as safe; the case tests would not catch it", m.Margin)
	}
	for _, margin := range []float64{CaseMargin - 0.25, -CaseMargin + 0.25} {
		if safe(Match{Margin: margin, Defined: true}) {
			t.Errorf("margin %+.2f is taken as safe", margin)
		}
	}
	// Generic words only, at the threshold: decided by the rule that
	// they never suffice, not by the margin.
	if !safe(Match{Margin: 0}) {
		t.Error("a generic-only decision at the threshold is not taken as safe")
	}
}
