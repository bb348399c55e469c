package design

import (
	"slices"
	"strings"
	"testing"
)

// stateRow returns the State row of that name, failing the test when
// there is none.
func stateRow(t *testing.T, d *Design, name string) StateRecord {
	t.Helper()
	i := slices.IndexFunc(d.State, func(s StateRecord) bool { return s.Name == name })
	if i < 0 {
		t.Fatalf("no state row %q", name)
	}
	return d.State[i]
}

// TestIdempotencyKeysKeptForTheirWindow checks that an idempotency key is
// kept for its dedup window, not the years its records are kept, in
// every archetype that keeps them.
func TestIdempotencyKeysKeptForTheirWindow(t *testing.T) {
	for _, ex := range []string{"payments-ledger", "ticket-booking"} {
		d := buildExample(t, "../../examples/"+ex+".md")
		r := stateRow(t, d, "idempotency keys")
		if !strings.Contains(r.Retention, "dedup window") {
			t.Errorf("%s: idempotency keys kept %q, want their dedup window", ex, r.Retention)
		}
	}
}

// TestReportReadersAreItsConsumers checks that a derived report kept for
// the record is read by those who consume it, not by the write flow.
func TestReportReadersAreItsConsumers(t *testing.T) {
	d := buildExample(t, "../../examples/payments-ledger.md")
	r := stateRow(t, d, "reconciliation reports")
	for _, rd := range r.Readers {
		if strings.Contains(rd, "post transfer") {
			t.Errorf("reconciliation reports read by %q, the write flow", rd)
		}
	}
	if !slices.ContainsFunc(r.Readers, func(s string) bool { return strings.Contains(s, "finance") }) {
		t.Errorf("reconciliation reports readers %q, want finance", r.Readers)
	}
}

// TestOneStoreOneName checks that a catalogue row kept in the relational
// database names the database the decision matrix chose, so the ledger's
// balances, keys and outbox sit in the same sharded store as its entries.
func TestOneStoreOneName(t *testing.T) {
	d := buildExample(t, "../../examples/payments-ledger.md")
	const chosen = "Sharded PostgreSQL (Citus/Vitess)"
	if r := stateRow(t, d, "transfer ledger entries"); !strings.Contains(r.Storage, chosen) {
		t.Fatalf("ledger entries kept in %q, want %q", r.Storage, chosen)
	}
	for _, s := range d.State {
		if strings.Contains(s.Storage, "PostgreSQL") && !strings.Contains(s.Storage, chosen) {
			t.Errorf("%q kept in %q beside %q", s.Name, s.Storage, chosen)
		}
	}
}

// TestConstraintIsNoState checks that a unique constraint on records that
// have a row of their own is a guarantee of the write path, named in its
// hot path, not a piece of state beside them.
func TestConstraintIsNoState(t *testing.T) {
	for _, ex := range []struct{ name, path, constraint string }{
		{"payments-ledger", "post transfer", "unique constraint on transfers(idempotency_key)"},
		{"ticket-booking", "hold seats", "unique constraint on hold_seats(seat_id)"},
	} {
		d := buildExample(t, "../../examples/"+ex.name+".md")
		for _, s := range d.State {
			if strings.HasPrefix(s.Name, "unique constraint") {
				t.Errorf("%s: state row %q", ex.name, s.Name)
			}
		}
		i := slices.IndexFunc(d.HotPaths, func(h HotPath) bool { return h.Name == ex.path })
		if i < 0 {
			t.Fatalf("%s: no hot path %q", ex.name, ex.path)
		}
		if !slices.ContainsFunc(d.HotPaths[i].Optimizations, func(o string) bool { return strings.Contains(o, ex.constraint) }) {
			t.Errorf("%s: hot path %q does not name %q: %q", ex.name, ex.path, ex.constraint, d.HotPaths[i].Optimizations)
		}
	}
}

// TestColdDerivedReadByReporting checks that a derived row kept for the
// record, which its catalogue row names no readers for and no flow
// reads, is read by admin and reporting, not by the job that writes it.
func TestColdDerivedReadByReporting(t *testing.T) {
	text := []byte("---\ntitle: Game leaderboard\nsummary: players submit scores to a leaderboard\n" +
		"functional: [submit a score to the leaderboard]\n" +
		"workloads:\n  - {name: submit score, kind: write, rate: 10M/month, item_size: 100B, retention: 1y}\n---\n")
	_, d, err := FromText(text, "req.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := stateRow(t, d, "closed-period snapshots")
	if !slices.Equal(r.Readers, []string{"admin and reporting"}) {
		t.Errorf("closed-period snapshots read by %q, want admin and reporting", r.Readers)
	}
}
