package patterns

import (
	"strings"
	"testing"
)

func TestFunctionalMappingParses(t *testing.T) {
	m := Functional()
	seen := map[string]bool{}
	for _, im := range m.Implications {
		if seen[im.ID] {
			t.Errorf("implication %q appears twice", im.ID)
		}
		seen[im.ID] = true
	}
	for _, mech := range ImplicationMechanisms {
		found := false
		for _, im := range m.Implications {
			found = found || im.Mechanism == mech
		}
		if !found {
			t.Errorf("no implication places the mechanism %q", mech)
		}
	}
	if !strings.Contains(m.Unplaced, "{line}") {
		t.Errorf("the unplaced question %q does not name the line", m.Unplaced)
	}
}

func TestImplicationMatches(t *testing.T) {
	find := func(id string) *Implication {
		m := Functional()
		for i := range m.Implications {
			if m.Implications[i].ID == id {
				return &m.Implications[i]
			}
		}
		t.Fatalf("no implication %q", id)
		return nil
	}
	tests := []struct {
		id, line string
		want     bool
	}{
		{"lookup", "Look up orders by number", true},
		{"lookup", "lookups by email", true},
		{"audit-history", "record who changed what", true},
		{"geo", "match the nearest available driver", true},
		{"geo", "a nearly empty page", false},
		{"push", "show positions live on a map", true},
		{"push", "deliver by push and email", false},
		{"push", "delivery", false},
		{"uniqueness", "no double booking of a seat", true},
		{"files", "upload a photo", true},
		{"files", "profile", false},
	}
	for _, tt := range tests {
		if got := find(tt.id).Matches(tt.line); got != tt.want {
			t.Errorf("%s.Matches(%q) = %v, want %v", tt.id, tt.line, got, tt.want)
		}
	}
}

func TestParseFunctionalRejects(t *testing.T) {
	for _, tt := range []struct{ yaml, want string }{
		{"implications:\n  - id: x\n    mechanism: teleport\n    words: [a]\n", `unknown mechanism "teleport"`},
		{"implications:\n  - id: x\n    mechanism: index\n", "x: no words"},
		{"implications:\n  - id: x\n    mechanism: index\n    wrods: [a]\n", "field wrods not found"},
	} {
		_, err := ParseFunctional([]byte(tt.yaml))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseFunctional(%q) = %v, want an error with %q", tt.yaml, err, tt.want)
		}
	}
}
