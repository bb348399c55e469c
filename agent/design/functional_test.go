package design

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/review"
)

// TestFunctionalTraceCoversExamples checks that every functional line of
// every example is traced, and that each place it lands exists in the
// design: a state row, a hot path, a component or service, or an open
// question.
func TestFunctionalTraceCoversExamples(t *testing.T) {
	for _, path := range exampleFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			d := buildExample(t, path)
			checkTrace(t, d)
		})
	}
}

func checkTrace(t *testing.T, d *Design) {
	t.Helper()
	traced := map[string]bool{}
	for _, tr := range d.FunctionalTrace {
		if len(tr.LandsIn) == 0 {
			t.Errorf("%q lands nowhere", tr.Line)
		}
		if tr.Source == "functional" {
			traced[tr.Line] = true
		}
		for _, l := range tr.LandsIn {
			if !landingExists(d, l) {
				t.Errorf("%q lands in %q, which the design does not have", tr.Line, l)
			}
		}
	}
	for _, line := range d.Requirements.Functional {
		if !traced[strings.TrimSpace(line)] {
			t.Errorf("functional line %q is not traced", line)
		}
	}
}

func landingExists(d *Design, landing string) bool {
	kind, name, _ := strings.Cut(landing, ": ")
	switch kind {
	case "state":
		for _, s := range d.State {
			if s.Name == name && s.Owner != "" {
				return true
			}
		}
	case "hot path":
		for _, h := range d.HotPaths {
			if h.Name == name {
				return true
			}
		}
	case "component", "background job":
		for _, s := range d.Services {
			if s.Name == name {
				return true
			}
		}
		for _, c := range d.Components {
			if strings.Contains(name, c.Choice) {
				return true
			}
		}
	case "open question":
		return len(d.OpenQuestions) > 0
	}
	return false
}

func buildReq(t *testing.T, req requirements.Requirements) *Design {
	t.Helper()
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTrace(t, d)
	return d
}

func traceOf(d *Design, line string) []string {
	for _, tr := range d.FunctionalTrace {
		if tr.Line == line {
			return tr.LandsIn
		}
	}
	return nil
}

// TestFunctionalMechanisms checks one line per mechanism lands where the
// mapping says.
func TestFunctionalMechanisms(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"search orders by customer email or order number", []string{"state: index on orders(customer_email)", "state: index on orders(order_number)", "hot path: view orders"}},
		{"record who changed what, for audits", []string{"state: change history (append-only)", "hot path: update order"}},
		{"export orders as CSV for finance", []string{"state: queued jobs", "background job: Workers"}},
		{"list the pickup points nearest to the customer", []string{"state: locations"}},
		{"show the order status live", []string{"component: Push gateway", "state: open client connections", "hot path: view orders"}},
		{"upload a photo of the damaged parcel", []string{"component: Storage (Object storage (S3/GCS))", "state: uploaded files"}},
		{"never charge an order twice, one payment per order", []string{"state: unique constraint on payments(order_id)", "hot path: update order"}},
		// The constraint guards the write's own records: their row, and
		// the hot path names it (TestConstraintIsNoState).
		{"move money exactly once, even when a client retries", []string{"state: order records", "hot path: update order"}},
		{"never sell the same seat twice", []string{"(seat_id)"}},
		{"orders, tidy for the finance team's spreadsheet", []string{"hot path: view orders", "state: order records"}},
		{"be delightful", []string{"open question: what it needs from the system"}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			d := buildReq(t, requirements.Requirements{Title: "Orders", Functional: []string{tt.line}, Workloads: []requirements.Workload{
				workload("view orders", requirements.Read, 50), workload("update order", requirements.Write, 5),
			}})
			got := strings.Join(traceOf(d, tt.line), " | ")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("lands in %q, want it to include %q", got, w)
				}
			}
		})
	}
}

// TestNearestDriver is the ride-hailing line that once produced no geo
// index: it lands on the path that finds the driver and on the geo index
// that holds the drivers' positions — ride dispatch's location service
// (Redis GEO), which answers the functional geo mechanism, so no PostGIS
// row of locations stands beside it.
func TestNearestDriver(t *testing.T) {
	line := "match the nearest available driver to a ride request"
	d := buildReq(t, requirements.Requirements{Title: "Rides", Summary: "Riders are matched with a nearby driver.",
		Functional: []string{line}, Workloads: []requirements.Workload{
			workload("request ride", requirements.Write, 20), workload("find nearest driver", requirements.Read, 20),
		}})
	want := []string{"component: Location service", "hot path: find nearest driver"}
	if diff := cmp.Diff(want, traceOf(d, line)); diff != "" {
		t.Errorf("trace (-want +got):\n%s", diff)
	}
	positions := 0
	for _, s := range d.State {
		if strings.HasSuffix(s.Name, "locations") {
			t.Errorf("a second store of positions beside the location service: %+v", s)
		}
		if s.Owner == "Location service" {
			positions++
		}
	}
	if positions != 1 {
		t.Errorf("%d rows owned by the location service, want the drivers' positions", positions)
	}
}

// TestLocationsWithoutDispatch keeps the geo mechanism where no archetype
// answers it: the locations get a GiST index in the database.
func TestLocationsWithoutDispatch(t *testing.T) {
	line := "list the pickup points nearest to the customer"
	d := buildReq(t, requirements.Requirements{Title: "Orders", Functional: []string{line}, Workloads: []requirements.Workload{
		workload("view orders", requirements.Read, 50), workload("update order", requirements.Write, 5)}})
	n := 0
	for _, s := range d.State {
		if strings.HasSuffix(s.Name, "locations") {
			n++
			if !strings.Contains(s.Storage, "GiST") {
				t.Errorf("locations stored in %q, want a GiST index", s.Storage)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d locations rows, want 1", n)
	}
}

// TestSearchByEmailSendsNoEmail checks that the fields of a look-up are
// not read as actions.
func TestSearchByEmailSendsNoEmail(t *testing.T) {
	d := buildReq(t, requirements.Requirements{Title: "Orders", Functional: []string{"find customers by email"},
		Workloads: []requirements.Workload{workload("view customers", requirements.Read, 10)}})
	for _, s := range d.Services {
		if s.Name == "Workers" {
			t.Errorf("a look-up by e-mail address got background workers: %+v", s)
		}
	}
}

func TestByFields(t *testing.T) {
	m := patterns.Functional()
	tests := []struct {
		text, table string
		fields      []string
	}{
		{" orders by customer email or order number", "orders", []string{"customer_email", "order_number"}},
		{" the customer's invoices by date, amount and status within a second", "customer_invoices", []string{"date", "amount", "status"}},
		{" by name", "", []string{"name"}},
		{" all orders", "", nil},
	}
	for _, tt := range tests {
		table, fields := byFields(m, tt.text)
		if table != tt.table || !cmp.Equal(fields, tt.fields) {
			t.Errorf("byFields(%q) = %q, %q; want %q, %q", tt.text, table, fields, tt.table, tt.fields)
		}
	}
}

// TestBackOffice is the small internal tool of the acceptance: indexes
// on the named fields, an audit table with an owner, the PostgreSQL in
// place and nothing else, a short document that passes the review.
func TestBackOffice(t *testing.T) {
	d := buildExample(t, "../../examples/order-backoffice.md")
	state := map[string]StateRecord{}
	for _, s := range d.State {
		state[s.Name] = s
	}
	for _, name := range []string{"index on orders(customer_email)", "index on orders(order_number)", "change history (append-only)"} {
		if s, ok := state[name]; !ok || s.Owner == "" || s.Storage == "" || s.Retention == "" {
			t.Errorf("state %q missing or without owner, storage and retention: %+v", name, s)
		}
	}
	if diff := cmp.Diff(map[string]string{"database": "PostgreSQL"}, choicesOf(t, d)); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	for _, s := range d.Services {
		if s.Name != "API (modular monolith)" && s.Name != "Load balancer" {
			t.Errorf("a back-office tool got the service %q", s.Name)
		}
	}
	if len(d.Operations.Alerts) != 2 {
		t.Errorf("%d alerts, want 2 for a 99.5%% office-hours tool: %+v", len(d.Operations.Alerts), d.Operations.Alerts)
	}
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	// 160, and three lines that say no archetype fits and ask what would
	// decide the mechanism.
	if n := strings.Count(string(md), "\n"); n >= 163 {
		t.Errorf("the document has %d lines, want under 163", n)
	}
	for _, absent := range []string{"burn rate", "Blue-green", "Redis", "Kafka", "Elasticsearch", "Authentication on every route", "not within"} {
		if strings.Contains(string(md), absent) {
			t.Errorf("the document mentions %q", absent)
		}
	}
	rep := review.Review(md, "order-backoffice.design.md")
	if rep.Failed() {
		t.Errorf("review fails the document: %+v", rep.Findings)
	}
}
