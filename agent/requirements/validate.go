package requirements

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Kind is the kind of a workload: it decides which tier carries the flow
// and which need (database, queue, search, event stream) it creates.
type Kind string

// The kinds of workload the engine knows.
const (
	Read    Kind = "read"
	Write   Kind = "write"
	Event   Kind = "event"
	Message Kind = "message"
	Search  Kind = "search"
	Job     Kind = "job"
)

// Kinds are the kinds of workload the engine knows, in the order the
// schema lists them.
var Kinds = []Kind{Read, Write, Event, Message, Search, Job}

// KindNames returns Kinds as strings, for messages and suggestions.
func KindNames() []string {
	out := make([]string, len(Kinds))
	for i, k := range Kinds {
		out[i] = string(k)
	}
	return out
}

// MaxWorkloads bounds the workloads of one design. A system has a handful
// of flows worth sizing; hundreds are a generated file, and the document
// and the work grow with each one.
const MaxWorkloads = 200

// CheckWorkloadCount refuses more than MaxWorkloads workloads. Validate
// calls it; the engine calls it too, for requirements that skip the
// parser (from a model).
func CheckWorkloadCount(n int) error {
	if n > MaxWorkloads {
		return &InputError{Field: "workloads", Msg: fmt.Sprintf("%d workloads; a design takes at most %d: group the flows of the same kind and rate into one workload", n, MaxWorkloads)}
	}
	return nil
}

// Validate checks what the types alone cannot: every workload has a name
// (and no two share one), a known kind, and quantities in range. It does
// not require a title: a prose-only file may leave the title as an open
// question. The error is an *InputError naming the field path.
func (r *Requirements) Validate() error {
	if err := CheckWorkloadCount(len(r.Workloads)); err != nil {
		return err
	}
	names := map[string]int{}
	for i, w := range r.Workloads {
		p := fmt.Sprintf("workloads[%d]", i)
		name := strings.TrimSpace(w.Name)
		if name == "" {
			return &InputError{Field: p + ".name", Msg: "required: say what the flow is, e.g. name: create link"}
		}
		if j, dup := names[name]; dup {
			return &InputError{Field: p + ".name", Msg: fmt.Sprintf("%q is also the name of workloads[%d]; give each workload its own name", name, j)}
		}
		names[name] = i
		if err := checkKind(p+".kind", string(w.Kind)); err != nil {
			return err
		}
		if err := w.checkQuantities(p); err != nil {
			return err
		}
	}
	for i, w := range r.Workloads {
		if err := w.checkBatch(fmt.Sprintf("workloads[%d]", i), names); err != nil {
			return err
		}
	}
	if v := float64(r.SecondsPerMonth); v != 0 && (v < 86400*28 || v > 86400*31) || math.IsNaN(v) {
		return &InputError{Field: "seconds_per_month", Msg: fmt.Sprintf("%s is not the length of a month; write 2.5M (the system-design-primer's) or 2,629,746 (the average month)", quantity.FormatNumber(v))}
	}
	if err := checkPatterns(r.Patterns); err != nil {
		return err
	}
	if err := checkPatternsAgree(r.Patterns); err != nil {
		return err
	}
	if err := checkParameters(r.Parameters); err != nil {
		return err
	}
	if c := r.Constraints; c != nil {
		if err := checkBudget(c.Budget); err != nil {
			return err
		}
	}
	if a := float64(r.Availability); a < 0 || a > 1 {
		return &InputError{Field: "availability", Msg: fmt.Sprintf("%s is not between 0%% and 100%%; write a percentage like 99.9%% or a fraction like 0.999", quantity.FormatNumber(a))}
	}
	if u := r.Users; u != nil {
		for _, c := range []struct {
			path string
			v    quantity.Count
		}{{"users.dau", u.DAU}, {"users.mau", u.MAU}, {"users.total", u.Total}} {
			if err := nonNegative(c.path, float64(c.v)); err != nil {
				return err
			}
		}
	}
	for _, k := range slices.Sorted(maps.Keys(r.Growth)) {
		if f := float64(r.Growth[k]); f <= 0 {
			return &InputError{Field: "growth." + k, Msg: fmt.Sprintf("must be greater than 0, got %s; expected %s", quantity.FormatNumber(f), quantity.FactorForm)}
		}
	}
	if c := r.Current; c != nil {
		if err := nonNegative("current.latency_p95_before", float64(c.LatencyP95Before)); err != nil {
			return err
		}
		if err := nonNegative("current.latency_p95_after", float64(c.LatencyP95After)); err != nil {
			return err
		}
		for path, v := range map[string]quantity.Duration{"current.latency_p95_before": c.LatencyP95Before, "current.latency_p95_after": c.LatencyP95After} {
			if err := quantity.MaxLatency.Check(float64(v)); err != nil {
				return &InputError{Field: path, Msg: err.Error()}
			}
		}
		for _, st := range c.Stages {
			if err := nonNegative("current.stages."+st.Name, st.Seconds); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkKind accepts an empty kind (the engine infers one) or one of Kinds.
func checkKind(path, kind string) error {
	names := KindNames()
	if kind == "" || slices.Contains(names, kind) {
		return nil
	}
	msg := fmt.Sprintf("expected one of %s, got %q", strings.Join(names, ", "), kind)
	if s := suggest(kind, names); s != "" {
		msg += "; did you mean " + s + "?"
	} else if s := suggest(strings.TrimSuffix(strings.ToLower(kind), "s"), names); s != "" {
		msg += "; did you mean " + s + "?"
	}
	return &InputError{Field: path, Msg: msg}
}

func (w Workload) checkQuantities(p string) error {
	for _, q := range []struct {
		field string
		v     float64
	}{
		{"rate", w.Rate.Count}, {"rate_per_user", w.RatePerUser.Count},
		{"item_size", float64(w.ItemSize)}, {"retention", float64(w.Retention)},
		{"latency_p50", float64(w.LatencyP50)}, {"latency_p95", float64(w.LatencyP95)},
		{"latency_p99", float64(w.LatencyP99)}, {"window", float64(w.Window)},
		{"scan_size", float64(w.ScanSize)}, {"corpus_size", float64(w.CorpusSize)},
		{"blob_size", float64(w.BlobSize)}, {"indexed_size", float64(w.IndexedSize)},
		{"duration", float64(w.Duration)}, {"hot_window", float64(w.HotWindow)},
		{"keys", float64(w.Keys)},
	} {
		if err := nonNegative(p+"."+q.field, q.v); err != nil {
			return err
		}
	}
	if err := quantity.MaxItemSize.Check(float64(w.ItemSize)); err != nil {
		return &InputError{Field: p + ".item_size", Msg: err.Error()}
	}
	if err := w.checkAnatomy(p); err != nil {
		return err
	}
	if w.Keys > 0 && w.Kind != "" && w.Kind != Read && w.Kind != Search {
		return &InputError{Field: p + ".keys", Msg: fmt.Sprintf("is the key space of a read or search (how many distinct items it can ask for), not of a %s; give it on the read of those items", w.Kind)}
	}
	if w.HotWindow > 0 && w.Retention > 0 && w.HotWindow >= w.Retention {
		return &InputError{Field: p + ".hot_window", Msg: fmt.Sprintf("must be shorter than retention (%s): records stay hot for hot_window, then live in the archive until retention ends", quantity.FormatDuration(float64(w.Retention)))}
	}
	for _, q := range []struct {
		field string
		v     quantity.Duration
	}{{"latency_p50", w.LatencyP50}, {"latency_p95", w.LatencyP95}, {"latency_p99", w.LatencyP99}} {
		if err := quantity.MaxLatency.Check(float64(q.v)); err != nil {
			return &InputError{Field: p + "." + q.field, Msg: err.Error()}
		}
	}
	if f := float64(w.PeakFactor); f != 0 && f < 1 {
		return &InputError{Field: p + ".peak_factor", Msg: fmt.Sprintf("must be at least 1 (the peak over the average), got %s", quantity.FormatNumber(f))}
	}
	return nil
}

func nonNegative(path string, v float64) error {
	if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return &InputError{Field: path, Msg: fmt.Sprintf("must not be negative, got %s", quantity.FormatNumber(v))}
	}
	return nil
}

// checkPatterns accepts archetype ids of the catalogue, each optionally
// prefixed with "-" to exclude it.
func checkPatterns(ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	known := patterns.IDs()
	for i, id := range ids {
		bare := strings.TrimPrefix(strings.TrimSpace(id), "-")
		if slices.Contains(known, bare) {
			continue
		}
		msg := fmt.Sprintf("unknown archetype %q; 'sysarch patterns' lists them", id)
		if s := suggest(bare, known); s != "" {
			msg += "; did you mean " + s + "?"
		}
		return &InputError{Field: fmt.Sprintf("patterns[%d]", i), Msg: msg}
	}
	return nil
}

// checkAnatomy holds the parts of an item to the whole: item_size is the
// whole item, blob_size the file part of it kept in object storage and
// indexed_size the text the search index holds, so neither part can be
// larger than the item, and the two cannot overlap past it.
func (w Workload) checkAnatomy(p string) error {
	item, blob, indexed := float64(w.ItemSize), float64(w.BlobSize), float64(w.IndexedSize)
	if item == 0 {
		if blob > 0 || indexed > 0 {
			return &InputError{Field: p + ".item_size", Msg: "is needed with blob_size or indexed_size: give the whole item's size, e.g. item_size: 10KB with blob_size: 9.7KB"}
		}
		return nil
	}
	if blob >= item {
		return &InputError{Field: p + ".blob_size", Msg: fmt.Sprintf("must be less than item_size (%s): item_size is the whole item, blob_size the part of it kept as a file", quantity.FormatBytes(item))}
	}
	if indexed > item-blob {
		return &InputError{Field: p + ".indexed_size", Msg: fmt.Sprintf("must be at most the record's bytes, item_size minus blob_size (%s): the index holds text of the record, not the file", quantity.FormatBytes(item-blob))}
	}
	return nil
}
