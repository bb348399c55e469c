package requirements

import "testing"

// TestMineBlobFromProse: "10 KB of media" becomes the blob_size of the
// writes whose items are larger, and of no other workload.
func TestMineBlobFromProse(t *testing.T) {
	text := "---\ntitle: Posts\nworkloads:\n" +
		"  - {name: post tweet, kind: write, rate: 1M/day, item_size: 10.3KB}\n" +
		"  - {name: like, kind: write, rate: 1M/day, item_size: 100B}\n" +
		"  - {name: view timeline, kind: read, rate: 1M/day, item_size: 10.3KB}\n" +
		"---\nA tweet carries on average 10 KB of media.\n"
	r, err := ParseRequirements([]byte(text), "r.md")
	if err != nil {
		t.Fatal(err)
	}
	if got := float64(r.Workloads[0].BlobSize); got != 10e3 {
		t.Errorf("post tweet blob_size = %v, want 10 KB", got)
	}
	if r.Workloads[1].BlobSize != 0 || r.Workloads[2].BlobSize != 0 {
		t.Errorf("blob_size set on a small write or a read: %+v", r.Workloads)
	}
	found := false
	for _, e := range r.Extracted {
		found = found || e.Field == "workloads[0].blob_size"
	}
	if !found {
		t.Errorf("the mined blob_size is not listed as extracted: %+v", r.Extracted)
	}
}
