// Package golit writes Go values as Go source: the generated tables that
// the binary reads instead of parsing YAML at start-up are written with it.
package golit

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Write writes v as a Go expression for a file of the package whose import
// path is pkg. Zero struct fields are left out; nil and empty slices stay
// apart; map keys, which must be strings, are written sorted.
func Write(b *bytes.Buffer, v reflect.Value, pkg string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString("&")
		Write(b, v.Elem(), pkg)
	case reflect.Struct:
		b.WriteString(TypeName(v.Type(), pkg) + "{\n")
		for i := range v.NumField() {
			if f := v.Field(i); !f.IsZero() {
				b.WriteString(v.Type().Field(i).Name + ": ")
				Write(b, f, pkg)
				b.WriteString(",\n")
			}
		}
		b.WriteString("}")
	case reflect.Slice, reflect.Map:
		if v.IsNil() {
			b.WriteString("nil")
			return
		}
		b.WriteString(TypeName(v.Type(), pkg) + "{")
		element := func(key string, e reflect.Value) {
			b.WriteString("\n" + key)
			Write(b, e, pkg)
			b.WriteString(",")
		}
		if v.Kind() == reflect.Slice && numeric(v.Type().Elem().Kind()) {
			// Numbers sixteen to a line: a table of thousands stays
			// readable.
			for i := range v.Len() {
				if i%16 == 0 {
					b.WriteString("\n")
				} else {
					b.WriteString(" ")
				}
				Write(b, v.Index(i), pkg)
				b.WriteString(",")
			}
		} else if v.Kind() == reflect.Slice {
			for i := range v.Len() {
				element("", v.Index(i))
			}
		} else {
			keys := v.MapKeys()
			slices.SortFunc(keys, func(x, y reflect.Value) int { return strings.Compare(x.String(), y.String()) })
			for _, k := range keys {
				element(strconv.Quote(k.String())+": ", v.MapIndex(k))
			}
		}
		b.WriteString("\n}")
	case reflect.Array:
		b.WriteString(TypeName(v.Type(), pkg) + "{")
		for i := range v.Len() {
			if numeric(v.Type().Elem().Kind()) {
				if i%16 == 0 {
					b.WriteString("\n")
				} else {
					b.WriteString(" ")
				}
			} else {
				b.WriteString("\n")
			}
			Write(b, v.Index(i), pkg)
			b.WriteString(",")
		}
		b.WriteString("\n}")
	case reflect.String:
		b.WriteString(strconv.Quote(v.String()))
	case reflect.Float64:
		b.WriteString(strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.Bool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		b.WriteString(strconv.FormatUint(v.Uint(), 10))
	default:
		panic(fmt.Sprintf("golit: no Go literal for %s", v.Type()))
	}
}

// numeric says whether a kind is written as a bare number.
func numeric(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float64:
		return true
	}
	return false
}

// TypeName spells t as the source of the package pkg does: its own types
// and the predeclared ones by name, an anonymous struct as reflect spells
// it, tags and all.
func TypeName(t reflect.Type, pkg string) string {
	switch t.Kind() {
	case reflect.Slice:
		return "[]" + TypeName(t.Elem(), pkg)
	case reflect.Array:
		return "[" + strconv.Itoa(t.Len()) + "]" + TypeName(t.Elem(), pkg)
	case reflect.Pointer:
		return "*" + TypeName(t.Elem(), pkg)
	case reflect.Map:
		return "map[" + TypeName(t.Key(), pkg) + "]" + TypeName(t.Elem(), pkg)
	}
	if t.Name() != "" && (t.PkgPath() == pkg || t.PkgPath() == "") {
		return t.Name()
	}
	return t.String()
}
