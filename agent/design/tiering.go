package design

import (
	"fmt"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Records kept for years are not all read alike: a ledger reads this
// year's entries on every request and last decade's only for an audit.
// Tiering by age keeps a stated window in the serving store and moves the
// rest, nightly, to object storage as columnar files under lifecycle
// rules, so the serving store is sized for the window and the archive,
// at a fraction of the price a byte, for the whole retention.

// defaultHotMonths is the serving store's window when the requirements
// keep history for years and name no hot_window: a year of entries
// covers the statements, disputes and reports that read recent records.
const defaultHotMonths = 12

// A transactional archetype's records kept for years (tickets, bookings,
// entries) are history past the window too: their constraints bind the
// live rows, and last decade's rows are read only for audits.

// historyWords mark requirements whose old records are history, read for
// audits and rebuilds rather than on every request.
var historyWords = []string{"audit", "ledger", "history", "never change", "immutable", "append-only", "archive"}

// settleTiers decides, per write flow, how many months stay in the
// serving store (0, or no entry, keeps everything there).
func (b *builder) settleTiers() map[*load]float64 {
	hot := map[*load]float64{}
	history := hasWord(requirementText(b.d), historyWords)
	for _, l := range b.loads {
		if l.kind != requirements.Write || isFile(l) || absorbed(l) || l.Retention == 0 {
			continue
		}
		keep := float64(l.Retention) / quantity.DefaultSecondsPerMonth
		switch {
		case l.HotWindow > 0:
			hot[l] = float64(l.HotWindow) / quantity.DefaultSecondsPerMonth
		case (history || l.acidArch != "") && keep >= 3*defaultHotMonths && l.total.Value > capacity.PostgresMaxBytes:
			// Only history too large for one node is worth a second tier.
			hot[l] = defaultHotMonths
			b.assume("Records of %q are history kept %s: the serving store keeps the last %d months and older ones move nightly to the archive in object storage (columnar files under lifecycle rules); set hot_window to change the window.",
				l.Name, quantity.FormatDuration(float64(l.Retention)), defaultHotMonths)
		default:
			continue
		}
		b.ask("Which reads of %q reach past the %s kept hot, and may they wait for the archive (seconds, not milliseconds)?", l.Name, quantity.FormatDuration(hot[l]*quantity.DefaultSecondsPerMonth))
	}
	return hot
}

// archiveParts lists what the archive in object storage holds: every
// tiered flow's records over their whole retention (the archive is the
// complete record; the serving store a window of it).
func (b *builder) archiveParts(hot map[*load]float64) []storedPart {
	var ps []storedPart
	for _, l := range b.loads {
		if hot[l] > 0 && l.monthly.Ref != "" {
			keep := float64(l.Retention) / quantity.DefaultSecondsPerMonth
			ps = append(ps, storedPart{l.Name + " archive", l.monthly, keep})
		}
	}
	return ps
}

// archiveNames names the archives object storage holds.
func (b *builder) archiveNames(hot map[*load]float64) []string {
	var names []string
	for _, l := range b.loads {
		if hot[l] > 0 && l.monthly.Ref != "" {
			names = append(names, fmt.Sprintf("the archive of %q past its %s in the serving store", l.Name, quantity.FormatDuration(hot[l]*quantity.DefaultSecondsPerMonth)))
		}
	}
	return names
}
