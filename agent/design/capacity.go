package design

import (
	"maps"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// workloadCapacity computes one workload's figures: its rate, and where
// they apply its storage, bandwidth, window state and requests in flight.
func (b *builder) workloadCapacity(l *load) error {
	if l.args == nil {
		return nil
	}
	keys := []string{"per_second", "peak_per_second"}
	if l.Cacheable {
		keys = append(keys, "per_day")
	}
	r, err := b.rated(l)
	if err != nil {
		return err
	}
	ids := b.record(l.Name, "", r, keys...)
	l.avg = figure{r.Outputs["per_second"].(float64), ids["per_second"]}
	l.peak = figure{r.Outputs["peak_per_second"].(float64), ids["peak_per_second"]}
	if l.Cacheable {
		l.perDay = figure{r.Outputs["per_day"].(float64), ids["per_day"]}
	}
	for _, step := range []func(*load) error{b.storage, b.bandwidth, b.window, b.inFlight} {
		if err := step(l); err != nil {
			return err
		}
	}
	return nil
}

// flowArgs copies the workload's rate arguments with extra ones added.
func flowArgs(l *load, extra map[string]any) map[string]any {
	args := maps.Clone(l.args)
	maps.Copy(args, extra)
	return args
}

// storage sizes what writes keep (and events and messages, when they
// are retained: a chat's messages delivered and kept as its history).
func (b *builder) storage(l *load) error {
	stored := l.kind == requirements.Write || kindIs(requirements.Event, requirements.Message)(l) && l.Retention > 0
	// A plain read keeps nothing; an inline check counts (a limiter's
	// counters); a job or message is delivered, not kept.
	if absorbed(l) && l.Retention == 0 && !kindIs(requirements.Job, requirements.Message)(l) && (stored || l.kind == requirements.Event || l.inline) {
		// A live position or a counter is overwritten, not kept: without a
		// stated retention it holds only the latest value per key.
		b.assume("%q keeps only the latest value per key in %s; give it a retention if its history must be kept.", l.Name, l.into)
		return nil
	}
	if !stored {
		if l.kind == requirements.Event {
			b.ask("How long are the raw events of %q kept? Without a retention they live only in the event log, and no archive is sized.", l.Name)
		}
		return nil
	}
	if l.ItemSize == 0 {
		b.ask("How large is one record of %q? Without item_size its storage and bandwidth are not computed.", l.Name)
		return nil
	}
	args := flowArgs(l, map[string]any{"item_bytes": float64(l.ItemSize)})
	delete(args, "peak_factor")
	b.shortLivedRetention(l)
	if l.Retention > 0 {
		args["retention"] = float64(l.Retention)
	} else {
		b.assume("Records of %q are kept one year (the storage tool's default retention); set retention to change it.", l.Name)
		b.ask("How long must the records of %q be kept?", l.Name)
	}
	r, err := b.call("storage", args)
	if err != nil {
		return err
	}
	ids := b.record(l.Name, "", r, "bytes_per_month", "total_bytes")
	l.monthly = figure{r.Outputs["bytes_per_month"].(float64), ids["bytes_per_month"]}
	l.total = figure{r.Outputs["total_bytes"].(float64), ids["total_bytes"]}
	delete(args, "item_bytes")
	return b.anatomy(l, args)
}

// bandwidth sizes the bytes a workload moves when its item size is known.
func (b *builder) bandwidth(l *load) error {
	if l.ItemSize == 0 {
		return nil
	}
	args := flowArgs(l, map[string]any{"item_bytes": float64(l.ItemSize)})
	r, err := b.call("bandwidth", args)
	if err != nil {
		return err
	}
	ids := b.record(l.Name, "", r, "peak_bytes_per_second", "bytes_per_month")
	l.egress = figure{r.Outputs["bytes_per_month"].(float64), ids["bytes_per_month"]}
	return nil
}

// window sizes the state a windowed aggregation holds at peak.
func (b *builder) window(l *load) error {
	if l.Window == 0 {
		return nil
	}
	if l.kind != requirements.Event {
		b.assume("Workload %q has a window but is a %s: the window is sized as if it were an event flow.", l.Name, l.kind)
	}
	args := map[string]any{"rate_per_second": l.peak.Value, "window": float64(l.Window)}
	if l.ItemSize > 0 {
		args["item_bytes"] = float64(l.ItemSize)
	} else {
		b.ask("How many bytes of state does one event of %q keep in its window? Without item_size the window's memory is not computed.", l.Name)
	}
	_, _, err := b.measure(l.Name, "window", args, "events_in_window", "state_bytes")
	return err
}

// inFlight applies Little's law with the workload's latency target: the
// connections, threads or workers it keeps busy at peak.
func (b *builder) inFlight(l *load) error {
	if l.Duration > 0 {
		return b.inFlightFor(l)
	}
	if l.budgetFrom == "assumed" && l.kind != requirements.Job && l.kind != requirements.Message {
		return nil
	}
	args := map[string]any{"rate_per_second": l.peak.Value, "latency": l.budget}
	f, _, err := b.measure(l.Name, "concurrency", args, "in_flight")
	if err != nil {
		return err
	}
	if (l.kind == requirements.Job || l.kind == requirements.Message) && f.Value < 1 {
		// Less than one message waiting its whole budget: no depth to
		// alert on, so no figure to show.
		return nil
	}
	if l.kind == requirements.Job || l.kind == requirements.Message {
		// The budget is a deadline, not a service time: L = λW is the
		// backlog at which a message waits its whole budget.
		l.backlog = f
		b.ask("How long does one %q take to process? The worker pool is its peak rate times that time (Little's law).", l.Name)
	} else {
		l.inFlight = f
	}
	return nil
}

// inFlightFor applies Little's law with the workload's stated duration:
// a response streamed for 8 s, a connection held for an hour or a job of
// two minutes keeps its rate times that duration in flight, whatever its
// latency target (which stays the target for the first response).
func (b *builder) inFlightFor(l *load) error {
	args := map[string]any{"rate_per_second": l.peak.Value, "latency": float64(l.Duration)}
	f, _, err := b.measure(l.Name, "concurrency", args, "in_flight")
	if err != nil {
		return err
	}
	l.inFlight = f
	b.assume("Each %q lasts %s (duration): %s are in flight at peak [%s], its rate times its duration; the latency target bounds the first response, not the whole.",
		l.Name, quantity.FormatDuration(float64(l.Duration)), formatNum(f.Value), f.Ref)
	return nil
}
