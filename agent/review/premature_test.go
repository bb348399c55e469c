package review

import "testing"

// TestShardingForDisprovedVolume: a section that shards "for" a data
// volume the arithmetic recomputes to gigabytes is judged by its write
// rate; the same section whose terabytes are right is not.
func TestShardingForDisprovedVolume(t *testing.T) {
	doc := func(size string) []byte {
		return []byte("# Points\n\n## Design\n\nStorage: 200,000 members × 20 events a month × " + size + " = 2 TB a month.\n\nPeak load is 40 writes/s. We shard the points table across 8 PostgreSQL shards by member id.\n")
	}
	premature := func(doc []byte) bool {
		for _, f := range Review(doc, "doc.md").Findings {
			if f.ID == "premature-sharding" {
				return true
			}
		}
		return false
	}
	if !premature(doc("500 bytes")) {
		t.Error("sharding for a volume recomputed to 2 GB a month is not judged premature at 40 writes/s")
	}
	if premature(doc("500 KB")) {
		t.Error("sharding for 2 TB a month, rightly computed, is judged premature")
	}
}
