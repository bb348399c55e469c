package design

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
)

// TestRenderEveryArchetype renders each archetype of the catalogue and
// checks that its components, failures and decisions all reach the page.
func TestRenderEveryArchetype(t *testing.T) {
	for _, a := range patterns.All() {
		md, err := RenderArchetype(a)
		if err != nil {
			t.Fatalf("%s: %v", a.ID, err)
		}
		for _, want := range append([]string{a.Name, "## Components", "## Failure Scenarios", "## Decisions"}, a.Components[0].Technology) {
			if !strings.Contains(string(md), cell(want)) {
				t.Errorf("%s: rendering lacks %q", a.ID, want)
			}
		}
	}
	list, err := QueryPatterns(PatternQuery{Action: "list"})
	if err != nil || len(list.Archetypes) != len(patterns.All()) {
		t.Fatalf("list: %v, %d archetypes", err, len(list.Archetypes))
	}
	if md := RenderCatalogue(list.Archetypes); !strings.Contains(string(md), "| leaderboard |") {
		t.Errorf("catalogue lacks leaderboard:\n%s", md)
	}
}

func TestQueryPatterns(t *testing.T) {
	if _, err := QueryPatterns(PatternQuery{Action: "get", ID: "nope"}); err == nil || !strings.Contains(err.Error(), "action list") {
		t.Errorf("get nope: %v, want an error that points to list", err)
	}
	if _, err := QueryPatterns(PatternQuery{Action: "dance"}); err == nil {
		t.Error("unknown action accepted")
	}
	if _, err := QueryPatterns(PatternQuery{Action: "match"}); err == nil {
		t.Error("match without requirements accepted")
	}
}
