package capacity

import (
	"strings"
	"testing"
)

// TestPricesRefusedOutOfRange: each value that once entered the cost
// estimate silently (a negative load balancer, a 500% discount, a NaN
// storage price) is refused with the field named.
func TestPricesRefusedOutOfRange(t *testing.T) {
	base := string(defaultPricesYAML)
	for _, tc := range []struct{ from, to, field string }{
		{"hourly: 0.0225", "hourly: -100", "load_balancer.hourly"},
		{"lcu_hourly: 0.008", "lcu_hourly: .nan", "load_balancer.lcu_hourly"},
		{"standby_factor: 2", "standby_factor: 0.5", "standby_factor"},
		{"hours_per_month: 730", "hours_per_month: .inf", "hours_per_month"},
		{"  compute: 0.28", "  compute: 5", "commitment_discount.compute"},
		{"  compute: 0.28", "  compute: -0.1", "commitment_discount.compute"},
		{"  database: 0.115", "  database: .nan", "storage_gb_month.database"},
		{"  database: 0.115", "  database: 1e300", "storage_gb_month.database"},
		{"{per_gb: 0.05}", "{per_gb: -0.05}", "egress_tiers[3].per_gb"},
	} {
		if !strings.Contains(base, tc.from) {
			t.Fatalf("the embedded table has no %q; update the test", tc.from)
		}
		_, err := ParsePrices([]byte(strings.Replace(base, tc.from, tc.to, 1)))
		if err == nil || !strings.Contains(err.Error(), tc.field) {
			t.Errorf("%s: err = %v, want it refused naming %s", tc.to, err, tc.field)
		}
	}
}

// TestPricesAliasesCounted: one 500 KB source repeated by aliases is
// refused, not carried into every JSON design.
func TestPricesAliasesCounted(t *testing.T) {
	big := "  - &big \"" + strings.Repeat("x", 500_000) + "\"\n" + strings.Repeat("  - *big\n", 100)
	doc := strings.Replace(string(defaultPricesYAML), "sources:\n", "sources:\n"+big, 1)
	if _, err := ParsePrices([]byte(doc)); err == nil || !strings.Contains(err.Error(), "aliases written out") {
		t.Errorf("err = %v, want the aliased text refused", err)
	}
}
