package design

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/requirements"
)

func TestFalseWithin(t *testing.T) {
	bad := []string{
		"11,574.07 writes/s is within what PostgreSQL handles (10,000 writes/s easily)",
		"3 TB stored is within the 2 TB one node holds comfortably",
		"2M messages/hour is within 1M/hour",
		"a run of 2h is within 30m",
	}
	for _, s := range bad {
		if got := falseWithin(s); len(got) != 1 {
			t.Errorf("falseWithin(%q) = %q, want it flagged", s, got)
		}
	}
	good := []string{
		"800 writes/s is within the 10,000 writes/s one PostgreSQL primary takes easily",
		"12.7 GB stored is within the 2 TB one node holds comfortably",
		"| Cache | 1,000/s | not within 36 months [D3] |",
		"50 GB is within reach [C12]",
		"11,407.95/s of redirects answered within 200ms",
		"2s of work done within 5m",
	}
	for _, s := range good {
		if got := falseWithin(s); len(got) != 0 {
			t.Errorf("falseWithin(%q) = %q, want nothing", s, got)
		}
	}
}

// consistent builds a small design that passes the check, for the tests
// to break one way at a time.
func consistent(t *testing.T, body string) *Design {
	t.Helper()
	req, err := requirements.ParseRequirements([]byte("---\ntitle: x\nworkloads: [{name: create item, kind: write, rate: 1M/day, item_size: 1KB}, {name: read item, kind: read, rate: 10M/day}]\n---\n"+body+"\n"), "x.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if bad := d.Check(); len(bad) != 0 {
		t.Fatalf("the base design is already inconsistent: %v", bad)
	}
	return d
}

func hasRule(found []Inconsistency, rule, text string) bool {
	for _, f := range found {
		if f.Rule == rule && strings.Contains(f.Text, text) {
			return true
		}
	}
	return false
}

func TestCheckFindsContradictions(t *testing.T) {
	d := consistent(t, "Plain words.")
	d.Assumptions = append(d.Assumptions, "A rate of 3.8e-07/s.")
	if !hasRule(d.Check(), "no exponent form", "3.8e-07") {
		t.Error("an exponent-form figure passed the check")
	}

	d = consistent(t, "Plain words.")
	d.Components[0].Reason = "11,574.07 writes/s is within what PostgreSQL handles (10,000 writes/s easily)."
	if !hasRule(d.Check(), "within is true", "11,574.07") {
		t.Error("a false within passed the check")
	}

	d = consistent(t, "Plain words.")
	d.Scaling[0].Changes = append(d.Scaling[0].Changes, "database sharding or NewSQL")
	d.Scaling[0].Relies = append(d.Scaling[0].Relies, factSharded)
	if !hasRule(d.Check(), "scaling matches decisions", "sharding the database") {
		t.Error("a scaling step that shards a database the decisions keep whole passed the check")
	}

	d = consistent(t, "Plain words.")
	var kept []Decision
	for _, dec := range d.Decisions {
		if dec.Choice != d.Components[0].Choice {
			kept = append(kept, dec)
		}
	}
	d.Decisions = kept
	if !hasRule(d.Check(), "components match decisions", "no decision") {
		t.Error("a component without its decision passed the check")
	}

	d = consistent(t, "The users are anonymous.")
	d.Risks = append(d.Risks, Risk{Risk: "Security breach", Mitigation: "Authentication on every route."})
	if !hasRule(d.Check(), "requirements hold", "anonymous") {
		t.Error("authentication on every route for anonymous users passed the check")
	}

	d = consistent(t, "Use plain tools: no graph database such as Neo4j.")
	d.Components[0].Choice = "Neo4j"
	if !hasRule(d.Check(), "requirements hold", "neo4j") {
		t.Error("a technology the requirements rule out passed the check")
	}
}

// The check reads the typed design: each fact a section relies on is held
// to the verdicts and the model, whatever the sentences say.
func TestCheckHoldsSectionsToTheModel(t *testing.T) {
	for _, c := range []struct {
		name, rule, text string
		breakIt          func(d *Design)
	}{
		{"a hot path counting on replicas the database lacks", "hot paths match components", "read replicas", func(d *Design) {
			d.HotPaths[0].Relies = append(d.HotPaths[0].Relies, factReplicas)
		}},
		{"a failure served from a CDN the model lacks", "failures match components", "a CDN", func(d *Design) {
			d.FailureScenarios[0].Relies = append(d.FailureScenarios[0].Relies, factCDN)
		}},
		{"a failure row of a part the model lacks", "failures match components", "not a part", func(d *Design) {
			d.FailureScenarios[0].Part = "blob"
		}},
		{"a store with no failure row", "every stateful part can fail", "no failure row", func(d *Design) {
			d.FailureScenarios = slices.DeleteFunc(d.FailureScenarios, func(f FailureScenario) bool { return f.Part == "db" })
		}},
		{"a verdict the Decision Log declines", "components match decisions", "declines", func(d *Design) {
			for i := range d.Decisions {
				if d.Decisions[i].Question == "database" {
					d.Decisions[i].Choice = "none"
				}
			}
			d.Decisions = append(d.Decisions, Decision{Question: "other", Decision: "Other", Choice: d.Components[0].Choice})
		}},
		{"a diagram that is not the model's drawing", "every part is drawn", "Mermaid", func(d *Design) {
			d.Model.Components = append(d.Model.Components, ModelComponent{ID: "extra", Name: "Extra", Kind: "service", Source: "engine"})
			d.DataFlow.Diagram = d.Model.boxes()
		}},
		{"a part no tier draws", "every part is drawn", "no tier", func(d *Design) {
			d.Model.Components[0].Kind = "teapot"
			d.DataFlow.Mermaid, d.DataFlow.Diagram = d.Model.mermaid(), d.Model.boxes()
		}},
		{"a write with no store of record", "a write has one store of record", "no store of record", func(d *Design) {
			for i := range d.Model.Flows {
				if d.Model.Flows[i].Kind == "write" {
					d.Model.Flows[i].StoreOfRecord = ""
				}
			}
		}},
		{"a part whose technology is not its decision's choice", "parts follow their decision", "while the database decision chose", func(d *Design) {
			d.Model.Components = append(d.Model.Components, ModelComponent{ID: "other_db", Name: "Other store", Kind: "store", Technology: "MongoDB", Source: "archetype:x", Decision: "database"})
		}},
		{"the same records in two state rows", "no records owned twice", "2 state rows", func(d *Design) {
			for _, s := range d.State {
				if len(s.Workloads) > 0 {
					s.Name, s.Owner = "copy of "+s.Name, "another owner"
					d.State = append(d.State, s)
					return
				}
			}
		}},
		{"written records in no state row", "no records owned twice", "no state row", func(d *Design) {
			for i := range d.State {
				d.State[i].Workloads = nil
			}
		}},
		{"a flow through a part the model lacks", "flows run through parts", "not a part", func(d *Design) {
			d.Model.Flows[0].Path = append(d.Model.Flows[0].Path, "ghost")
		}},
		{"the same question decided twice", "one decision per question", "twice", func(d *Design) {
			dec := d.Decisions[0]
			dec.Decision += " again"
			d.Decisions = append(d.Decisions, dec)
		}},
	} {
		d := consistent(t, "Plain words.")
		c.breakIt(d)
		if !hasRule(d.Check(), c.rule, c.text) {
			t.Errorf("%s passed the check: %v", c.name, d.Check())
		}
	}
	// A fact that holds is no finding: replicas sized by the matrix.
	d := consistent(t, "Plain words.")
	d.Components[0].Option = capacity.OptionPostgresReplicas
	d.HotPaths[0].Relies = append(d.HotPaths[0].Relies, factReplicas)
	if hasRule(d.Check(), "hot paths match components", "") {
		t.Error("a hot path counting on replicas the database has was refused")
	}
}

func TestBuildHonoursOneMachineLimit(t *testing.T) {
	req, err := requirements.ParseRequirements([]byte("---\ntitle: graph\nworkloads: [{name: path lookup, kind: read, rate: 1B/month}]\n---\nThe graph won't fit on a single machine.\n"), "g.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(md), "one large server") {
		t.Error("a design for data that does not fit on one machine says one large server")
	}
	d.Components[0].Choice, d.Components[0].Option = "PostgreSQL", capacity.OptionPostgres
	if !hasRule(d.Check(), "requirements hold", "one machine") {
		t.Error("one PostgreSQL node for data that does not fit on one machine passed the check")
	}
}

func TestInconsistentErrorSaysWhat(t *testing.T) {
	err := error(&InconsistentError{Title: "x", Found: []Inconsistency{{"within is true", `"3 TB is within 2 TB"`}}})
	var ie *InconsistentError
	if !errors.As(err, &ie) || !strings.Contains(err.Error(), "within is true") || !strings.Contains(err.Error(), "bug") {
		t.Errorf("error = %v", err)
	}
}

func TestExponents(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"peak 4.5e+16/s and 1E6 rows", []string{"4.5e+16", "1E6"}},
		{"the e2e test, 3e rows, node1e5, v1.2e3x", nil},
		{"x 2e-3.", []string{"2e-3"}},
	} {
		got := exponents(c.text, 5)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("exponents(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// Every part of the model is listed in components[] by its id, each
// verdict of the matrix tied to its part; a part dropped from the list
// fails the check.
func TestEveryPartIsAComponent(t *testing.T) {
	for _, name := range []string{"rate-limiter", "chat", "ride-hailing"} {
		d := buildExample(t, "../../examples/"+name+".md")
		parts := map[string]bool{}
		for _, c := range d.Components {
			parts[c.Part] = true
			if c.Source == "" {
				t.Errorf("%s: component %s (%s) has no source", name, c.Choice, c.Need)
			}
		}
		for _, p := range d.Model.Components {
			if !parts[p.ID] {
				t.Errorf("%s: part %s (%s) is not in components[]", name, p.ID, p.Name)
			}
		}
		for _, c := range d.Verdicts() {
			if c.Need == "database" && c.Part == "" {
				t.Errorf("%s: the database verdict %s names no part", name, c.Choice)
			}
		}
		last := d.Components[len(d.Components)-1]
		d.Components = d.Components[:len(d.Components)-1]
		if !hasRule(d.Check(), "every part is listed", "") {
			t.Errorf("%s: dropping %s from components[] passed the check", name, last.Part)
		}
	}
}
