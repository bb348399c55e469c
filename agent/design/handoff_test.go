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
			// What a pass output is made of is output too: its embedded
			// parts, and the lists, maps and pointers it holds.
			for i := range t.NumField() {
				switch f := t.Field(i); f.Type.Kind() {
				case reflect.Struct:
					if f.Anonymous {
						add(f.Type)
					}
				case reflect.Slice, reflect.Map, reflect.Pointer:
					add(f.Type)
				}
			}
		case reflect.Pointer:
			out[t] = true
			add(t.Elem())
		case reflect.Map:
			if !basic(t.Key()) || !basic(t.Elem()) {
				out[t] = true
			}
		case reflect.Slice:
			if !basic(t.Elem()) { // a list of names is no output of its own
				out[t] = true
			}
		}
	}
	h := reflect.TypeOf(handoff{})
	for i := range h.NumField() {
		add(h.Field(i).Type)
	}
	// What the passes keep as they go: the cost ledger, the services.
	for _, v := range []any{ledger{}, serviceList{}} {
		add(reflect.TypeOf(v))
	}
	return out
}

// basic says whether a type is a number, a flag or a string: a list or a
// map of those (names, counts) is bookkeeping, not a pass's output.
func basic(t reflect.Type) bool {
	return t.PkgPath() == "" && t.Kind() <= reflect.Complex128 || t.Kind() == reflect.String
}

// TestBuilderKeepsNoPassOutput fails when the builder gains a field of a
// type a pass returns, or holding one: the builder carries the options,
// the row bookkeeping, the design being written and the loads, and a
// pass's output is a parameter of the passes that read it.
func TestBuilderKeepsNoPassOutput(t *testing.T) {
	outputs := passOutputs()
	for _, want := range []any{figures{}, totals{}, stored{}, fleetFigures{}, &verdicts{}, &drawing{}, &merged{}, partLoads{}, priced{},
		map[questionID]*Component{}, &graph{}, []Flow{}, []archPart{}, []nodeCount{}, []CostLine{}, map[*load]string{}, map[*load]bool{}} {
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
