package design

import (
	"reflect"
	"testing"
)

// passOutputs are the types a pass returns, and those they are made of:
// what one pass computes reaches the next through the passes table's
// hand-off, never through the builder.
func passOutputs() map[reflect.Type]bool {
	out := map[reflect.Type]bool{}
	var add func(t reflect.Type)
	add = func(t reflect.Type) {
		if out[t] {
			return
		}
		switch t.Kind() {
		case reflect.Struct:
			out[t] = true
			for i := range t.NumField() {
				if f := t.Field(i); f.Anonymous {
					add(f.Type)
				}
			}
		case reflect.Pointer:
			out[t] = true
			add(t.Elem())
		case reflect.Map:
			out[t] = true
		case reflect.Slice:
			if t.Elem().Kind() != reflect.String { // a list of names is no output of its own
				out[t] = true
			}
		}
	}
	h := reflect.TypeOf(handoff{})
	for i := range h.NumField() {
		add(h.Field(i).Type)
	}
	// What the passes are made of inside: the verdicts' map, the
	// drawing's graph and flows, the archetypes' parts, the cost ledger.
	for _, v := range []any{map[questionID]*Component{}, &graph{}, []Flow{}, []archPart{}, []nodeCount{}, []partLoad{}, ledger{}, serviceList{}} {
		add(reflect.TypeOf(v))
	}
	return out
}

// TestBuilderKeepsNoPassOutput fails when the builder gains a field of a
// type a pass returns, or holding one: the builder carries the options,
// the row bookkeeping, the design being written and the loads, and a
// pass's output is a parameter of the passes that read it.
func TestBuilderKeepsNoPassOutput(t *testing.T) {
	outputs := passOutputs()
	for _, want := range []any{figures{}, totals{}, stored{}, fleetFigures{}, &verdicts{}, &drawing{}, &merged{}, partLoads{}} {
		if !outputs[reflect.TypeOf(want)] {
			t.Fatalf("the hand-off does not reach %T: the guard below would miss it", want)
		}
	}
	b := reflect.TypeOf(builder{})
	for i := range b.NumField() {
		f := b.Field(i)
		if outputs[f.Type] || f.Type.Kind() == reflect.Map && outputs[f.Type.Elem()] {
			t.Errorf("builder.%s is a %s, which a pass returns: hand it to the passes that read it through the passes table (build.go)", f.Name, f.Type)
		}
	}
}
