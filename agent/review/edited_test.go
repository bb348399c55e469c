package review

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestEditedDesignContradicts edits sysarch's own URL shortener design to
// contradict itself in one way at a time: each edit must fail the review
// with a high finding that names both places. The unedited design passes
// (TestGeneratedDesignsPass).
func TestEditedDesignContradicts(t *testing.T) {
	orig, err := os.ReadFile("../../examples/url-shortener.design.md")
	if err != nil {
		t.Fatal(err)
	}
	type insert struct{ after, text string } // after: a line's prefix
	for _, c := range []struct {
		name    string
		inserts []insert
		replace [2]string
		id      string
		places  []string // texts whose lines the finding must name
	}{
		{name: "timeout shorter than the work", id: "timeout-shorter-than-work",
			inserts: []insert{{"## Executive Summary", "Exports of a user's click history take 20 to 90 seconds."}, {"### Graceful Degradation", "Click-history exports run behind a 5 s timeout."}},
			places:  []string{"take 20 to 90 seconds", "5 s timeout"}},
		{name: "budget met and exceeded", id: "budget-contradicted",
			inserts: []insert{{"## Cost Estimate", "The design stays within the $2,000 a month budget."}},
			places:  []string{"within the $2,000", "it comes to $"}},
		{name: "two stores of record", id: "two-stores-of-record",
			inserts: []insert{{"## Executive Summary", "PostgreSQL is the source of truth for links."}, {"### Data Flow", "The source of truth for links is DynamoDB."}},
			places:  []string{"PostgreSQL is the source of truth for links", "is DynamoDB"}},
		{name: "prose gives a dataset of the table another store", id: "two-stores-of-record",
			inserts: []insert{{"## Executive Summary", "DynamoDB is the source of truth for links."}},
			places:  []string{"DynamoDB is the source of truth for links", "| links | Link service"}},
		{name: "a store never reached but reached", id: "flow-contradicted",
			inserts: []insert{{"## Executive Summary", "Uncached reads never reach PostgreSQL."}},
			places:  []string{"never reach PostgreSQL", "Redis → PostgreSQL — on a cache hit"}},
		{name: "a decision answered twice", id: "decision-twice",
			inserts: []insert{{"| Database | PostgreSQL, Vitess", "| Database | PostgreSQL, MongoDB | MongoDB | flexible documents |"}},
			places:  []string{"| Database | PostgreSQL, Vitess", "| Database | PostgreSQL, MongoDB"}},
		{name: "a cited figure that does not exist", id: "figure-unknown-row",
			replace: [2]string{"570.4 in flight at peak [C13], with headroom |", "570.4 in flight at peak [C99], with headroom |"},
			places:  []string{"[C99]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			doc := string(orig)
			for _, in := range c.inserts {
				doc = insertAfter(t, doc, in.after, in.text)
			}
			if c.replace[0] != "" {
				if !strings.Contains(doc, c.replace[0]) {
					t.Fatalf("the design no longer has %q", c.replace[0])
				}
				doc = strings.Replace(doc, c.replace[0], c.replace[1], 1)
			}
			r := Review([]byte(doc), "edited.md")
			if !r.Failed() {
				t.Errorf("the edited design passes")
			}
			var f *Finding
			for i := range r.Findings {
				if r.Findings[i].ID == c.id && r.Findings[i].Severity == High {
					f = &r.Findings[i]
				}
			}
			if f == nil {
				t.Fatalf("no high %s finding: %+v", c.id, r.Findings)
			}
			for _, p := range c.places {
				line := lineOf(t, doc, p)
				said := f.Title + " " + f.Detail + " " + f.Ref.String()
				if !strings.Contains(said, fmt.Sprintf("line %d", line)) && !strings.Contains(said, fmt.Sprintf("Line %d", line)) && !strings.Contains(said, fmt.Sprintf("(line %d)", line)) {
					t.Errorf("the finding does not name line %d (%q): %s", line, p, said)
				}
			}
		})
	}
}

// insertAfter inserts a paragraph after the first line starting with
// prefix; a table row is inserted as the next row.
func insertAfter(t *testing.T, doc, prefix, text string) string {
	t.Helper()
	lines := strings.Split(doc, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			add := []string{"", text, ""}
			if strings.HasPrefix(text, "|") {
				add = []string{text}
			}
			return strings.Join(append(lines[:i+1], append(add, lines[i+1:]...)...), "\n")
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return ""
}

func lineOf(t *testing.T, doc, text string) int {
	t.Helper()
	for i, l := range strings.Split(doc, "\n") {
		if strings.Contains(l, text) {
			return i + 1
		}
	}
	t.Fatalf("the document has no %q", text)
	return 0
}
