package quantity

import (
	"strings"
	"testing"
)

func TestFormatNumberNeverWritesAnExponent(t *testing.T) {
	for x, want := range map[float64]string{3.17e-08: "0.0000000317", 0.00045: "0.00045", 1.2345e15: "1,235,000,000,000,000", -2e16: "-20,000,000,000,000,000"} {
		if got := FormatNumber(x); got != want {
			t.Errorf("FormatNumber(%v) = %q, want %q", x, got, want)
		}
	}
	for _, x := range []float64{1e-300, 1e300, 5e-324} {
		if got := FormatNumber(x); strings.ContainsAny(got, "eE") {
			t.Errorf("FormatNumber(%v) = %q, an exponent", x, got)
		}
	}
}
