package capacity

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// LatencyBudgetInput is the input of the latency_budget tool.
type LatencyBudgetInput struct {
	Target quantity.Latency `json:"target" jsonschema:"the latency target for the whole path, e.g. 250ms"`
	Stages Stages           `json:"stages" jsonschema:"each stage of the path and its duration, e.g. {\"auth\": \"20ms\", \"db\": \"120ms\"}"`
}

func latencyBudgetTool() Tool {
	return define("latency_budget", "Adds the stages of a request path against a latency target: total, headroom, and the stage that takes the largest share.",
		func(in LatencyBudgetInput) (Result, error) {
			c := check{tool: "latency_budget"}
			target := c.positive("target", float64(in.Target), quantity.DurationForm)
			if len(in.Stages) == 0 {
				c.fail("stages", "is required: give each stage and its duration, e.g. auth=20ms,db=120ms")
			}
			total := 0.0
			largest := Stage{Seconds: -1}
			terms := make([]string, 0, len(in.Stages))
			for _, st := range in.Stages {
				c.nonNegative("stages."+st.Name, st.Seconds, quantity.DurationForm)
				if strings.TrimSpace(st.Name) == "" {
					c.fail("stages", "a stage has an empty name")
				}
				total += st.Seconds
				if st.Seconds > largest.Seconds {
					largest = st
				}
				terms = append(terms, fmt.Sprintf("%s %s", st.Name, quantity.FormatDuration(st.Seconds)))
			}
			if err := c.error(); err != nil {
				return Result{}, err
			}
			share := 0.0
			if total > 0 {
				share = largest.Seconds / total
			}
			over := total > target
			o := newResult(map[string]any{"target_s": target, "stages": in.Stages}).
				add("total_s", total, "seconds").
				add("headroom_s", target-total, "seconds").
				add("largest_stage", largest.Name, "").
				add("largest_share", share, "ratio").
				add("over_budget", over, "")
			if over {
				o.note("over budget by %s: start with %s, %s of the total", quantity.FormatDuration(Tidy(total-target)), largest.Name, quantity.FormatPercent(Tidy(share)))
			}
			return o.done(fmt.Sprintf("%s = %s against a %s target: headroom %s; largest %s at %s of the total",
				strings.Join(terms, " + "), quantity.FormatDuration(Tidy(total)), quantity.FormatDuration(target),
				quantity.FormatDuration(Tidy(target-total)), largest.Name, quantity.FormatPercent(round2(share))))
		})
}

func round2(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }
