package prompts

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

func TestBuiltin(t *testing.T) {
	p := Builtin()
	if p.Name != "sysarch" {
		t.Errorf("name = %q, want sysarch", p.Name)
	}
	if p.Description == "" || strings.Contains(p.Description, "<example>") {
		t.Errorf("description = %q, want a plain sentence without examples", p.Description)
	}
	if p.Model == "" || p.Color == "" {
		t.Errorf("model, color = %q, %q; want both set", p.Model, p.Color)
	}
	if len(p.Examples) != 3 {
		t.Fatalf("got %d examples, want 3", len(p.Examples))
	}
	for i, e := range p.Examples {
		if e.Context == "" || e.User == "" || e.Assistant == "" || e.Commentary == "" {
			t.Errorf("example %d has an empty part: %+v", i, e)
		}
		if !strings.Contains(e.Assistant, "sysarch") {
			t.Errorf("example %d does not hand over to sysarch: %q", i, e.Assistant)
		}
	}
	if p.SystemPrompt() != p.Body || !strings.HasPrefix(p.Body, "# ") {
		t.Errorf("system prompt should be the body, starting with a title")
	}
}

func TestBuiltinSourceIsTheFile(t *testing.T) {
	onDisk, err := os.ReadFile("persona.md")
	if err != nil {
		t.Fatal(err)
	}
	got := BuiltinSource()
	if !bytes.Equal(got, onDisk) {
		t.Error("BuiltinSource differs from persona.md")
	}
	got[0] = 'X'
	if BuiltinSource()[0] == 'X' {
		t.Error("BuiltinSource returned the embedded bytes, not a copy")
	}
}

// The persona is the cached prefix of every request: nothing in it may
// change from run to run or refer to the day it was written.
func TestBuiltinIsStatic(t *testing.T) {
	src := string(BuiltinSource())
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`\b20\d\d-\d\d-\d\d\b`), // dates
		regexp.MustCompile(`\{\{|\}\}|%[sdv]`),     // template or format verbs
	} {
		if m := re.FindString(src); m != "" {
			t.Errorf("persona.md contains %q, which is not static text", m)
		}
	}
}

// TestBuiltinCoversSeed checks that every principle and figure of the seed
// persona is present in the built-in one.
func TestBuiltinCoversSeed(t *testing.T) {
	body := Builtin().Body
	lower := strings.ToLower(body)
	tests := []struct {
		topic   string
		needles []string
	}{
		{"three pillars", []string{"## Three pillars", "Keep state scarce", "Prefer proven parts", "Simple designs are the ones that grow"}},
		{"four mantras", []string{"## Four mantras", "look plain", "code nobody wrote", "Optimise after a measurement", "3am"}},
		{"requirement phases", []string{"### Phase 1: requirements", "| Functional |", "| Scale and performance |", "| Reliability and compliance |", "| Constraints |"}},
		{"functional capture", []string{"user-facing", "essential"}},
		{"scale capture", []string{"RPS", "6 months, 1 year and 3 years", "p50, p95 and p99", "events/s and GB/day"}},
		{"reliability capture", []string{"99.9%", "99.99%", "durability", "retained", "regulations"}},
		{"constraints capture", []string{"team size", "infrastructure already in place", "budget", "deadline"}},
		{"state analysis", []string{"### Phase 2: state analysis", "which state exists", "single owner", "state ownership matrix", "sole writer"}},
		{"state classes", []string{"| hot | read on every request | process memory or Redis |", "| warm |", "the primary database", "| cold |", "object storage", "| transient |", "caches and derived data"}},
		{"hot paths", []string{"### Phase 3: hot paths", "| rps | latency budget | critical | optimisations |", "10,000", "50 ms", "500 ms", "idempotency"}},
		{"decision matrix database", []string{"PostgreSQL, which handles 10k writes/s easily", "Vitess or CockroachDB", "above 100k writes/s"}},
		{"decision matrix cache", []string{"about 100k ops/s per instance at under 5 ms", "Memcached", "complex invalidation logic is a warning sign"}},
		{"decision matrix queue", []string{"Redis plus worker processes", "Kafka or Pulsar", "more than 1M messages/hour"}},
		{"decision matrix search", []string{"PostgreSQL full-text search", "Elasticsearch", "faceted search"}},
		{"decision matrix storage", []string{"S3 or GCS", "CDN", "never local disk"}},
		{"decision matrix events", []string{"LISTEN/NOTIFY", "Kafka or NATS", "above 10k events/s"}},
		{"evaluation criteria", []string{"**Complexity**", "**Reliability**", "**Scalability**", "**Team knowledge**", "**Cost**", "the boring one wins"}},
		{"technology guide", []string{"### Technology guide", "| PostgreSQL |", "| Redis |", "| Kafka or Pulsar |", "| Elasticsearch |", "avoid it when", "millions of events/s", "terabytes"}},
		{"four patterns", []string{"Stateless services with one shared state store", "Events with clear boundaries", "fat events", "CQRS-lite", "Background jobs"}},
		{"scaling playbook", []string{"## Scaling playbook", "0–10K RPS", "32 cores, 128 GB RAM", "~$500/month", "10K–100K RPS", "3–5 app servers", "read replicas", "Redis cluster", "~$5K/month", "100K+ RPS", "sharding or a NewSQL", "multi-region active-passive", "service mesh only if truly needed", "~$50K+/month"}},
		{"circuit breaker", []string{"Circuit breakers", "failure threshold of 5", "60 s open timeout", "half-open", "3 trial requests"}},
		{"degradation", []string{"Graceful degradation", "fallback", "feature flag"}},
		{"timeouts and retries", []string{"**Timeouts.**", "**Retries.**", "idempotent"}},
		{"observability", []string{"## Observability", "Structured logs with context", "golden signals", "latency: p50, p95 and p99", "traffic:", "errors:", "saturation:"}},
		{"anti-patterns", []string{"distributed monolith", "cache band-aid", "event soup", "premature distribution", "do this instead", "modular monolith"}},
		{"document template", []string{"## The design document", "Executive summary", "Requirements", "Current state analysis", "Proposed architecture", "Failure scenarios", "Scaling strategy", "Operational plan", "Risk assessment", "Decision log"}},
		{"quality checklist", []string{"## Quality checklist", "exactly one writer", "indexes", "background jobs", "timeouts, retries and circuit breakers", "logs, metrics and alerts", "scaling path", "3am", "ahead of a measured need", "boring ones are preferred"}},
		{"final wisdom", []string{"## Final wisdom", "trade-offs", "Good enough", "legacy", "nobody notices", "80%", "exciting outages", "everything fails"}},
		{"closing test", []string{"would a new engineer understand it in 6\nmonths?", "simplify"}},
		{"working with tools", []string{"## Working with sysarch's tools", "Never compute a figure yourself", "cite the formula", "`record_requirements`", "`submit_design`", "assumption"}},
	}
	for _, tool := range []string{"throughput", "storage", "bandwidth", "servers", "concurrency", "availability", "cache", "window", "partitions", "latency_budget", "choose_component", "scaling_phase"} {
		tests = append(tests, struct {
			topic   string
			needles []string
		}{"tool " + tool, []string{"| `" + tool + "` |"}})
	}
	for _, tt := range tests {
		for _, n := range tt.needles {
			if !strings.Contains(body, n) && !strings.Contains(lower, strings.ToLower(n)) {
				t.Errorf("%s: persona lacks %q", tt.topic, n)
			}
		}
	}
	// The checklist has exactly ten items.
	checklist := body[strings.Index(body, "## Quality checklist"):strings.Index(body, "## Final wisdom")]
	if n := len(regexp.MustCompile(`(?m)^\d+\. `).FindAllString(checklist, -1)); n != 10 {
		t.Errorf("quality checklist has %d items, want 10", n)
	}
}
