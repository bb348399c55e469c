package design

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// A scheduled job (a workload with schedule:) is sized as batch work: how
// often it runs, what one run scans, how long that takes against the time
// between runs, and the engine the scan calls for. It never gets a
// per-second rate or a queue: a clock starts it, not a request.

// AssumedLogBytes sizes one access-log line when a job scans the log of
// a read flow.
const AssumedLogBytes = 200

// settleSchedule reads a workload's schedule; its rate, if any, is
// replaced by the schedule.
func (b *builder) settleSchedule(l *load) error {
	secs, err := requirements.ScheduleInterval(l.Schedule)
	if err != nil {
		return fmt.Errorf("%s: schedule: %w", l.field(), err)
	}
	if l.kind != requirements.Job {
		b.assume("Workload %q has a schedule, so it is sized as a scheduled job, not a %s.", l.Name, l.kind)
		l.kind = requirements.Job
	}
	if !l.Rate.IsZero() || !l.RatePerUser.IsZero() {
		b.assume("Workload %q runs on its schedule (%s); its rate is not used.", l.Name, l.Schedule)
	}
	if l.Cacheable {
		l.Cacheable = false
	}
	l.batch, l.interval = true, secs
	l.budget, l.budgetFrom = secs, "the time between runs"
	return nil
}

// batchCapacity sizes one run of a scheduled job.
func (b *builder) batchCapacity(l *load) error {
	if !l.batch {
		return nil
	}
	// Runs are counted per day, or per month for jobs that run less than
	// daily: never a fraction of a run.
	period, secs := "day", 86400.0
	if l.interval > 86400 {
		period, secs = "month", quantity.DefaultSecondsPerMonth
	}
	runs := capacity.Tidy(secs / l.interval)
	l.runsPerDay = b.derive(l.Name, "", derived{Tool: "schedule", Quantity: "runs per " + period, Unit: "count", Value: runs,
		Formula: fmt.Sprintf("%s: %s s a %s / %s between runs = %s a %s", l.Schedule, formatNum(secs), period, quantity.FormatDuration(l.interval), runsText(runs), period)})
	l.runsPeriod = period
	switch {
	case l.Scans != "":
		return b.scanWindow(l)
	case l.ScanSize > 0:
		l.scanBytes = b.derive(l.Name, "", derived{Tool: "given", Quantity: "bytes scanned per run", Unit: "bytes", Value: float64(l.ScanSize),
			Formula: "scan_size given in the requirements: " + quantity.FormatBytes(float64(l.ScanSize))})
	default:
		b.ask("What does one run of %q read? Give scans (a window of another workload, e.g. 7d of sales) or scan_size, so its engine can be chosen.", l.Name)
	}
	return nil
}

// scanWindow sizes a scan of a window of another workload's records with
// the window tool: the records that flow in during the window.
func (b *builder) scanWindow(l *load) error {
	sc, err := requirements.ParseScans(l.Scans)
	if err != nil {
		return err
	}
	src := b.named(sc.Workload)
	if src == nil || src.avg.Ref == "" {
		b.ask("How often is %q written? %q scans it, and without its rate the scan is not sized.", sc.Workload, l.Name)
		return nil
	}
	win := sc.Window
	if m := win / quantity.DefaultSecondsPerMonth; m == math.Trunc(m) && m >= 1 {
		win = m * b.spm // a window in months counts months as the rates do
	}
	l.scanSource = src
	args := map[string]any{"rate_per_second": src.avg.Value, "window": win}
	switch {
	case src.kind == requirements.Read || src.kind == requirements.Search:
		// A read keeps no record of its own: the job scans its access
		// log, whose lines are far smaller than the responses.
		args["item_bytes"] = float64(AssumedLogBytes)
		b.assume("%q scans the access log of %q, taken as %s per request; give scan_size if the log keeps more.", l.Name, src.Name, quantity.FormatBytes(AssumedLogBytes))
	case src.ItemSize > 0:
		args["item_bytes"] = float64(src.ItemSize)
	default:
		b.ask("How large is one record of %q? %q scans it, and without item_size the bytes per run are not computed.", src.Name, l.Name)
	}
	r, err := b.call("window", args)
	if err != nil {
		return err
	}
	ids := b.record(l.Name, "", r, "events_in_window", "state_bytes")
	l.scanRows = figure{r.Outputs["events_in_window"].(float64), ids["events_in_window"]}
	if v, _ := r.Outputs["state_bytes"].(float64); v > 0 {
		l.scanBytes = figure{v, ids["state_bytes"]}
	}
	b.assume("One run of %q reads %s: every record of its window (%s s) at the average rate of %s/s [%s].", l.Name, l.Scans, formatNum(win), formatNum(src.avg.Value), src.avg.Ref)
	return nil
}

// named returns the load called name, or nil.
func (b *builder) named(name string) *load {
	for _, l := range b.loads {
		if strings.EqualFold(l.Name, name) {
			return l
		}
	}
	return nil
}

// batchJobs chooses the engine of each scheduled job.
func (b *builder) batchJobs(vd *verdicts) error {
	for _, l := range b.loads {
		if !l.batch || l.scanBytes.Ref == "" {
			continue
		}
		args := map[string]any{"scan_bytes": l.scanBytes.Value, "interval": l.interval}
		key := batchQuestion(l.Name)
		purpose := fmt.Sprintf("runs %q %s, scanning %s per run [%s]", l.Name, l.Schedule, quantity.FormatBytes(l.scanBytes.Value), l.scanBytes.Ref)
		if err := b.chooseAs(vd, key, "batch", fmt.Sprintf("Batch engine for %q", l.Name), purpose, l.scanBytes, args); err != nil {
			return err
		}
		t := b.derive(l.Name, "", derived{Tool: "scan_time", Quantity: "scan time per run", Unit: "seconds",
			Value: capacity.Tidy(l.scanBytes.Value / capacity.BatchWorkerBytesPerSec),
			Formula: fmt.Sprintf("%s [%s] / %s/s one worker scans = %s, against a budget of %s between runs", quantity.FormatBytes(l.scanBytes.Value), l.scanBytes.Ref,
				quantity.FormatBytes(capacity.BatchWorkerBytesPerSec), quantity.FormatDuration(capacity.Tidy(l.scanBytes.Value/capacity.BatchWorkerBytesPerSec)), quantity.FormatDuration(l.interval))})
		vd.by[key].Notes = append(vd.by[key].Notes, fmt.Sprintf("one worker scans it in about %s [%s]; the run must end well inside %s", quantity.FormatDuration(t.Value), t.Ref, quantity.FormatDuration(l.interval)))
	}
	return nil
}

// batchState records each scheduled job's output as derived state owned
// by the job, rebuilt by running it again.
func (b *builder) batchState(db string) {
	for _, l := range b.loads {
		if !l.batch {
			continue
		}
		from, rebuild := "the records it reads", "run the job again"
		if l.scanSource != nil {
			from = subject(l.scanSource.Name) + " records"
			rebuild = "run the job again over " + l.Scans
		}
		b.addState(StateRecord{Name: subject(l.Name) + " results", Owner: fmt.Sprintf("%q job (the only writer; one run at a time)", l.Name),
			Readers: b.resultReaders(), Storage: db, Class: "warm", Retention: "until the next run replaces them",
			DerivedFrom: from, Rebuild: rebuild})
	}
}

// resultReaders are the read paths that may serve a job's results.
func (b *builder) resultReaders() []string {
	var rs []string
	for _, l := range b.loads {
		if l.kind == requirements.Read {
			rs = append(rs, fmt.Sprintf("%q", l.Name))
		}
	}
	if len(rs) == 0 {
		rs = append(rs, "API")
	}
	return fewReaders(rs)
}

// batchService lists the scheduled jobs as one service with their runs.
func (b *builder) batchService(vd *verdicts, sv *serviceList) {
	var runs []string
	tech := "Scheduled worker (cron)"
	engines := map[string]bool{}
	for _, l := range b.loads {
		if !l.batch {
			continue
		}
		line := fmt.Sprintf("%q %s (%s a %s [%s])", l.Name, l.Schedule, runsText(l.runsPerDay.Value), l.runsPeriod, l.runsPerDay.Ref)
		engine := "Scheduled worker (cron)"
		if c := vd.by[batchQuestion(l.Name)]; c != nil {
			engine = c.Choice
		}
		engines[engine] = true
		runs = append(runs, line+" on "+engine)
	}
	if len(runs) == 0 {
		return
	}
	if len(engines) > 1 {
		tech = "Spark (distributed batch) for the large scans, a scheduled worker (cron) for the rest"
	} else {
		for e := range engines {
			tech = e
		}
	}
	sv.add("scheduled_jobs", "worker", "Scheduled jobs", "start on a clock, scan their window, replace their results in one transaction", tech,
		"Runs: "+strings.Join(runs, "; ")+". A lock keeps two runs of a job from overlapping; a run that fails is retried whole, and its results are written idempotently.")
}

// runsText writes "1 run" or "24 runs".
func runsText(n float64) string {
	if n == 1 {
		return "1 run"
	}
	return formatNum(n) + " runs"
}
