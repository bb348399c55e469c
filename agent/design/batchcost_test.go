package design

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func costLine(d *Design, prefix string) *CostLine {
	for i, l := range d.Cost {
		if strings.HasPrefix(l.Component, prefix) {
			return &d.Cost[i]
		}
	}
	return nil
}

// TestScheduledAndLongJobsArePriced: a monthly scan on Spark is priced
// for the hours its workers scan, a scheduled job is not asked its rate,
// a ten-minute solver is a worker pool however few runs there are, and a
// job queue on the cache's Redis is priced by the cache line.
func TestScheduledAndLongJobsArePriced(t *testing.T) {
	meters := buildExample(t, filepath.Join("testdata", "sizing", "meter-billing.md"))
	l := costLine(meters, `Batch workers for "monthly billing run"`)
	if l == nil {
		t.Fatal("no cost line for the billing run's Spark workers")
	}
	// 1.46 TB at 200 MB/s over 15 workers, once a month.
	if !strings.Contains(l.Formula, "15 × m7i.2xlarge") || !strings.Contains(l.Formula, "× 0.135 h") {
		t.Errorf("batch line %q, want 15 workers for 0.135 h", l.Formula)
	}
	for _, q := range meters.OpenQuestions {
		if strings.Contains(q, `How often does "monthly billing run" happen`) {
			t.Errorf("a monthly job is asked its rate: %q", q)
		}
	}

	school := buildExample(t, filepath.Join("testdata", "sizing", "school-timetables.md"))
	if costLine(school, "Workers") == nil {
		t.Error("no worker line for a ten-minute solver job")
	}
	for _, c := range school.Model.Components {
		if (c.ID == "queue" || c.ID == "workers") && len(c.Cost) == 0 {
			t.Errorf("%s has no cost line: %s", c.ID, c.CostNote)
		}
		if c.ID == "queue" && !slices.Contains(c.Cost, "Cache (Redis)") {
			t.Errorf("the job queue on the cache's Redis is priced by %v, want the cache line", c.Cost)
		}
	}
}
