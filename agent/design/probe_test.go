package design

import (
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
)

// chairBooking is a reservations ask with a job: patients book a chair
// slot, reminders go out the day before. Nobody signs in.
const chairBooking = `title: Dental chair booking
summary: Patients book a slot with a dentist online; no slot is ever double-booked. Reminders go out by SMS the day before.
functional:
  - patients pick a dentist and a free slot and book it
  - send an SMS reminder the day before each appointment
workloads:
  - {name: search free slots, kind: read, rate: 30/s, latency_p95: 300ms}
  - {name: book a slot, kind: write, rate: 2/s, item_size: 1KB, retention: 7y}
  - {name: send reminders, kind: job, rate: 10k/day}
users: {dau: 20k}
constraints: {existing: [PostgreSQL]}
`

func TestWorkersNameTheQueueTheyConsume(t *testing.T) {
	d := buildText(t, chairBooking)
	i := slices.IndexFunc(d.Services, func(s Service) bool { return s.part == "workers" })
	if i < 0 {
		t.Fatal("no Workers row")
	}
	q := slices.IndexFunc(d.Components, func(c Component) bool { return c.Need == string(qQueue) })
	if q < 0 {
		t.Fatal("no queue verdict")
	}
	if tech := d.Services[i].Technology; strings.Contains(tech, d.Components[q].Choice) || !strings.Contains(tech, consumedQueue(d.Components[q].Choice, d.Components[q].Option)) {
		t.Errorf("the workers' technology %q repeats the queue verdict %q instead of naming the queue", tech, d.Components[q].Choice)
	}
}

func TestSessionsOnlyWhenUsersSignIn(t *testing.T) {
	has := func(d *Design) bool {
		return slices.ContainsFunc(d.State, func(s StateRecord) bool { return s.Name == "user sessions" })
	}
	if d := buildText(t, chairBooking); has(d) {
		t.Error("an ask where nobody signs in keeps user sessions")
	}
	signed := strings.Replace(chairBooking, "functional:\n", "functional:\n  - patients log in with email and password to see their bookings\n", 1)
	if d := buildText(t, signed); !has(d) {
		t.Error("an ask whose users log in keeps no sessions")
	}
}

func TestCoveredOptimisationIsSaidOnce(t *testing.T) {
	d := buildText(t, chairBooking)
	i := slices.IndexFunc(d.HotPaths, func(p HotPath) bool { return p.Name == "book a slot" })
	if i < 0 {
		t.Fatal("no hot path for the booking")
	}
	p := d.HotPaths[i]
	if p.lead == 0 {
		t.Fatal("the reservations mechanism did not annotate the booking path")
	}
	for _, k := range p.kinds[p.lead:] {
		if k == patterns.OptIdempotency || k == patterns.OptShortTransaction {
			t.Errorf("the engine's %s optimisation stays beside the archetype's: %q", k, p.Optimizations)
		}
	}
	if n := strings.Count(strings.Join(p.Optimizations, "; "), "idempotency key"); n != 1 {
		t.Errorf("the idempotency key is said %d times: %q", n, p.Optimizations)
	}
	// A line that forbids a duplicate adds its constraint, not a second
	// idempotency key, to a path that says one: the mechanism's here, the
	// engine's on a plain write.
	for _, text := range []string{chairBooking, strings.Replace(chairBooking, "summary: Patients book a slot with a dentist online; no slot is ever double-booked.", "summary: Patients book a slot with a dentist online.", 1) + "patterns: [-reservations]\n"} {
		text = strings.Replace(text, "functional:\n", "functional:\n  - never book the same slot twice, even when two patients try at once\n", 1)
		d := buildText(t, text)
		i := slices.IndexFunc(d.HotPaths, func(p HotPath) bool { return p.Name == "book a slot" })
		if i < 0 {
			t.Fatal("no hot path for the booking")
		}
		all := strings.Join(d.HotPaths[i].Optimizations, "; ")
		if n := strings.Count(all, "idempotency key"); n != 1 || !strings.Contains(all, "unique constraint") {
			t.Errorf("want the unique constraint and one idempotency key, got %d: %q", n, all)
		}
	}
}

// One record type is one row: the booking's slots and the reservations
// mechanism's inventory rows are one row, the reminders the queue holds
// have no status row beside it, and no row leaves its readers or
// retention empty.
func TestOneRowPerRecordType(t *testing.T) {
	d := buildText(t, chairBooking)
	var booked, reminded []string
	for _, s := range d.State {
		if slices.Contains(s.Workloads, "book a slot") || s.catalogue == "inventory rows" || s.Name == "inventory rows" {
			booked = append(booked, s.Name)
		}
		if strings.Contains(s.Name, "reminders") {
			reminded = append(reminded, s.Name)
		}
		if len(s.Readers) == 0 || s.Retention == "" {
			t.Errorf("%q names no readers or no retention: %+v", s.Name, s)
		}
	}
	if len(booked) != 1 {
		t.Errorf("the booked slots are in %d rows: %q", len(booked), booked)
	}
	if len(reminded) != 1 {
		t.Errorf("the reminders are in %d rows: %q", len(reminded), reminded)
	}
}

// The check refuses two rows in one store keeping one workload's records
// and a row with an empty readers or retention cell.
func TestCheckRefusesARecordTypeTwice(t *testing.T) {
	d := buildText(t, chairBooking)
	if found := d.Check(); len(found) > 0 {
		t.Fatalf("the design is inconsistent already: %v", found)
	}
	i := slices.IndexFunc(d.State, func(s StateRecord) bool { return slices.Contains(s.Workloads, "book a slot") })
	if i < 0 {
		t.Fatal("no row keeps the booked slots")
	}
	twice := *d
	second := d.State[i]
	second.Name = "inventory rows"
	twice.State = append(slices.Clone(d.State), second)
	if !hasRule(twice.Check(), "one row per record type", "inventory rows") {
		t.Error("two rows of one store keeping the bookings passed the check")
	}
	empty := *d
	empty.State = slices.Clone(d.State)
	empty.State[i].Readers, empty.State[i].Retention = []string{}, ""
	if !hasRule(empty.Check(), "every state is read and kept", d.State[i].Name) {
		t.Error("a row with no readers and no retention passed the check")
	}
}
