package capacity

import (
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// call runs a tool and fails the test on error.
func call(t *testing.T, name, args string) Result {
	t.Helper()
	r, err := Default().Call(name, json.RawMessage(args))
	if err != nil {
		t.Fatalf("%s(%s): %v", name, args, err)
	}
	return r
}

func TestOutputs(t *testing.T) {
	const spm = 2629746.0
	tests := []struct {
		name, tool, args string
		want             map[string]any
	}{
		{"throughput default per day", "throughput", `{"count": 86400}`,
			map[string]any{"per_second": 1.0, "peak_per_second": 2.0, "per_minute": 60.0, "per_hour": 3600.0, "per_day": 86400.0, "per_month": spm}},
		{"throughput per user", "throughput", `{"count": "10/day", "users": "8.64M"}`,
			map[string]any{"per_second": 1000.0}},
		{"throughput per user plain", "throughput", `{"count": 10, "users": "8.64M", "per": "day", "peak_factor": "3x"}`,
			map[string]any{"per_second": 1000.0, "peak_per_second": 3000.0}},
		{"throughput acceptance", "throughput", `{"count": "4B", "per": "month", "seconds_per_month": "2.5M"}`,
			map[string]any{"per_second": 1600.0, "peak_per_second": 3200.0}},
		{"storage acceptance", "storage", `{"item_bytes": 40, "count": "1B", "per": "month", "retention": "3y"}`,
			map[string]any{"bytes_per_month": 4e10, "stored_bytes_per_month": 4e10, "total_bytes": 1.44e12}},
		{"storage replication overhead", "storage", `{"item_bytes": "1KB", "count": "1M", "per": "day", "replication": 3, "overhead": "50%", "retention": "1y"}`,
			map[string]any{"bytes_per_day": 1e9, "bytes_per_month": 1e9 * spm / 86400, "stored_bytes_per_month": 4.5e9 * spm / 86400, "total_bytes": 12 * 4.5e9 * spm / 86400}},
		{"bandwidth", "bandwidth", `{"item_bytes": "1KB", "count": 1000, "per": "second", "peak_factor": 3}`,
			map[string]any{"bytes_per_second": 1e6, "peak_bytes_per_second": 3e6, "bits_per_second": 8e6, "peak_bits_per_second": 24e6, "bytes_per_month": 1e6 * spm}},
		{"servers N+1", "servers", `{"peak_rps": 10000, "per_server_rps": 1000}`,
			map[string]any{"servers": 16.0, "servers_at_full_load": 10.0, "utilization_at_peak": 0.625}},
		{"servers exact fit", "servers", `{"peak_rps": 700, "per_server_rps": 100, "target_utilization": "70%"}`,
			map[string]any{"servers": 11.0, "servers_at_full_load": 7.0}},
		{"servers with no spare", "servers", `{"peak_rps": 700, "per_server_rps": 100, "target_utilization": "70%", "redundancy": 0}`,
			map[string]any{"servers": 10.0, "servers_at_full_load": 7.0}},
		{"concurrency", "concurrency", `{"rate_per_second": 2000, "latency": "250ms"}`,
			map[string]any{"in_flight": 500.0}},
		{"availability target", "availability", `{"target": "99.9%"}`,
			map[string]any{"availability_percent": 99.9, "downtime_per_month_s": 2629.746, "downtime_per_day_s": 86.4, "downtime_per_week_s": 604.8, "downtime_per_year_s": 31556.952}},
		{"availability serial", "availability", `{"components": ["99.9%", "99.9%"]}`,
			map[string]any{"availability_percent": 99.8001}},
		{"availability parallel", "availability", `{"components": ["99%", "99%"], "topology": "parallel"}`,
			map[string]any{"availability_percent": 99.99}},
		{"cache", "cache", `{"items": "100M", "item_bytes": "1KB", "read_per_second": 10000, "hit_ratio": 0.95}`,
			map[string]any{"memory_bytes": 2e10, "backend_reads_per_second": 500.0}},
		{"cache hit ratio zero", "cache", `{"items": 1000, "item_bytes": 100, "hot_fraction": 1, "overhead": 0.5, "read_per_second": 100, "hit_ratio": 0}`,
			map[string]any{"memory_bytes": 150000.0, "backend_reads_per_second": 100.0}},
		{"window", "window", `{"rate_per_second": "1M/s", "window": "5m", "item_bytes": "200B"}`,
			map[string]any{"events_in_window": 3e8, "state_bytes": 6e10}},
		{"partitions by bytes", "partitions", `{"rate_per_second": "1M/s", "item_bytes": "1KB"}`,
			map[string]any{"partitions": 100.0, "bytes_per_second": 1e9}},
		{"partitions by consumers", "partitions", `{"rate_per_second": 50000, "item_bytes": 100, "consumer_events_per_second": 1000}`,
			map[string]any{"partitions": 50.0, "bytes_per_second": 5e6}},
		{"partitions at least one", "partitions", `{"rate_per_second": 1, "item_bytes": 1}`,
			map[string]any{"partitions": 1.0}},
		{"latency over budget", "latency_budget", `{"target": "250ms", "stages": {"auth": "20ms", "orders query": "610ms", "render": "90ms"}}`,
			map[string]any{"total_s": 0.72, "headroom_s": -0.47, "largest_stage": "orders query", "over_budget": true}},
		{"latency within budget", "latency_budget", `{"target": "1s", "stages": {"a": "100ms", "b": "300ms"}}`,
			map[string]any{"total_s": 0.4, "headroom_s": 0.6, "largest_stage": "b", "largest_share": 0.75, "over_budget": false}},
		{"scaling vertical", "scaling_phase", `{"peak_rps": 9999}`, map[string]any{"phase": "vertical", "monthly_cost_usd": 500.0}},
		{"scaling horizontal at 10k", "scaling_phase", `{"peak_rps": 10000}`, map[string]any{"phase": "horizontal", "monthly_cost_usd": 5000.0}},
		{"scaling horizontal at 100k", "scaling_phase", `{"peak_rps": 100000}`, map[string]any{"phase": "horizontal"}},
		{"scaling distributed", "scaling_phase", `{"peak_rps": 100001}`, map[string]any{"phase": "distributed", "monthly_cost_usd": 50000.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := call(t, tt.tool, tt.args)
			got := map[string]any{}
			for k := range tt.want {
				got[k] = r.Outputs[k]
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(approx)); diff != "" {
				t.Errorf("%s outputs (-want +got):\n%s\nformula: %s", tt.tool, diff, r.Formula)
			}
			if r.Formula == "" || r.Tool != tt.tool {
				t.Errorf("result has tool %q and formula %q", r.Tool, r.Formula)
			}
		})
	}
}

func approx(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func TestChooseComponentThresholds(t *testing.T) {
	tests := []struct {
		args, want string
	}{
		{`{"need": "database", "writes_per_second": 100000}`, "PostgreSQL"},
		{`{"need": "database", "writes_per_second": 100001}`, "Vitess/CockroachDB"},
		{`{"need": "database"}`, "PostgreSQL"},
		{`{"need": "queue", "messages_per_hour": "50k"}`, "Redis + workers"},
		{`{"need": "queue", "messages_per_hour": "1M"}`, "Redis + workers"},
		{`{"need": "queue", "messages_per_hour": "2M"}`, "Kafka/Pulsar"},
		{`{"need": "events", "events_per_second": 10000}`, "PostgreSQL LISTEN/NOTIFY"},
		{`{"need": "events", "events_per_second": 10001}`, "Kafka/NATS"},
		{`{"need": "search"}`, "PostgreSQL full-text search"},
		{`{"need": "search", "faceted_search": true}`, "Elasticsearch"},
		{`{"need": "cache", "ops_per_second": 100000}`, "Redis"},
		{`{"need": "cache", "ops_per_second": 100001}`, "Redis Cluster"},
		{`{"need": "storage"}`, "Object storage (S3/GCS)"},
		{`{"need": "Database"}`, "PostgreSQL"},
	}
	for _, tt := range tests {
		r := call(t, "choose_component", tt.args)
		if got := r.Outputs["choice"]; got != tt.want {
			t.Errorf("choose_component(%s) = %v, want %s", tt.args, got, tt.want)
		}
		for _, k := range []string{"alternative", "reason", "threshold"} {
			if s, _ := r.Outputs[k].(string); s == "" {
				t.Errorf("choose_component(%s) has no %s", tt.args, k)
			}
		}
	}
	r := call(t, "choose_component", `{"need": "cache", "complex_invalidation": true}`)
	if len(r.Notes) == 0 || !strings.Contains(r.Notes[0], "warning sign") {
		t.Errorf("complex invalidation notes = %q, want a warning", r.Notes)
	}
}

func TestInputErrors(t *testing.T) {
	tests := []struct {
		tool, args, field, msg string
	}{
		{"throughput", `{}`, "count", "required"},
		{"throughput", `{"count": -5}`, "count", "greater than 0"},
		{"throughput", `{"count": "fast"}`, "count", "expected a count like 10M"},
		{"throughput", `{"count": 1e400}`, "count", "finite"},
		{"throughput", `{"count": "1e400"}`, "count", "out of range"},
		{"throughput", `{"count": 10, "per": "fortnight"}`, "per", "unknown period"},
		{"throughput", `{"count": 10, "peak_factor": -1}`, "peak_factor", "greater than 0"},
		{"throughput", `{"count": 10, "bogus": 1}`, "bogus", "unknown input"},
		{"throughput", `{"count": true}`, "count", "expected"},
		{"storage", `{"count": 10}`, "item_bytes", "required"},
		{"storage", `{"item_bytes": "5m", "count": 1}`, "item_bytes", "expected a size"},
		{"storage", `{"item_bytes": 1, "count": 1, "overhead": -0.1}`, "overhead", "0 or more"},
		{"servers", `{"peak_rps": 100, "per_server_rps": 10, "target_utilization": 1.5}`, "target_utilization", "at most 100%"},
		{"servers", `{"peak_rps": 100, "per_server_rps": 10, "redundancy": 1.5}`, "redundancy", "whole number"},
		{"servers", `{"peak_rps": 100}`, "per_server_rps", "required"},
		{"availability", `{"target": "120%"}`, "target", "at most 100%"},
		{"availability", `{"target": 99.9}`, "target", "at most 100%"},
		{"availability", `{}`, "target", "required"},
		{"availability", `{"components": ["99%"], "topology": "mesh"}`, "topology", "serial or parallel"},
		{"availability", `{"components": ["99%", "2"]}`, "components[1]", "at most"},
		{"cache", `{"items": 10, "item_bytes": 10, "hit_ratio": 1.2}`, "hit_ratio", "at most 100%"},
		{"cache", `{"items": 10, "item_bytes": 10, "hot_fraction": -1}`, "hot_fraction", "above 0"},
		{"window", `{"rate_per_second": "NaN", "window": "5m"}`, "rate_per_second", "expected a rate"},
		{"partitions", `{"rate_per_second": 10}`, "item_bytes", "required"},
		{"latency_budget", `{"target": "250ms"}`, "stages", "required"},
		{"latency_budget", `{"target": "250ms", "stages": {"db": "-5ms"}}`, "stages.db", "0 or more"},
		{"latency_budget", `{"target": "250ms", "stages": ["db"]}`, "stages", "object"},
		{"choose_component", `{"need": "blockchain"}`, "need", "unknown need"},
		{"choose_component", `{}`, "need", "required"},
		{"choose_component", `{"need": "queue", "messages_per_hour": -1}`, "messages_per_hour", "0 or more"},
		{"scaling_phase", `{"peak_rps": 0}`, "peak_rps", "required"},
		{"concurrency", `{"rate_per_second": 10, "latency": "10GB"}`, "latency", "expected a duration"},
	}
	for _, tt := range tests {
		_, err := Default().Call(tt.tool, json.RawMessage(tt.args))
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s(%s) error = %v, want an InputError", tt.tool, tt.args, err)
			continue
		}
		if ie.Field != tt.field || !strings.Contains(ie.Msg, tt.msg) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s(%s) error = %q (field %q), want field %q and %q", tt.tool, tt.args, err, ie.Field, tt.field, tt.msg)
		}
	}
}

func TestUnknownToolListsTools(t *testing.T) {
	_, err := Default().Call("nope", nil)
	if err == nil || !strings.Contains(err.Error(), "throughput, storage") {
		t.Errorf("error = %v, want the list of tools", err)
	}
	if _, err := Default().Call("throughput", json.RawMessage(`[1]`)); err == nil {
		t.Error("non-object arguments accepted")
	}
}

func TestRegistryMatchesTheContract(t *testing.T) {
	want := []string{"throughput", "storage", "bandwidth", "servers", "concurrency", "availability", "cache", "window", "partitions", "latency_budget", "choose_component", "scaling_phase", "cost"}
	if diff := cmp.Diff(want, Default().Names()); diff != "" {
		t.Errorf("tool names (-want +got):\n%s", diff)
	}
	inputs := map[string][]string{
		"throughput":     {"count", "per", "users", "peak_factor", "seconds_per_month"},
		"storage":        {"item_bytes", "count", "per", "users", "retention", "replication", "overhead", "seconds_per_month"},
		"bandwidth":      {"item_bytes", "count", "per", "users", "peak_factor", "seconds_per_month"},
		"servers":        {"peak_rps", "per_server_rps", "target_utilization", "redundancy"},
		"concurrency":    {"rate_per_second", "latency"},
		"availability":   {"target", "components", "topology", "seconds_per_month"},
		"cache":          {"items", "item_bytes", "hot_fraction", "overhead", "read_per_second", "hit_ratio", "items_from"},
		"window":         {"rate_per_second", "window", "item_bytes"},
		"partitions":     {"rate_per_second", "item_bytes", "partition_bytes_per_second", "consumer_events_per_second"},
		"latency_budget": {"target", "stages"},
		"choose_component": {"need", "writes_per_second", "messages_per_hour", "events_per_second", "ops_per_second", "faceted_search", "complex_invalidation",
			"stored_bytes", "item_bytes", "append_only", "reads_per_second", "corpus_bytes", "queries_per_second", "memory_bytes", "egress_bytes_per_month", "public", "scan_bytes", "interval"},
		"scaling_phase": {"peak_rps"},
	}
	for name, fields := range inputs {
		tool, _ := Default().Get(name)
		if diff := cmp.Diff(fields, tool.Fields()); diff != "" {
			t.Errorf("%s inputs (-want +got):\n%s", name, diff)
		}
		if tool.Schema().Type != "object" || tool.Description == "" {
			t.Errorf("%s: schema type %q, description %q", name, tool.Schema().Type, tool.Description)
		}
		if _, err := tool.Schema().Resolve(nil); err != nil {
			t.Errorf("%s: schema does not resolve: %v", name, err)
		}
	}
}

// TestSchemaValidatesWhatToolsAccept checks that the generated schema
// accepts the argument forms the tools accept: numbers and strings.
func TestSchemaValidatesWhatToolsAccept(t *testing.T) {
	tool, _ := Default().Get("latency_budget")
	rs, err := tool.Schema().Resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	var args map[string]any
	json.Unmarshal([]byte(`{"target": 0.25, "stages": {"db": "120ms", "auth": 0.02}}`), &args)
	if err := rs.Validate(args); err != nil {
		t.Errorf("valid arguments rejected: %v", err)
	}
	json.Unmarshal([]byte(`{"target": "1s", "stages": {}, "extra": 1}`), &args)
	if err := rs.Validate(args); err == nil {
		t.Error("unknown property accepted by the schema")
	}
}

func BenchmarkTools(b *testing.B) {
	args := map[string]string{
		"throughput":       `{"count": "100M", "per": "month", "peak_factor": 3}`,
		"storage":          `{"item_bytes": "1.27KB", "count": "10M", "per": "month", "retention": "3y"}`,
		"bandwidth":        `{"item_bytes": "10KB", "count": "500M", "per": "day"}`,
		"servers":          `{"peak_rps": 12000, "per_server_rps": 800}`,
		"concurrency":      `{"rate_per_second": 2000, "latency": "250ms"}`,
		"availability":     `{"components": ["99.9%", "99.95%", "99.99%"]}`,
		"cache":            `{"items": "360M", "item_bytes": "1.27KB", "read_per_second": 4000}`,
		"window":           `{"rate_per_second": "1M/s", "window": "5m", "item_bytes": 200}`,
		"partitions":       `{"rate_per_second": "1M/s", "item_bytes": "1KB", "consumer_events_per_second": 20000}`,
		"latency_budget":   `{"target": "250ms", "stages": {"auth": "20ms", "db": "610ms", "render": "90ms"}}`,
		"choose_component": `{"need": "queue", "messages_per_hour": "2M"}`,
		"scaling_phase":    `{"peak_rps": 12000}`,
		"cost":             `{"component": "database", "vcpu": 4, "standby": true, "storage": "3TB"}`,
	}
	reg := Default()
	for _, name := range reg.Names() {
		raw := json.RawMessage(args[name])
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := reg.Call(name, raw); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// Finite inputs whose results overflow are refused as input errors that
// name the figure, never returned as ±Inf.
func TestOverflowIsInputError(t *testing.T) {
	for _, c := range []struct{ tool, args string }{
		{"servers", `{"peak_rps": 1e308, "per_server_rps": 1e-308}`},
		{"storage", `{"item_bytes": "1e308B", "count": 1e9}`},
		{"window", `{"rate_per_second": 10, "window": "1e300y", "item_bytes": 1000}`},
		{"bandwidth", `{"item_bytes": "1e308B", "count": "1e9", "per": "second"}`},
	} {
		_, err := Default().Call(c.tool, json.RawMessage(c.args))
		var ie *InputError
		if !errors.As(err, &ie) || !strings.Contains(err.Error(), "overflow") && !strings.Contains(err.Error(), "beyond") {
			t.Errorf("%s %s: got %v, want an InputError about the overflow", c.tool, c.args, err)
		}
	}
}

// TestCacheFormulaSaysWhereItsItemsCameFrom: items_from is written into
// the formula beside the count, shown safely, and refused when long.
func TestCacheFormulaSaysWhereItsItemsCameFrom(t *testing.T) {
	r := call(t, "cache", `{"items": 62000, "items_from": "the 62,000 seats the requirements name", "item_bytes": "40KB"}`)
	if want := "62,000 items (the 62,000 seats the requirements name) × 40,000 B × 0.2 hot = 496 MB"; r.Formula != want {
		t.Errorf("formula %q, want %q", r.Formula, want)
	}
	r = call(t, "cache", `{"items": 10, "items_from": "seats\u001b[2J", "item_bytes": 10}`)
	if strings.ContainsRune(r.Formula, 0x1b) {
		t.Errorf("formula %q carries an escape sequence", r.Formula)
	}
	if _, err := Default().Call("cache", json.RawMessage(`{"items": 10, "item_bytes": 10, "items_from": "`+strings.Repeat("x", 201)+`"}`)); err == nil || !strings.Contains(err.Error(), "items_from") {
		t.Errorf("a 201-character items_from: err = %v, want a refusal naming items_from", err)
	}
}
