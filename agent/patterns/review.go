package patterns

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/phrase"
	"go.yaml.in/yaml/v3"
)

// ArchetypeReview is what a design of the archetype must say, read from
// the archetype's review block: sysarch review checks each item in a
// document it recognises as this archetype.
type ArchetypeReview struct {
	// Name is how a review calls a design of the archetype: "news feed".
	Name string `yaml:"name" json:"name"`
	// Strong are phrases beyond recognise.strong that name the archetype
	// in a design document's title or opening ("tweet" for a news feed).
	Strong []string `yaml:"strong,omitempty" json:"strong,omitempty"`
	// MustSay lists the core mechanisms and the failure handling.
	MustSay []MustSay `yaml:"must_say" json:"must_say"`

	// strong is recognise.strong and Strong as the review reads them,
	// built with the catalogue (catalogueSets).
	strong *phrase.PrefixSet
}

// StrongSet returns the phrases that name the archetype in a design
// document, recognise.strong's and the block's own, as a phrase.PrefixSet
// built with the catalogue.
func (r *ArchetypeReview) StrongSet() *phrase.PrefixSet { return r.strong }

// MustSay is one thing a design of the archetype must deal with.
type MustSay struct {
	Name string `yaml:"name" json:"name"`
	// Question is what a design that never says it leaves open, written
	// to follow "never says": "how accounts with millions of followers
	// are fanned out".
	Question string `yaml:"question" json:"question"`
	// Any are the phrasings that show a document deals with it, each a
	// word prefix when longer than four letters, a whole word otherwise.
	Any []string `yaml:"any" json:"any"`

	// set is Any as the review reads them (catalogueSets).
	set *phrase.PrefixSet
}

// Set returns Any as a phrase.PrefixSet, built with the catalogue.
func (m *MustSay) Set() *phrase.PrefixSet { return m.set }

// catalogueSets builds the phrase sets an archetype's phrases are read
// by, outside recognition: its review block's and its parts' evidence of
// need. The generated catalogue holds them, so that no process splits the
// phrases into words.
func catalogueSets(a *Archetype) {
	for i := range a.Components {
		if n := a.Components[i].NeededWhen; n != nil && len(n.Evidence) > 0 {
			n.evidence = phrase.NewSet(n.Evidence)
		}
	}
	r := a.Review
	if r == nil {
		return
	}
	r.strong = phrase.NewPrefixSet(append(slices.Clone(a.Recognise.Strong), r.Strong...))
	for i := range r.MustSay {
		r.MustSay[i].set = phrase.NewPrefixSet(r.MustSay[i].Any)
	}
}

var (
	reviewKeys  = []string{"name", "strong", "must_say"}
	mustSayKeys = []string{"name", "question", "any"}
)

// UnmarshalYAML reads a review block strictly (a nested decoder does not
// inherit the file's strict mode) and checks that every item is complete.
func (r *ArchetypeReview) UnmarshalYAML(n *yaml.Node) error {
	if err := knownKeys(n, "review", reviewKeys); err != nil {
		return err
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value != "must_say" {
			continue
		}
		for _, item := range n.Content[i+1].Content {
			if err := knownKeys(item, "must_say", mustSayKeys); err != nil {
				return err
			}
		}
	}
	type plain ArchetypeReview
	if err := n.Decode((*plain)(r)); err != nil {
		return err
	}
	if r.Name == "" || len(r.MustSay) == 0 {
		return fmt.Errorf("line %d: review needs a name and must_say items", n.Line)
	}
	for _, m := range r.MustSay {
		if m.Name == "" || m.Question == "" || len(m.Any) == 0 {
			return fmt.Errorf("line %d: every must_say item needs a name, a question and phrasings (any)", n.Line)
		}
	}
	return nil
}

// knownKeys checks that n is a mapping whose keys are all among keys: a
// block that decodes itself checks its own keys, since a nested decoder
// does not inherit the file's strict mode.
func knownKeys(n *yaml.Node, what string, keys []string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: %s must be a mapping", n.Line, what)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; !slices.Contains(keys, k.Value) {
			return fmt.Errorf("line %d: field %s not found in %s; accepted: %s", k.Line, k.Value, what, strings.Join(keys, ", "))
		}
	}
	return nil
}
