package design

import (
	"strings"
	"testing"
)

// recognitionCase is an ask whose design must not merge the archetypes a
// word in passing points at.
type recognitionCase struct {
	name, text string
	never      []string
}

var recognitionCases = []recognitionCase{
	{"expense approvals", `---
title: Expense approvals
summary: Employees submit expenses with receipts; their manager approves or rejects them and finance pays approved expenses with the monthly payroll.
functional:
  - employees submit an expense with a receipt photo
  - managers approve or reject expenses of their team
workloads:
  - {name: submit expense, kind: write, rate: 2000/day}
  - {name: list pending approvals, kind: read, rate: 20000/day}
---
`, []string{"account-aggregation", "payments-ledger"}},
	{"courier on a map", `---
title: Delivery tracking page
summary: A page where a customer watches their courier's delivery on a map until it arrives.
functional:
  - couriers' phones send their location every 5 seconds
  - the customer's page shows the courier moving on a map and the estimated arrival time
workloads:
  - {name: courier location, kind: write, rate: 20000/s}
  - {name: watch delivery, kind: read, rate: 50000/s}
---
`, []string{"video-streaming", "maps-routing"}},
	{"components the team already runs", `---
title: Loyalty points
summary: Shoppers earn points on each purchase and see their balance in the app.
functional:
  - add points when an order is paid
  - show a shopper's points balance
workloads:
  - {name: add points, kind: write, rate: 50/s}
constraints:
  existing: [Redis cache, Kafka, Elasticsearch]
---
We already run a Redis cache in front of the catalogue, Kafka for order events and Elasticsearch for product search.
`, []string{"query-cache", "message-queue", "full-text-search", "event-pipeline"}},
}

// TestRecognitionIsNeverFromAWordInPassing designs each case and checks
// that no spurious archetype is merged and that the document says when
// nothing fits.
func TestRecognitionIsNeverFromAWordInPassing(t *testing.T) {
	for _, c := range recognitionCases {
		t.Run(c.name, func(t *testing.T) {
			_, d, err := FromText([]byte(c.text), c.name+".md", Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range d.Patterns {
				for _, no := range c.never {
					if p.ID == no {
						t.Errorf("merged %s from %s", no, p.Evidence)
					}
				}
			}
			md, err := RenderMarkdown(d)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Patterns) == 0 {
				if d.Recognition == "" || !strings.Contains(string(md), NoArchetype) || !strings.Contains(string(md), "Mechanism (no known archetype fits)") {
					t.Errorf("nothing matched, yet the document does not say so")
				}
			}
		})
	}
}

// Each merged archetype says how it was recognised, how sure, and how to
// drop it; a near miss is asked about, not merged.
func TestPatternsShowConfidenceAndNearMisses(t *testing.T) {
	_, d, err := FromText([]byte(`---
title: Ride hailing
summary: Riders request a ride and we match the nearest driver.
functional:
  - match each ride request to the nearest driver
  - employees submit an expense with a receipt photo
---
`), "ride.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	md, err := RenderMarkdown(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Confidence: named.", "Not this? add `patterns: [-ride-dispatch]` to the requirements.",
		"Possibly relevant: Paste and blob storage (`paste-storage`), because functional:"} {
		if !strings.Contains(string(md), s) {
			t.Errorf("the document lacks %q", s)
		}
	}
	for _, p := range d.Patterns {
		if p.ID == "paste-storage" {
			t.Errorf("a near miss was merged")
		}
	}
	if d.Recognition != "" {
		t.Errorf("recognition note %q on a design with archetypes", d.Recognition)
	}
}

// The patterns tool tells the model when nothing fits and what came near.
func TestQueryPatternsNearAndNothing(t *testing.T) {
	req, _, err := FromText([]byte(recognitionCases[0].text), "expense.md", Options{})
	if err != nil {
		t.Fatal(err)
	}
	ans, err := QueryPatterns(PatternQuery{Action: "match", Requirements: &req})
	if err != nil {
		t.Fatal(err)
	}
	if len(ans.Matches) != 0 || !strings.HasPrefix(ans.Next, NoArchetype) {
		t.Errorf("matches %v, next %q; want none and the note that nothing fits", ans.Matches, ans.Next)
	}
	if len(ans.Possibly) != 1 || !strings.HasPrefix(ans.Possibly[0], "paste-storage, because ") {
		t.Errorf("possibly relevant = %q, want paste-storage with its evidence", ans.Possibly)
	}
}
