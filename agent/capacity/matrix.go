package capacity

import (
	"fmt"

	"github.com/sysarch/sysarch/agent/quantity"
)

// The decision matrix's thresholds: above each, the scale alternative wins.
const (
	DatabaseWritesPerSecond = 100_000   // PostgreSQL → Vitess/CockroachDB
	PostgresEasyWrites      = 10_000    // what one PostgreSQL primary handles easily
	QueueMessagesPerHour    = 1_000_000 // Redis + workers → Kafka/Pulsar
	EventsPerSecond         = 10_000    // PostgreSQL LISTEN/NOTIFY → Kafka/NATS
	RedisOpsPerSecond       = 100_000   // one Redis instance
	VerticalMaxRPS          = 10_000    // vertical → horizontal
	HorizontalMaxRPS        = 100_000   // horizontal → distributed
	// LargeServerRPS is what one large server (32 cores) running a
	// stateless API takes at full load: the vertical phase's ceiling.
	LargeServerRPS = VerticalMaxRPS
	// RedisComfortableBytes is the data set one Redis instance holds
	// comfortably: it lives in memory, and a snapshot or a failover
	// resynchronisation copies all of it.
	RedisComfortableBytes = 25_000_000_000 // 25 GB
)

// ScalingPhaseInput is the input of the scaling_phase tool.
type ScalingPhaseInput struct {
	PeakRPS quantity.Rate `json:"peak_rps" jsonschema:"peak requests per second, e.g. 3200"`
}

// Phase is one step of the scaling playbook.
type Phase struct {
	Name    string
	Range   string
	CostUSD float64
	Changes []string
}

// Playbook returns the scaling playbook: vertical first, horizontal next,
// distributed when required.
func Playbook() []Phase {
	return []Phase{
		{"vertical", "0-10K RPS", 500, []string{"one large server (32 cores, 128 GB RAM)", "PostgreSQL on the same machine or managed (RDS)", "Redis for sessions and cache", "simple and debuggable"}},
		{"horizontal", "10K-100K RPS", 5000, []string{"load balancer with 3-5 stateless app servers", "PostgreSQL read replicas", "Redis cluster for cache", "background job workers", "CDN for static assets"}},
		{"distributed", "100K+ RPS", 50000, []string{"auto-scaling groups", "database sharding or NewSQL", "event streaming (Kafka/Kinesis)", "service mesh only if truly needed", "multi-region active-passive"}},
	}
}

// PhaseFor returns the playbook phase for a peak rate.
func PhaseFor(peakRPS float64) Phase {
	p := Playbook()
	switch {
	case peakRPS < VerticalMaxRPS:
		return p[0]
	case peakRPS <= HorizontalMaxRPS:
		return p[1]
	}
	return p[2]
}

func scalingPhaseTool() Tool {
	return define("scaling_phase", "The scaling playbook phase for a peak rate: vertical below 10K RPS (~$500/month), horizontal to 100K RPS (~$5K/month), distributed beyond (~$50K+/month).",
		func(in ScalingPhaseInput) (Result, error) {
			c := check{tool: "scaling_phase"}
			peak := c.positive("peak_rps", float64(in.PeakRPS), quantity.RateForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			p := PhaseFor(peak)
			o := newResult(map[string]any{"peak_rps": peak}).
				add("phase", p.Name, "").
				add("range", p.Range, "").
				add("monthly_cost_usd", p.CostUSD, "usd")
			for _, ch := range p.Changes {
				o.note("%s", ch)
			}
			th := "below 10,000 rps"
			switch p.Name {
			case "horizontal":
				th = "10,000 to 100,000 rps"
			case "distributed":
				th = "above 100,000 rps"
			}
			return o.done(fmt.Sprintf("%s rps is %s: %s phase (%s), about $%s/month", num(peak), th, p.Name, p.Range, num(p.CostUSD)))
		})
}
