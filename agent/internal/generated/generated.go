// Package generated keeps a generated Go file in step with what its
// source says, for the tests that generate it: the catalogue, the
// functional mapping, the price table, the review's phrase rules, term
// sets and filters.
package generated

import (
	"bytes"
	"os"
	"testing"
)

// Check writes src to path when update is set and returns true: the test
// should end there, since its binary still holds the old generated
// values (the next run checks them). Otherwise it fails t with stale
// when path does not hold src, and returns false.
func Check(t testing.TB, path string, src []byte, update bool, stale string) (written bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return true
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, src) {
		t.Error(stale)
	}
	return false
}
