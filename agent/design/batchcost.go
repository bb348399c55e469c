package design

import (
	"fmt"
	"math"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// batchWorkerVCPU is the worker a batch engine's scan rate is counted on
// (capacity.BatchWorkerBytesPerSec a worker).
const batchWorkerVCPU = 8

// costBatch prices each distributed batch engine a scheduled job was
// given: its workers run only while a run scans, so they are billed for
// the scan time split over them, times the runs a month. A job on a
// scheduled worker runs on the workers' tier, which is priced with it.
func (b *builder) costBatch(vd *verdicts, add addLine) error {
	for _, l := range b.loads {
		c, ok := vd.by[batchQuestion(l.Name)]
		if !l.batch || !ok || c.Option != capacity.OptionSpark || l.interval <= 0 || l.scanBytes.Ref == "" {
			continue
		}
		r, found := b.d.row(c.Basis)
		if !found || r.Value < 1 {
			continue
		}
		workers := r.Value
		runs := b.spm / l.interval
		hours := capacity.Tidy(l.scanBytes.Value / capacity.BatchWorkerBytesPerSec / workers / 3600 * runs)
		hours = math.Max(hours, 0.01)
		b.assume("The batch workers of %q are billed only while a run scans: %s [%s] at %s/s a worker over %s workers, %s runs a month, is %s hours a month of each worker (%d vCPU).",
			l.Name, quantity.FormatBytes(l.scanBytes.Value), l.scanBytes.Ref, quantity.FormatBytes(capacity.BatchWorkerBytesPerSec), formatNum(workers),
			formatNum(capacity.Tidy(runs)), formatNum(hours), batchWorkerVCPU)
		if err := add("scheduled_jobs", fmt.Sprintf("Batch workers for %q", l.Name), c.Basis, true,
			map[string]any{"component": "compute", "vcpu": batchWorkerVCPU, "count": workers, "hours": hours}); err != nil {
			return err
		}
	}
	return nil
}
