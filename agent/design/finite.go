package design

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
)

// refuseNonFinite fails when any number of d overflowed to ±Inf or is
// NaN. The tools refuse such results already; this catches the figures
// the engine derives itself (growth, cost, budgets), so that no +Inf is
// ever printed and the Design JSON always encodes.
func refuseNonFinite(d *Design) error {
	path, v, ok := nonFinite(reflect.ValueOf(d).Elem(), "design")
	if !ok {
		return nil
	}
	return &InputError{Msg: fmt.Sprintf("a figure overflows (%s is %v): the requirements hold values too large or too small to compute; give realistic rates, sizes and windows", path, v)}
}

// nonFinite finds the first float in v that is not finite, with its path.
func nonFinite(v reflect.Value, path string) (string, float64, bool) {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsInf(f, 0) || math.IsNaN(f) {
			return path, f, true
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nonFinite(v.Elem(), path)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				if p, x, ok := nonFinite(v.Field(i), path+"."+f.Name); ok {
					return p, x, true
				}
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p, x, ok := nonFinite(v.Index(i), path+"["+strconv.Itoa(i)+"]"); ok {
				return p, x, true
			}
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			if p, x, ok := nonFinite(it.Value(), fmt.Sprintf("%s[%v]", path, it.Key())); ok {
				return p, x, true
			}
		}
	}
	return "", 0, false
}
