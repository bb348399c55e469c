package capacity

import (
	"strings"
	"testing"
)

// TestChooseComponentDataLimits checks each data limit of the matrix on
// both sides of its threshold.
func TestChooseComponentDataLimits(t *testing.T) {
	tests := []struct {
		args, want string
		nodes      float64
	}{
		{`{"need": "database", "stored_bytes": "2TB"}`, "PostgreSQL", 0},
		{`{"need": "database", "stored_bytes": "10TB", "append_only": true}`, "PostgreSQL", 0},
		{`{"need": "database", "stored_bytes": "5.4PB", "append_only": true}`, "Cassandra/DynamoDB (wide-column)", 8100},
		{`{"need": "database", "stored_bytes": "36TB"}`, "Sharded PostgreSQL (Citus/Vitess)", 8},
		{`{"need": "database", "item_bytes": "500KB"}`, "Object storage (S3/GCS)", 0},
		{`{"need": "database", "item_bytes": "99KB"}`, "PostgreSQL", 0},
		{`{"need": "database", "reads_per_second": 15000}`, "PostgreSQL", 0},
		{`{"need": "database", "reads_per_second": 15200}`, "PostgreSQL with 3 read replicas", 3},
		{`{"need": "database", "reads_per_second": 94500}`, "PostgreSQL with 10 read replicas", 10},
		{`{"need": "database", "reads_per_second": 94501}`, "Vitess/CockroachDB", 11},
		{`{"need": "search", "queries_per_second": 1000, "corpus_bytes": "100GB"}`, "PostgreSQL full-text search", 0},
		{`{"need": "search", "queries_per_second": 80000, "corpus_bytes": "400GB"}`, "Elasticsearch", 10},
		{`{"need": "search", "queries_per_second": 1001}`, "Elasticsearch", 0},
		{`{"need": "cache", "ops_per_second": 1000, "memory_bytes": "50GB"}`, "Redis", 0},
		{`{"need": "cache", "ops_per_second": 1000, "memory_bytes": "120GB"}`, "Redis Cluster", 3},
		{`{"need": "storage", "egress_bytes_per_month": "10TB"}`, "Object storage (S3/GCS)", 0},
		{`{"need": "storage", "egress_bytes_per_month": "11TB"}`, "Object storage (S3/GCS) behind a CDN", 0},
		{`{"need": "storage", "public": true}`, "Object storage (S3/GCS) behind a CDN", 0},
		{`{"need": "batch", "scan_bytes": "10GB", "interval": "1h"}`, "Scheduled worker (cron)", 0},
		{`{"need": "batch", "scan_bytes": "250GB", "interval": "720h"}`, "Spark (distributed batch)", 3},
		{`{"need": "batch", "scan_bytes": "90GB", "interval": "10m"}`, "Spark (distributed batch)", 2},
	}
	for _, tt := range tests {
		r := call(t, "choose_component", tt.args)
		if got := r.Outputs["choice"]; got != tt.want {
			t.Errorf("choose_component(%s) = %v, want %s; reason: %s", tt.args, got, tt.want, r.Outputs["reason"])
		}
		got, _ := r.Outputs["nodes"].(float64)
		if got != tt.nodes {
			t.Errorf("choose_component(%s) nodes = %v, want %v", tt.args, got, tt.nodes)
		}
	}
}

// TestChooseDatabaseNeverFalselyWithin guards the old contradiction:
// a write rate above 10,000/s must not be called within it.
func TestChooseDatabaseNeverFalselyWithin(t *testing.T) {
	r := call(t, "choose_component", `{"need": "database", "writes_per_second": 11574.07}`)
	reason := r.Outputs["reason"].(string)
	if strings.Contains(reason, "within the 10,000") {
		t.Errorf("reason %q calls 11,574.07 writes/s within 10,000", reason)
	}
	if !strings.Contains(reason, "above the 10,000") {
		t.Errorf("reason %q does not say the rate is above 10,000 writes/s", reason)
	}
}
