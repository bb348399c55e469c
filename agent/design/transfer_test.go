package design

import (
	"encoding/json"
	"maps"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// transferKinds are the cost tool's components that price bytes moved.
var transferKinds = []string{"egress", "cdn", "nat_gateway", "cross_az"}

// assertHorizonsAddUp redoes every horizon from its own figures: its
// lines add up to its total, a line that does not grow keeps today's
// figure, and every line of bytes moved is the cost tool's price of
// today's bytes times the horizon's growth (transfer grows with the load,
// once).
func assertHorizonsAddUp(t *testing.T, name string, d *Design) {
	t.Helper()
	for _, h := range d.CostSummary.Horizons {
		if len(h.LineUSD) != len(d.Cost) {
			t.Errorf("%s at %s: %d line figures for %d lines", name, h.Horizon, len(h.LineUSD), len(d.Cost))
			continue
		}
		var sum float64
		for i, l := range d.Cost {
			sum += h.LineUSD[i]
			kind, _ := l.args["component"].(string)
			switch {
			case !l.Grows:
				if h.LineUSD[i] != l.MonthlyUSD {
					t.Errorf("%s at %s: %s does not grow, yet is $%v against $%v today", name, h.Horizon, l.Component, h.LineUSD[i], l.MonthlyUSD)
				}
			case containsString(transferKinds, kind):
				args := maps.Clone(l.args)
				for _, k := range []string{"transfer_per_month", "transfer_after"} {
					if v, ok := args[k].(float64); ok {
						args[k] = v * h.Growth
					}
				}
				raw, _ := json.Marshal(args)
				r, err := capacity.Default().Call("cost", raw)
				if err != nil {
					t.Fatalf("%s: %s at %s: %v", name, l.Component, h.Horizon, err)
				}
				if want := r.Outputs["monthly_usd"].(float64); math.Abs(h.LineUSD[i]-want) > 0.01 {
					t.Errorf("%s at %s: %s is $%v, today's bytes ×%v cost $%v (%s)", name, h.Horizon, l.Component, h.LineUSD[i], h.Growth, want, r.Formula)
				}
			}
		}
		if math.Abs(capacity.Tidy(sum)-h.TotalUSD) > 0.01 {
			t.Errorf("%s at %s: total $%v, its lines sum to $%v", name, h.Horizon, h.TotalUSD, sum)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// lineOf returns the design's cost line with the name, or fails.
func lineOf(t *testing.T, d *Design, component string) CostLine {
	t.Helper()
	for _, l := range d.Cost {
		if l.Component == component {
			return l
		}
	}
	var names []string
	for _, l := range d.Cost {
		names = append(names, l.Component)
	}
	t.Fatalf("no %q cost line among %v", component, names)
	return CostLine{}
}

// hasLine says whether the design has a cost line with the name.
func hasLine(d *Design, component string) bool {
	for _, l := range d.Cost {
		if l.Component == component {
			return true
		}
	}
	return false
}

// TestTransferLines: each kind of traffic is its own line when the design
// has it, priced by hand from the price table's network section, and
// absent when it has not. Chat pushes messages to clients and writes to
// Kafka and a self-run wide-column store across zones; the crawler pulls
// pages in through NAT; the notification service calls providers through
// NAT and sends the copies out; an internal tool at one zone has none.
func TestTransferLines(t *testing.T) {
	p := capacity.DefaultPrices()
	const gib = 1 << 30
	bytesOf := func(l CostLine, k string) float64 { v, _ := l.args[k].(float64); return v }

	chat := buildExample(t, "../../examples/chat.md")
	pushed := lineOf(t, chat, egressMessages)
	deliver := rowValue(t, chat, "deliver message", "throughput", "per_second")
	if got, want := bytesOf(pushed, "transfer_per_month"), deliver*spmOf(chat)*300; math.Abs(got-want) > 1e-6*want {
		t.Errorf("chat pushes %v bytes a month, want 20B/day of 300 B messages = %v", got, want)
	}
	if bytesOf(pushed, "transfer_after") != bytesOf(lineOf(t, chat, egressResponses), "transfer_per_month") {
		t.Error("the pushed messages are not priced after the responses' egress")
	}
	if hasLine(chat, "Traffic between zones (producers to Kafka)") {
		t.Error("the chat's gateways push its deliveries, yet a Kafka line is priced")
	}
	events := buildExample(t, "../../examples/event-pipeline.md")
	for _, l := range []CostLine{lineOf(t, events, "Traffic between zones (producers to Kafka)"), lineOf(t, chat, "Traffic between zones (wide-column replication)")} {
		name := l.Component
		if want := bytesOf(l, "transfer_per_month") / gib * p.Network.CrossAZPerGB * 2; math.Abs(l.MonthlyUSD-want) > 0.01 {
			t.Errorf("%s is $%v, by hand $%v", name, l.MonthlyUSD, want)
		}
	}
	records := lineOf(t, chat, "Traffic between zones (wide-column replication)")
	written := rowValue(t, chat, "send message", "storage", "bytes_per_month")
	if got := bytesOf(records, "transfer_per_month"); math.Abs(got-2*written) > 1e-6*written {
		t.Errorf("the wide-column store copies %v bytes a month between zones, want two replicas of %v", got, written)
	}

	crawler := buildExample(t, "../../examples/web-crawler.md")
	nat := lineOf(t, crawler, "NAT gateways")
	pages := rowValue(t, crawler, "fetch page", "bandwidth", "bytes_per_month")
	if want := 3*p.HoursPerMonth*p.Network.NATHourly + pages/gib*p.Network.NATPerGB; math.Abs(nat.MonthlyUSD-want) > 0.01 {
		t.Errorf("the crawler's NAT is $%v, by hand $%v for %v bytes of pages", nat.MonthlyUSD, want, pages)
	}
	if hasLine(crawler, egressMessages) {
		t.Error("crawled pages come in; they are not egress")
	}

	fanout := buildExample(t, "../../examples/notification-fanout.md")
	if !hasLine(fanout, "NAT gateways") || !hasLine(fanout, egressMessages) {
		t.Error("notifications sent to providers have no NAT or egress line")
	}

	crud := buildExample(t, "../../examples/internal-crud.md")
	for _, l := range crud.Cost {
		if k, _ := l.args["component"].(string); k == "nat_gateway" || k == "cross_az" || l.Component == egressMessages {
			t.Errorf("an internal tool with no such traffic has a %s line", l.Component)
		}
	}
	twitter := buildPrimer(t, "twitter", Options{})
	if hasLine(twitter, egressMessages) {
		t.Error("the tweets' fan-out into timelines is internal, not egress")
	}
}

// TestMediaPutsPerFile: object storage is billed one PUT per file
// stored, not one per record. The Twitter-like primer averages 9.7 KB of
// media per tweet, which is one 100 KB photo in about one tweet of ten:
// 15B tweets a month make 1.455B PUTs ($7,275), not 15B ($75,000).
func TestMediaPutsPerFile(t *testing.T) {
	d := buildPrimer(t, "twitter", Options{})
	l := lineOf(t, d, "Object storage")
	tweets := rowValue(t, d, "post tweet", "throughput", "per_second") * spmOf(d)
	if got, want := l.args["writes_per_month"].(float64), math.Round(tweets*9.7e3/mediaObjectBytes); got != want {
		t.Errorf("%v PUTs a month, want %v (one per photo)", got, want)
	}
	puts := l.args["writes_per_month"].(float64) / 1000 * capacity.DefaultPrices().ObjectRequests.PutPer1000
	if puts > 10_000 {
		t.Errorf("PUTs cost $%v a month", puts)
	}
	if s := d.CostSummary.TotalUSD; s < 150_000 || s > 400_000 {
		t.Errorf("the Twitter-like design costs $%v a month, outside the $150k–400k a principal would sign", s)
	}
	// A file write is still one object per file.
	video := buildExample(t, "../../examples/video-streaming.md")
	uploads := rowValue(t, video, "upload video", "throughput", "per_second") * spmOf(video)
	if got := lineOf(t, video, "Object storage").args["writes_per_month"].(float64); got != math.Round(uploads) {
		t.Errorf("video uploads write %v objects, want one per upload: %v", got, uploads)
	}
}

// TestTransferInEveryDesign: every priced example, primer problem and
// paper estimate adds its lines and horizons up with the transfer lines
// in, and a line of bytes moved never appears without bytes.
func TestTransferInEveryDesign(t *testing.T) {
	var files []string
	for _, g := range []string{"../../examples/*.md", "testdata/primer/*.md", "testdata/sizing/*.md"} {
		fs, _ := filepath.Glob(g)
		for _, f := range fs {
			if !strings.HasSuffix(f, ".design.md") && !strings.HasSuffix(f, ".estimate.md") {
				files = append(files, f)
			}
		}
	}
	moved := 0
	for _, f := range files {
		d := buildExample(t, f)
		if d.CostSummary == nil {
			continue
		}
		assertHorizonsAddUp(t, f, d)
		for _, l := range d.Cost {
			if k, _ := l.args["component"].(string); containsString(transferKinds, k) {
				moved++
				if v, _ := l.args["transfer_per_month"].(float64); !(v > 0) || !(l.MonthlyUSD > 0) {
					t.Errorf("%s: %s moves %v bytes for $%v", f, l.Component, v, l.MonthlyUSD)
				}
			}
		}
	}
	if moved < 10 {
		t.Errorf("only %d lines of bytes moved across all designs", moved)
	}
}

// spmOf is the month the design converts its rates with.
func spmOf(d *Design) float64 {
	if d.Requirements.SecondsPerMonth > 0 {
		return float64(d.Requirements.SecondsPerMonth)
	}
	return quantity.DefaultSecondsPerMonth
}

// TestNATSaving: over budget, a design whose NAT gateways process bulk
// traffic names the change that stops paying per GB, priced by the cost
// tool: what the gateways' processing costs.
func TestNATSaving(t *testing.T) {
	text, err := os.ReadFile("../../examples/web-crawler.md")
	if err != nil {
		t.Fatal(err)
	}
	text = []byte(strings.Replace(string(text), "constraints:\n", "constraints:\n  budget: 10000 USD/month\n", 1))
	_, d, err := FromText(text, "crawler.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	nat := lineOf(t, d, "NAT gateways")
	processing := nat.args["transfer_per_month"].(float64) / (1 << 30) * capacity.DefaultPrices().Network.NATPerGB
	for _, s := range d.CostSummary.Savings {
		if strings.Contains(s.Change, "instead of through NAT") {
			if math.Abs(s.SavingUSD-processing) > 0.01 {
				t.Errorf("the NAT change saves $%v, the gateways' processing is $%v", s.SavingUSD, processing)
			}
			return
		}
	}
	t.Errorf("no NAT change among %+v", d.CostSummary.Savings)
}

// TestQueueCarriesReferences: a job's queue entry names its work; the
// crawler's 500 KB pages are fetched and stored by the workers, so the log
// is sized at about 1 KB an entry, not at the page.
func TestQueueCarriesReferences(t *testing.T) {
	d := buildExample(t, "../../examples/web-crawler.md")
	peak := rowValue(t, d, "fetch page", "throughput", "peak_per_second")
	if got := rowValue(t, d, "fetch page", "partitions", "bytes_per_second"); math.Abs(got-peak*AssumedEventBytes) > 1e-6*got {
		t.Errorf("the log takes %v bytes/s of fetch jobs, want %v references of 1 KB a second", got, peak)
	}
}
