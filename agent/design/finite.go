package design

import (
	"fmt"
	"math"
	"reflect"
	"strconv"

	"github.com/sysarch/sysarch/agent/requirements"
)

// refuseNonFinite fails when any number of d overflowed to ±Inf or is
// NaN. The tools refuse such results already; this catches the figures
// the engine derives itself (growth, cost, budgets), so that no +Inf is
// ever printed and the Design JSON always encodes.
func refuseNonFinite(d *Design) error {
	path, v, ok := nonFinite(reflect.ValueOf(d).Elem())
	if !ok {
		return nil
	}
	return &requirements.InputError{Msg: fmt.Sprintf("a figure overflows (design%s is %v): the requirements hold values too large or too small to compute; give realistic rates, sizes and windows", path, v)}
}

// nonFinite finds the first float in v that is not finite, with its path
// below v. The path is only written on the way back from a find, so the
// walk of a finite design allocates nothing.
func nonFinite(v reflect.Value) (string, float64, bool) {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsInf(f, 0) || math.IsNaN(f) {
			return "", f, true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nonFinite(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if p, x, ok := nonFinite(v.Field(i)); ok {
					return "." + f.Name + p, x, true
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p, x, ok := nonFinite(v.Index(i)); ok {
				return "[" + strconv.Itoa(i) + "]" + p, x, true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if p, x, ok := nonFinite(it.Value()); ok {
				return fmt.Sprintf("[%v]", it.Key()) + p, x, true
			}
		}
	}
	return "", 0, false
}
