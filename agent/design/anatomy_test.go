package design

import (
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// TestTwitterBytesInTheRightStore checks the anatomy of a tweet: the media
// in object storage behind a CDN, the records in the store of record, the
// index sized from the text alone, and a total a principal would accept
// for 500 million tweets a day (a few hundred thousand dollars a month).
func TestTwitterBytesInTheRightStore(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	media := rowValue(t, d, "post tweet: files", "storage", "bytes_per_month")
	records := rowValue(t, d, "post tweet: records", "storage", "bytes_per_month")
	text := rowValue(t, d, "post tweet: indexed text", "storage", "bytes_per_month")
	if media != 15e9*9.7e3 || records != 15e9*300 || text != 15e9*140 {
		t.Errorf("a month of tweets: media %v, records %v, text %v; want 145.5 TB, 4.5 TB, 2.1 TB", media, records, text)
	}
	lines := map[string]CostLine{}
	for _, l := range d.Cost {
		lines[l.Component] = l
	}
	for _, want := range []string{"Object storage", "CDN", "Search cluster"} {
		if _, ok := lines[want]; !ok {
			t.Errorf("no %s line in %v", want, d.Cost)
		}
	}
	if c := component(d, "storage"); len(c) != 1 || !strings.Contains(c[0].Choice, "CDN") {
		t.Errorf("media are served by %v, want object storage behind a CDN", c)
	}
	if obj := horizonValue(t, d, "object storage", "6mo"); obj < 6*media || obj > 1.5*6*media {
		t.Errorf("object storage at 6 months holds %v, want six months of media grown at most ×1.5", obj)
	}
	if total := d.CostSummary.TotalUSD; total < 100_000 || total > 600_000 {
		t.Errorf("total = $%v/month, want within 3× of a principal's ~$200k", total)
	}
}

// TestDurationSizesWhatIsInFlight: a response streamed for 8 s keeps its
// rate times 8 s in flight, not its rate times the latency target, and
// its timeout follows the duration while the target stays a target.
func TestDurationSizesWhatIsInFlight(t *testing.T) {
	text := []byte("---\ntitle: Assistant\nworkloads:\n" +
		"  - {name: stream answer, kind: read, rate: 2250/s, peak_factor: 2, latency_p99: 800ms, duration: 8s}\n" +
		"users: {dau: 1M}\n---\n")
	_, d, err := FromText(text, "req.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rowValue(t, d, "stream answer", "concurrency", "in_flight"); got != 4500*8 {
		t.Errorf("in flight = %v, want 4,500/s × 8 s = 36,000", got)
	}
	found := false
	for _, p := range d.Resilience {
		if p.Mechanism == "Timeout" && strings.Contains(p.AppliesTo, "stream answer") {
			found = true
			if !strings.Contains(p.Setting, "16s") && !strings.Contains(p.Setting, "16 s") {
				t.Errorf("timeout %q, want twice the 8 s duration", p.Setting)
			}
		}
	}
	if !found {
		t.Errorf("no timeout for the stream: %+v", d.Resilience)
	}
}

// TestComputeByCPUClass: 20-byte samples ingested in batches take a
// fraction of the CPU of an API request, a cached redirect less than an
// indexed write, so neither fleet is counted at one rate for all.
func TestComputeByCPUClass(t *testing.T) {
	d := buildExample(t, "../../examples/metrics-ingestion.md")
	peak := rowValue(t, d, "ingest samples", "throughput", "peak_per_second")
	servers := rowValue(t, d, "ingest tier", "servers", "servers")
	// 8 vCPU at 0.05 ms a sample is 160,000 samples/s a server.
	if want := peak / 160_000 / 0.7; servers < want || servers > 1.2*want+2 {
		t.Errorf("%v ingest servers for %v samples/s, want about %v", servers, peak, want)
	}
	for _, c := range []struct {
		l    load
		want cpuClass
	}{
		{load{kind: requirements.Event, Workload: requirements.Workload{ItemSize: 20}}, cpuBatch},
		{load{kind: requirements.Event, Workload: requirements.Workload{ItemSize: 5000}}, cpuEvent},
		{load{kind: requirements.Read, Workload: requirements.Workload{Name: "redirect", ItemSize: 500, Cacheable: true}}, cpuTrivial},
		{load{kind: requirements.Read, Workload: requirements.Workload{Name: "monthly report"}}, cpuHeavy},
		{load{kind: requirements.Write, Workload: requirements.Workload{Name: "create order", ItemSize: 2000}}, cpuCRUD},
		{load{kind: requirements.Write, Workload: requirements.Workload{Name: "report position", ItemSize: 100}}, cpuCRUD},
	} {
		if got := cpuClassOf(&c.l, c.l.Cacheable); got != c.want {
			t.Errorf("%q (%s) is %s, want %s", c.l.Name, c.l.kind, got.name, c.want.name)
		}
	}
}

// TestSmallItemsAreRowsWhateverTheirName checks that a word like "upload"
// makes a file only of an item not stated small: 500-byte runs are rows,
// not objects each paying a request fee, while an upload of unknown size
// still goes to object storage.
func TestSmallItemsAreRowsWhateverTheirName(t *testing.T) {
	small := buildText(t, "title: x\nworkloads: [{name: upload run, kind: write, rate: 300/s, item_size: 500B, retention: 2y}]\n")
	for _, l := range small.Cost {
		if l.Component == "Object storage" {
			t.Errorf("500-byte runs are priced in object storage: %+v", l)
		}
	}
	if c := component(small, "storage"); len(c) != 0 {
		t.Errorf("500-byte runs get object storage: %v", c)
	}
	unsized := buildText(t, "title: x\nworkloads: [{name: upload photo, kind: write, rate: 30/s, retention: 2y}]\n")
	if c := component(unsized, "storage"); len(c) != 1 {
		t.Errorf("photos of unstated size get no object storage: %v", c)
	}
}

// TestAFigureTheRequirementsGiveIsNotEstimated checks that an archetype
// figure a workload states outright (the feed's fan-out deliveries, given
// as "deliver tweet to followers") is not estimated again from the
// archetype's default parameters, where the two would disagree (1.2M/s
// from 200 followers against the 120,000/s the requirements give).
func TestAFigureTheRequirementsGiveIsNotEstimated(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	for _, r := range d.Capacity {
		if strings.Contains(r.Workload, "fan-out deliveries") {
			t.Errorf("fan-out deliveries estimated beside the workload that states them: %s %s = %v", r.Workload, r.Quantity, r.Value)
		}
	}
	if got := rowValue(t, d, "deliver tweet to followers", "throughput", "peak_per_second"); got != 120_000 {
		t.Errorf("deliveries at peak = %v, want the workload's 120,000/s", got)
	}
	without := buildText(t, "title: a social feed\nsummary: people follow each other and read a home timeline of the posts of the people they follow\nworkloads: [{name: post, kind: write, rate: 100/s}, {name: read home timeline, kind: read, rate: 1000/s}]\n")
	found := false
	for _, r := range without.Capacity {
		found = found || strings.Contains(r.Workload, "fan-out deliveries")
	}
	if !found {
		t.Errorf("with no delivery workload the fan-out is not estimated: %v", without.Patterns)
	}
}

// TestReplicasAreTheSpare checks that a store served from memory whose
// nodes each have a replica in a second zone is not given a spare primary
// as well: 750,000 checks/s on nodes of 100,000 at 70% is 11 primaries and
// 11 replicas, not 12 and 12.
func TestReplicasAreTheSpare(t *testing.T) {
	d := buildExample(t, "../../examples/rate-limiter.md")
	if got := rowValue(t, d, "Counter store: in-memory nodes", "servers", "servers"); got != 11 {
		t.Errorf("counter store primaries = %v, want ceil(750,000 / 70,000) = 11 with no spare", got)
	}
	nodes, replicas := lineOf(t, d, "Counter store nodes"), lineOf(t, d, "Counter store replicas")
	if nodes.Count != 11 || replicas.Count != 11 {
		t.Errorf("priced %v nodes and %v replicas, want 11 and 11", nodes.Count, replicas.Count)
	}
}

// TestACloudInPlaceThatIsNotThePriceTable checks that a design for a team
// on another cloud than the price table's says its cost is that table's.
func TestACloudInPlaceThatIsNotThePriceTable(t *testing.T) {
	on := func(existing string) bool {
		d := buildText(t, "title: x\nworkloads: [{name: save order, kind: write, rate: 10/s}]\nconstraints: {existing: ["+existing+"]}\n")
		return slices.ContainsFunc(d.OpenQuestions, func(q string) bool { return strings.Contains(q, "as the cloud in place") })
	}
	if !on("Azure") || !on("GCP, PostgreSQL") {
		t.Error("a team on Azure or GCP is not told the cost is AWS's")
	}
	if on("AWS") || on("PostgreSQL") || on("web servers") {
		t.Error("a team on AWS, or naming no cloud, is told its cloud is not the price table's")
	}
}

// TestAMessageKeptIsStored: a message workload that says how long it is
// kept (a conversation's history) is sized, stored in the database and
// given a records row kept as long as it says; one that says nothing is
// delivered and not kept.
func TestAMessageKeptIsStored(t *testing.T) {
	kept := buildText(t, "title: support conversations\nworkloads: [{name: send message, kind: message, rate: 3M/day, item_size: 400B, retention: 2y}, {name: open ticket, kind: write, rate: 10k/day, item_size: 1KB, retention: 2y}]\n")
	if got := rowValue(t, kept, "send message", "storage", "total_bytes"); got <= 0 {
		t.Fatalf("the kept messages are not sized: %v", got)
	}
	var row *StateRecord
	for i := range kept.State {
		if slices.Contains(kept.State[i].Workloads, "send message") {
			row = &kept.State[i]
		}
	}
	if row == nil {
		t.Fatalf("no state row keeps the messages: %+v", kept.State)
	}
	if row.Retention != "2y" {
		t.Errorf("the messages' row keeps them %q, want the 2y the workload states", row.Retention)
	}
	stored := false
	for _, r := range kept.Derived {
		stored = stored || r.Quantity == "stored in the database" && strings.Contains(r.Formula, "send message")
	}
	if !stored {
		t.Error("the database's stored bytes leave the kept messages out")
	}
	delivered := buildText(t, "title: support conversations\nworkloads: [{name: send message, kind: message, rate: 3M/day, item_size: 400B}, {name: open ticket, kind: write, rate: 10k/day, item_size: 1KB, retention: 2y}]\n")
	for _, r := range delivered.Capacity {
		if r.Workload == "send message" && r.Tool == "storage" {
			t.Errorf("a message kept for no stated time is stored: %+v", r)
		}
	}
}

// TestAChatKeepsWhatItSends: a support chat whose "send message" is a
// message kept 2y stores each message in the database and hands it to
// the gateways (no job queue on its path), and its history is the
// workload's own storage rows, not a second estimate kept five years.
func TestAChatKeepsWhatItSends(t *testing.T) {
	d := buildText(t, `title: Live support chat for a garden shop
summary: shoppers chat with support agents and see when the other side is typing
workloads:
  - {name: send message, kind: message, rate: 3M/day, item_size: 400B, retention: 2y}
  - {name: open conversation, kind: write, rate: 200k/day, item_size: 1KB, retention: 2y}
users: {dau: 150k}
`)
	for _, r := range d.Capacity {
		if strings.Contains(r.Workload, "message history stored") {
			t.Errorf("the history is estimated beside the workload that states it: %s = %v (%s)", r.Workload, r.Value, r.Formula)
		}
	}
	var flow *Flow
	for i := range d.Model.Flows {
		if slices.Contains(d.Model.Flows[i].Workloads, "send message") {
			flow = &d.Model.Flows[i]
		}
	}
	if flow == nil {
		t.Fatal("no flow carries the messages")
	}
	if slices.Contains(flow.Path, "queue") || slices.Contains(flow.Path, "workers") || flow.Path[len(flow.Path)-1] != "connection_gateways" {
		t.Errorf("the messages run %v, want straight to the gateways", flow.Path)
	}
	if flow.StoreOfRecord != "db" {
		t.Errorf("the messages' store of record is %q, want the database", flow.StoreOfRecord)
	}
	for _, h := range d.HotPaths {
		if h.Name == "send message" && strings.Contains(strings.Join(h.Optimizations, "; "), "never by the database") {
			t.Errorf("the hot path of messages kept in the database says they never touch it: %v", h.Optimizations)
		}
	}
}

// TestFilesAFunctionalLineNamesAreDrawnAndPriced: object storage chosen
// because a functional line uploads photos, with no file workload, is a
// part of the model: in both diagrams, linked from the API, and in the
// Cost Estimate (here as not sized). Scanning a barcode names no file.
func TestFilesAFunctionalLineNamesAreDrawnAndPriced(t *testing.T) {
	d := buildText(t, "title: equipment loans\nfunctional: [\"upload a photo of the damage when an instrument comes back broken\"]\nworkloads: [{name: check out, kind: write, rate: 400/day, item_size: 300B}]\n")
	if component(d, "storage") == nil {
		t.Fatal("no object storage for the photos")
	}
	if !strings.Contains(d.DataFlow.Mermaid, "blob") || !strings.Contains(d.DataFlow.Diagram, "Object storage") {
		t.Errorf("the object storage is not drawn:\n%s\n%s", d.DataFlow.Mermaid, d.DataFlow.Diagram)
	}
	priced := false
	for _, c := range d.Model.Components {
		priced = priced || c.ID == "blob" && (len(c.Cost) > 0 || c.CostNote != "")
	}
	if !priced {
		t.Errorf("the object storage has no cost line and no note of why: %+v", d.Model.Components)
	}
	scan := buildText(t, "title: equipment loans\nfunctional: [\"scan an instrument's barcode to check it out\"]\nworkloads: [{name: check out, kind: write, rate: 400/day, item_size: 300B}]\n")
	if c := component(scan, "storage"); c != nil {
		t.Errorf("scanning a barcode got object storage: %v", c)
	}
}
