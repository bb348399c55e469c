package review

import (
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
)

// TestEveryArchetypeMustSay checks every archetype of the catalogue: it
// has a review block, a design titled with its strong phrase that says
// nothing gets one finding per must-say item, and one that says one
// phrasing of each item gets none.
func TestEveryArchetypeMustSay(t *testing.T) {
	for _, a := range patterns.All() {
		if a.Review == nil {
			t.Errorf("%s has no review block: say what a design of it must say", a.ID)
			continue
		}
		title := "# " + a.Recognise.Strong[0] + "\n\n"
		r := Review([]byte(title+"The system is described below.\n"), a.ID+".md")
		if !slices.Contains(r.Archetypes, a.Review.Name) {
			t.Errorf("%s: a document titled %q is not recognised (got %v)", a.ID, a.Recognise.Strong[0], r.Archetypes)
			continue
		}
		if got := countCore(r, a.Review.Name); got != len(a.Review.MustSay) {
			t.Errorf("%s: %d core findings for an empty design, want %d", a.ID, got, len(a.Review.MustSay))
		}
		var said []string
		for _, m := range a.Review.MustSay {
			said = append(said, "It handles "+strings.TrimSuffix(m.Any[0], "*")+".")
		}
		r = Review([]byte(title+strings.Join(said, "\n\n")+"\n"), a.ID+".md")
		if got := countCore(r, a.Review.Name); got != 0 {
			t.Errorf("%s: %d core findings for a design that says each item", a.ID, got)
		}
	}
}

func countCore(r Report, name string) int {
	n := 0
	for _, f := range r.Findings {
		if f.ID == "archetype-core-missing" && strings.HasPrefix(strings.ToLower(f.Title), strings.ToLower(name)+" design") {
			n++
		}
	}
	return n
}

// TestArchetypeNotRecognisedInPassing: a component named like an
// archetype ("the Payment service" of a shop) does not make the document
// that archetype, so its mechanisms are not asked for.
func TestArchetypeNotRecognisedInPassing(t *testing.T) {
	doc := "# Shop\n\n## Summary\n\nThe shop is split into a storefront, a cart, orders and a payment service.\n\nOrders are stored in PostgreSQL.\n"
	r := Review([]byte(doc), "shop.md")
	if len(r.Archetypes) > 0 {
		t.Errorf("a shop recognised as %v", r.Archetypes)
	}
}

// TestArchetypeFitsTheAsk: a sysarch design built on an archetype its ask
// does not call for fails; one whose ask calls for it does not.
func TestArchetypeFitsTheAsk(t *testing.T) {
	doc := func(title, req string) string {
		return "# System Design: " + title + "\n\n## Patterns\n\n### Video upload, transcoding and streaming (`video-streaming`)\n\nUploads are transcoded into an HLS ladder and served from a CDN.\n\n## Requirements\n\n" + req + "\n"
	}
	for _, c := range []struct {
		title, req string
		unfit      bool
	}{
		{"Delivery tracker", "Couriers report each parcel's position every minute; customers see where their parcel is.", true},
		{"Course video platform", "Instructors upload lecture videos; students stream them on phones and laptops at adaptive bitrates.", false},
	} {
		r := Review([]byte(doc(c.title, c.req)), "d.md")
		got := false
		for _, f := range r.Findings {
			if f.ID == "archetype-unfit" {
				got = f.Severity == High
			}
		}
		if got != c.unfit {
			t.Errorf("%s: archetype-unfit %v, want %v", c.title, got, c.unfit)
		}
	}
}
