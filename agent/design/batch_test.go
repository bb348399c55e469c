package design

import (
	"testing"

	"github.com/sysarch/sysarch/agent/requirements"
)

func buildText(t *testing.T, text string) *Design {
	t.Helper()
	req, err := requirements.ParseRequirements([]byte(text), "r.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestScheduledJobFromItsName(t *testing.T) {
	d := buildText(t, "title: x\nworkloads: [{name: record order, kind: write, rate: 1M/day, item_size: 300B}, {name: nightly sales report}]\n")
	if got := rowValue(t, d, "nightly sales report", "schedule", "runs per day"); got != 1 {
		t.Errorf("a nightly job runs %v times a day, want 1", got)
	}
	if c := component(d, "queue"); len(c) != 0 {
		t.Errorf("a nightly job got a queue: %v", c)
	}
}

func TestScheduleReplacesRate(t *testing.T) {
	d := buildText(t, "title: x\nworkloads: [{name: sales, kind: write, rate: 1B/month, item_size: 40B}, {name: monthly report, kind: job, schedule: monthly, rate: 1/month, scans: 1mo of sales}]\n")
	for _, r := range d.Capacity {
		if r.Workload == "monthly report" && r.Tool == "throughput" {
			t.Errorf("a scheduled job has a per-second rate: %+v", r)
		}
	}
	if got := rowValue(t, d, "monthly report", "schedule", "runs per month"); got != 1 {
		t.Errorf("a monthly job runs %v times a month, want 1", got)
	}
	if got := rowValue(t, d, "monthly report", "window", "state_bytes"); got != 40e9 {
		t.Errorf("one run scans %v bytes, want 40 GB (1B records of 40 B)", got)
	}
}
