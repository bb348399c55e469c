package prompts

import "testing"

func BenchmarkParseBuiltin(b *testing.B) {
	src := BuiltinSource()
	for b.Loop() {
		if _, err := ParsePersona(src); err != nil {
			b.Fatal(err)
		}
	}
}
