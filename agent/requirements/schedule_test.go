package requirements

import (
	"strings"
	"testing"
)

func TestScheduleInterval(t *testing.T) {
	for in, want := range map[string]float64{"hourly": 3600, "Daily": 86400, "every 15m": 900, "every day": 86400, "weekly": 604800} {
		got, err := ScheduleInterval(in)
		if err != nil || got != want {
			t.Errorf("ScheduleInterval(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ScheduleInterval("sometimes"); err == nil {
		t.Error("ScheduleInterval(sometimes) took a schedule that is not one")
	}
}

func TestValidateBatchFields(t *testing.T) {
	tests := []struct{ doc, field, msg string }{
		{"title: x\nworkloads: [{name: r, kind: job, schedule: sometimes}]\n", "workloads[0].schedule", "not a schedule"},
		{"title: x\nworkloads: [{name: r, kind: job, schedule: hourly, scans: 7d of sale}, {name: sales, kind: write, rate: 1/s}]\n", "workloads[0].scans", `no workload is named "sale"`},
		{"title: x\nworkloads: [{name: r, kind: job, schedule: hourly, scans: lots}]\n", "workloads[0].scans", "does not say what it scans"},
		{"title: x\nseconds_per_month: 1000\n", "seconds_per_month", "not the length of a month"},
	}
	for _, tt := range tests {
		_, err := ParseRequirements([]byte(tt.doc), "r.yaml")
		if err == nil || !strings.Contains(err.Error(), tt.field) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%q: err = %v, want %s: %s", tt.doc, err, tt.field, tt.msg)
		}
	}
	r, err := ParseRequirements([]byte("title: x\nseconds_per_month: 2.5M\nworkloads: [{name: rank, kind: job, schedule: hourly, scans: 7d of sales}, {name: sales, kind: write, rate: 1/s}]\n"), "r.yaml")
	if err != nil || r.SecondsPerMonth != 2.5e6 {
		t.Errorf("valid batch requirements: %v, seconds_per_month %v", err, r.SecondsPerMonth)
	}
}
