package review

import (
	"slices"
	"strings"
	"testing"
)

// TestContradictions checks each contradiction on a document that has it
// (a high finding naming both lines) and on one that does not.
func TestContradictions(t *testing.T) {
	for _, c := range []struct {
		name, doc, id string
		lines         []string // the places the finding must name
	}{
		{"timeout on long streams", "# Answers\n\nAnswers stream to the browser for 4–12 s.\n\nThe gateway applies an 800 ms timeout to every answer stream.\n", "timeout-shorter-than-work", []string{"line 3", "line 5"}},
		{"timeout fits", "# Answers\n\nAnswers stream to the browser for 4–12 s.\n\nThe gateway applies a 30 s timeout to every answer stream.\n", "", nil},
		{"timeout in one sentence", "# Reports\n\nAn 800 ms timeout applies to report generation, which takes 4 to 12 seconds.\n", "timeout-shorter-than-work", []string{"line 3"}},
		{"budget exceeded", "# Video\n\nThe design stays within the $20,000 a month budget.\n\n## Risks\n\nEgress alone costs about $34,000 a month.\n", "budget-contradicted", []string{"line 3", "line 7"}},
		{"budget exceeded in words", "# Video\n\nThe design stays within the budget.\n\nAt 80 TB a day, egress alone exceeds the budget.\n", "budget-contradicted", []string{"line 3", "line 5"}},
		{"budget met", "# Video\n\nThe design stays within the $20,000 a month budget.\n\nCompute costs $6,000 a month and egress $9,000 a month.\n", "", nil},
		{"two stores of record", "# Entries\n\nPostgreSQL is the source of truth for entries.\n\nThe source of truth for entries is DynamoDB, replicated to two regions.\n", "two-stores-of-record", []string{"line 3", "line 5"}},
		{"two stores in the ownership table", "# Orders\n\n## State Ownership\n\n| Dataset | Owner | Storage |\n| --- | --- | --- |\n| orders | Order service | PostgreSQL |\n| payments | Payment service | PostgreSQL |\n| orders | Order service | MongoDB |\n", "two-stores-of-record", []string{"line 7", "line 9"}},
		{"one store of record", "# Entries\n\nPostgreSQL is the source of truth for entries.\n\nRedis caches the hot entries for 60 s.\n", "", nil},
		{"never reached but reached", "# Reads\n\nThe uncached reads never reach PostgreSQL.\n\nA cache miss reads the entry from PostgreSQL by its index.\n", "flow-contradicted", []string{"line 3", "line 5"}},
		{"never reached on hits", "# Reads\n\nCached reads never reach PostgreSQL.\n\nA cache miss reads the entry from PostgreSQL by its index.\n", "", nil},
		{"decision twice", "# Store\n\n## Decisions\n\n| Decision | Choice | Why |\n| --- | --- | --- |\n| Database | PostgreSQL | boring |\n| Queue | Redis | small |\n| Database | MongoDB | flexible |\n", "decision-twice", []string{"line 7", "line 9"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Review([]byte(c.doc), "doc.md")
			var got *Finding
			for i, f := range r.Findings {
				if f.Category == consistencyCat {
					got = &r.Findings[i]
				}
			}
			switch {
			case c.id == "" && got != nil:
				t.Errorf("unexpected %s: %s", got.ID, got.Detail)
			case c.id != "" && (got == nil || got.ID != c.id):
				t.Errorf("want %s, got %+v", c.id, got)
			case c.id != "":
				if got.Severity != High {
					t.Errorf("%s is %s, want high", got.ID, got.Severity)
				}
				for _, l := range c.lines {
					if !strings.Contains(strings.ToLower(got.Title+" "+got.Detail), l) {
						t.Errorf("%s does not name %s: %s / %s", got.ID, l, got.Title, got.Detail)
					}
				}
			}
		})
	}
	_ = slices.Contains[[]string]
}
