package design

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// called is a tool's result with the exact JSON arguments it was given.
type called struct {
	capacity.Result
	args json.RawMessage
}

// call runs a registry tool with args and returns its result. Every figure
// the design shows comes through here (or through derive.go's pure
// functions, which show their formulas too).
func (b *builder) call(tool string, args map[string]any) (called, error) {
	for k, v := range args {
		if f, ok := v.(float64); ok && (math.IsInf(f, 0) || math.IsNaN(f)) {
			return called{}, &requirements.InputError{Msg: fmt.Sprintf("%s: %s overflows to %v once scaled and grown; give realistic rates and growth factors", tool, k, f)}
		}
	}
	raw, err := json.Marshal(args)
	if err != nil {
		return called{}, fmt.Errorf("%s: %w", tool, err)
	}
	r, err := b.reg.Call(tool, raw)
	if err != nil {
		return called{}, err
	}
	return called{r, raw}, nil
}

// rated runs the throughput tool on a workload's rate arguments the
// first time it is asked, and returns that result every time after.
func (b *builder) rated(l *load) (called, error) {
	if l.rated == nil {
		r, err := b.call("throughput", l.args)
		if err != nil {
			return called{}, err
		}
		l.rated = &r
	}
	return *l.rated, nil
}

// record adds one capacity row per output key of r and returns the rows'
// IDs by key. Keys the result does not have are skipped.
func (b *builder) record(workload, horizon string, r called, keys ...string) map[string]string {
	ids := map[string]string{}
	for _, k := range keys {
		v, ok := r.Outputs[k].(float64)
		if !ok {
			continue
		}
		b.nextRow++
		id := b.rowID("C", b.nextRow, workload, horizon, r.Tool, k)
		b.d.Capacity = append(b.d.Capacity, CapacityRow{
			ID: id, Workload: workload, Horizon: horizon, Tool: r.Tool, Quantity: k,
			Value: v, Unit: r.Units[k], Formula: r.Formula, Inputs: r.args,
		})
		ids[k] = id
	}
	return ids
}

// rowID is the id of a build's n-th row of a kind (C or D): "C" + n on
// its own, or the session's id for what the row measures.
func (b *builder) rowID(prefix string, n int, subject ...string) string {
	if b.ids == nil {
		return prefix + strconv.Itoa(n)
	}
	key := prefix + "\x00" + strings.Join(subject, "\x00")
	if b.occurrences == nil {
		b.occurrences = map[string]int{}
	}
	b.occurrences[key]++
	return b.ids.id(prefix, key+"\x00"+strconv.Itoa(b.occurrences[key]))
}

// RowIDs keeps the ids of figures stable across the builds of one
// session: when the requirements are recorded again, a row that measures
// the same thing (its kind, workload, horizon, tool and quantity) keeps
// its id, and a new row takes a number no row of the session had. A
// document built on its own numbers its rows 1, 2, 3…; in a session the
// numbers follow the order rows first appeared. Safe for concurrent
// builds.
type RowIDs struct {
	mu   sync.Mutex
	ids  map[string]string
	last map[string]int
}

// NewRowIDs returns the ids of a new session.
func NewRowIDs() *RowIDs {
	return &RowIDs{ids: map[string]string{}, last: map[string]int{}}
}

func (r *RowIDs) id(prefix, key string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	if id, ok := r.ids[key]; ok {
		return id
	}
	r.last[prefix]++
	id := prefix + strconv.Itoa(r.last[prefix])
	r.ids[key] = id
	return id
}

// figure is a value with the row that shows how it was reached.
type figure struct {
	Value float64
	Ref   string
}

// measure calls a tool, records the keys and returns the first key's
// figure: the common case of one call for one number.
func (b *builder) measure(workload, tool string, args map[string]any, keys ...string) (figure, called, error) {
	r, err := b.call(tool, args)
	if err != nil {
		return figure{}, r, err
	}
	ids := b.record(workload, "", r, keys...)
	v, _ := r.Outputs[keys[0]].(float64)
	return figure{Value: v, Ref: ids[keys[0]]}, r, nil
}

// derive records a figure computed by one of derive.go's functions.
func (b *builder) derive(workload, horizon string, d derived) figure {
	b.nextDerived++
	id := b.rowID("D", b.nextDerived, workload, horizon, d.Tool, d.Quantity)
	b.d.Derived = append(b.d.Derived, CapacityRow{
		ID: id, Workload: workload, Horizon: horizon, Tool: d.Tool, Quantity: d.Quantity,
		Value: d.Value, Unit: d.Unit, Formula: d.Formula,
	})
	return figure{Value: d.Value, Ref: id}
}

// row returns the capacity or derived row with id.
func (d *Design) row(id string) (CapacityRow, bool) {
	for _, rows := range [][]CapacityRow{d.Capacity, d.Derived} {
		for _, r := range rows {
			if r.ID == id {
				return r, true
			}
		}
	}
	return CapacityRow{}, false
}

// assume records a default the engine applied, once.
func (b *builder) assume(format string, args ...any) {
	b.d.Assumptions = b.once(b.d.Assumptions, fmt.Sprintf(format, args...))
}

// ask records a gap the requirements left open, once.
func (b *builder) ask(format string, args ...any) {
	b.d.OpenQuestions = b.once(b.d.OpenQuestions, fmt.Sprintf(format, args...))
}

// once appends s unless it was noted before; a set keeps a design with
// hundreds of workloads linear.
func (b *builder) once(list []string, s string) []string {
	if b.noted == nil {
		b.noted = map[string]bool{}
	}
	if b.noted[s] {
		return list
	}
	b.noted[s] = true
	return append(list, s)
}
