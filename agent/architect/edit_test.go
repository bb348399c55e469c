package architect

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/design"
)

func run(t *testing.T, s *Session, tool, args string) (string, error) {
	t.Helper()
	return toolNamed(t, s, tool).Run(context.Background(), json.RawMessage(args))
}

func mustRun(t *testing.T, s *Session, tool, args string) string {
	t.Helper()
	out, err := run(t, s, tool, args)
	if err != nil {
		t.Fatalf("%s: %v", tool, err)
	}
	return out
}

func TestEditsSurviveRecordingAgain(t *testing.T) {
	s := &Session{}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	out := mustRun(t, s, "add_component", `{"name": "Fraud screen", "kind": "service", "technology": "Go service", "role": "scores each order", "state": ["risk scores"]}`)
	if !strings.Contains(out, `"id":"fraud_screen"`) || !strings.Contains(out, `"links"`) {
		t.Errorf("answer = %s", out)
	}
	mustRun(t, s, "route_flow", `{"workloads": ["orders"], "path": ["api", "fraud_screen", "db"]}`)
	calc := mustRun(t, s, "throughput", `{"count": 36000, "per": "hour"}`)
	if !strings.Contains(calc, `"figure_ids"`) || !strings.Contains(calc, `"per_second":"M`) {
		t.Fatalf("capacity answer lacks its ids: %s", calc)
	}
	if again := mustRun(t, s, "throughput", `{"count": 36000, "per": "hour"}`); again != calc {
		t.Errorf("the same call got other ids:\n%s\n%s", calc, again)
	}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	d, err := s.Design()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.DataFlow.Mermaid, "fraud_screen") {
		t.Error("the added part was lost when the requirements were recorded again")
	}
	row, ok := Figure(d, "M1")
	if !ok || row.Formula == "" || row.Tool != "throughput" {
		t.Errorf("M1 = %+v, %v", row, ok)
	}
}

func TestEditErrorsNameTheFields(t *testing.T) {
	s := &Session{}
	if _, err := run(t, s, "add_component", `{"name": "x", "kind": "service", "technology": "t", "role": "r"}`); err == nil || !strings.Contains(err.Error(), "record_requirements first") {
		t.Errorf("edit before record: %v", err)
	}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	_, err := run(t, s, "add_component", `{"name": "x", "type": "service", "technology": "t", "role": "r"}`)
	if err == nil || !strings.Contains(err.Error(), `unknown field "type"`) || !strings.Contains(err.Error(), `did you mean "kind"? The fields are existing, figures, from, id, kind`) {
		t.Errorf("unknown field: %v", err)
	}
	_, err = run(t, s, "route_flow", `{"workload": ["orders"], "path": ["api", "db"]}`)
	if err == nil || !strings.Contains(err.Error(), `did you mean "workloads"`) {
		t.Errorf("misspelt field: %v", err)
	}
}

func TestNumbersAreCheckedWithTheirUnit(t *testing.T) {
	s := &Session{}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	var res struct {
		IDs map[string]string `json:"figure_ids"`
	}
	json.Unmarshal([]byte(mustRun(t, s, "throughput", `{"count": 32400000, "per": "day"}`)), &res)
	id := res.IDs["per_second"]
	good := `{"executive_summary": "Checkout peaks at 375 requests per second [` + id + `].", "trade_offs": ["a", "b", "c"]}`
	if _, err := run(t, s, "submit_design", good); err != nil {
		t.Fatalf("a figure the model computed was refused: %v", err)
	}
	d, _ := s.Design()
	n := 0
	for _, dec := range d.Decisions {
		if strings.HasPrefix(dec.Decision, "Trade-off") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d trade-off rows, want 3", n)
	}
	// 375 occurs (the model's figure), but not as servers.
	bad := `{"executive_summary": "Twelve hosts carry it: 375 servers at 9,000 requests per second."}`
	_, err := run(t, s, "submit_design", bad)
	if err == nil || !strings.Contains(err.Error(), "375 servers") || !strings.Contains(err.Error(), "9,000 requests per second") {
		t.Errorf("invented figures passed: %v", err)
	}
}

func TestTheSummaryIsSmallBesideTheDocument(t *testing.T) {
	s := &Session{}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	sum, err := s.DraftSummary()
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Design()
	md, _ := design.RenderMarkdown(d)
	if len(sum)*3 > len(md) {
		t.Errorf("the summary is %d bytes beside a %d-byte document; want a third or less", len(sum), len(md))
	}
}

func TestARateIsCheckedAgainstItsWorkload(t *testing.T) {
	s := &Session{}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	d, _ := s.Design()
	var orders, browse design.CapacityRow
	for _, r := range d.Capacity {
		if r.Quantity == "peak_per_second" && r.Horizon == "" {
			switch r.Workload {
			case "orders":
				orders = r
			case "browse":
				browse = r
			}
		}
	}
	rate := func(r design.CapacityRow) string {
		return design.FormatValue(r.Value, "count") + " requests per second"
	}
	right := `{"executive_summary": "The orders peak at ` + rate(orders) + `, browse at ` + rate(browse) + `."}`
	if _, err := run(t, s, "submit_design", right); err != nil {
		t.Fatalf("rates of their own workloads refused: %v", err)
	}
	swapped := `{"executive_summary": "The orders peak at ` + rate(browse) + `."}`
	if _, err := run(t, s, "submit_design", swapped); err == nil || !strings.Contains(err.Error(), rate(browse)) {
		t.Errorf("the browse rate passed as the orders': %v", err)
	}
}

func TestATotalMayFollowAWorkloadsName(t *testing.T) {
	s := &Session{}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	d, _ := s.Design()
	for _, r := range d.Derived {
		if r.Unit == "per_second" && r.Horizon == "" {
			text := `{"executive_summary": "Orders and browse together peak at ` + design.FormatValue(r.Value, "count") + ` requests per second [` + r.ID + `]."}`
			if _, err := run(t, s, "submit_design", text); err != nil {
				t.Errorf("a total refused: %v", err)
			}
			return
		}
	}
	t.Fatal("no derived rate to cite")
}

func TestHalfUnitFollowsTheStatedDigits(t *testing.T) {
	for _, c := range []struct {
		digits string
		scale  float64
		want   float64
	}{{"463", 1, 0.5}, {"120", 1, 5}, {"1,157.41", 1, 0.005}, {"1.2", 1e3, 50}, {"9,000", 1, 500}} {
		if got := halfUnit(c.digits, c.scale); got < c.want*0.999 || got > c.want*1.001 {
			t.Errorf("halfUnit(%q, %g) = %g, want %g", c.digits, c.scale, got, c.want)
		}
	}
}

func TestAnEditTheNewRequirementsNoLongerFitIsDroppedAndSaid(t *testing.T) {
	s := &Session{}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	mustRun(t, s, "add_component", `{"name": "Fraud screen", "kind": "service", "technology": "Go service", "role": "scores each order"}`)
	mustRun(t, s, "route_flow", `{"workloads": ["orders"], "path": ["api", "fraud_screen", "db"]}`)
	renamed := strings.Replace(string(recordJSON(t)), `"orders"`, `"purchases"`, 1)
	out := mustRun(t, s, "record_requirements", renamed)
	var v DraftView
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Dropped) != 1 || !strings.Contains(v.Dropped[0], `route_flow: no workload is named "orders"`) {
		t.Errorf("dropped = %q", v.Dropped)
	}
	if !strings.Contains(strings.Join(v.Components, "\n"), "fraud_screen: Fraud screen") {
		t.Error("the edit that still fits was lost with the one that does not")
	}
	if len(s.Edits()) != 1 {
		t.Errorf("%d edits kept, want 1", len(s.Edits()))
	}
}

func TestALaterEditsErrorIsItsOwn(t *testing.T) {
	s := &Session{}
	mustRun(t, s, "record_requirements", string(recordJSON(t)))
	mustRun(t, s, "add_component", `{"name": "Fraud screen", "kind": "service", "technology": "Go service", "role": "scores each order"}`)
	_, err := run(t, s, "add_component", `{"name": "Fraud screen", "kind": "service", "technology": "Go service", "role": "again"}`)
	if err == nil || !strings.HasPrefix(err.Error(), `the model already has a part named "Fraud screen" (id fraud_screen); use replace_component`) {
		t.Errorf("second add: %v", err)
	}
}
