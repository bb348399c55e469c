package design

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// PerformanceAnalysis explains a latency regression: where the time goes,
// what most likely caused it, what to measure next and how to fix it.
type PerformanceAnalysis struct {
	BeforeP95S float64     `json:"before_p95_s"`
	AfterP95S  float64     `json:"after_p95_s"`
	Stages     []StageTime `json:"stages"`
	Changes    []string    `json:"changes"`
	// RegressionRef cites the figure of how far p95 moved; BudgetRef the
	// stages against the old p95; UnexplainedRef the stages against the
	// new p95 (time no stage accounts for).
	RegressionRef  string   `json:"regression_ref,omitempty"`
	BudgetRef      string   `json:"budget_ref,omitempty"`
	UnexplainedRef string   `json:"unexplained_ref,omitempty"`
	Culprit        string   `json:"culprit,omitempty"`
	CulpritRef     string   `json:"culprit_ref,omitempty"`
	OverBudget     bool     `json:"over_budget"`
	Causes         []Cause  `json:"causes"`
	Measurements   []string `json:"measurements"`
	Fixes          []string `json:"fixes"`
	Watch          []string `json:"watch"`
}

// StageTime is one measured stage of the slow path.
type StageTime struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

// Cause is a likely cause of the regression, ranked by its evidence.
type Cause struct {
	// ID names the cause: n-plus-one, missing-index, sync-call,
	// cache-miss, payload, contention or sync-logging.
	ID         string `json:"id"`
	Cause      string `json:"cause"`
	Likelihood string `json:"likelihood"`
	Evidence   string `json:"evidence"`
	Measure    string `json:"measure"`
	Fix        string `json:"fix"`
	score      int
}

// analyses adds the performance or selection analysis the ask calls for.
func (b *builder) analyses(fig figures, vd *verdicts) error {
	if b.req.Current != nil {
		if err := b.performance(); err != nil {
			return err
		}
	}
	if strings.TrimSpace(b.req.Question) != "" {
		b.selection(fig, vd)
	}
	return nil
}

func (b *builder) performance() error {
	cur := b.req.Current
	p := &PerformanceAnalysis{BeforeP95S: float64(cur.LatencyP95Before), AfterP95S: float64(cur.LatencyP95After),
		Stages: []StageTime{}, Changes: append([]string{}, cur.Changes...)}
	for _, st := range cur.Stages {
		p.Stages = append(p.Stages, StageTime{st.Name, st.Seconds})
	}
	b.d.Performance = p
	if p.BeforeP95S == 0 || p.AfterP95S == 0 {
		b.ask("What were p95 latencies before and after the regression? current needs latency_p95_before and latency_p95_after.")
	}
	if len(p.Changes) == 0 {
		b.ask("What changed just before it got slow (releases, features, data growth, dependencies)?")
	}
	if err := b.regression(p); err != nil {
		return fmt.Errorf("current: %w", err)
	}
	b.rankCauses(p)
	b.perfAdvice(p)
	return nil
}

// regression measures the stages against the old and new p95.
func (b *builder) regression(p *PerformanceAnalysis) error {
	if p.BeforeP95S > 0 && p.AfterP95S > 0 {
		args := map[string]any{"target": p.BeforeP95S, "stages": capacity.Stages{{Name: "p95 now", Seconds: p.AfterP95S}}}
		f, _, err := b.measure("p95 now against p95 before", "latency_budget", args, "headroom_s")
		if err != nil {
			return err
		}
		p.RegressionRef = f.Ref
	}
	if len(p.Stages) == 0 {
		b.ask("Where does the time go now? Trace the slow path and give each stage's p95 under current.stages.")
		return nil
	}
	stages := b.req.Current.Stages
	if p.BeforeP95S > 0 {
		args := map[string]any{"target": p.BeforeP95S, "stages": stages}
		r, err := b.call("latency_budget", args)
		if err != nil {
			return err
		}
		ids := b.record("slow path against p95 before", "", r, "total_s", "headroom_s", "largest_share")
		p.BudgetRef, p.CulpritRef = ids["headroom_s"], ids["largest_share"]
		p.Culprit, _ = r.Outputs["largest_stage"].(string)
		p.OverBudget, _ = r.Outputs["over_budget"].(bool)
	}
	if p.AfterP95S > 0 {
		args := map[string]any{"target": p.AfterP95S, "stages": stages}
		r, err := b.call("latency_budget", args)
		if err != nil {
			return err
		}
		ids := b.record("slow path against p95 now", "", r, "headroom_s")
		p.UnexplainedRef = ids["headroom_s"]
		if p.Culprit == "" {
			p.Culprit, _ = r.Outputs["largest_stage"].(string)
		}
	}
	return nil
}

// perfAdvice writes the measurements, fixes and signals to watch.
func (b *builder) perfAdvice(p *PerformanceAnalysis) {
	if len(p.Stages) == 0 {
		p.Measurements = append(p.Measurements, "Trace one slow request end to end (OpenTelemetry spans per stage) and compare p95 per stage before and after the release.")
	}
	for _, c := range p.Causes {
		if c.Likelihood != "low" || len(p.Measurements) < 3 {
			p.Measurements = append(p.Measurements, c.Measure)
			p.Fixes = append(p.Fixes, c.Fix)
		}
	}
	p.Measurements = append(p.Measurements, "Diff the release that introduced the regression: deploy the previous version to one canary (or flip the new features off) and confirm p95 returns.")
	target := "the old p95"
	if p.BeforeP95S > 0 {
		target = quantity.FormatDuration(p.BeforeP95S) + " (the p95 before)"
	}
	p.Watch = []string{
		"endpoint p95 and p99 against " + target + ", per release",
		"p95 per stage from traces" + culpritClause(p.Culprit),
		"queries per request and rows read per request",
		"latency, errors and timeouts of every dependency the new features call",
		"connection-pool wait time and cache hit ratio",
	}
}

func culpritClause(c string) string {
	if c == "" {
		return ""
	}
	return fmt.Sprintf(", first of all %q", c)
}
