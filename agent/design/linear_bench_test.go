package design

import (
	"fmt"
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

// manyWorkloads returns requirements with n workloads, past the user-facing
// cap: the parser takes at most MaxWorkloads at a time, so the file is read
// in chunks (each workload named by its index) and joined.
func manyWorkloads(tb testing.TB, n int) requirements.Requirements {
	tb.Helper()
	var req requirements.Requirements
	for start := 0; start < n; start += requirements.MaxWorkloads {
		size := min(requirements.MaxWorkloads, n-start)
		r, err := requirements.ParseRequirements([]byte(workloadsYAMLFrom(start, size)), "r.yaml")
		if err != nil {
			tb.Fatal(err)
		}
		if start == 0 {
			req = r
			continue
		}
		req.Workloads = append(req.Workloads, r.Workloads...)
	}
	return req
}

// uncapped lifts the workload cap for the length of a benchmark.
func uncapped(tb testing.TB) {
	old := checkWorkloadCount
	checkWorkloadCount = func(int) error { return nil }
	tb.Cleanup(func() { checkWorkloadCount = old })
}

// BenchmarkEngineWorkloads measures Build and RenderMarkdown from 10 to
// 10,000 workloads, beyond the user-facing cap of 200: ns/workload must
// stay flat (within 2× from the smallest to the largest size) — a step
// that is quadratic in the workloads shows here long before users meet
// it. Run with -benchtime 1x for the largest size.
func BenchmarkEngineWorkloads(b *testing.B) {
	uncapped(b)
	for _, n := range []int{10, 100, 1000, 10000} {
		req := manyWorkloads(b, n)
		b.Run(fmt.Sprintf("workloads=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				d, err := Build(req, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := RenderMarkdown(d); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/workload")
		})
	}
}
