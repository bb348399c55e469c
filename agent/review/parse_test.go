package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

type heading struct {
	Level int
	Title string
	Line  int
}

func headings(d *Document) []heading {
	var out []heading
	for _, s := range d.Sections[1:] {
		out = append(out, heading{s.Level, s.Title, s.Line})
	}
	return out
}

func TestParseHeadings(t *testing.T) {
	tests := []struct {
		name, src string
		want      []heading
	}{
		{"atx", "# Title\ntext\n## Part *one*\n### Sub ###\n", []heading{{1, "Title", 1}, {2, "Part one", 3}, {3, "Sub", 4}}},
		{"not headings", "#hashtag\n####### seven\n    # indented code\n", nil},
		{"setext", "Title\n=====\n\nPart\n----\ntext\n", []heading{{1, "Title", 1}, {2, "Part", 4}}},
		{"thematic break is not setext", "text\n\n---\nmore\n", nil},
		{"table delimiter is not setext", "| a | b |\n| --- | --- |\n| 1 | 2 |\n", nil},
		{"list item is not setext", "- item\n---\n", nil},
		{"fenced code", "# In\n```python\n# comment, not a heading\n```\n## After\n", []heading{{1, "In", 1}, {2, "After", 5}}},
		{"tilde fence", "~~~\n# no\n~~~~\n# yes\n", []heading{{1, "yes", 4}}},
		{"unclosed fence", "# Top\n```\n# never\n", []heading{{1, "Top", 1}}},
		{"front matter", "---\ntitle: x\n# not a heading\n---\n# Real\n", []heading{{1, "Real", 5}}},
		{"links and code in titles", "## [Data](x.md) `flow`\n", []heading{{2, "Data flow", 1}}},
		{"snake_case stays", "## user_sessions _table_ __x__\n", []heading{{2, "user_sessions table x", 1}}},
		{"CRLF", "# One\r\n\r\n## Two\r\n", []heading{{1, "One", 1}, {2, "Two", 3}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := headings(Parse([]byte(tt.src)))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("headings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseSections(t *testing.T) {
	d := Parse([]byte("intro\n# A\na\n## B\nb\n### C\nc\n## D\nd\n# E\n"))
	type ext struct {
		Title                 string
		Line, End, SubtreeEnd int
		Parent                int
	}
	var got []ext
	for _, s := range d.Sections {
		got = append(got, ext{s.Title, s.Line, s.End, s.SubtreeEnd, s.Parent})
	}
	want := []ext{
		{"", 1, 1, 1, -1},
		{"A", 2, 3, 9, -1},
		{"B", 4, 5, 7, 1},
		{"C", 6, 7, 7, 2},
		{"D", 8, 9, 9, 1},
		{"E", 10, 10, 10, -1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	if got, want := d.SectionOf(7), 3; got != want {
		t.Errorf("SectionOf(7) = %d, want %d", got, want)
	}
}

func TestParseTables(t *testing.T) {
	src := "# S\n| Data | Owner |\n|:--|--:|\n| orders | `Order` service |\n| a \\| b | x |\n\n```\n| x | y |\n| - | - |\n```\n"
	d := Parse([]byte(src))
	if len(d.Tables) != 1 {
		t.Fatalf("got %d tables, want 1", len(d.Tables))
	}
	tb := d.Tables[0]
	if diff := cmp.Diff([]string{"Data", "Owner"}, tb.Header); diff != "" {
		t.Errorf("header (-want +got):\n%s", diff)
	}
	want := []Row{{Line: 4, Cells: []string{"orders", "Order service"}}, {Line: 5, Cells: []string{"a | b", "x"}}}
	if diff := cmp.Diff(want, tb.Rows); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if tb.Section != 1 || tb.Line != 2 {
		t.Errorf("table at section %d line %d, want section 1 line 2", tb.Section, tb.Line)
	}
}

func TestSentences(t *testing.T) {
	d := Parse([]byte("# T\nFirst sentence\nwraps here. Second one;\nthird.\n\n- item one\n- item two\n\n| Col |\n| --- |\n| cell |\n"))
	var got []string
	for _, s := range d.sentences() {
		got = append(got, strings.Join([]string{s.Text, s.Column}, "|"))
	}
	want := []string{"First sentence wraps here.|", "Second one;|", "third.|", "item one|", "item two|", "cell|Col"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"# T\n## A\ntext\n",
		"Title\n===\n| a | b |\n|---|---|\n| 1 | 2 |\n",
		"```\n# x\n```\n---\n---\n",
		"---\nk: v\n---\n# H #\n",
		"| \\| |\n|-|\n|\\",
		"\r\r\n#\t\n~~~\n",
	} {
		f.Add([]byte(seed))
	}
	// The corpus documents hold every kind of figure, table and phrase
	// the rules read: good places to start mutating from.
	corpus, _ := filepath.Glob("testdata/corpus/*.md")
	for _, p := range corpus {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d := Parse(src)
		for i, s := range d.Sections {
			if s.Line < 1 || s.End < s.Line-1 || s.SubtreeEnd < s.End || s.Parent >= i {
				t.Fatalf("section %d = %+v is inconsistent", i, s)
			}
			if !utf8.ValidString(s.Title) {
				t.Fatalf("title %q is not UTF-8", s.Title)
			}
		}
		for l := 1; l <= len(d.Lines); l++ {
			if i := d.SectionOf(l); d.Sections[i].Line > l {
				t.Fatalf("line %d is in section %d starting at line %d", l, i, d.Sections[i].Line)
			}
		}
		// The whole review must not panic on any input either.
		r := Review(src, "fuzz.md")
		if len(r.Checklist) != len(checklist)+3 {
			t.Fatalf("checklist has %d items, want %d", len(r.Checklist), len(checklist)+3)
		}
	})
}

// TestDegenerateInput reviews large documents of one repeated shape; each
// would be quadratic somewhere if a rule looked back over the whole
// document for every line.
func TestDegenerateInput(t *testing.T) {
	const size = 128 << 10
	for name, unit := range map[string]string{
		"setext pairs":    "a\n-\n",
		"nested headings": "## b\n### c\n",
		"one long line":   "Kafka microservices shared database cache redis source of truth event only id every service publishes ",
		"ownerless rows":  "| Data | Owner |\n| --- | --- |\n| x | TBD |\n",
		"sentences":       "We use Kafka. Load is 5 events/s. ",
		"figures":         "1,000 rps 5k events/s 100M/month ",
		"fences":          "```\n",
		"list":            "- a\n",
		"empty sections":  "## Monitoring\n\nTBD\n\n",
	} {
		r := Review([]byte(strings.Repeat(unit, size/len(unit))), name)
		seen := map[string]int{}
		for _, f := range r.Findings {
			if seen[f.ID]++; seen[f.ID] > maxFor(f.ID) {
				t.Errorf("%s: more than %d findings %q", name, maxFor(f.ID), f.ID)
			}
		}
	}
}

// TestEvidence checks what is evidence: prose and cells, never link text,
// reading lists, code, headings or front matter.
func TestEvidence(t *testing.T) {
	src := "---\ntitle: Kafka everywhere\n---\n# Design\n\nWe use [Kafka](https://kafka.apache.org) for nothing; see https://example.com.\n\n" +
		"## Reading\n\n* [Microservices](https://example.com/ms)\n* [Sharding](https://example.com/sh)\n\n" +
		"```\nretry: 3\n```\n\nConversions:\n\n* 1 request per second = 2.5 million per month\n\n| Data | Owner |\n| --- | --- |\n| [orders](#o) | order service |\n"
	d := Parse([]byte(src))
	var got []string
	for _, s := range d.sentences() {
		got = append(got, strings.Join([]string{s.Text, s.Column, s.Lead}, "|"))
	}
	want := []string{
		"We use for nothing;||",
		"see .||",
		"Conversions:||",
		"1 request per second = 2.5 million per month||Conversions:",
		"order service|Owner|",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
	if rows := d.Tables[0].Rows; rows[0].Cells[0] != "orders" {
		t.Errorf("a cell keeps its link text as a name: got %q", rows[0].Cells[0])
	}
	for l := 1; l <= len(d.Lines); l++ {
		if e := d.Evidence(l); strings.Contains(e, "kafka") || strings.Contains(e, "microservices") || strings.Contains(e, "retry") || strings.Contains(e, "design") {
			t.Errorf("line %d holds %q as evidence", l, e)
		}
	}
}
