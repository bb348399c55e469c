package capacity

import (
	"fmt"
	"math"

	"github.com/sysarch/sysarch/agent/quantity"
)

// ThroughputInput is the input of the throughput tool.
type ThroughputInput struct {
	Count           quantity.Amount `json:"count" jsonschema:"how many requests, events or records per period (per user when users is set), e.g. 100M, or with its period, e.g. 100M/month"`
	Per             string          `json:"per,omitempty" jsonschema:"the period of count: second, minute, hour, day, week, month or year (default day)"`
	Users           quantity.Count  `json:"users,omitempty" jsonschema:"number of users when count is per user, e.g. 10M daily active users"`
	PeakFactor      quantity.Factor `json:"peak_factor,omitempty" jsonschema:"peak over average traffic (default 2)"`
	SecondsPerMonth quantity.Count  `json:"seconds_per_month,omitempty" jsonschema:"seconds in a month (default 2,629,746, the average Gregorian month; the system-design-primer uses 2.5M)"`
}

// flow is a count over a period turned into a rate.
type flow struct {
	total, perSecond, periodSeconds, secondsPerMonth float64
	per                                              string
	users                                            float64
	expr                                             string // how the total was reached: "10 × 10M users"
}

func (c *check) flow(amount quantity.Amount, users float64, per string, spm float64) flow {
	f := flow{secondsPerMonth: c.optional("seconds_per_month", spm, quantity.DefaultSecondsPerMonth, quantity.CountForm)}
	count := c.positive("count", amount.N, quantity.CountForm)
	if amount.Per != "" {
		if p, ok := quantity.CanonicalPeriod(per); per != "" && (!ok || p != amount.Per) {
			c.fail("per", "count is already per %s; drop per or write count without its period", amount.Per)
		}
		per = amount.Per
	}
	f.users = c.optional("users", users, 1, quantity.CountForm)
	f.per, f.periodSeconds = c.period("per", per, "day", f.secondsPerMonth)
	f.total = count * f.users
	f.expr = num(count)
	if users != 0 {
		f.expr = fmt.Sprintf("%s × %s users", num(count), num(f.users))
	}
	f.perSecond = f.total / f.periodSeconds
	if c.err == nil && (f.perSecond > 1e300 || f.total > 1e300) {
		c.fail("count", "is too large to compute with")
	}
	return f
}

func (f flow) inputs(extra map[string]any) map[string]any {
	m := make(map[string]any, 4+len(extra))
	m["count"], m["per"], m["users"], m["seconds_per_month"] = f.total/f.users, f.per, f.users, f.secondsPerMonth
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// rateFormula writes "4,000,000,000 / 2,500,000 s = 1,600/s".
func (f flow) rateFormula() string {
	return fmt.Sprintf("%s per %s / %s s = %s/s", f.expr, f.per, num(f.periodSeconds), num(Tidy(f.perSecond)))
}

func throughputTool() Tool {
	return define("throughput", "Average and peak request rate from a count per period (per user optionally): per second, minute, hour, day and month.",
		func(in ThroughputInput) (Result, error) {
			c := check{tool: "throughput"}
			f := c.flow(in.Count, float64(in.Users), in.Per, float64(in.SecondsPerMonth))
			peak := c.optional("peak_factor", float64(in.PeakFactor), 2, quantity.FactorForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			ps := f.perSecond
			return newResult(f.inputs(map[string]any{"peak_factor": peak})).
				add("per_second", ps, "per_second").
				add("peak_per_second", ps*peak, "per_second").
				add("per_minute", ps*60, "count").
				add("per_hour", ps*3600, "count").
				add("per_day", ps*86400, "count").
				add("per_month", ps*f.secondsPerMonth, "count").
				done(fmt.Sprintf("%s; peak ×%s = %s/s", f.rateFormula(), num(peak), num(Tidy(ps*peak))))
		})
}

// StorageInput is the input of the storage tool.
type StorageInput struct {
	ItemBytes       quantity.Size     `json:"item_bytes" jsonschema:"bytes per record, e.g. 1.27KB"`
	Count           quantity.Amount   `json:"count" jsonschema:"records written per period (per user when users is set), e.g. 10M"`
	Per             string            `json:"per,omitempty" jsonschema:"the period of count: second, minute, hour, day, week, month or year (default day)"`
	Users           quantity.Count    `json:"users,omitempty" jsonschema:"number of users when count is per user"`
	Retention       quantity.Duration `json:"retention,omitempty" jsonschema:"how long records are kept, e.g. 3y (default 1y; a year is 12 months)"`
	Replication     quantity.Factor   `json:"replication,omitempty" jsonschema:"copies kept of each record (default 1)"`
	Overhead        quantity.Fraction `json:"overhead,omitempty" jsonschema:"extra space for indexes and metadata as a fraction, e.g. 0.3 or 30% (default 0)"`
	SecondsPerMonth quantity.Count    `json:"seconds_per_month,omitempty" jsonschema:"seconds in a month (default 2,629,746; the system-design-primer uses 2.5M)"`
}

func storageTool() Tool {
	return define("storage", "Storage written per day and month and held over the retention period, with replication and overhead.",
		func(in StorageInput) (Result, error) {
			c := check{tool: "storage"}
			item := c.positive("item_bytes", float64(in.ItemBytes), quantity.SizeForm)
			f := c.flow(in.Count, float64(in.Users), in.Per, float64(in.SecondsPerMonth))
			retention := c.optional("retention", float64(in.Retention), 12*quantity.DefaultSecondsPerMonth, quantity.DurationForm)
			repl := c.optional("replication", float64(in.Replication), 1, quantity.FactorForm)
			over := c.nonNegative("overhead", float64(in.Overhead), quantity.RatioForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			// Retention is calendar time: months of the average month,
			// whatever month length the rates use.
			months := Tidy(retention / quantity.DefaultSecondsPerMonth)
			perMonth := item * f.perSecond * f.secondsPerMonth
			stored := perMonth * repl * (1 + over)
			total := stored * months
			o := newResult(f.inputs(map[string]any{"item_bytes": item, "retention_s": retention, "retention_months": months, "replication": repl, "overhead": over})).
				add("bytes_per_day", item*f.perSecond*86400, "bytes").
				add("bytes_per_month", perMonth, "bytes").
				add("stored_bytes_per_month", stored, "bytes").
				add("total_bytes", total, "bytes")
			formula := fmt.Sprintf("%s B × %s per %s = %s/month", num(item), f.expr, f.per, quantity.FormatBytes(Tidy(perMonth)))
			if repl != 1 || over != 0 {
				formula += "; × " + num(repl) + " copies"
				if over != 0 {
					formula += " × (1 + " + num(over) + " overhead)"
				}
				formula += " = " + quantity.FormatBytes(Tidy(stored)) + "/month"
			}
			kept := num(months) + " months"
			if months != math.Round(months) {
				// Retention written in days stays in days: 90d, not 2.96 months.
				kept = quantity.FormatDuration(retention) + " (" + kept + ")"
			}
			formula += fmt.Sprintf("; × %s retention = %s", kept, quantity.FormatBytes(Tidy(total)))
			return o.done(formula)
		})
}

// BandwidthInput is the input of the bandwidth tool.
type BandwidthInput struct {
	ItemBytes       quantity.Size   `json:"item_bytes" jsonschema:"bytes per request or response, e.g. 500B"`
	Count           quantity.Amount `json:"count" jsonschema:"requests per period (per user when users is set), e.g. 100M"`
	Per             string          `json:"per,omitempty" jsonschema:"the period of count: second, minute, hour, day, week, month or year (default day)"`
	Users           quantity.Count  `json:"users,omitempty" jsonschema:"number of users when count is per user"`
	PeakFactor      quantity.Factor `json:"peak_factor,omitempty" jsonschema:"peak over average traffic (default 2)"`
	SecondsPerMonth quantity.Count  `json:"seconds_per_month,omitempty" jsonschema:"seconds in a month (default 2,629,746; the system-design-primer uses 2.5M)"`
}

func bandwidthTool() Tool {
	return define("bandwidth", "Average and peak bandwidth in bytes and bits per second, and bytes per month, from request size and rate.",
		func(in BandwidthInput) (Result, error) {
			c := check{tool: "bandwidth"}
			item := c.positive("item_bytes", float64(in.ItemBytes), quantity.SizeForm)
			f := c.flow(in.Count, float64(in.Users), in.Per, float64(in.SecondsPerMonth))
			peak := c.optional("peak_factor", float64(in.PeakFactor), 2, quantity.FactorForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			bps := item * f.perSecond
			return newResult(f.inputs(map[string]any{"item_bytes": item, "peak_factor": peak})).
				add("bytes_per_second", bps, "bytes_per_second").
				add("peak_bytes_per_second", bps*peak, "bytes_per_second").
				add("bits_per_second", bps*8, "bits_per_second").
				add("peak_bits_per_second", bps*8*peak, "bits_per_second").
				add("bytes_per_month", bps*f.secondsPerMonth, "bytes").
				done(fmt.Sprintf("%s B × %s = %s B/s (%s); peak ×%s = %s",
					num(item), f.rateFormula(), num(Tidy(bps)), quantity.FormatBits(Tidy(bps*8)), num(peak), quantity.FormatBits(Tidy(bps*8*peak))))
		})
}
