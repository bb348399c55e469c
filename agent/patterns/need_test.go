package patterns

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
)

func partNames(a *Archetype) []string {
	var out []string
	for _, c := range a.Components {
		out = append(out, c.Name)
	}
	return out
}

// TestFitReservations fits the reservations archetype to a clinic's load,
// to an on-sale's and to asks that name or deny an on-sale.
func TestFitReservations(t *testing.T) {
	a, ok := Get("reservations")
	if !ok {
		t.Fatal("no reservations archetype")
	}
	small := Load{Peak: map[string]float64{"write": 6, "read": 80}, Text: "appointments at 60 vet clinics"}
	f, left := a.Fit(small)
	if got := partNames(f); !slices.Equal(got, []string{"Inventory database"}) {
		t.Errorf("a clinic keeps %v, want the inventory database alone", got)
	}
	if len(left) != 3 || !strings.HasPrefix(left[2].Line, "Waiting room: left out — 6/s of writes at peak") {
		t.Errorf("left out = %+v", left)
	}
	if strings.Contains(strings.ToLower(f.Mechanism), "waiting room") {
		t.Errorf("the mechanism still names the waiting room: %s", f.Mechanism)
	}
	for _, st := range f.Steps {
		if strings.Contains(strings.ToLower(st.Step), "waiting room") || strings.Contains(st.Step, "sweeper") || strings.Contains(st.Step, "availability cache") {
			t.Errorf("a step names a part left out: %q", st.Step)
		}
	}
	if !slices.Contains(f.DataFlow, "The customer picks a free seat, room or slot from the availability the inventory database returns.") {
		t.Errorf("the step's text without the waiting room is missing: %q", f.DataFlow)
	}
	for _, s := range f.State {
		if s.Store == "Waiting room" || s.Store == "Availability cache" || s.Part != "" {
			t.Errorf("state row %q stays without its part", s.Name)
		}
	}
	for _, ab := range f.Absorbs {
		if ab.To == "Waiting room" || ab.To == "Availability cache" {
			t.Errorf("a flow still goes to %s", ab.To)
		}
	}
	if len(f.Figures) != len(a.Figures)-1 {
		t.Errorf("figures %d, want the on-sale figure dropped from %d", len(f.Figures), len(a.Figures))
	}
	// The catalogue's own value is untouched.
	if len(a.Components) != 4 {
		t.Errorf("Fit changed the catalogue: %d components", len(a.Components))
	}

	onSale := Load{Peak: map[string]float64{"write": 6, "read": 80}, Text: "tickets for a festival; the on-sale opens at 10:00"}
	if f, left := onSale.fit(a); len(left) != 0 || !slices.Contains(partNames(f), "Waiting room") {
		t.Errorf("an on-sale at 6 writes/s: left out %+v", left)
	}
	denied := Load{Peak: map[string]float64{"write": 6}, Text: "there is no flash sale and no on-sale"}
	if _, left := denied.fit(a); len(left) != 3 {
		t.Errorf("an ask that denies an on-sale keeps %d parts", 3-len(left))
	}
	burst := Load{Peak: map[string]float64{"write": 6, "read": 80}, Burst: map[string]float64{"write": 20}}
	if f, _ := burst.fit(a); !slices.Contains(partNames(f), "Waiting room") {
		t.Error("a stated peak factor of 20 on writes leaves the waiting room out")
	}
	big := Load{Peak: map[string]float64{"write": 700, "read": 5000}}
	if f, left := big.fit(a); len(left) != 1 || left[0].Part != "Waiting room" || len(f.Components) != 3 {
		t.Errorf("700 writes/s and 5,000 reads/s: left out %+v", left)
	}
}

func (l Load) fit(a *Archetype) (*Archetype, []LeftOut) { return a.Fit(l) }

// TestNeedRejects: the loader refuses a condition that cannot hold, a
// part: that names no conditional component, and a conditional engine part.
func TestNeedRejects(t *testing.T) {
	good, err := fs.ReadFile(dataFS, "data/reservations.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, old, new, want string }{
		{"no condition", "      kinds: [write]\n      burst_above: 10\n      evidence: [on-sale, on sale, flash sale, ticket drop, sneaker drop, waiting room, queue-it, join the queue, queue token, queue position, place in line]\n", "", "needed_when needs a condition"},
		{"one-word evidence", "evidence: [on-sale, on sale, flash sale, ticket drop, sneaker drop, waiting room,", "evidence: [sale, on sale, flash sale, ticket drop, sneaker drop, waiting room,", "not one word"},
		{"part of a plain component", "    part: Waiting room\n", "    part: Inventory database\n", `part "Inventory database" is not a component with needed_when`},
		{"mechanism not in the text", "      mechanism: Huge on-sales", "      mechanism: Big on-sales", "must be a sentence of the mechanism"},
		{"without with no part", `  - {on: read, part: Waiting room, step:`, `  - {on: read, step:`, "without is the step's text when its part is left out"},
		{"missing add_when", "      add_when: an on-sale, flash sale or drop is planned, or arrivals spike past the hold rate the database sustains\n", "", "needs for"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(good), tt.old, tt.new, 1)
			if src == string(good) {
				t.Fatalf("test edit %q not found in reservations.yaml", tt.old)
			}
			_, err := parseArchetype([]byte(src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}
