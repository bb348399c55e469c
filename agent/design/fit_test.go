package design

import (
	"strconv"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
)

// conditionalParts are the archetype's components that carry a
// needed_when condition.
func conditionalParts(a *patterns.Archetype) []string {
	var out []string
	for _, c := range a.Components {
		if c.NeededWhen != nil {
			out = append(out, c.Name)
		}
	}
	return out
}

// TestSmallAskLeavesConditionalPartsOut builds, for every archetype with
// parts the load may not need, a small ask from one of its own match
// cases (one that states none of the parts' evidence) at a few requests a
// second: the archetype is recognised, every conditional part is left out
// with one line in its Patterns entry, and neither the model nor any
// other line of the document names it.
func TestSmallAskLeavesConditionalPartsOut(t *testing.T) {
	n := 0
	for _, a := range patterns.All() {
		parts := conditionalParts(a)
		if len(parts) == 0 {
			continue
		}
		n++
		t.Run(a.ID, func(t *testing.T) {
			ask := ""
			for _, c := range a.Cases.Match {
				if _, left := a.Fit(patterns.Load{Text: c}); len(left) == len(parts) {
					ask = c
					break
				}
			}
			if ask == "" {
				t.Skipf("every match case of %s states the evidence of a conditional part", a.ID)
			}
			text := "---\ntitle: " + strconv.Quote(ask) + "\nsummary: " + strconv.Quote(ask) + "\npatterns: [" + a.ID + "]\nworkloads:\n" +
				"  - {name: save record, kind: write, rate: 2/second, item_size: 1KB, retention: 1y}\n" +
				"  - {name: look up record, kind: read, rate: 20/second}\n" +
				"  - {name: find record, kind: search, rate: 2/second}\n" +
				"  - {name: record event, kind: event, rate: 5/second, item_size: 200B}\n" +
				"users: {total: 2000}\n---\n"
			_, d, err := FromText([]byte(text), "req.md", Options{})
			if err != nil {
				t.Fatal(err)
			}
			var use *PatternUse
			for i := range d.Patterns {
				if d.Patterns[i].ID == a.ID {
					use = &d.Patterns[i]
				}
			}
			if use == nil {
				t.Fatalf("%s is not in the design", a.ID)
			}
			md, err := RenderMarkdown(d)
			if err != nil {
				t.Fatal(err)
			}
			var rest []string
			for _, line := range strings.Split(string(md), "\n") {
				if !strings.Contains(line, ": left out — ") {
					rest = append(rest, line)
				}
			}
			doc := strings.ToLower(strings.Join(rest, "\n"))
			for _, p := range parts {
				if !containsPrefix(use.LeftOut, p+": left out — ") {
					t.Errorf("%s: no line says %q is left out; left out: %q", a.ID, p, use.LeftOut)
				}
				if _, ok := modelPart(d, p); ok {
					t.Errorf("%s: %q is in the model of a %q ask at a few requests a second", a.ID, p, ask)
				}
				if strings.Contains(doc, strings.ToLower(p)) {
					t.Errorf("%s: the document names %q outside its left-out line", a.ID, p)
				}
			}
			if errs := d.Check(); len(errs) > 0 {
				t.Errorf("the check refuses the fitted design: %v", errs)
			}
		})
	}
	if n == 0 {
		t.Fatal("no archetype has a conditional part")
	}
}

func containsPrefix(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

// TestOnSaleKeepsTheWaitingRoom: the ticket-booking example states its
// on-sales and a peak factor of 20, so its waiting room, availability
// cache and hold sweeper stay, drawn in the model; the same ask with the
// on-sale removed and its rates cut to a clinic's leaves all three out.
func TestOnSaleKeepsTheWaitingRoom(t *testing.T) {
	d := buildExample(t, "../../examples/ticket-booking.md")
	for _, p := range []string{"Waiting room", "Availability cache", "Hold sweeper"} {
		if _, ok := modelPart(d, p); !ok {
			t.Errorf("the ticket-booking example lost its %s", p)
		}
	}
	for _, u := range d.Patterns {
		if len(u.LeftOut) > 0 {
			t.Errorf("%s leaves out %q at an on-sale", u.ID, u.LeftOut)
		}
	}
	small := []byte("---\ntitle: Appointment booking for a vet clinic\nsummary: owners book a slot with a vet; no double booking.\n" +
		"workloads:\n  - {name: search free slots, kind: read, rate: 40/second}\n  - {name: book appointment, kind: write, rate: 3/second}\n---\n")
	_, s, err := FromText(small, "req.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"Waiting room", "Availability cache", "Hold sweeper"} {
		if _, ok := modelPart(s, p); ok {
			t.Errorf("a clinic at 3 bookings/s has a %s", p)
		}
	}
}
