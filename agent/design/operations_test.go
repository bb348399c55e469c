package design

import (
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// generic is every row of the design that is not tied to one workload:
// failures, policies, fallbacks, alerts, deployment and risks.
func generic(d *Design) string {
	var s []string
	for _, f := range d.FailureScenarios {
		s = append(s, f.Failure+" "+f.Mitigation)
	}
	for _, p := range d.Resilience {
		s = append(s, p.Mechanism+" "+p.AppliesTo+" "+p.Setting)
	}
	for _, f := range d.Degradation {
		s = append(s, f.Feature+" "+f.Fallback)
	}
	for _, a := range d.Operations.Alerts {
		s = append(s, a.Name+" "+a.Condition)
	}
	s = append(s, d.Operations.Deployment...)
	for _, r := range d.Risks {
		s = append(s, r.Risk+" "+r.Mitigation)
	}
	return strings.Join(s, "\n")
}

// TestGenericRowsApplyOnly checks that the failure, risk and operations
// rows follow the components and requirements the design has.
func TestGenericRowsApplyOnly(t *testing.T) {
	base := func(avail float64, summary string, cacheable bool, compliance ...string) requirements.Requirements {
		read := workload("view item", requirements.Read, 20)
		if cacheable {
			read = workload("view item", requirements.Read, 5000)
			read.Cacheable = true
		}
		return requirements.Requirements{Title: "Items", Summary: summary, Availability: quantity.Fraction(avail),
			Compliance: compliance, Workloads: []requirements.Workload{read, workload("update item", requirements.Write, 5)}}
	}
	tests := []struct {
		name          string
		req           requirements.Requirements
		want, notWant []string
		alerts        int
	}{
		{"light internal tool", base(0.995, "An internal tool for the support team, used in office hours.", false),
			[]string{"Service down", "Single sign-on", "redeploy the previous build"},
			[]string{"Redis", "burn rate", "Blue-green", "Traffic spike", "Authentication on every route", "Non-compliance", "Circuit breaker open", "Bulkhead"}, 2},
		{"public reads", base(0.999, "Public pages anyone can read without an account.", false),
			[]string{"Public reads stay anonymous", "burn rate", "Blue-green"},
			[]string{"Authentication on every route", "Redis", "Non-compliance"}, -1},
		{"cache and GDPR", base(0.9995, "", true, "GDPR"),
			[]string{"Redis down or flushed", "Cache hit ratio", "Non-compliance with GDPR", "Bulkhead"},
			[]string{"Single sign-on"}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := buildReq(t, tt.req)
			got := generic(d)
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("no row mentions %q:\n%s", w, got)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(got, w) {
					t.Errorf("a row mentions %q, which this design does not have:\n%s", w, got)
				}
			}
			if tt.alerts >= 0 && len(d.Operations.Alerts) != tt.alerts {
				t.Errorf("%d alerts, want %d: %+v", len(d.Operations.Alerts), tt.alerts, d.Operations.Alerts)
			}
		})
	}
}

// TestDetailLevels checks the default level follows the phase, an unknown
// level is an error, and the brief document keeps every cited row.
func TestDetailLevels(t *testing.T) {
	small := buildExample(t, "../../examples/internal-crud.md")
	if !small.Brief() {
		t.Error("a vertical-phase design is not brief by default")
	}
	if big := buildExample(t, "../../examples/url-shortener.md"); big.Brief() {
		t.Error("a horizontal-phase design is brief by default")
	}
	if _, err := Build(requirements.Requirements{Title: "x"}, Options{Detail: "medium"}); err == nil || !strings.Contains(err.Error(), "brief or full") {
		t.Errorf("detail medium: err = %v, want one naming brief or full", err)
	}
	for _, path := range exampleFiles(t) {
		d := buildExample(t, path)
		d.Detail = DetailFull
		full, _ := RenderMarkdown(d)
		d.Detail = DetailBrief
		brief, _ := RenderMarkdown(d)
		if len(brief) >= len(full) {
			t.Errorf("%s: brief document (%d bytes) is not shorter than the full one (%d)", path, len(brief), len(full))
		}
		for _, id := range citations(string(brief)) {
			if !strings.Contains(string(brief), "| "+id+" |") {
				t.Errorf("%s: brief document cites [%s] but does not show its row", path, id)
			}
		}
	}
}
