package design

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// workload builds a workload at rate per second with a peak factor of 2,
// so its peak is twice rate.
func workload(name string, kind requirements.Kind, rate float64) requirements.Workload {
	return requirements.Workload{Name: name, Kind: kind, Rate: quantity.Flow{Count: rate, Per: "second"}, PeakFactor: 2}
}

// choicesOf reads components[].need → choice from the design's JSON, as
// an outside check does.
func choicesOf(t *testing.T, d *Design) map[string]string {
	t.Helper()
	js, err := RenderJSON(d)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Components []struct {
			Need   string `json:"need"`
			Choice string `json:"choice"`
			Source string `json:"source"`
		} `json:"components"`
	}
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, c := range doc.Components {
		if c.Source == "matrix" { // the verdicts; the other parts are listed beside them
			got[c.Need] = c.Choice
		}
	}
	return got
}

// TestThresholdsBothSides puts a workload just below and just above each
// threshold of the decision matrix: below gets the boring default, above
// the scale alternative.
func TestThresholdsBothSides(t *testing.T) {
	msgs := func(perHour float64) requirements.Workload {
		return requirements.Workload{Name: "send email", Kind: "message", Rate: quantity.Flow{Count: perHour, Per: "hour"}, PeakFactor: 1}
	}
	cacheable := func(rate float64) requirements.Workload {
		w := workload("read item", "read", rate)
		w.Cacheable = true
		return w
	}
	tests := []struct {
		name     string
		req      requirements.Requirements
		need     string
		want     string
		wantNone []string
	}{
		{"database below 100k writes/s", requirements.Requirements{Workloads: []requirements.Workload{workload("write", "write", 49_999.5)}}, "database", "PostgreSQL", nil},
		{"database above 100k writes/s", requirements.Requirements{Workloads: []requirements.Workload{workload("write", "write", 50_000.5)}}, "database", "Vitess/CockroachDB", nil},
		{"queue below 1M messages/hour", requirements.Requirements{Workloads: []requirements.Workload{msgs(999_999)}}, "queue", "Redis + workers", nil},
		{"queue above 1M messages/hour", requirements.Requirements{Workloads: []requirements.Workload{msgs(1_000_001)}}, "queue", "Kafka/Pulsar", nil},
		{"events below 10k/s", requirements.Requirements{Workloads: []requirements.Workload{workload("track click", "event", 4_999.5)}}, "events", "PostgreSQL LISTEN/NOTIFY", nil},
		{"events above 10k/s", requirements.Requirements{Workloads: []requirements.Workload{workload("track click", "event", 5_000.5)}}, "events", "Kafka/NATS", nil},
		{"cache below 100k ops/s", requirements.Requirements{Workloads: []requirements.Workload{cacheable(49_999.5)}}, "cache", "Redis", nil},
		{"cache above 100k ops/s", requirements.Requirements{Workloads: []requirements.Workload{cacheable(50_000.5)}}, "cache", "Redis Cluster", nil},
		{"search without facets", requirements.Requirements{Workloads: []requirements.Workload{workload("search items", "search", 10)}}, "search", "PostgreSQL full-text search", nil},
		{"search with facets", requirements.Requirements{Workloads: []requirements.Workload{workload("search items", "search", 10)}, Features: &requirements.Features{FacetedSearch: true}}, "search", "Elasticsearch", nil},
		{"cache not justified below 1k reads/s", requirements.Requirements{Workloads: []requirements.Workload{cacheable(499)}}, "", "", []string{"cache"}},
		{"cache justified from 1k reads/s", requirements.Requirements{Workloads: []requirements.Workload{cacheable(501)}}, "cache", "Redis", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.req.Title = "threshold"
			d, err := Build(tt.req, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := choicesOf(t, d)
			if tt.need != "" && got[tt.need] != tt.want {
				t.Errorf("%s: got %q, want %q (all: %v)", tt.need, got[tt.need], tt.want, got)
			}
			for _, need := range tt.wantNone {
				if c, ok := got[need]; ok {
					t.Errorf("%s: got %q, want none", need, c)
				}
			}
			if got["database"] == "" {
				t.Errorf("no database: stored state always has one")
			}
		})
	}
}

// TestScaleCrossesThresholds checks that --scale multiplies the rates the
// matrix sees.
func TestScaleCrossesThresholds(t *testing.T) {
	req := requirements.Requirements{Title: "scaled", Workloads: []requirements.Workload{workload("write", "write", 10_000)}}
	for _, tt := range []struct {
		scale float64
		want  string
	}{{1, "PostgreSQL"}, {10, "Vitess/CockroachDB"}} {
		d, err := Build(req, Options{Scale: tt.scale})
		if err != nil {
			t.Fatal(err)
		}
		if got := choicesOf(t, d)["database"]; got != tt.want {
			t.Errorf("scale %v: database = %q, want %q", tt.scale, got, tt.want)
		}
	}
}

// TestRestraint builds a 50 rps CRUD tool: one database, nothing else,
// and a decision log that says why not.
func TestRestraint(t *testing.T) {
	req := requirements.Requirements{Title: "Small CRUD", Workloads: []requirements.Workload{
		workload("view record", "read", 20),
		workload("update record", "write", 5),
	}}
	d, err := Build(req, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[string]string{"database": "PostgreSQL"}, choicesOf(t, d)); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	declined := map[string]bool{}
	for _, dec := range d.Decisions {
		if dec.Choice == "none" {
			declined[dec.Decision] = true
			if !containsAny(dec.Reasoning, "Boring always wins ties") {
				t.Errorf("%s declined without the tie-break: %q", dec.Decision, dec.Reasoning)
			}
		}
		if dec.Decision == "Architecture" && dec.Choice != "Modular monolith" {
			t.Errorf("architecture = %q, want Modular monolith", dec.Choice)
		}
		if dec.Decision == "Scaling approach" && dec.Choice != "vertical" {
			t.Errorf("scaling = %q, want vertical", dec.Choice)
		}
	}
	for _, want := range []string{"Cache", "Queue", "Search engine", "Event streaming"} {
		if !declined[want] {
			t.Errorf("the decision log does not say why there is no %s", want)
		}
	}
	for _, s := range d.Services {
		if containsAny(s.Name+s.Technology, "Kafka", "Workers", "Elasticsearch", "Redis") {
			t.Errorf("a small CRUD tool got %s (%s)", s.Name, s.Technology)
		}
	}
}
