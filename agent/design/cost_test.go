package design

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/capacity"
)

// TestCostAddsUp checks every example's Cost Estimate: the total is the
// sum of its lines, each line is what the cost tool gives for its inputs
// on the embedded price table, and a design over budget names at least
// one change with its saving.
func TestCostAddsUp(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.md")
	priced := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".design.md") {
			continue
		}
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, d, err := FromText(text, f, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := d.CostSummary
		if s == nil {
			continue
		}
		priced++
		var sum float64
		for _, l := range d.Cost {
			sum += l.MonthlyUSD
			raw, _ := json.Marshal(l.args)
			r, err := capacity.Default().Call("cost", raw)
			if err != nil {
				t.Fatalf("%s: %s: %v", f, l.Component, err)
			}
			if got := r.Outputs["monthly_usd"].(float64); got != l.MonthlyUSD || r.Formula != l.Formula {
				t.Errorf("%s: %s is $%v (%s), the cost tool gives $%v (%s)", f, l.Component, l.MonthlyUSD, l.Formula, got, r.Formula)
			}
		}
		if math.Abs(sum-s.TotalUSD) > 0.01 {
			t.Errorf("%s: total $%v, lines sum to $%v", f, s.TotalUSD, sum)
		}
		assertHorizonsAddUp(t, f, d)
		if s.BudgetUSD > 0 && s.TotalUSD > s.BudgetUSD && len(s.Savings) == 0 {
			t.Errorf("%s: $%v over a $%v budget with no change named", f, s.TotalUSD, s.BudgetUSD)
		}
		if s.PriceDate == "" || len(s.Sources) == 0 {
			t.Errorf("%s: the estimate does not name its prices", f)
		}
	}
	if priced < 5 {
		t.Errorf("only %d examples were priced", priced)
	}
}

// TestCostFromAnotherPriceTable prices with a table of one's own.
func TestCostFromAnotherPriceTable(t *testing.T) {
	text, err := os.ReadFile("../../examples/url-shortener.md")
	if err != nil {
		t.Fatal(err)
	}
	_, base, _ := FromText(text, "u.md", Options{})
	data, _ := os.ReadFile("../capacity/data/prices.yaml")
	p, err := capacity.ParsePrices([]byte(strings.ReplaceAll(string(data), "hourly: 1.6128", "hourly: 0.1")))
	if err != nil {
		t.Fatal(err)
	}
	_, cheap, err := FromText(text, "u.md", Options{Prices: p})
	if err != nil {
		t.Fatal(err)
	}
	if cheap.CostSummary.TotalUSD >= base.CostSummary.TotalUSD {
		t.Errorf("cheaper large servers should lower the total: %v vs %v", cheap.CostSummary.TotalUSD, base.CostSummary.TotalUSD)
	}
}
