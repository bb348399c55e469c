package requirements

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestProseOnlyFiles reads requirements written only as prose, in five
// styles — a paragraph, meeting notes, an email, a terse spec with
// headings, a pitch — and checks the workloads, retention, budget and
// users a reader would take from them, each recorded with its sentence.
func TestProseOnlyFiles(t *testing.T) {
	want := map[string][]string{
		"claims.md": {"title=Claims portal", "workloads[0].rate=6k/month", "workloads[0].item_size=1.5 MB",
			"workloads[0].retention=7y", "availability=99.9%", "users.dau=600", "users.total=2k", "constraints.budget=800 USD/month"},
		"meeting-notes.md": {"title=Notes from the product call", "workloads[0].rate=2M/day", "workloads[0].retention=90d",
			"availability=99.95%", "users.dau=40k", "constraints.budget=5000 USD/month"},
		"email.md": {"workloads[0].rate=1.2k/hour", "workloads[0].item_size=4 KB", "workloads[0].retention=5y",
			"users.dau=3k", "users.total=25k", "constraints.budget=1500 EUR/month"},
		"terse-spec.md": {"title=Plant telemetry", "workloads[0].rate=50k/second", "workloads[0].item_size=200 B",
			"workloads[0].retention=30d", "users.dau=120", "constraints.budget=10000 USD/month"},
		"startup-pitch.md": {"workloads[0].rate=20k/day", "workloads[0].item_size=3 MB", "workloads[0].retention=3y",
			"availability=99.9%", "users.dau=50k", "users.mau=500k", "constraints.budget=3000 USD/month"},
	}
	files, _ := filepath.Glob("testdata/prose/*.md")
	if len(files) != len(want) {
		t.Fatalf("%d prose files, want %d", len(files), len(want))
	}
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ParseRequirements(data, path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		var got []string
		for _, e := range r.Extracted {
			got = append(got, e.Field+"="+e.Value)
			if e.Sentence == "" {
				t.Errorf("%s: %s has no sentence", path, e.Field)
			}
		}
		if diff := cmp.Diff(want[filepath.Base(path)], got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", path, diff)
		}
	}
}
