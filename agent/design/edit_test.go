package design

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

const editReq = `title: Relay
workloads:
  - name: prompts
    kind: write
    rate: 10M/day
    item_size: 4KB
  - name: history
    kind: read
    rate: 50M/day
availability: 99.9%
constraints:
  budget: $20000/month
`

func editedDesign(t testing.TB) *Design {
	t.Helper()
	req, err := requirements.ParseRequirements([]byte(editReq), "req.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestApplyPlacesPartsEverywhere(t *testing.T) {
	d := editedDesign(t)
	parts := []PartEdit{
		{Name: "Admission scheduler", Kind: "service", Technology: "Go service", Role: "admits requests by priority", State: []string{"per-priority queues"}},
		{Name: "Load-aware router", Kind: "service", Technology: "Envoy", Role: "routes to the least-loaded replica"},
		{Name: "Streaming relay", Kind: "worker", Technology: "Go workers", Role: "streams tokens back"},
		{Name: "Prompt log", Kind: "store", Technology: "ScyllaDB", Role: "keeps every prompt", Existing: true},
	}
	var edits []Edit
	for i := range parts {
		edits = append(edits, Edit{Op: OpAddComponent, Part: &parts[i]})
	}
	edits = append(edits,
		Edit{Op: OpRouteFlow, Flow: &Flow{Workloads: []string{"prompts"}, Path: []string{"admission_scheduler", "load_aware_router", "streaming_relay", "prompt_log"}}},
		Edit{Op: OpAddNotes, Notes: &Notes{TradeOffs: []TradeOff{
			{Choice: "at-least-once", Over: "exactly-once", Reason: "idempotent writes"},
			{Choice: "priority admission", Over: "first come first served", Reason: "paid tiers"},
			{Choice: "one region", Over: "multi-region", Reason: "budget"},
		}}},
		Edit{Op: OpSetDecision, Decision: &DecisionEdit{Question: "admission", Options: []string{"token bucket", "priority queues"}, Choice: "priority queues", Reason: "tiers", Figures: []string{d.Capacity[0].ID}}},
	)
	if err := d.Apply(edits...); err != nil {
		t.Fatal(err)
	}
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(md)
	for _, p := range parts {
		if !strings.Contains(d.DataFlow.Mermaid, p.Name) || !strings.Contains(d.DataFlow.Diagram, p.Name) {
			t.Errorf("%s missing from a diagram", p.Name)
		}
		if !strings.Contains(doc, "| "+p.Name+" |") {
			t.Errorf("%s missing from a table", p.Name)
		}
		if !strings.Contains(doc, p.Name+" ("+p.Technology+") down") {
			t.Errorf("%s has no failure row", p.Name)
		}
	}
	if !strings.Contains(doc, "Admission scheduler → Load-aware router → Streaming relay → Prompt log") {
		t.Error("the data flow lacks the routed path")
	}
	var unpriced []string
	for _, c := range d.Model.Unpriced() {
		unpriced = append(unpriced, c.Name+":"+c.CostNote[:10])
	}
	if got := strings.Join(unpriced, ","); !strings.Contains(got, "Streaming relay:not sized") || !strings.Contains(got, "Prompt log:already in") {
		t.Errorf("unpriced = %s", got)
	}
	n := 0
	for _, dec := range d.Decisions {
		if strings.HasPrefix(dec.Decision, "Trade-off: ") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d trade-off rows, want 3", n)
	}
	if bad := d.Check(); len(bad) > 0 {
		t.Errorf("check: %v", bad)
	}
}

func TestApplyRefusesWithTheValidChoices(t *testing.T) {
	for _, c := range []struct {
		e    Edit
		want string
	}{
		{Edit{Op: "add_part"}, "the ops are add_component"},
		{Edit{Op: OpAddComponent, Part: &PartEdit{Name: "X", Kind: "database", Technology: "t", Role: "r"}}, "use one of client, edge"},
		{Edit{Op: OpAddComponent, Part: &PartEdit{Name: "X"}}, "needs kind, technology, role"},
		{Edit{Op: OpRouteFlow, Flow: &Flow{Workloads: []string{"orders"}, Path: []string{"api", "db"}}}, "the workloads are prompts, history"},
		{Edit{Op: OpRouteFlow, Flow: &Flow{Workloads: []string{"prompts"}, Path: []string{"api", "nosuch"}}}, `no part has the id "nosuch"; the parts are`},
		{Edit{Op: OpRemoveComponent, ID: "api"}, "is priced in the Cost Estimate (API servers)"},
		{Edit{Op: OpSetDecision, Decision: &DecisionEdit{Question: "q", Options: []string{"a", "b"}, Choice: "c", Reason: "r"}}, `choice "c" is not among`},
		{Edit{Op: OpSetDecision, Decision: &DecisionEdit{Question: "q", Options: []string{"a", "b"}, Choice: "a", Reason: "r", Figures: []string{"C999"}}}, `no capacity row has the id "C999"`},
		{Edit{Op: OpAddNotes, Notes: &Notes{TradeOffs: []TradeOff{{Choice: "a", Over: "b", Reason: "r"}, {Choice: "a", Over: "c", Reason: "r"}}}}, "already logged"},
	} {
		err := editedDesign(t).Apply(c.e)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.e.Op, err, c.want)
		}
	}
}

func TestReplaceCarriesTheNewTechnology(t *testing.T) {
	d := editedDesign(t)
	i, err := d.Model.part("db")
	if err != nil {
		t.Fatal(err)
	}
	old := d.Model.Components[i].Technology
	err = d.Apply(Edit{Op: OpReplaceComponent, Part: &PartEdit{ID: "db", Name: "DynamoDB", Kind: "store", Technology: "DynamoDB", Role: "keeps prompts", Reason: "the team runs it"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range d.FailureScenarios {
		if strings.Contains(f.Failure, old) {
			t.Errorf("failure still names %s: %s", old, f.Failure)
		}
	}
	for _, c := range d.Components {
		if c.Need == "database" && c.Choice != "DynamoDB" {
			t.Errorf("database choice %s", c.Choice)
		}
	}
	if !strings.Contains(d.DataFlow.Mermaid, `db[("DynamoDB")]`) {
		t.Errorf("mermaid:\n%s", d.DataFlow.Mermaid)
	}
}

func TestAPartSizedByAFigureSaysSo(t *testing.T) {
	d := editedDesign(t)
	id := d.Capacity[0].ID
	err := d.Apply(Edit{Op: OpAddComponent, Part: &PartEdit{Name: "GPU pool", Kind: "worker", Technology: "H100 replicas", Role: "runs the model", Figures: []string{id}}})
	if err != nil {
		t.Fatal(err)
	}
	c := d.Model.Components[len(d.Model.Components)-1]
	if len(c.Sizing) != 1 || c.Sizing[0] != id || !strings.HasPrefix(c.CostNote, "sized by ["+id+"] but not priced") {
		t.Errorf("part = %+v", c)
	}
	for _, q := range d.OpenQuestions {
		if strings.Contains(q, "GPU pool") {
			t.Errorf("a sized part is still an open question: %s", q)
		}
	}
	if err := d.Apply(Edit{Op: OpAddComponent, Part: &PartEdit{Name: "X", Kind: "worker", Technology: "t", Role: "r", Figures: []string{"M99"}}}); err == nil || !strings.Contains(err.Error(), `"M99"`) {
		t.Errorf("an unknown figure: %v", err)
	}
}

func TestRemovingAPricedPartIsRefused(t *testing.T) {
	d := editedDesign(t)
	err := d.Apply(Edit{Op: OpRemoveComponent, ID: "db"})
	if err == nil || !strings.Contains(err.Error(), "replace it (replace_component)") {
		t.Errorf("remove db: %v", err)
	}
	d = editedDesign(t)
	if err := d.Apply(Edit{Op: OpAddComponent, Part: &PartEdit{Name: "Sidecar", Kind: "in-process", Technology: "library", Role: "r"}}); err != nil {
		t.Fatal(err)
	}
	route := Edit{Op: OpRouteFlow, Flow: &Flow{Workloads: []string{"history"}, Path: []string{"api", "sidecar", "db"}}}
	if err := d.Apply(route, Edit{Op: OpRemoveComponent, ID: "sidecar"}); err == nil || !strings.Contains(err.Error(), "route it elsewhere first") {
		t.Errorf("remove a part a flow passes: %v", err)
	}
	d = editedDesign(t)
	if err := d.Apply(Edit{Op: OpAddComponent, Part: &PartEdit{Name: "Sidecar", Kind: "in-process", Technology: "library", Role: "r"}}); err != nil {
		t.Fatal(err)
	}
	if err := d.Apply(Edit{Op: OpRemoveComponent, ID: "sidecar"}); err != nil {
		t.Fatalf("remove an added part: %v", err)
	}
	if strings.Contains(d.DataFlow.Mermaid, "sidecar") {
		t.Error("the removed part is still drawn")
	}
	for _, s := range d.Services {
		if s.Name == "Sidecar" {
			t.Error("the removed part is still among the Core Components")
		}
	}
}
