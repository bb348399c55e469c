package capacity

import (
	"reflect"
	"slices"
	"testing"
)

// TestDefaultToolAlone checks that a tool built alone is the tool Default
// holds, and that DefaultNames lists Default's tools in its order.
func TestDefaultToolAlone(t *testing.T) {
	if got, want := DefaultNames(), Default().Names(); !slices.Equal(got, want) {
		t.Fatalf("DefaultNames() = %v, want %v", got, want)
	}
	for _, name := range DefaultNames() {
		alone, ok := DefaultTool(name)
		if !ok {
			t.Fatalf("DefaultTool(%q) not found", name)
		}
		full, _ := Default().Get(name)
		if alone.Name != name || alone.Description != full.Description || alone.InputType != full.InputType || !reflect.DeepEqual(alone.Schema(), full.Schema()) {
			t.Errorf("DefaultTool(%q) differs from Default's tool", name)
		}
		args := []byte(`{}`)
		_, errAlone := alone.Run(args)
		_, errFull := full.Run(args)
		if (errAlone == nil) != (errFull == nil) || (errAlone != nil && errAlone.Error() != errFull.Error()) {
			t.Errorf("%s: alone says %v, Default's says %v", name, errAlone, errFull)
		}
	}
	if _, ok := DefaultTool("nope"); ok {
		t.Error("DefaultTool found a tool that does not exist")
	}
}
