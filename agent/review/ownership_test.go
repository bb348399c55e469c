package review

import (
	"strings"
	"testing"
)

// TestSeveralWriters checks that a dataset written by several services is
// reported as such, once, with every writer named, and never as a dataset
// without an owner.
func TestSeveralWriters(t *testing.T) {
	table := func(header, rows string) string {
		return "# Shop\n\n## State Ownership\n\n" + header + "\n" + rows
	}
	tests := []struct {
		name, doc string
		writers   []string // each named in the finding
	}{
		{"three in one cell", table("| Data | Owner | Storage |\n| --- | --- | --- |", "| orders | order service, payment service, billing service | PostgreSQL |\n"),
			[]string{"order service", "payment service", "billing service"}},
		{"three over three rows", table("| Data | Owner | Storage |\n| --- | --- | --- |", "| orders | order service | PostgreSQL |\n| orders | payment service | PostgreSQL |\n| orders | billing service | PostgreSQL |\n"),
			[]string{"order service", "payment service", "billing service"}},
		{"shared with the writers in parentheses", table("| Data | Owner | Storage |\n| --- | --- | --- |", "| orders | shared (order, payment, billing services) | PostgreSQL |\n"),
			[]string{"order", "payment", "billing services"}},
		{"multiple with the writers in parentheses", table("| Data | Owner | Storage |\n| --- | --- | --- |", "| orders | multiple (order, payment, billing) | PostgreSQL |\n"),
			[]string{"order", "payment", "billing"}},
		{"a plural after and", table("| Data | Owner | Storage |\n| --- | --- | --- |", "| orders | Order, Payment and Billing services | PostgreSQL |\n"),
			[]string{"Order, Payment, Billing services"}},
		{"no owner but a writers column", table("| Table | Owner | Writers |\n| --- | --- | --- |", "| orders | none | order, payment, billing services |\n"),
			[]string{"order", "payment", "billing services"}},
		{"shared and unnamed", table("| Data | Owner | Storage |\n| --- | --- | --- |", "| orders | shared | PostgreSQL |\n"),
			[]string{"several services the table does not name"}},
		{"written by three in prose", "# Shop\n\nThe orders table in PostgreSQL is written by the order, payment and billing services.\n",
			[]string{"order, payment and billing services"}},
		{"three write in prose", "# Shop\n\nThe order, payment and billing services all write the orders table.\n",
			[]string{"order, payment and billing services"}},
		{"written by three named services", "# Shop\n\nOrders are written by the order service, the payment service and the billing service.\n",
			[]string{"the order service, the payment service and the billing service"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Review([]byte(tt.doc), "t.md")
			var shared []Finding
			for _, f := range r.Findings {
				switch f.ID {
				case "shared-writer":
					shared = append(shared, f)
				case "state-owner-unnamed", "state-ownership-missing":
					t.Errorf("%s raised for a dataset with several writers: %s", f.ID, f.Title)
				}
			}
			if len(shared) != 1 {
				t.Fatalf("%d shared-writer findings, want 1; findings %v", len(shared), ids(r))
			}
			if shared[0].Severity != High {
				t.Errorf("severity %s, want high", shared[0].Severity)
			}
			for _, w := range tt.writers {
				if !strings.Contains(shared[0].Detail, w) {
					t.Errorf("detail does not name %q: %s", w, shared[0].Detail)
				}
			}
			if c := r.Checklist[0]; c.ID != "state-ownership" || c.OK || !strings.Contains(c.Evidence, shared[0].Title) {
				t.Errorf("state-ownership item %v %q, want it failed by the several writers", c.OK, c.Evidence)
			}
		})
	}
}
