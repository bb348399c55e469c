package design

import (
	"slices"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// webScalingWithJobs is a scale-out ask whose functional lines imply
// background jobs (an export, an e-mail): the web-scaling archetype brings
// its own worker pool ("Queue and workers", refining workers).
const webScalingWithJobs = `---
title: News site scale-out
summary: Our news site runs on a single server and must handle ten times the traffic by next year; scale out behind a load balancer with autoscaling.
functional:
  - readers browse articles
  - editors publish articles
  - export the monthly readership report as CSV
  - e-mail a digest to subscribers every morning
workloads:
  - name: read article
    kind: read
    rate: 300M/month
    peak_factor: 3
    item_size: 20KB
    latency_p99: 200ms
    cacheable: true
  - name: publish article
    kind: write
    rate: 100k/month
    item_size: 20KB
    latency_p99: 500ms
users: {dau: 2M}
availability: 99.9%
---

Our news site runs on a single server and must scale out with autoscaling
behind a load balancer as traffic grows ten times.
`

// feedWithDigest is a home feed whose functional lines imply an e-mail
// job: the news-feed archetype's "Fan-out workers" refine workers.
const feedWithDigest = `---
title: Home feed
summary: Users follow other users and see a home feed of the newest posts from everyone they follow.
functional:
  - users publish posts
  - users see a home feed of the newest posts from everyone they follow
  - e-mail a weekly digest of the top posts
workloads:
  - name: publish post
    kind: write
    rate: 50M/month
    item_size: 1KB
    latency_p99: 300ms
  - name: read home feed
    kind: read
    rate: 3B/month
    peak_factor: 3
    item_size: 20KB
    latency_p99: 200ms
users: {dau: 5M}
availability: 99.9%
---

Users follow other users and see a home feed of the newest posts from everyone they follow.
`

// TestOneWorkerPoolWhateverItIsCalled: the functional pass asks for the
// part workers by id, so an archetype's pool that refines it is the pool
// the background jobs run on, and no engine "Workers" is added beside it.
func TestOneWorkerPoolWhateverItIsCalled(t *testing.T) {
	for _, tc := range []struct {
		archetype, text string
		jobs            []string
	}{
		{"web-scaling", webScalingWithJobs, []string{"export the monthly readership report as CSV", "e-mail a digest to subscribers every morning"}},
		{"news-feed", feedWithDigest, []string{"e-mail a weekly digest of the top posts"}},
	} {
		t.Run(tc.archetype, func(t *testing.T) {
			checkOnePool(t, tc.archetype, tc.text, tc.jobs)
		})
	}
}

func checkOnePool(t *testing.T, archetype, text string, jobs []string) {
	t.Helper()
	req, err := requirements.ParseRequirements([]byte(text), archetype+".md")
	if err != nil {
		t.Fatal(err)
	}
	d := buildReq(t, req)
	if !slices.ContainsFunc(d.Patterns, func(p PatternUse) bool { return p.ID == archetype }) {
		t.Fatalf("the ask is not recognised as %s (patterns %v): the test no longer covers an archetype's own pool", archetype, d.Patterns)
	}
	var pools []ModelComponent
	for _, c := range d.Model.Components {
		if c.ID == "workers" || c.Kind == "worker" {
			pools = append(pools, c)
		}
	}
	if len(pools) != 1 || pools[0].ID != "workers" {
		t.Fatalf("want one worker pool, the part workers; the model has %+v", pools)
	}
	var rows []string
	for _, s := range d.Services {
		if s.part == "workers" || s.arch == "workers" {
			rows = append(rows, s.Name)
		}
	}
	if len(rows) != 1 {
		t.Fatalf("want one Core Components row for the worker pool, got %q", rows)
	}
	pool := rows[0]
	if pool == "Workers" {
		t.Fatalf("the pool is the engine's Workers, not the archetype's own: the case no longer tests a pool under another name")
	}
	for _, line := range jobs {
		if lands := traceOf(d, line); !slices.Contains(lands, "background job: "+pool) {
			t.Errorf("%q lands in %q, want the background job on %s", line, lands, pool)
		}
	}
	for _, s := range d.State {
		if s.Name == "queued jobs" && s.Owner != pool {
			t.Errorf("the queued jobs are owned by %q, a part the design does not have; want %s", s.Owner, pool)
		}
	}
}
