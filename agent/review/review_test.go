package review

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func readDoc(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func ids(r Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, f.ID)
	}
	return out
}

// highIDs lists the distinct IDs of the high findings, sorted.
func highIDs(r Report) []string {
	var out []string
	for _, f := range r.Findings {
		if f.Severity == High {
			out = append(out, f.ID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestDocuments reviews each test document and checks its verdict and the
// findings it must (and must not) raise.
func TestDocuments(t *testing.T) {
	tests := []struct {
		doc      string
		failed   bool
		want     []string // finding IDs that must be present
		wantHigh []string // exactly these high findings
		notWant  []string // finding IDs that must be absent
	}{
		{doc: "good.md", failed: false, notWant: []string{
			"premature-kafka", "premature-microservices", "premature-sharding", "premature-search-engine",
			"shared-writer", "sync-call-chain", "cache-source-of-truth", "thin-events", "indexes-missing",
			"hot-paths-missing", "hot-paths-unquantified", "scaling-path-missing", "choices-unjustified",
			"failure-handling-incomplete", "monitoring-incomplete", "debuggability-missing",
		}},
		{doc: "no-ops.md", failed: true,
			want:     []string{"failure-handling-missing", "monitoring-missing"},
			wantHigh: []string{"failure-handling-missing", "monitoring-missing"}},
		{doc: "distributed-monolith.md", failed: true,
			want:     []string{"deploy-together", "sync-call-chain", "shared-writer"},
			wantHigh: []string{"shared-writer"}},
		{doc: "cache-band-aid.md", failed: true,
			want:     []string{"cache-hides-slow-query", "complex-cache-invalidation", "cache-source-of-truth"},
			wantHigh: []string{"cache-source-of-truth"}},
		{doc: "event-soup.md", failed: false,
			want: []string{"everything-an-event", "thin-events", "event-ownership-unclear"}},
		{doc: "premature-distribution.md", failed: false,
			want: []string{"premature-microservices", "premature-kafka", "premature-search-engine", "premature-sharding"}},
		{doc: "event-pipeline.md", failed: false, notWant: []string{
			"premature-kafka", "premature-sharding", "premature-microservices", "hot-paths-missing", "state-owner-unnamed", "shared-writer",
		}},
		{doc: "keyword-stuffed.md", failed: true,
			wantHigh: []string{"failure-handling-missing", "monitoring-missing", "placeholder-section", "state-ownership-missing"}},
		{doc: "rfc-style.md", failed: false,
			notWant: []string{"state-ownership-missing", "failure-handling-missing", "monitoring-missing", "scaling-path-missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.doc, func(t *testing.T) {
			r := Review(readDoc(t, tt.doc), tt.doc)
			got := ids(r)
			if r.Failed() != tt.failed {
				t.Errorf("Failed() = %v, want %v; findings %v", r.Failed(), tt.failed, got)
			}
			for _, id := range tt.want {
				if !slices.Contains(got, id) {
					t.Errorf("finding %q missing; got %v", id, got)
				}
			}
			for _, id := range tt.notWant {
				if slices.Contains(got, id) {
					t.Errorf("finding %q raised; got %v", id, got)
				}
			}
			if tt.failed || tt.wantHigh != nil {
				if diff := cmp.Diff(tt.wantHigh, highIDs(r)); diff != "" {
					t.Errorf("high findings (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// TestPlaceholderSections checks that every checklist section holding
// only placeholders gets its own high finding.
func TestPlaceholderSections(t *testing.T) {
	r := Review(readDoc(t, "keyword-stuffed.md"), "keyword-stuffed.md")
	var got []string
	for _, f := range r.Findings {
		if f.ID == "placeholder-section" && f.Severity == High {
			got = append(got, f.Ref.Heading)
		}
	}
	slices.Sort(got)
	want := []string{"Decision Log", "Failure Scenarios", "Hot Paths", "Monitoring", "Scaling Strategy", "State Ownership", "Timeouts, Retries and Circuit Breakers"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("placeholder sections (-want +got):\n%s", diff)
	}
	for _, c := range r.Checklist {
		if c.OK && (c.ID == "failure-handling" || c.ID == "monitoring" || c.ID == "state-ownership" || c.ID == "boring-choices") {
			t.Errorf("checklist item %s met by a placeholder: %s", c.ID, c.Evidence)
		}
	}
}

// TestGolden renders each test document's report as Markdown and JSON and
// compares it with testdata/golden; -update rewrites them.
func TestGolden(t *testing.T) {
	docs, err := filepath.Glob(filepath.Join("testdata", "*.md"))
	if err != nil || len(docs) == 0 {
		t.Fatalf("no test documents: %v", err)
	}
	for _, path := range docs {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			r := Review(readDoc(t, name), name)
			var md, js bytes.Buffer
			if err := WriteMarkdown(&md, r); err != nil {
				t.Fatal(err)
			}
			if err := WriteJSON(&js, r); err != nil {
				t.Fatal(err)
			}
			base := strings.TrimSuffix(name, ".md")
			golden(t, base+".review.md", md.Bytes())
			golden(t, base+".review.json", js.Bytes())
		})
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", name, diff)
	}
}

// TestJSONShape checks the fields other tools rely on.
func TestJSONShape(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Review(readDoc(t, "no-ops.md"), "no-ops.md")); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Document string
		Findings []struct {
			ID, Severity, Title, Detail, Fix string
			Ref                              struct {
				Heading string
				Line    int
			}
		}
		Checklist []struct {
			Item     string
			OK       *bool
			Evidence string
		}
		Summary map[string]int
	}
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.Document != "no-ops.md" {
		t.Errorf("document = %q, want %q", got.Document, "no-ops.md")
	}
	if len(got.Findings) == 0 || got.Findings[0].Severity != "high" || got.Findings[0].Fix == "" {
		t.Errorf("findings = %+v, want a high finding first, with a fix", got.Findings)
	}
	if len(got.Checklist) < 10 || got.Checklist[0].OK == nil || got.Checklist[0].Evidence == "" {
		t.Errorf("checklist = %+v, want at least the 10 items, each with ok and evidence", got.Checklist)
	}
	if diff := cmp.Diff([]string{"high", "low", "medium"}, mapKeys(got.Summary)); diff != "" {
		t.Errorf("summary keys (-want +got):\n%s", diff)
	}
}

func mapKeys(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func BenchmarkReview(b *testing.B) {
	doc := readDoc(b, "good.md")
	if n := bytes.Count(doc, []byte("\n")); n < 250 {
		b.Fatalf("good.md has %d lines; the benchmark wants a document of about 300", n)
	}
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		Review(doc, "good.md")
	}
}
