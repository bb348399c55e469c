package design

import (
	"fmt"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// workloadsYAML writes requirements with n workloads of every kind in turn.
func workloadsYAML(n int) string { return workloadsYAMLFrom(0, n) }

// workloadsYAMLFrom writes n workloads numbered from start.
func workloadsYAMLFrom(start, n int) string {
	var b strings.Builder
	b.WriteString("title: Many flows\nusers: {dau: 1M}\nworkloads:\n")
	kinds := []string{"read", "write", "event", "message", "search", "job"}
	for i := start; i < start+n; i++ {
		k := kinds[i%len(kinds)]
		fmt.Fprintf(&b, "  - {name: flow %d, kind: %s, rate: %d/s, item_size: 1KB, latency_p99: 200ms", i, k, 10+i)
		if k == "event" {
			b.WriteString(", window: 5m")
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// BenchmarkBuildWorkloads measures parse → Design → Markdown as the number
// of workloads grows to requirements.MaxWorkloads: the cost per workload must stay flat
// (linear work), which ns/op divided by the count shows.
func BenchmarkBuildWorkloads(b *testing.B) {
	for _, n := range []int{1, 10, 100, requirements.MaxWorkloads} {
		src := []byte(workloadsYAML(n))
		b.Run(fmt.Sprintf("workloads=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			var size int
			for b.Loop() {
				req, err := requirements.ParseRequirements(src, "r.yaml")
				if err != nil {
					b.Fatal(err)
				}
				d, err := Build(req, Options{})
				if err != nil {
					b.Fatal(err)
				}
				md, err := RenderMarkdown(d)
				if err != nil {
					b.Fatal(err)
				}
				size = len(md)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/workload")
			b.ReportMetric(float64(size)/float64(n), "doc-bytes/workload")
		})
	}
}

func TestWorkloadCap(t *testing.T) {
	_, err := requirements.ParseRequirements([]byte(workloadsYAML(requirements.MaxWorkloads+1)), "r.yaml")
	if err == nil || !strings.Contains(err.Error(), "201 workloads; a design takes at most 200") {
		t.Errorf("got %v, want the cap named", err)
	}
	req, err := requirements.ParseRequirements([]byte(workloadsYAML(requirements.MaxWorkloads)), "r.yaml")
	if err != nil {
		t.Fatalf("at the cap: %v", err)
	}
	req.Workloads = append(req.Workloads, req.Workloads[0])
	if _, err := Build(req, Options{}); err == nil {
		t.Error("Build took more workloads than the cap")
	}
}
