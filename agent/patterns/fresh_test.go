package patterns

import (
	"os"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestFreshAsks runs asks written after recognition was finished, each as
// a requirements file states it (title, summary, functional lines): every
// archetype each wants is merged, and no other.
func TestFreshAsks(t *testing.T) {
	b, err := os.ReadFile("testdata/fresh-20261206.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var asks []struct {
		Title      string   `yaml:"title"`
		Summary    string   `yaml:"summary"`
		Functional []string `yaml:"functional"`
		Want       []string `yaml:"want"`
	}
	if err := yaml.Unmarshal(b, &asks); err != nil {
		t.Fatal(err)
	}
	if len(asks) < 21 {
		t.Fatalf("%d asks, want the 21 kept", len(asks))
	}
	for _, a := range asks {
		var got []string
		for _, m := range Recognize(Input{Title: a.Title, Summary: a.Summary, Functional: a.Functional}).Matches {
			got = append(got, m.Archetype.ID)
		}
		slices.Sort(got)
		want := slices.Clone(a.Want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q: merged %v, want %v", a.Title, got, want)
		}
	}
}
