package design

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Mermaid's flowchart grammar, for the statements the engine writes: a
// header, subgraphs with a quoted title, nodes with a shape around a
// quoted label, and edges with an optional label between bars.
var (
	mermaidHeader   = regexp.MustCompile(`^flowchart (TD|LR)$`)
	mermaidSubgraph = regexp.MustCompile(`^subgraph [A-Za-z][A-Za-z0-9_]*\["[^"]*"\]$`)
	mermaidNode     = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*)(\(\[|\[\(|\[\[|\{\{|\(|\[)"([^"]*)"(\]\)|\)\]|\]\]|\}\}|\)|\])$`)
	mermaidEdge     = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9_]*) (-->|-\.->)(\|[^|"\[\]{}]*\|)? ([A-Za-z][A-Za-z0-9_]*)$`)
	mermaidClosing  = map[string]string{"([": "])", "[(": ")]", "[[": "]]", "{{": "}}", "(": ")", "[": "]"}
)

// parseMermaid checks a flowchart against that grammar and returns its
// node ids and edges; an edge to an undeclared node, an unbalanced
// subgraph or a reserved id is an error, as it is to Mermaid.
func parseMermaid(src string) (nodes map[string]string, edges [][2]string, err error) {
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	if len(lines) == 0 || !mermaidHeader.MatchString(lines[0]) {
		return nil, nil, fmt.Errorf("no flowchart header: %q", lines[0])
	}
	nodes = map[string]string{}
	depth := 0
	for i, raw := range lines[1:] {
		line := strings.TrimSpace(raw)
		switch {
		case line == "end":
			depth--
			if depth < 0 {
				return nil, nil, fmt.Errorf("line %d: end without subgraph", i+2)
			}
		case mermaidSubgraph.MatchString(line):
			depth++
		case mermaidNode.MatchString(line):
			m := mermaidNode.FindStringSubmatch(line)
			if mermaidClosing[m[2]] != m[4] {
				return nil, nil, fmt.Errorf("line %d: shape %s closed by %s", i+2, m[2], m[4])
			}
			for _, r := range mermaidReserved {
				if m[1] == r {
					return nil, nil, fmt.Errorf("line %d: reserved id %q", i+2, m[1])
				}
			}
			if _, dup := nodes[m[1]]; dup {
				return nil, nil, fmt.Errorf("line %d: node %q declared twice", i+2, m[1])
			}
			nodes[m[1]] = m[3]
		case mermaidEdge.MatchString(line):
			m := mermaidEdge.FindStringSubmatch(line)
			edges = append(edges, [2]string{m[1], m[4]})
		default:
			return nil, nil, fmt.Errorf("line %d: not a flowchart statement: %q", i+2, line)
		}
	}
	if depth != 0 {
		return nil, nil, fmt.Errorf("%d subgraphs left open", depth)
	}
	for _, e := range edges {
		for _, id := range e {
			if _, ok := nodes[id]; !ok {
				return nil, nil, fmt.Errorf("edge %s → %s names undeclared node %q", e[0], e[1], id)
			}
		}
	}
	return nodes, edges, nil
}

func TestParseMermaidRefusesWhatMermaidRefuses(t *testing.T) {
	for _, bad := range []string{
		"graph\n",
		"flowchart TD\n    a[\"A\"]\n    a --> b\n",
		"flowchart TD\n    subgraph s[\"S\"]\n    a[\"A\"]\n",
		"flowchart TD\n    a[(\"A\"]\n",
		"flowchart TD\n    end[\"A\"]\n",
		"flowchart TD\n    a[\"say \"hi\"\"]\n",
		"flowchart TD\n    a[\"A\"]\n    a -->|x|y| a\n",
	} {
		if _, _, err := parseMermaid(bad); err == nil {
			t.Errorf("parseMermaid accepted %q", bad)
		}
	}
}

// assertModelDrawn checks that every part of the model, and every
// component an archetype brought, is in both diagrams, the components
// table and the JSON, and that the Mermaid chart parses.
func assertModelDrawn(t *testing.T, d *Design) {
	t.Helper()
	if d.Model == nil {
		if d.Kind == KindGreenfield {
			t.Fatal("a greenfield design has no system model")
		}
		return
	}
	nodes, edges, err := parseMermaid(d.DataFlow.Mermaid)
	if err != nil {
		t.Fatalf("Mermaid: %v\n%s", err, d.DataFlow.Mermaid)
	}
	if len(nodes) != len(d.Model.Components) || len(edges) != len(d.Model.Links) {
		t.Errorf("Mermaid has %d nodes and %d edges, the model %d parts and %d links", len(nodes), len(edges), len(d.Model.Components), len(d.Model.Links))
	}
	md, err := RenderMarkdown(&Design{}) // the template must render an empty design too
	_ = md
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range d.Model.Components {
		names[c.Name] = true
		names[strings.ToLower(c.Name)] = true
		for _, r := range c.Refined {
			names[r] = true
		}
		if !strings.Contains(d.DataFlow.Diagram, c.Name) {
			t.Errorf("%s is not in the text diagram", c.Name)
		}
	}
	for _, s := range d.Services {
		if !names[s.Name] && !names[strings.ToLower(s.Name)] && s.Name != "Load balancer" {
			t.Errorf("the component %q is in the table but not in the model", s.Name)
		}
	}
	for _, l := range d.Model.Links {
		if !strings.Contains(d.DataFlow.Diagram, d.Model.name(l.From)+" → "+d.Model.name(l.To)) {
			t.Errorf("the link %s → %s is not in the text diagram", l.From, l.To)
		}
	}
}

// assertStepsFollowFlows holds the numbered Data Flow to the model's
// flows: one step per flow, each naming its path by the parts' names, no
// step naming a part the model lacks, and no workload on two paths.
func assertStepsFollowFlows(t *testing.T, d *Design) {
	t.Helper()
	m := d.Model
	names := map[string]bool{}
	for _, c := range m.Components {
		names[c.Name] = true
	}
	flows := append(slices.Clone(m.Flows), m.Unrouted...)
	if len(d.DataFlow.Steps) != len(flows) {
		t.Errorf("%d data-flow steps for %d flows", len(d.DataFlow.Steps), len(flows))
	}
	on := map[string]int{}
	for i, f := range flows {
		if i >= len(d.DataFlow.Steps) {
			break
		}
		step := d.DataFlow.Steps[i]
		head, _, _ := strings.Cut(strings.SplitN(step, "\n", 2)[0], " — ")
		head, _, _ = strings.Cut(head, "; kept in ")
		path := head[strings.LastIndex(head, ": ")+2:]
		if path != m.path(f) {
			t.Errorf("step %d names the path %q, the flow of %v runs %q", i+1, path, f.Workloads, m.path(f))
		}
		// The path is rendered once: what follows it names neither the
		// part it ends at nor that part's technology.
		end := m.Components[slices.IndexFunc(m.Components, func(c ModelComponent) bool { return c.ID == f.Path[len(f.Path)-1] })]
		for _, said := range []string{end.Name, end.Technology} {
			if said != "" && strings.Contains(f.Detail, said) {
				t.Errorf("step %d repeats %q, the end of its path: %s", i+1, said, f.Detail)
			}
		}
		for _, hop := range strings.Split(path, " → ") {
			if !names[hop] {
				t.Errorf("step %d names %q, which is not a part of the model", i+1, hop)
			}
		}
		for _, w := range f.Workloads {
			if f.Kind != "file" { // the bytes' path beside the metadata's
				on[w]++
			}
			if !strings.Contains(head, fmt.Sprintf("%q", w)) {
				t.Errorf("step %d does not name its workload %q", i+1, w)
			}
		}
	}
	for w, n := range on {
		if n > 1 {
			t.Errorf("%q takes %d paths", w, n)
		}
	}
}

func TestEveryExampleModelIsDrawn(t *testing.T) {
	for _, path := range exampleFiles(t) {
		t.Run(path[strings.LastIndex(path, "/")+1:], func(t *testing.T) {
			d := buildExample(t, path)
			assertModelDrawn(t, d)
			assertStepsFollowFlows(t, d)
		})
	}
}

// TestEveryArchetypeReachesTheDiagrams forces each archetype onto an ask
// with every kind of workload: every part it brings is drawn, listed and
// either priced or said to be unpriced.
func TestEveryArchetypeReachesTheDiagrams(t *testing.T) {
	for _, a := range patterns.All() {
		t.Run(a.ID, func(t *testing.T) {
			text := []byte("---\ntitle: Service\npatterns: [" + a.ID + "]\n" +
				"workloads:\n  - {name: write records, kind: write, rate: 1M/day, item_size: 2KB, retention: 1y}\n" +
				"  - {name: read records, kind: read, rate: 10M/day, item_size: 2KB}\n" +
				"  - {name: ingest events, kind: event, rate: 5k/second, item_size: 200B}\n" +
				"users: {dau: 1M}\n---\n")
			_, d, err := FromText(text, "req.md", Options{})
			if err != nil {
				t.Fatal(err)
			}
			assertModelDrawn(t, d)
			assertStepsFollowFlows(t, d)
			drawn := map[string]bool{}
			for _, c := range d.Model.Components {
				drawn[c.Name] = true
				for _, r := range c.Refined {
					drawn[r] = true
				}
			}
			for _, c := range fitted(a, d).Components {
				if !drawn[c.Name] && !strings.Contains(strings.Join(d.Assumptions, " "), fmt.Sprintf("%q is left out", c.Name)) {
					t.Errorf("%s's part %q is not in the model", a.ID, c.Name)
				}
			}
			for _, c := range d.Model.Components {
				if slices.Contains(pricedKinds, c.Kind) && len(c.Cost) == 0 && c.CostNote == "" {
					t.Errorf("%s costs money and has neither a cost line nor a reason", c.Name)
				}
			}
		})
	}
}

// TestWritesLandOnTheirOwnStore: bulk records that outgrow one relational
// node are written to the wide-column store alone; the data flow no
// longer says they are written in a PostgreSQL transaction.
func TestWritesLandOnTheirOwnStore(t *testing.T) {
	data, err := os.ReadFile("../../examples/chat.md")
	if err != nil {
		t.Fatal(err)
	}
	_, d, err := FromText(data, "chat.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range d.Model.Flows {
		if f.Kind == "write" && f.StoreOfRecord == "records" {
			for _, s := range d.DataFlow.Steps {
				for _, w := range f.Workloads {
					if strings.Contains(s, fmt.Sprintf("%q", w)) && strings.Contains(s, "one transaction in") {
						t.Errorf("the data flow writes %q in the relational database: %s", w, s)
					}
				}
			}
			return
		}
	}
	t.Fatal("the chat's messages have no write flow to the record store")
}

// FuzzModelInvariants builds designs from random workloads and archetype
// lists; every design that builds holds the model's invariants (Build
// refuses one that does not) and draws a Mermaid chart that parses.
func FuzzModelInvariants(f *testing.F) {
	f.Add(uint8(0), uint8(3), uint16(500), uint8(1), true)
	f.Add(uint8(7), uint8(1), uint16(9000), uint8(4), false)
	all := patterns.All()
	kinds := []requirements.Kind{requirements.Read, requirements.Write, requirements.Search, requirements.Event, requirements.Message, requirements.Job}
	f.Fuzz(func(t *testing.T, arch, nw uint8, rate uint16, mix uint8, sized bool) {
		var sb strings.Builder
		fmt.Fprintf(&sb, "title: Fuzzed system\npatterns: [%s", all[int(arch)%len(all)].ID)
		if mix%3 == 1 {
			fmt.Fprintf(&sb, ", %s", all[int(mix)%len(all)].ID)
		}
		sb.WriteString("]\nworkloads:\n")
		for i := range int(nw%6) + 1 {
			k := kinds[(int(mix)+i)%len(kinds)]
			fmt.Fprintf(&sb, "  - {name: %s %d, kind: %s, rate: %d/second", k, i, k, int(rate)%20000+1+i)
			if sized {
				fmt.Fprintf(&sb, ", item_size: %dKB, retention: 1y", int(mix)%50+1)
			}
			sb.WriteString("}\n")
		}
		_, d, err := FromText([]byte(sb.String()), "fuzz.yaml", Options{})
		var inc *InconsistentError
		if errors.As(err, &inc) {
			t.Fatalf("%s\n%v", sb.String(), err)
		}
		if err != nil {
			t.Skip()
		}
		if d.Model != nil {
			if _, _, err := parseMermaid(d.DataFlow.Mermaid); err != nil {
				t.Fatalf("Mermaid: %v", err)
			}
		}
	})
}

// Ride hailing recognises ride dispatch and geo search, each with a store
// of live positions; the location service covers the live position store,
// so one part holds the positions, carries both archetypes' flows and is
// sized and priced once.
func TestOnePartOwnsLivePositions(t *testing.T) {
	d := buildExample(t, "../../examples/ride-hailing.md")
	var stores []string
	for _, c := range d.Model.Components {
		if c.Kind == "in-memory" {
			stores = append(stores, c.ID)
		}
	}
	if len(stores) != 1 {
		t.Fatalf("in-memory parts %v, want the location service alone", stores)
	}
	for _, f := range d.Model.Flows {
		if slices.Contains(f.Workloads, "driver location update") && f.StoreOfRecord != stores[0] {
			t.Errorf("driver location updates land on %q, not on %s", f.StoreOfRecord, stores[0])
		}
	}
	// Priced once: its nodes and their replicas, both from one figure.
	bases := map[string]int{}
	for _, l := range d.Cost {
		if l.part == stores[0] {
			bases[l.Basis]++
		}
	}
	if len(bases) != 1 {
		t.Errorf("%s is priced from %v, want one sizing figure", stores[0], bases)
	}
	for _, n := range bases {
		if n > 2 {
			t.Errorf("%s has %d cost lines from one figure, want its nodes and replicas", stores[0], n)
		}
	}
	for _, s := range d.State {
		if s.Name == "live positions" {
			t.Errorf("the live positions row stays beside the location service's positions: %+v", s)
		}
	}
}

// The chat's connection gateways are counted in nodes by the users online
// at once over the connections one node holds, and priced.
func TestConnectionGatewaysAreSizedAndPriced(t *testing.T) {
	d := buildExample(t, "../../examples/chat.md")
	for _, c := range d.Model.Components {
		if c.Name != "Connection gateways" {
			continue
		}
		if len(c.Cost) == 0 || len(c.Sizing) == 0 {
			t.Fatalf("the connection gateways are not priced from a figure: %+v", c)
		}
		for _, r := range d.Capacity {
			if r.ID == c.Sizing[0] && (r.Tool != "servers" || r.Value < 2) {
				t.Errorf("the gateways are sized by %+v, want the servers the users online need", r)
			}
		}
		return
	}
	t.Fatal("the chat design has no connection gateways")
}

// A brief document whose phase never changes still shows a part that
// needs more nodes as the load grows: the rate limiter's counter store.
func TestQuietGrowthShowsGrowingParts(t *testing.T) {
	d := buildExample(t, "../../examples/rate-limiter.md")
	if d.QuietGrowth() {
		t.Fatal("growth is called quiet while the counter store grows")
	}
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "Counter store grows to") {
		t.Error("the Scaling Strategy hides the counter store's growth")
	}
	for i := range d.Scaling {
		d.Scaling[i].Grows = nil
	}
	if !d.QuietGrowth() {
		t.Error("with no part growing and one phase, growth should read as quiet")
	}
}

// Monitoring watches what a path's flow ends at: the chat's history reads
// go to the wide-column store, so their saturation is its, not the
// database's connection pool.
func TestMonitoringFollowsTheFlow(t *testing.T) {
	d := buildExample(t, "../../examples/chat.md")
	for _, s := range d.Operations.Signals {
		if s.Path == "load history" {
			if strings.Contains(s.Saturation, "database connection pool") {
				t.Errorf("load history watches %q, but its flow ends at the record store", s.Saturation)
			}
			return
		}
	}
	t.Fatal("no signals for load history")
}

// The rate limiter's summary leads with the load the design is built for
// (the limit checks on the counter store), not with the few requests its
// API answers itself; a design whose API carries its heaviest load keeps
// leading with the phase.
func TestSummaryLeadsWithTheHeaviestPart(t *testing.T) {
	d := buildExample(t, "../../examples/rate-limiter.md")
	var counter ModelComponent
	for _, c := range d.Model.Components {
		if c.Kind == "in-memory" && len(c.Sizing) > 0 {
			counter = c
		}
	}
	if counter.ID == "" {
		t.Fatal("the rate limiter has no sized in-memory part")
	}
	sum := d.ExecutiveSummary
	at, phase := strings.Index(sum, counter.Name), strings.Index(sum, " phase")
	if at < 0 || phase < 0 || at > phase {
		t.Errorf("the summary does not lead with %s before the phase: %s", counter.Name, sum)
	}
	if strings.Contains(sum, "It stands on PostgreSQL") {
		t.Errorf("the summary stands the limiter on PostgreSQL alone: %s", sum)
	}
	plain := buildExample(t, "../../examples/url-shortener.md")
	if strings.Contains(plain.ExecutiveSummary, "The load it is built for") {
		t.Errorf("a design whose API carries its load leads with a part: %s", plain.ExecutiveSummary)
	}
}

// The chat's connection gateways push its deliveries: the flow runs to
// them with no queue or workers on it, neither is sized for the
// deliveries, and a worker pool sized for them is refused.
func TestDeliveriesSizedOnTheirPath(t *testing.T) {
	d := buildExample(t, "../../examples/chat.md")
	i := slices.IndexFunc(d.Model.Flows, func(f Flow) bool { return slices.Contains(f.Workloads, "deliver message") })
	if i < 0 {
		t.Fatal("no flow carries the deliveries")
	}
	f := d.Model.Flows[i]
	if f.Path[len(f.Path)-1] != "connection_gateways" || slices.Contains(f.Path, "queue") || slices.Contains(f.Path, "workers") {
		t.Errorf("the deliveries run %v, want straight to the gateways", f.Path)
	}
	for _, r := range d.Capacity {
		if r.Workload == "workers tier" || r.Workload == "deliver message" && r.Quantity == "partitions" {
			t.Errorf("%s sizes %s for deliveries the gateways make", r.ID, r.Workload)
		}
	}
	if dec := slices.IndexFunc(d.Decisions, func(x Decision) bool { return x.Question == "queue" }); dec < 0 || d.Decisions[dec].Choice != "none" {
		t.Errorf("the Queue decision is %+v, want none: nothing else is queued", d.Decisions)
	}
	// Breaking it: the workers sized for the deliveries again.
	w := slices.IndexFunc(d.Model.Components, func(c ModelComponent) bool { return c.ID == "workers" })
	if w < 0 {
		d.Model.Components = append(d.Model.Components, ModelComponent{ID: "workers", Name: "Workers", Kind: "worker", Source: "engine"})
		w = len(d.Model.Components) - 1
	}
	d.Capacity = append(d.Capacity, CapacityRow{ID: "C999", Workload: "workers tier", Tool: "servers", Quantity: "servers", Value: 68, Inputs: []byte(`{"peak_rps": 462962.96, "per_server_rps": 10000}`)})
	d.Model.Components[w].Sizing = []string{"C999"}
	if !hasRule(d.Check(), "sized for the path", "Workers") {
		t.Errorf("workers sized for deliveries no flow brings them passed the check: %v", d.Check())
	}
}

// The primer's Twitter has one worker pool and one record store: the
// feed's fan-out workers are the workers, its post store the record
// store. A second worker pool on the queue the Queue decision chose, or a
// second wide-column store holding the posts, is refused.
func TestNoPartTwice(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	byKind := map[string][]string{}
	for _, c := range d.Model.Components {
		byKind[c.Kind] = append(byKind[c.Kind], c.ID)
	}
	if got := byKind["store"]; len(got) != 2 {
		t.Errorf("stores %v, want the database and the record store", got)
	}
	if !slices.Contains(byKind["worker"], "workers") || slices.Contains(byKind["worker"], "fan_out_workers") {
		t.Errorf("worker parts %v, want the fan-out workers to be the workers", byKind["worker"])
	}
	var workers, records ModelComponent
	for _, c := range d.Model.Components {
		switch c.ID {
		case "workers":
			workers = c
		case "records":
			records = c
		}
	}
	if !slices.Contains(workers.Refined, "Fan-out workers") || !slices.Contains(records.Refined, "Post store") {
		t.Errorf("the workers refine %v and the record store %v, want the fan-out workers and the post store", workers.Refined, records.Refined)
	}
	if found := d.Check(); len(found) > 0 {
		t.Fatalf("the design is inconsistent already: %v", found)
	}

	// Fan-out workers beside the workers, on the chosen queue.
	twice := *d
	m := *d.Model
	m.Components = append(slices.Clone(m.Components), ModelComponent{ID: "fan_out_workers", Name: "Fan-out workers", Kind: "worker",
		Technology: decidedTechnology("worker", "Kafka/Pulsar"), Source: "archetype:news-feed", Decision: "queue"})
	twice.Model = &m
	if !hasRule(twice.Check(), "no part twice", "Fan-out workers") {
		t.Error("a second worker pool on the chosen queue passed the check")
	}

	// A post store beside the record store, holding the same posts.
	twice = *d
	m = *d.Model
	dup := records
	dup.ID, dup.Name, dup.Refined = "post_store", "Post store", nil
	m.Components = append(slices.Clone(m.Components), dup)
	m.Flows = slices.Clone(m.Flows)
	for i, f := range m.Flows {
		if f.StoreOfRecord == "records" {
			m.Flows[i].Path = append(slices.Clone(f.Path[:len(f.Path)-1]), "post_store", "records")
		}
	}
	twice.Model = &m
	if !hasRule(twice.Check(), "no part twice", "Post store") {
		t.Error("a second wide-column store holding the posts passed the check")
	}
}

// The primer's Twitter as one system: the fan-out messages run through
// the queue and the workers into the home timelines, the feed's read path
// is the "view timeline" row, and the queue's state is named by what
// waits in it.
func TestFanOutIsOneFlow(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	i := slices.IndexFunc(d.Model.Flows, func(f Flow) bool { return slices.Contains(f.Workloads, "deliver tweet to followers") })
	if i < 0 {
		t.Fatal("no flow carries the fan-out")
	}
	if got, want := d.Model.Flows[i].Path, []string{"api", "queue", "workers", "home_timeline_store"}; !slices.Equal(got, want) {
		t.Errorf("the fan-out runs %v, want %v", got, want)
	}
	var names []string
	for _, h := range d.HotPaths {
		names = append(names, h.Name)
		if strings.Contains(h.Name, `at the rate of "view timeline"`) || strings.Contains(h.Name, `at the rate of "post tweet"`) && strings.HasPrefix(h.Name, "publish post") {
			t.Errorf("hot path %q repeats a workload's row", h.Name)
		}
	}
	j := slices.IndexFunc(d.HotPaths, func(h HotPath) bool { return h.Name == "view timeline" })
	if j < 0 || !strings.HasPrefix(d.HotPaths[j].Optimizations[0], "LRANGE") {
		t.Errorf("the view timeline row does not lead with the feed's read path: %v", names)
	}
	for _, s := range d.State {
		if s.Name == "pending jobs and messages" || strings.Contains(s.Name, "(") {
			t.Errorf("state row %q is not named as its record type", s.Name)
		}
	}
	if !slices.ContainsFunc(d.State, func(s StateRecord) bool { return s.Name == "tweet deliveries in flight" }) {
		t.Error("no row names the tweet deliveries the log holds")
	}
}
