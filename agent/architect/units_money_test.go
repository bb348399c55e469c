package architect

import (
	"slices"
	"testing"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/requirements"
)

func TestAmountsOfMoney(t *testing.T) {
	d := &design.Design{
		Requirements: requirements.Requirements{Body: "We pay $3,000 a month for the servers today.", Constraints: &requirements.Constraints{Budget: "20000 USD/month"}},
		Cost:         []design.CostLine{{Component: "egress", MonthlyUSD: 12431.5, UnitPriceUSD: 0.09}},
		CostSummary:  &design.CostSummary{TotalUSD: 12931.5, BudgetUSD: 20000},
		Capacity:     []design.CapacityRow{{ID: "M3", Tool: "cost", Quantity: "monthly_usd", Value: 25000, Unit: "usd"}, {ID: "C1", Quantity: "per_second", Value: 116, Unit: "per_second"}},
	}
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"Egress costs $12,431.50 a month, or about $12.4k.", nil},
		{"Today's servers cost $3,000 a month and the budget is $20,000.", nil},
		{"The transfer price is $0.09 per GB; the second region costs $25k [M3].", nil},
		{"The servers add $116 a month and the queue 20,000 dollars.", []string{"$116"}},
		{"Workers cost $14,000 a month; egress about $12,400 a month.", []string{"$14,000"}},
	} {
		if got := unpriced([]string{tt.text}, d); !slices.Equal(got, tt.want) {
			t.Errorf("unpriced(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
	if claim, over := budgetClaim([]string{"It fits well within the $20,000 budget."}, d); claim == "" || over == "" {
		t.Error("a claim to fit the budget beside a cost figure above it passed")
	}
	if claim, _ := budgetClaim([]string{"Each hop stays within its latency budget."}, d); claim != "" {
		t.Errorf("a latency budget was read as money: %q", claim)
	}
	d.Capacity = d.Capacity[1:]
	if claim, _ := budgetClaim([]string{"It stays within the $20,000 budget."}, d); claim != "" {
		t.Errorf("a true claim to fit the budget was refused: %q", claim)
	}
}
