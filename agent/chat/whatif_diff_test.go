package chat

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const docAsStated = `# System Design: Shop

## Capacity

| ID | Workload | Figure | Value | Formula |
| --- | --- | --- | --- | --- |
| C1 | orders | throughput: peak_per_second | 114.08/s | 100,000,000 per month / 2,629,746 s = 38.03/s; peak ×3 = 114.08/s |
| C2 | orders | storage: total_bytes | 3 TB | 500 B × 100,000,000 per month |
| C3 | all workloads | scaling_phase: monthly_cost_usd | $500 | 114.08 rps is below 10,000 rps: vertical phase (below 10K RPS), about $500/month |
| C4 | whole system | availability: downtime_per_year_s | 8.77h | availability 99.9% |

## Proposed Architecture

### Core Components

| Component | Purpose | Technology | Justification |
| --- | --- | --- | --- |
| API | runs the logic | one service | 2 servers |
| Database | system of record | PostgreSQL | fits one node |

## Decision Log

| Decision | Options considered | Choice | Reasoning |
| --- | --- | --- | --- |
| Database | PostgreSQL, Vitess/CockroachDB | PostgreSQL | 114.08 writes/s is within one node |
| Cache | none, Redis | none | no read workload |
`

var docAt100x = strings.NewReplacer(
	"| C1 | orders | throughput: peak_per_second | 114.08/s |", "| C1 | orders | throughput: peak_per_second | 11,408/s |",
	"| C2 | orders | storage: total_bytes | 3 TB |", "| C2 | orders | storage: total_bytes | 300 TB |",
	"| $500 | 114.08 rps is below 10,000 rps: vertical phase (below 10K RPS)", "| $5,000 | 11,408 rps is 10,000 to 100,000 rps: horizontal phase (10K-100K RPS)",
	"| Database | system of record | PostgreSQL | fits one node |", "| Database | system of record | Vitess/CockroachDB | sharded |\n| Load balancer | spreads requests | managed load balancer | many servers |",
	"| PostgreSQL | 114.08 writes/s is within one node |", "| Vitess/CockroachDB | 11,408 writes/s is past one node |",
).Replace(docAsStated)

func TestWhatIfDiffShowsWhatChanged(t *testing.T) {
	got := whatIfDiff([]byte(docAsStated), []byte(docAt100x), 100)
	want := `## What changes at ×100

| Decision | As stated | At ×100 |
| --- | --- | --- |
| Database | PostgreSQL | Vitess/CockroachDB |

- Added: Load balancer (managed load balancer).
- Scaling phase: vertical → horizontal.

| Figure | As stated | At ×100 |
| --- | --- | --- |
| orders · throughput: peak_per_second | 114.08/s | 11,408/s |
| orders · storage: total_bytes | 3 TB | 300 TB |
| all workloads · scaling_phase: monthly_cost_usd | $500 | $5,000 |

/whatif shows the whole document at ×100.
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	same := whatIfDiff([]byte(docAsStated), []byte(docAsStated), 1)
	if !strings.Contains(same, "No decision changes: every choice holds at ×1.") || strings.Contains(same, "| Figure |") {
		t.Errorf("a what-if that changes nothing:\n%s", same)
	}
}
