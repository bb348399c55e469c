package architect

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

const reqYAML = `title: Shop
workloads:
  - name: orders
    kind: write
    rate: 1M/day
    item_size: 2KB
  - name: browse
    kind: read
    rate: 50M/day
    cacheable: true
availability: 99.9%
`

func toolNamed(t *testing.T, s *Session, name string) agent.Tool {
	t.Helper()
	for _, tool := range s.Tools() {
		if tool.Def.Name == name {
			return tool
		}
	}
	t.Fatalf("no tool %s", name)
	return agent.Tool{}
}

func recordJSON(t *testing.T) json.RawMessage {
	t.Helper()
	req, err := requirements.ParseRequirements([]byte(reqYAML), "req.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRecordThenSubmit(t *testing.T) {
	s := &Session{}
	submit := toolNamed(t, s, "submit_design")
	if _, err := submit.Run(context.Background(), json.RawMessage(`{"executive_summary": "x"}`)); err == nil || !strings.Contains(err.Error(), "record_requirements first") {
		t.Fatalf("submit before record: %v", err)
	}
	out, err := toolNamed(t, s, "record_requirements").Run(context.Background(), recordJSON(t))
	if err != nil {
		t.Fatal(err)
	}
	var dr DraftView
	if err := json.Unmarshal([]byte(out), &dr); err != nil || dr.Title != "Shop" || len(dr.Figures) == 0 || len(dr.Components) == 0 || len(dr.Flows) == 0 {
		t.Fatalf("draft = %.300s (%v)", out, err)
	}
	var rows []design.CapacityRow
	read, err := toolNamed(t, s, "read_design").Run(context.Background(), json.RawMessage(`{"section": "capacity"}`))
	if err != nil || json.Unmarshal([]byte(read), &rows) != nil || len(rows) == 0 {
		t.Fatalf("read_design capacity = %.200s (%v)", read, err)
	}
	if _, err := toolNamed(t, s, "read_design").Run(context.Background(), json.RawMessage(`{"section": "diagram"}`)); err == nil || !strings.Contains(err.Error(), "the sections are assumptions, capacity") {
		t.Errorf("unknown section: %v", err)
	}
	first := rows[0]
	if !strings.HasPrefix(dr.Figures[0], first.ID+" ") {
		t.Errorf("the summary's first figure %q is not %s", dr.Figures[0], first.ID)
	}
	summary := "Orders run at " + first.ID + "; the figure is " + design.FormatValue(first.Value, first.Unit) + "."
	args, _ := json.Marshal(Narrative{
		ExecutiveSummary: summary,
		Rationale:        []Rationale{{Need: "database", Text: "The team runs PostgreSQL today."}},
		Overrides:        []Override{{Need: "database", Choice: "MySQL", Reason: "the team operates MySQL"}},
		Risks:            []Risk{{Risk: "Black Friday", Likelihood: "high", Impact: "high", Mitigation: "load test first"}},
	})
	if _, err := submit.Run(context.Background(), args); err != nil {
		t.Fatalf("submit: %v", err)
	}
	d, err := s.Design()
	if err != nil {
		t.Fatal(err)
	}
	if d.ExecutiveSummary != summary {
		t.Errorf("summary = %q", d.ExecutiveSummary)
	}
	var db design.Component
	for _, c := range d.Components {
		if c.Need == "database" {
			db = c
		}
	}
	if db.Choice != "MySQL" || db.Alternative != "PostgreSQL" {
		t.Errorf("database = %+v, want the override with PostgreSQL as the alternative", db)
	}
	last := d.Decisions[len(d.Decisions)-1]
	if !strings.Contains(last.Reasoning, "the team operates MySQL") || !strings.Contains(last.Reasoning, "decision matrix chose PostgreSQL") {
		t.Errorf("decision log = %+v", last)
	}
	if r := d.Risks[len(d.Risks)-1]; r.Risk != "Black Friday" {
		t.Errorf("risks = %+v", d.Risks)
	}
}

func TestNarrativeMayNotInventNumbers(t *testing.T) {
	s := &Session{}
	if _, err := toolNamed(t, s, "record_requirements").Run(context.Background(), recordJSON(t)); err != nil {
		t.Fatal(err)
	}
	submit := toolNamed(t, s, "submit_design")
	tests := []struct {
		summary string
		ok      bool
	}{
		{"Orders peak at 23.15/s, so one primary is plenty.", true},
		{"Orders peak at 4,242/s which needs sharding.", false},
		{"Three services, 2 regions, 12 months of runway; see C1 and D1.", true},
		{"About 7.5 TB a year.", false},
	}
	for _, tt := range tests {
		args, _ := json.Marshal(Narrative{ExecutiveSummary: tt.summary})
		_, err := submit.Run(context.Background(), args)
		if (err == nil) != tt.ok {
			t.Errorf("submit(%q) error = %v, want ok=%v", tt.summary, err, tt.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "no tool produced") {
			t.Errorf("error = %v, want it to say no tool produced the number", err)
		}
	}
}

func TestOverrideOfAMissingComponentIsRefused(t *testing.T) {
	s := &Session{}
	if _, err := toolNamed(t, s, "record_requirements").Run(context.Background(), recordJSON(t)); err != nil {
		t.Fatal(err)
	}
	args := json.RawMessage(`{"executive_summary": "ok", "overrides": [{"need": "search", "choice": "Solr", "reason": "why not"}]}`)
	if _, err := toolNamed(t, s, "submit_design").Run(context.Background(), args); err == nil || !strings.Contains(err.Error(), `no "search" component`) {
		t.Errorf("error = %v", err)
	}
}

func TestRecordRejectsUnknownFieldsAndBadQuantities(t *testing.T) {
	s := &Session{}
	rec := toolNamed(t, s, "record_requirements")
	for _, args := range []string{`{"title": "x", "bogus": 1}`, `{"title": "x", "workloads": [{"name": "w", "rate": "fast"}]}`} {
		if _, err := rec.Run(context.Background(), json.RawMessage(args)); err == nil {
			t.Errorf("record(%s) accepted", args)
		}
	}
}

func TestToolSchemasAreValid(t *testing.T) {
	if _, err := agent.NewToolbox((&Session{}).Tools()...); err != nil {
		t.Fatal(err)
	}
}

func TestSystemPromptKeepsTheStaticPrefix(t *testing.T) {
	a := SystemPrompt("PERSONA\n", "phase: scale")
	b := SystemPrompt("PERSONA\n", "phase: constraints")
	if !strings.HasPrefix(a, "PERSONA\n\n---\n\n") || !strings.HasPrefix(b, "PERSONA\n\n---\n\n") {
		t.Errorf("prompts = %q, %q", a, b)
	}
}

// TestRecordSchemaAcceptsTheGrammar checks that record_requirements, with
// its arguments checked against its schema as the loop does, takes
// quantities as strings in the grammar, like a model writes them.
func TestRecordSchemaAcceptsTheGrammar(t *testing.T) {
	s := &Session{}
	tb, err := agent.NewToolbox(s.Tools()...)
	if err != nil {
		t.Fatal(err)
	}
	args := `{"title": "Links", "workloads": [{"name": "redirect", "kind": "read", "rate": "10B/month", "item_size": "500B", "latency_p99": "50ms", "cacheable": true}],
	 "availability": "99.95%", "growth": {"1y": "4x"}, "current": {"latency_p95_before": "250ms", "latency_p95_after": "900ms", "stages": {"db": "600ms"}}}`
	out, isErr := tb.Call(context.Background(), agent.ToolCall{ID: "1", Name: "record_requirements", Arguments: args})
	if isErr {
		t.Fatalf("record_requirements rejected grammar strings: %s", out)
	}
	if req := s.Requirements(); req == nil || req.Workloads[0].Rate.Per != "month" {
		t.Errorf("recorded %+v", req)
	}
}

// TestOverrideThatContradictsTheRequirementsIsRefused: the requirements
// rule a technology out; a narrative that brings it back through an
// override would make the document contradict itself.
func TestOverrideThatContradictsTheRequirementsIsRefused(t *testing.T) {
	req := requirements.Requirements{Title: "Shop", Body: "Use ordinary systems: no Cassandra.",
		Workloads: []requirements.Workload{{Name: "place order", Kind: requirements.Write, Rate: quantity.Flow{Count: 200, Per: "second"}}}}
	raw, _ := json.Marshal(req)
	s := &Session{}
	if _, err := toolNamed(t, s, "record_requirements").Run(t.Context(), raw); err != nil {
		t.Fatal(err)
	}
	args := json.RawMessage(`{"executive_summary": "ok", "overrides": [{"need": "database", "choice": "Cassandra", "reason": "we like it"}]}`)
	_, err := toolNamed(t, s, "submit_design").Run(t.Context(), args)
	if err == nil || !strings.Contains(err.Error(), "contradicts itself") {
		t.Errorf("error = %v, want the contradiction refused", err)
	}
	if s.Submitted() {
		t.Error("the contradicting narrative was accepted")
	}
}
