package design

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

func TestDetectKind(t *testing.T) {
	tests := []struct {
		name string
		req  requirements.Requirements
		want string
	}{
		{"workloads only", requirements.Requirements{Title: "x"}, KindGreenfield},
		{"question", requirements.Requirements{Question: "Kafka or Redis?"}, KindSelection},
		{"blank question", requirements.Requirements{Question: "  "}, KindGreenfield},
		{"current", requirements.Requirements{Current: &requirements.Current{}}, KindPerformance},
		{"current wins over question", requirements.Requirements{Question: "Kafka?", Current: &requirements.Current{}}, KindPerformance},
	}
	for _, tt := range tests {
		if got := DetectKind(tt.req); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSelectionTopics(t *testing.T) {
	tests := []struct {
		question, topic string
	}{
		{"Event sourcing vs CRUD for order management?", "event sourcing vs CRUD"},
		{"Should orders be event-sourced?", "event sourcing vs CRUD"},
		{"Monolith or microservices for the first version?", "monolith vs microservices"},
		{"Redis queue or Kafka for jobs?", "Redis queue vs Kafka"},
		{"PostgreSQL or MongoDB for the catalogue?", "PostgreSQL vs NoSQL"},
		{"Should thumbnails be generated synchronously or in the background?", "synchronous vs background work"},
		{"Add a cache or fix the slow query?", "cache vs fixing the query"},
		{"GraphQL or REST?", ""},
	}
	for _, tt := range tests {
		req := requirements.Requirements{Title: "q", Question: tt.question, Workloads: []requirements.Workload{workload("place order", "write", 5)}}
		d, err := Build(req, Options{})
		if err != nil {
			t.Fatal(err)
		}
		s := d.Selection
		if s.Topic != tt.topic {
			t.Errorf("%q: topic %q, want %q", tt.question, s.Topic, tt.topic)
			continue
		}
		if tt.topic == "" {
			if !containsAny(strings.Join(d.OpenQuestions, "\n"), tt.question) {
				t.Errorf("%q: an unknown trade-off should be an open question", tt.question)
			}
			continue
		}
		if s.Recommendation == "" || len(s.Criteria) < 3 || len(s.Reasoning) == 0 {
			t.Errorf("%q: thin analysis: %+v", tt.question, s)
		}
		for _, c := range s.Criteria {
			if len(c.Ratings) != len(s.Options) {
				t.Errorf("%q: criterion %q rates %d options, want %d", tt.question, c.Name, len(c.Ratings), len(s.Options))
			}
		}
	}
}

func TestSelectionFollowsTheMatrix(t *testing.T) {
	small := requirements.Requirements{Title: "q", Question: "Redis queue or Kafka?", Workloads: []requirements.Workload{
		{Name: "send email", Kind: "message", Rate: quantity.Flow{Count: 10_000, Per: "hour"}}}}
	big := small
	big.Workloads = []requirements.Workload{{Name: "send email", Kind: "message", Rate: quantity.Flow{Count: 10_000_000, Per: "hour"}}}
	for _, tt := range []struct {
		req  requirements.Requirements
		want string
	}{{small, "Redis + workers"}, {big, "Kafka/Pulsar"}} {
		d, err := Build(tt.req, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Selection.Recommendation; got != tt.want {
			t.Errorf("recommendation %q, want %q", got, tt.want)
		}
	}
}

func TestPerformanceAnalysis(t *testing.T) {
	req := requirements.Requirements{Title: "slow", Current: &requirements.Current{
		LatencyP95Before: 0.25, LatencyP95After: 0.9,
		Stages:  capacity.Stages{{Name: "auth", Seconds: 0.02}, {Name: "orders query", Seconds: 0.61}, {Name: "render", Seconds: 0.09}},
		Changes: []string{"added a recommendations widget"},
	}}
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := d.Performance
	if p.Culprit != "orders query" || !p.OverBudget {
		t.Errorf("culprit %q over budget %v, want orders query, true", p.Culprit, p.OverBudget)
	}
	if !strings.HasPrefix(p.Causes[0].Cause, "N+1") || p.Causes[0].Likelihood != "high" {
		t.Errorf("first cause %+v, want N+1 queries, high", p.Causes[0])
	}
	row, ok := d.row(p.RegressionRef)
	if !ok || row.Value != -0.65 {
		t.Errorf("regression row %+v, want headroom -0.65 s", row)
	}
	if len(p.Measurements) == 0 || len(p.Fixes) == 0 || len(p.Watch) == 0 {
		t.Errorf("measurements, fixes and watch list must not be empty: %+v", p)
	}
}

func TestGrowthMonth(t *testing.T) {
	curve := []horizon{{"6mo", 6, 2}, {"1y", 12, 4}, {"3y", 36, 20}}
	tests := []struct {
		now, limit float64
		month      float64
		crossed    bool
	}{
		{1_000, 1_500, 3.5, true},   // 6 × ln 1.5 / ln 2 = 3.51
		{1_000, 2_000, 6, true},     // equal at 6 months, above just after
		{1_000, 10_000, 25.7, true}, // 12 + 24 × ln(10/4) / ln 5 = 25.66
		{1_000, 50_000, 36, false},  // ×20 is 20,000
		{20_000, 10_000, 0, true},   // already above
	}
	for _, tt := range tests {
		d, crossed := growthMonth("rate", figure{tt.now, "C1"}, tt.limit, "per_second", curve)
		if crossed != tt.crossed || d.Value != tt.month {
			t.Errorf("%v → %v: month %v crossed %v, want %v %v (%s)", tt.now, tt.limit, d.Value, crossed, tt.month, tt.crossed, d.Formula)
		}
	}
}

func TestBuildRejectsBadInput(t *testing.T) {
	tests := []struct {
		name string
		req  requirements.Requirements
		opts Options
		want string
	}{
		{"unknown kind", requirements.Requirements{Title: "x", Workloads: []requirements.Workload{{Name: "a", Kind: "stream", Rate: quantity.Flow{Count: 1, Per: "second"}}}}, Options{}, `unknown kind "stream"`},
		{"negative rate", requirements.Requirements{Title: "x", Workloads: []requirements.Workload{{Name: "a", Kind: "read", Rate: quantity.Flow{Count: -1, Per: "second"}}}}, Options{}, "count"},
		{"bad horizon", requirements.Requirements{Title: "x", Growth: map[string]quantity.Factor{"soon": 2}}, Options{}, `horizon "soon"`},
		{"negative scale", requirements.Requirements{Title: "x"}, Options{Scale: -1}, "scale"},
	}
	for _, tt := range tests {
		_, err := Build(tt.req, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

// TestEmptyRequirements checks that a bare title still gives a complete
// document whose gaps are open questions, and JSON with every key.
func TestEmptyRequirements(t *testing.T) {
	d, err := Build(requirements.Requirements{Title: "Bare"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.OpenQuestions) == 0 {
		t.Error("no open questions for empty requirements")
	}
	js, _ := RenderJSON(d)
	var m map[string]json.RawMessage
	if err := json.Unmarshal(js, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"title", "kind", "requirements", "capacity", "components", "state", "hot_paths",
		"failure_scenarios", "scaling", "decisions", "checklist", "assumptions", "open_questions"} {
		if v, ok := m[k]; !ok || string(v) == "null" {
			t.Errorf("JSON key %q missing or null", k)
		}
	}
}

// TestSections checks the headings review relies on, in order, at both
// levels of detail.
func TestSections(t *testing.T) {
	t.Run("full", func(t *testing.T) {
		checkSections(t, DetailFull, []string{"# System Design: Orders API latency regression", "## Executive Summary", "## Requirements",
			"### Requirements Traceability", "### Scale and Performance", "### Reliability and Compliance", "### Constraints",
			"## Capacity", "## State Ownership", "## Hot Paths", "## Proposed Architecture", "### Core Components",
			"### Data Flow", "## Performance Analysis", "## Failure Scenarios", "### Timeouts, Retries and Circuit Breakers",
			"### Graceful Degradation", "## Scaling Strategy", "### Threshold Warnings", "## Operational Plan", "### Monitoring", "### Alerts",
			"### Deployment and Backups", "## Risk Assessment", "## Decision Log", "## Quality Checklist", "## Assumptions", "## Open Questions"})
	})
	t.Run("brief", func(t *testing.T) {
		checkSections(t, DetailBrief, []string{"# System Design: Orders API latency regression", "## Executive Summary", "## Requirements",
			"### Requirements Traceability", "### Scale and Performance", "### Reliability and Constraints",
			"## Capacity", "## State Ownership", "## Hot Paths", "## Proposed Architecture", "### Core Components",
			"### Data Flow", "## Performance Analysis", "## Failure Scenarios", "### Timeouts, Retries and Circuit Breakers",
			"### Graceful Degradation", "## Scaling Strategy", "## Operational Plan", "### Alerts",
			"### Deployment and Backups", "## Risk Assessment", "## Decision Log", "## Quality Checklist", "## Assumptions", "## Open Questions"})
	})
}

func checkSections(t *testing.T, detail string, want []string) {
	t.Helper()
	d := buildExample(t, "../../examples/api-regression.md")
	d.Detail = detail
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(string(md), "\n") {
		for _, w := range want {
			if line == w {
				got = append(got, line)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headings (-want +got):\n%s", diff)
	}
	if detail == DetailFull && !strings.Contains(string(md), "```mermaid\nflowchart TD") {
		t.Error("no Mermaid flowchart")
	}
}

func TestSelectionAndExtractedSections(t *testing.T) {
	d := buildExample(t, "../../examples/order-event-sourcing.md")
	d.Extracted = []requirements.Extraction{{Field: "workloads[0].rate", Value: "50k/day", Sentence: "We take 50k orders a day."}}
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n## Extracted from the Text\n", "| workloads[0].rate | 50k/day | We take 50k orders a day. |",
		"\n## Technology Selection\n", "\n### Trade-offs\n", "\n### Recommendation\n"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("document lacks %q", want)
		}
	}
}

// TestArchitectureListsThePasses keeps docs/ARCHITECTURE.md's list of
// passes in step with the engine's: each pass is named there, in order.
func TestArchitectureListsThePasses(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ARCHITECTURE.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start := strings.Index(text, "## The engine: passes")
	if start < 0 {
		t.Fatal("docs/ARCHITECTURE.md has no section on the passes")
	}
	text = text[start:]
	at := 0
	for _, p := range passes {
		i := strings.Index(text[at:], "**"+p.name+"**")
		if i < 0 {
			t.Errorf("docs/ARCHITECTURE.md does not list the pass %s after the ones before it", p.name)
			continue
		}
		at += i
	}
}
