package review

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestModelFromExampleDesign reads sysarch's own payments ledger design:
// the model holds its components, its store of record, its Capacity rows
// and its decisions, each at the line the document gives it.
func TestModelFromExampleDesign(t *testing.T) {
	doc, err := os.ReadFile("../../examples/payments-ledger.design.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(doc), "\n")
	m := Review(doc, "ledger.md").Model
	if m == nil {
		t.Fatal("no model in the report")
	}
	lineHas := func(what string, line int, s string) {
		t.Helper()
		if line < 1 || line > len(lines) || !strings.Contains(lines[line-1], s) {
			t.Errorf("%s: line %d does not hold %q", what, line, s)
		}
	}
	if len(m.Components) < 5 {
		t.Errorf("components: %d, want the components table's rows", len(m.Components))
	}
	for _, c := range m.Components {
		lineHas("component", c.Line, c.Name)
	}
	if !slices.Contains(m.Stores, "PostgreSQL") {
		t.Errorf("stores %v lack PostgreSQL", m.Stores)
	}
	var ledger bool
	for _, r := range m.Records {
		lineHas("record", r.Line, strings.Trim(r.Entity, " *_`"))
		ledger = ledger || strings.Contains(r.Entity, "ledger") && r.Store == "PostgreSQL"
	}
	if !ledger {
		t.Errorf("records %+v: none puts the ledger entries in PostgreSQL", m.Records)
	}
	if len(m.Figures) < 10 {
		t.Errorf("figures: %d, want the Capacity table's rows", len(m.Figures))
	}
	for _, f := range m.Figures {
		lineHas("figure", f.Line, "| "+f.ID+" |")
	}
	var db bool
	for _, d := range m.Decisions {
		lineHas("decision", d.Line, d.Question)
		db = db || d.Question == "Database" && strings.Contains(d.Choice, "PostgreSQL")
	}
	if !db {
		t.Errorf("decisions %+v: no Database row answered PostgreSQL", m.Decisions)
	}
}

// TestPlantedContradictionThroughModel plants a second store of record
// and a second answer to a decision in the example design: both appear in
// the model, and the review names both places from it.
func TestPlantedContradictionThroughModel(t *testing.T) {
	doc, err := os.ReadFile("../../examples/payments-ledger.design.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(doc), "## Executive Summary\n", "## Executive Summary\n\nDynamoDB is the source of truth for balances.\n\nPostgreSQL is the source of truth for balances.\n", 1)
	r := Review([]byte(text), "ledger.md")
	var stores []string
	for _, rec := range r.Model.Records {
		if rec.Entity == "balances" {
			stores = append(stores, rec.Store)
		}
	}
	if !slices.Equal(stores, []string{"DynamoDB", "PostgreSQL"}) {
		t.Errorf("model records of balances: %v, want DynamoDB then PostgreSQL", stores)
	}
	if !slices.Contains(r.Model.Stores, "DynamoDB") {
		t.Errorf("model stores %v lack the planted DynamoDB", r.Model.Stores)
	}
	var found bool
	for _, f := range r.Findings {
		if f.ID == "two-stores-of-record" {
			found = true
			if f.Severity != High || !strings.Contains(f.Detail, "DynamoDB") || !strings.Contains(f.Detail, "PostgreSQL") {
				t.Errorf("finding %+v does not name both stores as high", f)
			}
		}
	}
	if !found {
		t.Errorf("no two-stores-of-record finding; findings: %+v", r.Findings)
	}
}

// TestStoreLiteralsCoverStoreNames: every store flowTo can name holds one
// of storeLiterals, the prefilter that spares the other sentences.
func TestStoreLiteralsCoverStoreNames(t *testing.T) {
	names := strings.Split(strings.Trim(storeAlt, "()"), "|")
	for _, n := range names {
		n = strings.TrimSuffix(n, `\w*`)
		if !hasAny(n, storeLiterals) {
			t.Errorf("store %q holds none of storeLiterals", n)
		}
	}
	if len(names) < 20 {
		t.Errorf("read %d store names from storeAlt, want all of them", len(names))
	}
}
