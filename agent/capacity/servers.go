package capacity

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// ServersInput is the input of the servers tool.
type ServersInput struct {
	PeakRPS           quantity.Rate     `json:"peak_rps" jsonschema:"peak requests per second, e.g. 3200 or 1M/hour"`
	PerServerRPS      quantity.Rate     `json:"per_server_rps" jsonschema:"requests per second one server handles at full load, measured by a load test"`
	TargetUtilization quantity.Fraction `json:"target_utilization,omitempty" jsonschema:"planned utilization at peak, above 0 and at most 1 (default 0.7)"`
	Redundancy        *quantity.Count   `json:"redundancy,omitempty" jsonschema:"spare servers beyond what peak needs, N+redundancy (default 1; 0 when replicas or another zone are the redundancy)"`
}

func serversTool() Tool {
	return define("servers", "Servers needed for a peak rate at a target utilization, plus spares for redundancy (N+1 by default).",
		func(in ServersInput) (Result, error) {
			c := check{tool: "servers"}
			peak := c.positive("peak_rps", float64(in.PeakRPS), quantity.RateForm)
			per := c.positive("per_server_rps", float64(in.PerServerRPS), quantity.RateForm)
			util := 0.7
			if in.TargetUtilization != 0 {
				util = c.fraction("target_utilization", float64(in.TargetUtilization), 0, 1, true)
			}
			spare := 1.0
			if in.Redundancy != nil {
				spare = c.nonNegative("redundancy", float64(*in.Redundancy), quantity.CountForm)
			}
			if spare != math.Trunc(spare) {
				c.fail("redundancy", "must be a whole number of servers, got %s", num(spare))
			}
			if err := c.error(); err != nil {
				return Result{}, err
			}
			full := math.Ceil(Tidy(peak / per))
			needed := math.Ceil(Tidy(peak / (per * util)))
			servers := needed + spare
			o := newResult(map[string]any{"peak_rps": peak, "per_server_rps": per, "target_utilization": util, "redundancy": spare}).
				add("servers", servers, "count").
				add("servers_at_full_load", full, "count").
				add("utilization_at_peak", peak/(servers*per), "ratio")
			if servers > 1 {
				o.note("with %s of %s servers down, peak runs at %s utilization", num(spare), num(servers), quantity.FormatPercent(Tidy(peak/(needed*per))))
			}
			return o.done(fmt.Sprintf("ceil(%s / (%s × %s)) = %s, + %s spare = %s servers; at full load ceil(%s / %s) = %s",
				num(peak), num(per), num(util), num(needed), num(spare), num(servers), num(peak), num(per), num(full)))
		})
}

// ConcurrencyInput is the input of the concurrency tool.
type ConcurrencyInput struct {
	RatePerSecond quantity.Rate    `json:"rate_per_second" jsonschema:"arrival rate, e.g. 2000 or 100M/day"`
	Latency       quantity.Latency `json:"latency" jsonschema:"time each request spends in the system, e.g. 250ms"`
}

func concurrencyTool() Tool {
	return define("concurrency", "Requests in flight by Little's law (L = λ × W): sizes connection pools, worker counts and threads.",
		func(in ConcurrencyInput) (Result, error) {
			c := check{tool: "concurrency"}
			rate := c.positive("rate_per_second", float64(in.RatePerSecond), quantity.RateForm)
			lat := c.positive("latency", float64(in.Latency), quantity.DurationForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			return newResult(map[string]any{"rate_per_second": rate, "latency_s": lat}).
				add("in_flight", rate*lat, "count").
				done(fmt.Sprintf("Little's law: L = λ × W = %s/s × %s s = %s in flight", num(rate), num(lat), num(Tidy(rate*lat))))
		})
}

// AvailabilityInput is the input of the availability tool.
type AvailabilityInput struct {
	Target          quantity.Fraction   `json:"target,omitempty" jsonschema:"an availability target, e.g. 99.9%; give this or components"`
	Components      []quantity.Fraction `json:"components,omitempty" jsonschema:"availabilities of components, e.g. [\"99.9%\", \"99.95%\"]; combined by topology"`
	Topology        string              `json:"topology,omitempty" jsonschema:"how components combine: serial (all needed) or parallel (any one is enough); default serial"`
	SecondsPerMonth quantity.Count      `json:"seconds_per_month,omitempty" jsonschema:"seconds in a month (default 2,629,746)"`
}

func availabilityTool() Tool {
	return define("availability", "Downtime per year, month, week and day allowed by an availability target, or the availability of components in series or in parallel.",
		func(in AvailabilityInput) (Result, error) {
			c := check{tool: "availability"}
			spm := c.optional("seconds_per_month", float64(in.SecondsPerMonth), quantity.DefaultSecondsPerMonth, quantity.CountForm)
			a, formula := c.combine(in)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			down := 1 - a
			inputs := map[string]any{"seconds_per_month": spm}
			if len(in.Components) > 0 {
				inputs["components"] = in.Components
				inputs["topology"] = topology(in.Topology)
			} else {
				inputs["target"] = a
			}
			return newResult(inputs).
				add("availability_percent", a*100, "percent").
				add("downtime_per_year_s", down*12*spm, "seconds").
				add("downtime_per_month_s", down*spm, "seconds").
				add("downtime_per_week_s", down*604800, "seconds").
				add("downtime_per_day_s", down*86400, "seconds").
				done(fmt.Sprintf("%s; downtime = (1 - %s) × %s s/month = %s s/month (%s)",
					formula, strconv.FormatFloat(Tidy(a), 'g', -1, 64), num(spm), num(Tidy(down*spm)), quantity.FormatDuration(Tidy(down*spm))))
		})
}

func topology(t string) string {
	if strings.TrimSpace(t) == "" {
		return "serial"
	}
	return strings.ToLower(strings.TrimSpace(t))
}

func (c *check) combine(in AvailabilityInput) (float64, string) {
	if len(in.Components) == 0 {
		if in.Target == 0 {
			c.fail("target", "is required (or give components); expected %s", quantity.RatioForm)
			return 0, ""
		}
		a := c.fraction("target", float64(in.Target), 0, 1, true)
		return a, "availability " + quantity.FormatPercent(a)
	}
	if in.Target != 0 {
		c.fail("target", "give either target or components, not both")
	}
	topo := topology(in.Topology)
	if topo != "serial" && topo != "parallel" {
		c.fail("topology", "unknown topology %q; expected serial or parallel", in.Topology)
		return 0, ""
	}
	parts := make([]string, len(in.Components))
	product := 1.0
	for i, comp := range in.Components {
		v := c.fraction(fmt.Sprintf("components[%d]", i), float64(comp), 0, 1, true)
		if topo == "serial" {
			product *= v
			parts[i] = num(v)
		} else {
			product *= 1 - v
			parts[i] = "(1 - " + num(v) + ")"
		}
	}
	if topo == "serial" {
		return product, fmt.Sprintf("serial: %s = %s", strings.Join(parts, " × "), quantity.FormatPercent(Tidy(product)))
	}
	return 1 - product, fmt.Sprintf("parallel: 1 - %s = %s", strings.Join(parts, " × "), quantity.FormatPercent(Tidy(1-product)))
}
