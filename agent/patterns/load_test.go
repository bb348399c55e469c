package patterns

import (
	"testing"
)

func TestCatalogueLoads(t *testing.T) {
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c.all); got < 22 {
		t.Errorf("catalogue has %d archetypes, want at least 22", got)
	}
}
