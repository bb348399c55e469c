package design

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Every store is checked against what it holds. stores settles where
// each written flow's records live — object storage for files and large
// items, a wide-column store for append-heavy flows too big for one
// relational node, the relational primary for the rest — and totals what
// each store holds, so the decision matrix judges each store on its own
// bytes, writes and reads.

// The stores a flow's records can live in.
const (
	storeDatabase = "database" // the relational primary
	storeRecords  = "records"  // a wide-column store for bulk append-heavy records
	storeObjects  = "storage"  // object storage
)

func (b *builder) stores(s *stored) error {
	curve, err := b.settleCurve()
	if err != nil {
		return err
	}
	s.curve = curve
	first := s.curve[0]
	s.hot = b.settleTiers()
	s.storeOf = map[*load]string{}
	for _, l := range b.loads {
		switch {
		case l.kind == requirements.Event && l.total.Ref != "":
			s.storeOf[l] = storeObjects
		case !keepsRecords(l):
		case l.kind == requirements.Message:
			// The workers that deliver a message write its history to
			// the database; no bulk path of the API carries it.
			s.storeOf[l] = storeDatabase
		case absorbed(l) && !isFile(l):
			s.storeOf[l] = l.into
		case isFile(l):
			s.storeOf[l] = storeObjects
		case l.monthly.Ref != "" && appendOnly(l) && !b.relational() &&
			storedAt([]storedPart{b.partOf(s.hot, l)}, first.Months, s.curve) > capacity.PostgresMaxBytes:
			s.storeOf[l] = storeRecords
			if l.acidArch != "" {
				s.storeOf[l] = storeDatabase
				b.keepRelational(l, l.acidArch, l.acidStore)
			}
		default:
			s.storeOf[l] = storeDatabase
		}
	}
	inDB := func(l *load) bool {
		return keepsRecords(l) && s.storeOf[l] != storeRecords && (!absorbed(l) || l.kind == requirements.Message)
	}
	s.dbWrites = b.sum("peak database writes", "writes the relational database takes", inDB)
	held := b.storeHorizons(s)
	s.dbStored, s.recordsStored, s.objectStored = held[storeDatabase], held[storeRecords], held[storeObjects]
	s.egress = b.sumOf("egress", "responses to clients", "bytes", kindIs(requirements.Read, requirements.Search), func(l *load) figure { return l.egress })
	return nil
}

// keepsRecords says whether a flow's records are kept in a store: a
// write's, and a message's that states how long it is kept once
// delivered (a conversation's history).
func keepsRecords(l *load) bool {
	return l.kind == requirements.Write || l.kind == requirements.Message && l.Retention > 0 && l.total.Ref != ""
}

// relational says whether the requirements ask for relational data,
// which keeps every record in the relational store.
func (b *builder) relational() bool {
	return strings.Contains(strings.ToLower(requirementText(b.d)), "relational")
}

// storeIn selects the flows whose records live in store.
func storeIn(storeOf map[*load]string, store string) func(*load) bool {
	return func(l *load) bool { return storeOf[l] == store }
}

// appendOnly says whether a write flow adds records rather than changing
// them: what a wide-column store is built for.
func appendOnly(l *load) bool {
	return !hasWord(l.Name, []string{"update", "edit", "delete", "change", "modify", "transfer", "balance"})
}

// records adds a wide-column store for the flows too big for one
// relational node.
func (b *builder) records(vd *verdicts, s *stored) error {
	if s.recordsStored.Ref == "" {
		return nil
	}
	var names []string
	for _, l := range b.loads {
		if s.storeOf[l] == storeRecords {
			names = append(names, fmt.Sprintf("%q", l.Name))
		}
	}
	args := map[string]any{"stored_bytes": s.recordsStored.Value, "append_only": true}
	if w := b.sum("peak bulk writes", "append-heavy writes", storeIn(s.storeOf, storeRecords)); w.Ref != "" {
		args["writes_per_second"] = w.Value
	}
	return b.chooseAs(vd, qRecords, "database", "Store for "+strings.Join(names, ", "),
		"holds the records of "+strings.Join(names, ", ")+", partitioned by key and time; the relational database keeps accounts and metadata", s.recordsStored, args)
}

// blobs adds object storage when records are files, behind a CDN when
// the public reads them or egress calls for one.
func (b *builder) blobs(vd *verdicts, s *stored) error {
	names := append(b.blobNames(), b.archiveNames(s.hot)...)
	item := 0.0
	for _, l := range b.loads {
		if hasBlob(l) {
			item = max(item, float64(l.BlobSize))
		}
		switch {
		case l.kind == requirements.Event && s.storeOf[l] == storeObjects:
			names = append(names, fmt.Sprintf("the raw archive of %q", l.Name))
		case isFile(l) && l.kind == requirements.Write:
			names = append(names, fmt.Sprintf("the files of %q", l.Name))
			item = max(item, float64(l.ItemSize))
		}
	}
	if len(names) == 0 {
		return nil
	}
	args := map[string]any{}
	if item > 0 {
		args["item_bytes"] = item
	}
	if b.publicFiles() {
		args["public"] = true
		if s.egress.Ref != "" {
			args["egress_bytes_per_month"] = s.egress.Value
		}
	}
	basis := s.objectStored
	keeps := "; the database keeps only metadata"
	if len(b.archiveNames(s.hot)) == len(names) {
		keeps = "; the serving store keeps the recent window, and audits read the archive"
	}
	return b.choose(vd, qStorage, "holds "+strings.Join(names, " and ")+keeps, basis, args)
}

// publicFiles says whether clients read files: a read flow of large items
// or one named for media.
func (b *builder) publicFiles() bool {
	for _, l := range b.loads {
		if l.kind == requirements.Read && (isFile(l) || hasBlob(l)) {
			return true
		}
	}
	return false
}

// storedPart is one flow's contribution to a store: what it adds a month
// today and how many months it keeps.
type storedPart struct {
	name    string
	monthly figure
	keep    float64 // months
}

// storeParts lists the flows a store holds, by where the components pass
// placed each flow's records (storeOf).
func (b *builder) storeParts(hot map[*load]float64, storeOf map[*load]string, store string) []storedPart {
	var ps []storedPart
	if store == storeObjects {
		ps = append(b.blobParts(hot), b.archiveParts(hot)...)
	}
	for _, l := range b.loads {
		if storeOf[l] == store && l.monthly.Ref != "" {
			ps = append(ps, b.partOf(hot, l))
		}
	}
	return ps
}

// partOf is what one flow adds to its store a month, and for how long.
func (b *builder) partOf(hot map[*load]float64, l *load) storedPart {
	keep := 12.0 // the storage tool's default retention
	if l.Retention > 0 {
		keep = float64(l.Retention) / quantity.DefaultSecondsPerMonth
	}
	if hot[l] > 0 {
		keep = hot[l] // the rest is in the archive
	}
	return storedPart{l.Name, l.monthly, keep}
}

// storedAt is what the parts hold at month m: each month k ≤ m adds its
// monthly bytes times the growth factor of month k, and months older
// than a flow's retention have dropped out. A retention that is not a
// whole number of months keeps that fraction of its oldest month: a flow
// kept 7 days holds 0.23 of a month's bytes, never a whole month.
func storedAt(parts []storedPart, m float64, curve []horizon) float64 {
	held := 0.0
	m = math.Min(m, maxStoreMonths)
	for _, p := range parts {
		for k := math.Max(1, math.Floor(m-p.keep)); k <= m; k++ {
			if kept := math.Min(1, p.keep-(m-k)); kept > 0 {
				held += p.monthly.Value * factorAt(k, curve) * kept
			}
		}
	}
	return capacity.Tidy(held)
}

// factorAt is the growth factor at month m, compounding evenly between
// horizons as growthMonth does, and flat after the last one.
func factorAt(m float64, curve []horizon) float64 {
	prev := horizon{Name: "today", Months: 0, Factor: 1}
	for _, h := range curve {
		if m <= h.Months {
			if h.Months == prev.Months || h.Factor <= 0 || prev.Factor <= 0 {
				return h.Factor
			}
			t := (m - prev.Months) / (h.Months - prev.Months)
			return prev.Factor * math.Pow(h.Factor/prev.Factor, t)
		}
		prev = h
	}
	return prev.Factor
}

// partsText writes the monthly terms of a store: "create 12.7 GB/month
// [C3] kept 36 months".
func partsText(parts []storedPart) string {
	terms := make([]string, len(parts))
	for i, p := range parts {
		terms[i] = fmt.Sprintf("%s %s/month [%s] kept %s months", p.name, quantity.FormatBytes(p.monthly.Value), p.monthly.Ref, formatNum(capacity.Tidy(p.keep)))
	}
	return strings.Join(terms, " + ")
}

// storedHorizon is the derived figure of what a store holds at a horizon.
func storedHorizon(what string, parts []storedPart, h horizon, curve []horizon) derived {
	v := storedAt(parts, h.Months, curve)
	return derived{Tool: "stored_bytes", Quantity: "stored in " + what, Unit: "bytes", Value: v,
		Formula: fmt.Sprintf("sum over months 1 to %s of (%s) × that month's growth, within retention = %s", formatNum(h.Months), partsText(parts), quantity.FormatBytes(v))}
}

// maxStoreMonths bounds the month-by-month search for a crossing: a
// century of months is past any plan.
const maxStoreMonths = 1200

// storedMonth finds the first month the store holds more than limit,
// looking up to the last horizon; crossed is false when it never does.
// It keeps a running sum per flow, adding the month that comes in and
// dropping the months past retention, so it is linear in months.
func storedMonth(parts []storedPart, limit float64, label string, curve []horizon) (derived, bool) {
	d := derived{Tool: "growth_month", Quantity: "month", Unit: "months"}
	last := 0.0
	if len(curve) > 0 {
		last = math.Min(curve[len(curve)-1].Months, maxStoreMonths)
	}
	// Per flow, a running sum of the whole months it keeps, plus the kept
	// fraction of the month just past them.
	sums := make([]float64, len(parts))
	oldest := make([]float64, len(parts)) // the oldest whole month still held, per flow
	for i := range oldest {
		oldest[i] = 1
	}
	held := 0.0
	for m := 1.0; m <= last; m++ {
		held = 0
		for i, p := range parts {
			whole := math.Floor(p.keep)
			sums[i] += p.monthly.Value * factorAt(m, curve)
			for ; m-oldest[i] >= whole && oldest[i] <= m; oldest[i]++ {
				sums[i] -= p.monthly.Value * factorAt(oldest[i], curve)
			}
			held += sums[i]
			if frac, k := p.keep-whole, m-whole; frac > 0 && k >= 1 {
				held += p.monthly.Value * factorAt(k, curve) * frac
			}
		}
		if held = capacity.Tidy(held); held > limit {
			d.Value = m
			d.Formula = fmt.Sprintf("the store holds (%s) × growth, within retention: %s by month %s, past %s", partsText(parts), quantity.FormatBytes(held), formatNum(m), label)
			return d, true
		}
	}
	d.Value = last
	d.Formula = fmt.Sprintf("the store holds (%s) × growth, within retention: %s by month %s, at or below %s", partsText(parts), quantity.FormatBytes(held), formatNum(last), label)
	return d, false
}

// storeHorizons records what each store holds at each growth horizon
// and returns, per store, the figure at the first horizon: a store is
// chosen for what it holds then (6 months by default), far enough ahead
// to spare a migration in the first months, near enough that guesses
// about year three do not rule out the boring choice. Threshold Warnings
// give the month each limit is passed after that.
func (b *builder) storeHorizons(s *stored) map[string]figure {
	held := map[string]figure{}
	for _, st := range []struct{ store, what string }{
		{storeDatabase, "the database"}, {storeRecords, "the bulk record store"}, {storeObjects, "object storage"},
	} {
		parts := b.storeParts(s.hot, s.storeOf, st.store)
		if len(parts) == 0 {
			continue
		}
		for i, h := range s.curve {
			f := b.derive(st.what, h.Name, storedHorizon(st.what, parts, h, s.curve))
			if s.heldAt == nil {
				s.heldAt = map[string]map[string]figure{}
			}
			if s.heldAt[st.store] == nil {
				s.heldAt[st.store] = map[string]figure{}
			}
			s.heldAt[st.store][h.Name] = f
			if i == 0 {
				held[st.store] = f
			}
		}
	}
	return held
}
