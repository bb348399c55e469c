package design

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestExamplesAYearLater builds every example with the clock thirteen
// months past the goldens' date: the only lines allowed to change are the
// price table's staleness note, and its month count must be the calendar
// months from the table's date.
func TestExamplesAYearLater(t *testing.T) {
	later := goldenDate.AddDate(1, 1, 0) // 2027-12-01
	for _, path := range exampleFiles(t) {
		base := strings.TrimSuffix(path, ".md")
		t.Run(base[strings.LastIndex(base, "/")+1:], func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, d, err := FromText(data, path, Options{Now: func() time.Time { return later }})
			if err != nil {
				t.Fatal(err)
			}
			md, err := RenderMarkdown(d)
			if err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(base + ".design.md")
			if err != nil {
				t.Fatal(err)
			}
			wantLines, gotLines := strings.Split(string(want), "\n"), strings.Split(string(md), "\n")
			if len(wantLines) != len(gotLines) {
				t.Fatalf("a later clock changed the document's length: %d lines, want %d", len(gotLines), len(wantLines))
			}
			changed := 0
			for i := range wantLines {
				if wantLines[i] == gotLines[i] {
					continue
				}
				changed++
				if !strings.Contains(wantLines[i], "the table is 17 months old") ||
					strings.Replace(wantLines[i], "17 months old", "30 months old", 1) != gotLines[i] {
					t.Errorf("line %d changed with the clock:\n  was: %s\n  now: %s", i+1, wantLines[i], gotLines[i])
				}
			}
			want1 := 0
			if strings.Contains(string(want), "the table is 17 months old") {
				want1 = 1 // a document with a cost estimate
			}
			if changed != want1 {
				t.Errorf("%d lines changed with the clock, want %d: exactly the staleness note", changed, want1)
			}
		})
	}
}

// TestNoClockNoStalenessJudgement: without a clock the design states the
// table's date and judges nothing.
func TestNoClockNoStalenessJudgement(t *testing.T) {
	data, err := os.ReadFile(exampleFiles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	_, d2, err := FromText(data, "example", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range d2.Assumptions {
		if strings.Contains(a, "months old") {
			t.Errorf("a design without a clock judged the table's age: %s", a)
		}
	}
}
