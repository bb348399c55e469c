package requirements

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/quantity"
)

// extracted lists "field=value" for each value mined from the text.
func extracted(t *testing.T, text string) []string {
	t.Helper()
	r, err := ParseRequirements([]byte(text), "prose.md")
	if err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	var out []string
	for _, e := range r.Extracted {
		out = append(out, e.Field+"="+e.Value)
	}
	return out
}

func TestMineSentences(t *testing.T) {
	tests := []struct {
		text string
		want []string
	}{
		{"Process 1M events/sec from mobile apps with 5-min analytics window",
			[]string{"workloads[0].rate=1M/second", "workloads[0].window=5m"}},
		{"We see 10k requests per second.", []string{"workloads[0].rate=10k/second"}},
		{"About 100M writes/month.", []string{"workloads[0].rate=100M/month"}},
		{"Roughly 2,500 page views per minute.", []string{"workloads[0].rate=2.5k/minute"}},
		{"It sends 5 million notifications a day.", []string{"workloads[0].rate=5M/day"}},
		{"The API serves 500 rps.", []string{"workloads[0].rate=500/second"}},
		{"Peak traffic is 3x the average; we process 1M events per second.", []string{"workloads[0].rate=1M/second"}},
		{"Average 1k requests/s, peaks at 5k requests/s.", []string{"workloads[0].rate=1k/second"}},
		{"Users run 200 search queries per second.", []string{"workloads[0].rate=200/second"}},
		{"1M events/sec, aggregated over a 5 minute window.", []string{"workloads[0].rate=1M/second", "workloads[0].window=5m"}},
		{"2k events/s in tumbling windows of 10 minutes.", []string{"workloads[0].rate=2k/second", "workloads[0].window=10m"}},
		{"50k requests/s; p99 under 50ms.", []string{"workloads[0].rate=50k/second", "workloads[0].latency_p99=50ms"}},
		{"300 requests/s with a p95 latency below 200 milliseconds.", []string{"workloads[0].rate=300/second", "workloads[0].latency_p95=200ms"}},
		{"300 requests/s, 80ms at p50.", []string{"workloads[0].rate=300/second", "workloads[0].latency_p50=80ms"}},
		{"API p95 jumped from 250ms to 900ms after new features",
			[]string{"current.latency_p95_before=250ms", "current.latency_p95_after=900ms", "current.changes[0]=new features"}},
		{"Our p95 latency went from 0.3s to 1.2 s.", []string{"current.latency_p95_before=300ms", "current.latency_p95_after=1.2s"}},
		{"The service needs 99.9% uptime.", []string{"availability=99.9%"}},
		{"Target 99.95% availability.", []string{"availability=99.95%"}},
		{"The SLA is 99.5%.", []string{"availability=99.5%"}},
		{"It must reach 99.99%.", []string{"availability=99.99%"}},
		{"We have 10M DAU.", []string{"users.dau=10M"}},
		{"There are 10 million daily active users and 40M MAU.", []string{"users.dau=10M", "users.mau=40M"}},
		{"100 writes/s; store for 5 years.", []string{"workloads[0].rate=100/second", "workloads[0].retention=5y"}},
		{"100 events/s, retain 90 days.", []string{"workloads[0].rate=100/second", "workloads[0].retention=90d"}},
		{"100 events/s. We keep raw events for 30 days.", []string{"workloads[0].rate=100/second", "workloads[0].retention=30d"}},
		{"10k events/s of 1KB events.", []string{"workloads[0].rate=10k/second", "workloads[0].item_size=1 KB"}},
		{"10k messages/s, 500 bytes per message.", []string{"workloads[0].rate=10k/second", "workloads[0].item_size=500 B"}},
		{"10k events/s. Each event is about 2KB.", []string{"workloads[0].rate=10k/second", "workloads[0].item_size=2 KB"}},
		{"Patient data falls under HIPAA; card payments under PCI-DSS and SOC2.", []string{"compliance[0]=HIPAA", "compliance[1]=PCI DSS", "compliance[2]=SOC 2"}},
		{"EU users: GDPR.", []string{"compliance[0]=GDPR"}},
		{"Budget is $2000/month.", []string{"constraints.budget=2000 USD/month"}},
		{"Around 600 out of 2,000 employees use it on a typical day.", []string{"users.dau=600", "users.total=2k"}},
		{"About 6,000 claims a month are submitted.", []string{"workloads[0].rate=6k/month"}},
		{"We hold 4 meetings a week.", nil},
		{"It should be up 99.9% of the time.", []string{"availability=99.9%"}},
		{"Product search needs faceted search by brand and price.", []string{"features.faceted_search=true"}},
		{"Prices change often, so the cache needs complex invalidation.", []string{"features.complex_invalidation=true"}},
		{"Event sourcing vs CRUD for order management?", []string{"question=Event sourcing vs CRUD for order management?"}},
		{"Should we use a Redis queue or Kafka?", []string{"question=Should we use a Redis queue or Kafka?"}},
		{"# Checkout\n\nMonolith versus microservices for checkout.", []string{"title=Checkout", "question=Monolith versus microservices for checkout."}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, extracted(t, tt.text)); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestMineLeavesAlone(t *testing.T) {
	for _, text := range []string{
		"We upgraded to version 2.5.1 last week.",
		"Released on 2024-05-01 by the platform team.",
		"The team is 2 engineers per squad.",
		"We have 3 backend engineers and 2 designers.",
		"Runs 24/7.",
		"Handles 1M/s.",
		"Peaks at 10k requests/s during sales.",
		"We saw 10k requests per second at peak.",
		"The p99 of 1M requests is fine.",
		"A 5M window frame.",
		"Cache hit ratio is 99%.",
		"99.9% of requests finish in time.",
		"Use 1B rows as a test set.",
		"We do not need faceted search.",
		"No GDPR concerns: all users are in the US.",
		"Can it take 1M events or more?",
		"Deploy 3 times a week.",
		"Files are ~5MB.",
		"Latency should stay under 200ms.",
		"Meet in room 5-m window seat.",
		"We have 10 million users.",
		"Node 18 per day of testing.",
		"Version 1.2.3 writes/month.",
	} {
		if got := extracted(t, text); len(got) != 0 {
			t.Errorf("%q: mined %v, want nothing", text, got)
		}
	}
}

func TestMineNeverOverrides(t *testing.T) {
	in := `---
title: Pipeline
availability: 99.99%
users: {dau: 2M}
features: {faceted_search: false}
question: Batch or stream?
compliance: [SOC 2]
workloads:
  - name: clicks
    kind: event
    rate: 5k/s
    window: 1m
  - name: profile reads
    kind: read
    rate: 100/s
---
We process 1M events/sec with a 5-min window, 99.9% availability, 10M DAU,
GDPR, faceted search. Kafka vs Pulsar? p99 under 50ms. 1KB events.
`
	r, err := ParseRequirements([]byte(in), "p.md")
	if err != nil {
		t.Fatal(err)
	}
	want := []Workload{
		{Name: "clicks", Kind: "event", Rate: quantity.Flow{Count: 5000, Per: "second"}, Window: 60, ItemSize: 1000},
		{Name: "profile reads", Kind: "read", Rate: quantity.Flow{Count: 100, Per: "second"}, LatencyP99: 0.05},
	}
	if diff := cmp.Diff(want, r.Workloads); diff != "" {
		t.Errorf("workloads (-want +got):\n%s", diff)
	}
	if r.Availability != 0.9999 || r.Users.DAU != 2e6 || r.Features.FacetedSearch || r.Question != "Batch or stream?" || len(r.Compliance) != 1 {
		t.Errorf("explicit values overridden: %+v", r)
	}
	wantX := []Extraction{
		{Field: "workloads[0].item_size", Value: "1 KB", Sentence: "1KB events."},
		{Field: "workloads[1].latency_p99", Value: "50ms", Sentence: "p99 under 50ms."},
	}
	if diff := cmp.Diff(wantX, r.Extracted); diff != "" {
		t.Errorf("extracted (-want +got):\n%s", diff)
	}
}

func TestMineSeeds(t *testing.T) {
	tests := []struct {
		text string
		want Requirements
	}{
		{"# Mobile event pipeline\n\nProcess 1M events/sec from mobile apps with 5-min analytics window.\n",
			Requirements{Title: "Mobile event pipeline", Workloads: []Workload{{Name: "events", Kind: "event", Rate: quantity.Flow{Count: 1e6, Per: "second"}, Window: 300}}}},
		{"API p95 jumped from 250ms to 900ms after new features.\n",
			Requirements{Current: &Current{LatencyP95Before: 0.25, LatencyP95After: 0.9, Changes: []string{"new features"}}}},
		{"Event sourcing vs CRUD for order management?\n",
			Requirements{Question: "Event sourcing vs CRUD for order management?"}},
	}
	for _, tt := range tests {
		r, err := ParseRequirements([]byte(tt.text), "seed.md")
		if err != nil {
			t.Fatalf("%q: %v", tt.text, err)
		}
		r.Body, r.Extracted = "", nil
		if diff := cmp.Diff(tt.want, r); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestMineExported(t *testing.T) {
	r := Requirements{Body: "We serve 10M DAU.", Users: &Users{DAU: 1}}
	Mine(&r)
	if r.Users.DAU != 1 || len(r.Extracted) != 0 {
		t.Errorf("Mine overrode a value: %+v", r)
	}
	r = Requirements{Body: "We serve 10M DAU."}
	Mine(&r)
	if r.Users == nil || r.Users.DAU != 1e7 {
		t.Errorf("Mine: got %+v, want users.dau 10M", r.Users)
	}
}

// TestMineFlows reads prose that states several flows: one workload per
// flow even with two rates in one sentence, a flow stated twice counted
// once, and sizes and retention on the flow they describe.
func TestMineFlows(t *testing.T) {
	tests := []struct {
		name, text string
		want       []Workload
	}{
		{"two rates in one sentence",
			"100 million new short links per month and about 10 billion redirects per month. Each short link is about 500 bytes and links are kept for 5 years.",
			[]Workload{
				{Name: "short links", Kind: "write", Rate: quantity.Flow{Count: 1e8, Per: "month"}, ItemSize: 500, Retention: quantity.Duration(60 * quantity.DefaultSecondsPerMonth)},
				{Name: "redirects", Kind: "read", Rate: quantity.Flow{Count: 1e10, Per: "month"}},
			}},
		{"the same flow per month and per second",
			"* 10 million paste writes per month\n* 100 million paste reads per month\n* 4 paste writes per second on average\n* 40 read requests per second on average\n",
			[]Workload{
				{Name: "paste writes", Kind: "write", Rate: quantity.Flow{Count: 1e7, Per: "month"}},
				{Name: "paste reads", Kind: "read", Rate: quantity.Flow{Count: 1e8, Per: "month"}},
			}},
		{"write requests are writes",
			"The service takes 1,600 write requests per second and 40 read requests per second.",
			[]Workload{
				{Name: "write requests", Kind: "write", Rate: quantity.Flow{Count: 1600, Per: "second"}},
				{Name: "read requests", Kind: "read", Rate: quantity.Flow{Count: 40, Per: "second"}},
			}},
		{"word multipliers before a period",
			"We send 5 million notifications/day and take 10 billion page views per month.",
			[]Workload{
				{Name: "notifications", Kind: "message", Rate: quantity.Flow{Count: 5e6, Per: "day"}},
				{Name: "page views", Kind: "read", Rate: quantity.Flow{Count: 1e10, Per: "month"}},
			}},
		{"byte rates are not flows",
			"Egress peaks at 400 KB/s; ingest is 2 Gbit/s and 40 B/s of heartbeats; we serve 300 requests/s.",
			[]Workload{{Name: "requests", Kind: "read", Rate: quantity.Flow{Count: 300, Per: "second"}}}},
	}
	for _, tt := range tests {
		r, err := ParseRequirements([]byte(tt.text), "prose.md")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if diff := cmp.Diff(tt.want, r.Workloads); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestSanityBoundsInFiles(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"workloads:\n  - {name: a, kind: read, rate: 2e9/s}\n", "the most a request rate can be"},
		{"workloads:\n  - {name: a, kind: write, rate: 1/s, item_size: 1e308B}\n", "the most a data size can be"},
		{"workloads:\n  - {name: a, kind: write, rate: 1/s, item_size: 2PB}\n", "the most an item can be"},
		{"workloads:\n  - {name: a, kind: read, rate: 1/s, latency_p99: 2d}\n", "the most a latency can be"},
		{"workloads:\n  - {name: a, kind: write, rate: 1/s, retention: 1e300y}\n", "the most a duration can be"},
		{"workloads:\n  - {name: a, kind: write, rate: 1/s, retention: 200y}\n", "the most a duration can be"},
		{"workloads:\n  - {name: a, kind: read, rate: 'ȺȺȺ per 0'}\n", "expected a rate"},
	}
	for _, tt := range tests {
		_, err := ParseRequirements([]byte("---\ntitle: T\n"+tt.yaml+"---\n"), "r.md")
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: error %v, want one line with %q", tt.yaml, err, tt.want)
		}
	}
}
