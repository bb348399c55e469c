package design

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// A design at another scale says so in its title and shows the rates it
// was computed from next to the rates as stated.
func TestWhatIfMarksTitleAndRates(t *testing.T) {
	req := requirements.Requirements{Title: "Links", Workloads: []requirements.Workload{
		{Name: "redirect", Kind: requirements.Read, Rate: quantity.Flow{Count: 10e9, Per: "month"}},
	}}
	for _, tt := range []struct {
		scale     float64
		title     string
		rate, not string
	}{
		{0, "# System Design: Links\n", "| 10B/month |", "what-if"},
		{1, "# System Design: Links\n", "| 10B/month |", "what-if"},
		{10, "# System Design: Links (what-if: ×10)\n", "| 100B/month (×10 of 10B/month) |", "| 10B/month |"},
		{0.5, "# System Design: Links (what-if: ×0.5)\n", "| 5B/month (×0.5 of 10B/month) |", "| 10B/month |"},
	} {
		d, err := Build(req, Options{Scale: tt.scale})
		if err != nil {
			t.Fatal(err)
		}
		md, err := RenderMarkdown(d)
		if err != nil {
			t.Fatal(err)
		}
		doc := string(md)
		if !strings.HasPrefix(doc, tt.title) {
			t.Errorf("scale %v: title %q, want %q", tt.scale, strings.SplitN(doc, "\n", 2)[0], tt.title)
		}
		if !strings.Contains(doc, tt.rate) || strings.Contains(doc, tt.not) {
			t.Errorf("scale %v: want %q and not %q in the requirements table:\n%s", tt.scale, tt.rate, tt.not, doc[:min(len(doc), 1500)])
		}
		if d.Title != "Links" {
			t.Errorf("scale %v: the JSON title changed to %q", tt.scale, d.Title)
		}
	}
}
