package phase

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

func fullRequirements() requirements.Requirements {
	return requirements.Requirements{
		Title: "URL shortener", Functional: []string{"shorten", "redirect"},
		Workloads: []requirements.Workload{
			{Name: "create link", Kind: "write", Rate: quantity.Flow{Count: 1e8, Per: "month"}, ItemSize: 500},
			{Name: "redirect", Kind: "read", Rate: quantity.Flow{Count: 1e10, Per: "month"}, ItemSize: 500, LatencyP99: 0.05, Cacheable: true},
		},
		Users:        &requirements.Users{DAU: 1e7},
		Availability: 0.9995, Durability: "no acknowledged write is lost",
		Constraints: &requirements.Constraints{Team: "3 engineers"},
	}
}

func TestAssessCurrent(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(*requirements.Requirements)
		captured []Phase
		current  Phase
		missing  []string
	}{
		{"empty", func(r *requirements.Requirements) { *r = requirements.Requirements{} }, nil, Functional,
			[]string{"what the system is (a name)", "its core capabilities", "the flows of traffic (name, rate, item size, latency)", "the availability target", "what must never be lost (durability)", "the team"}},
		{"complete", func(*requirements.Requirements) {}, []Phase{Functional, Scale, Reliability, Constraints}, State, nil},
		{"no rate", func(r *requirements.Requirements) { r.Workloads[1].Rate = quantity.Flow{} }, []Phase{Functional, Reliability, Constraints}, Scale,
			[]string{"how often redirect happens (its rate)"}},
		{"rate per user needs DAU", func(r *requirements.Requirements) {
			r.Workloads[1].Rate = quantity.Flow{}
			r.Workloads[1].RatePerUser = quantity.Flow{Count: 20, Per: "day"}
			r.Users = nil
		}, []Phase{Functional, Reliability, Constraints}, Scale, []string{"how often redirect happens (its rate)"}},
		{"read latency is essential", func(r *requirements.Requirements) { r.Workloads[1].LatencyP99 = 0 }, []Phase{Functional, Reliability, Constraints}, Scale,
			[]string{"the latency target of redirect"}},
		{"no availability", func(r *requirements.Requirements) { r.Availability = 0 }, []Phase{Functional, Scale, Constraints}, Reliability,
			[]string{"the availability target"}},
		{"no team", func(r *requirements.Requirements) { r.Constraints = nil }, []Phase{Functional, Scale, Reliability}, Constraints,
			[]string{"the team"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := fullRequirements()
			tt.edit(&req)
			got := Assess(req)
			if diff := cmp.Diff(tt.captured, got.Captured); diff != "" {
				t.Errorf("Captured (-want +got):\n%s", diff)
			}
			if got.Current != tt.current {
				t.Errorf("Current = %v, want %v", got.Current, tt.current)
			}
			if diff := cmp.Diff(tt.missing, got.MissingText()); diff != "" {
				t.Errorf("MissingText (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBrief(t *testing.T) {
	req := fullRequirements()
	req.Growth = map[string]quantity.Factor{"3y": 20, "6mo": 2, "1y": 4}
	req.Constraints.Budget = ""
	got := Assess(req).Brief()
	want := `Functional requirements (captured)
  known: system: URL shortener
  known: capabilities: shorten, redirect
Scale and performance (captured)
  known: workload create link (write, 100M/month, 500 B)
  known: workload redirect (read, 10B/month, 500 B, p99 50ms, cacheable)
  known: daily active users: 10M
  known: growth: 6mo 2x, 1y 4x, 3y 20x
  not given: the latency target of create link
Reliability and compliance (captured)
  known: availability: 99.95%
  known: durability: no acknowledged write is lost
  not given: regulations that apply (GDPR, HIPAA…)
Constraints (captured)
  known: team: 3 engineers
  not given: the budget
  not given: the timeline
  not given: the existing infrastructure
`
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Brief (-want +got):\n%s", diff)
	}
}

func TestNames(t *testing.T) {
	for _, p := range All() {
		got, ok := Parse(p.String())
		if !ok || got != p {
			t.Errorf("Parse(%q) = %v, %v; want %v", p.String(), got, ok, p)
		}
	}
	if got := Scale.Prompt(); got != "[scale] › " {
		t.Errorf("Scale.Prompt() = %q", got)
	}
	if _, ok := Parse("nonsense"); ok {
		t.Error("Parse(nonsense) ok")
	}
}

func ExampleAssess() {
	st := Assess(requirements.Requirements{Title: "Photo sharing", Functional: []string{"upload", "view"}})
	fmt.Printf("%q\n", st.Current.Prompt())
	fmt.Println(st.MissingText()[0])
	// Output:
	// "[scale] › "
	// the flows of traffic (name, rate, item size, latency)
}
