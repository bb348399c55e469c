package requirements

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

func TestParseRequirementsForms(t *testing.T) {
	want := Requirements{
		Title:     "URL shortener",
		Workloads: []Workload{{Name: "create link", Kind: "write", Rate: quantity.Flow{Count: 1e8, Per: "month"}, ItemSize: 500}},
	}
	tests := []struct {
		name, in string
		body     string
	}{
		{"front.md", "---\ntitle: URL shortener\nworkloads:\n  - name: create link\n    kind: write\n    rate: 100M/month\n    item_size: 500B\n---\n\nShort links.\n", "Short links."},
		{"crlf.md", "\uFEFF---\r\ntitle: URL shortener\r\nworkloads:\r\n  - {name: create link, kind: write, rate: 100M/month, item_size: 500}\r\n---\r\n", ""},
		{"plain.yaml", "# comment\ntitle: URL shortener\nworkloads:\n  - name: create link\n    kind: write\n    rate: 100M/month\n    item_size: 500B\n", ""},
		{"-", "title: URL shortener\nworkloads: [{name: create link, kind: write, rate: 100M/month, item_size: 500B}]\n", ""},
		{"docstart.yml", "---\ntitle: URL shortener\nworkloads: [{name: create link, kind: write, rate: 100M/month, item_size: 500B}]\n", ""},
	}
	for _, tt := range tests {
		got, err := ParseRequirements([]byte(tt.in), tt.name)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		w := want
		w.Body = tt.body
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestParseRequirementsFull(t *testing.T) {
	in := `title: Orders
availability: 99.95%
users: {dau: 10M}
compliance: GDPR
constraints: {team: 3 backend engineers, budget: 2000 USD/month, existing: [PostgreSQL, AWS]}
growth: {6mo: 2x, 1y: 4}
features: {faceted_search: yes}
question: Event sourcing or CRUD for orders?
current:
  latency_p95_before: 250ms
  latency_p95_after: 0.9
  stages: {auth: 20ms, orders query: 610ms, render: 90ms}
  changes: [added recommendations widget]
`
	got, err := ParseRequirements([]byte(in), "orders.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := Requirements{
		Title:        "Orders",
		Availability: 0.9995,
		Users:        &Users{DAU: 1e7},
		Compliance:   []string{"GDPR"},
		Constraints:  &Constraints{Team: "3 backend engineers", Budget: "2000 USD/month", Existing: []string{"PostgreSQL", "AWS"}},
		Growth:       map[string]quantity.Factor{"6mo": 2, "1y": 4},
		Features:     &Features{FacetedSearch: true},
		Question:     "Event sourcing or CRUD for orders?",
		Current: &Current{
			LatencyP95Before: 0.25, LatencyP95After: 0.9,
			Stages:  capacity.Stages{{Name: "auth", Seconds: 0.02}, {Name: "orders query", Seconds: 0.61}, {Name: "render", Seconds: 0.09}},
			Changes: []string{"added recommendations widget"},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestParseRequirementsErrors(t *testing.T) {
	fm := func(yaml string) string { return "---\n" + yaml + "---\nSome prose.\n" }
	tests := []struct {
		name, in, want string
	}{
		{"r.md", "", "r.md is empty; write the requirements there, or start from the template 'sysarch init' prints"},
		{"r.md", " \n\t\n", "r.md is empty; write the requirements there, or start from the template 'sysarch init' prints"},
		{"r.yaml", "# nothing yet\n", "r.yaml holds only comments; write the requirements there, or start from the template 'sysarch init' prints"},
		{"r.md", "title: x\x00\n", "r.md is not text (it holds NUL bytes or invalid UTF-8); give a Markdown or YAML requirements file"},
		{"-", "title: \xff\xfe\n", "stdin is not text (it holds NUL bytes or invalid UTF-8); give a Markdown or YAML requirements file"},
		{"big.md", strings.Repeat("a", MaxRequirementsSize+1), "big.md is too large (1.0 MiB); a requirements file must be at most 1 MiB"},
		{"r.md", "---\ntitle: x\n", "r.md:1:1: the front matter opened here is never closed; end it with a line of ---"},
		{"r.md", fm("summary: no title\n"), "r.md:2:1: title: required: name the system, e.g. title: URL shortener"},
		{"r.yaml", "summary: no title\n", "r.yaml:1:1: title: required: name the system, e.g. title: URL shortener"},
		{"r.yaml", "- a\n- b\n", "r.yaml:1:1: expected a mapping with keys such as title, summary, functional, got a list"},
		{"r.md", "title: a: b\n", "r.md:1:9: invalid YAML: mapping values are not allowed in this context"},
		{"r.md", fm("title: x\n\tsummary: y\n"), "r.md:3:1: invalid YAML: found a tab character that violates indentation (indent with spaces, not tabs)"},
		{"r.md", fm("title: x\nworkloads:\n  - name: a\n    rate: 1/s\n   kind: read\n"), "r.md:6:4: invalid YAML: did not find expected '-' indicator"},
		{"r.md", "title: [a, b\nsummary: x\n", "r.md:1:8: invalid YAML: did not find expected ',' or ']'"},
		{"r.md", "title: x\n---\ntitle: y\n", "r.md:2:1: a second YAML document starts here; a requirements file holds one (remove the ---)"},
		{"r.md", "title: Claims\nworkloads: []\n---\n\n# Claims\n\nAbout 6,000 claims a month.\n", "r.md:1:1: the front matter has no opening ---: add a line of --- above this one (the --- on line 3 closes it)"},
		{"r.md", fm("title: x\ntitle: y\n"), "r.md:3:1: title: given twice (first on line 2); keep one"},
		{"r.md", fm("title: x\nworkloads:\n  - name: a\n  - name: b\n    ratee: 1/s\n"), `r.md:6:5: workloads[1].ratee: unknown key "ratee"; did you mean rate?`},
		{"r.md", fm("titel: x\n"), `r.md:2:1: titel: unknown key "titel"; did you mean title?`},
		{"r.md", fm("name: x\n"), `r.md:2:1: name: unknown key "name"; did you mean title?`},
		{"r.md", fm("title: x\nworkloads:\n  - name: a\n    type: read\n"), `r.md:5:5: workloads[0].type: unknown key "type"; did you mean kind?`},
		{"r.md", fm("title: x\nconstraints:\n  compliance: [GDPR]\n"), `r.md:4:3: constraints.compliance: "compliance" is a top-level key, not part of constraints; move it out to the top level`},
		{"r.md", fm("title: x\ndau: 10M\n"), `r.md:3:1: dau: unknown key "dau" here; did you mean users.dau?`},
		{"r.md", fm("title: x\nusers: {daily: 5}\n"), `r.md:3:9: users.daily: unknown key "daily"; the keys here are dau, mau, total`},
		{"r.md", fm("title: x\nworkloads:\n  - name: a\n    rate: fast\n"), `r.md:5:11: workloads[0].rate: expected a rate like 100M/month, 5k/min or 1M/s, got "fast" (no number)`},
		{"r.md", fm("title: x\nworkloads:\n  - {name: a, item_size: 5ms}\n"), `r.md:4:26: workloads[0].item_size: expected a size like 500B, 1.27KB or 2GiB, got "5ms" (that is a duration)`},
		{"r.md", fm("title: x\nusers: {dau: lots}\n"), `r.md:3:14: users.dau: expected a count like 10M, 4B or 1,000, got "lots" (no number)`},
		{"r.md", fm("title: x\ngrowth: {1y: fast}\n"), `r.md:3:14: growth.1y: expected a multiplier like 2, 2x or 1.5, got "fast" (no number)`},
		{"r.md", fm("title: x\ncurrent: {stages: {db: 1ms, app: slow}}\n"), `r.md:3:34: current.stages.app: expected a duration like 250ms, 5m or 3y, got "slow" (no number)`},
		{"r.md", fm("title: x\nworkloads:\n  - name: a\n    kind: writes\n"), `r.md:5:11: workloads[0].kind: expected one of read, write, event, message, search, job, got "writes"; did you mean write?`},
		{"r.md", fm("title: x\nworkloads:\n  - name: a\n    kind: stream\n"), `r.md:5:11: workloads[0].kind: expected one of read, write, event, message, search, job, got "stream"`},
		{"r.md", fm("title: x\nworkloads:\n  - kind: read\n"), `r.md:4:5: workloads[0].name: required: say what the flow is, e.g. name: create link`},
		{"r.md", fm("title: x\nworkloads: [{name: a}, {name: a}]\n"), `r.md:3:31: workloads[1].name: "a" is also the name of workloads[0]; give each workload its own name`},
		{"r.md", fm("title: x\nworkloads: [{name: a, peak_factor: 0.5}]\n"), `r.md:3:36: workloads[0].peak_factor: must be at least 1 (the peak over the average), got 0.5`},
		{"r.md", fm("title: x\nworkloads: [{name: a, rate: -5/s}]\n"), `r.md:3:29: workloads[0].rate: must not be negative, got -5`},
		{"r.md", fm("title: x\navailability: 99.9\n"), `r.md:3:15: availability: 99.9 is not between 0% and 100%; write a percentage like 99.9% or a fraction like 0.999`},
		{"r.md", fm("title: x\nworkloads: {a: 1}\n"), `r.md:3:12: workloads: expected a list, one item per line starting with "- ", got a mapping`},
		{"r.md", fm("title: x\nfeatures: {faceted_search: maybe}\n"), `r.md:3:28: features.faceted_search: expected true or false, got "maybe"`},
		{"r.md", fm("title: x\nfunctional:\n  - compute a run: gross, net\n"), `r.md:4:5: functional[0]: expected text, got a mapping: the ": " after "compute a run" splits the line; put the whole line in quotes`},
		{"r.md", fm("title: [x]\n"), `r.md:2:8: title: expected text, got a list`},
		{"", "title: x\nfoo: 1\n", `line 2, column 1: foo: unknown key "foo"; the keys here are title, summary, functional, workloads, users, availability, durability, compliance, constraints, growth, features, seconds_per_month, question, current, patterns, parameters`},
	}
	for _, tt := range tests {
		_, err := ParseRequirements([]byte(tt.in), tt.name)
		if err == nil {
			t.Errorf("%s %q: no error, want %q", tt.name, tt.in, tt.want)
			continue
		}
		if got := err.Error(); got != tt.want {
			t.Errorf("%s %q:\n got %s\nwant %s", tt.name, tt.in, got, tt.want)
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s %q: got %T, want *InputError", tt.name, tt.in, err)
		}
	}
}

func TestParseRequirementsProse(t *testing.T) {
	tests := []struct {
		in, title string
	}{
		{"# Mobile analytics\n\nProcess events.\n", "Mobile analytics"},
		{"Just some words, no heading.\n", ""},
		{"---\n# only a comment\n---\n# Heading ##\n\nText.\n", "Heading"},
		{"## Second level\n\n# First level\n", "First level"},
	}
	for _, tt := range tests {
		got, err := ParseRequirements([]byte(tt.in), "p.md")
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if got.Title != tt.title {
			t.Errorf("%q: title %q, want %q", tt.in, got.Title, tt.title)
		}
		if got.Body == "" {
			t.Errorf("%q: body lost", tt.in)
		}
	}
}

// TestParseRequirementsAliasBomb checks that nested aliases and merge
// keys cannot make the walker repeat work exponentially.
func TestParseRequirementsAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("title: x\nworkloads:\n  - &a0 {name: w, kind: read}\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "  - &a%d {<<: [*a%d, *a%d], name: w%d}\n", i, i-1, i-1, i)
	}
	_, err := ParseRequirements([]byte(b.String()), "bomb.yaml")
	if err == nil || !strings.Contains(err.Error(), "repeat their anchors too many times") {
		t.Errorf("got %v, want the alias limit", err)
	}
	// Ordinary reuse of an anchor is fine.
	ok := "title: x\nworkloads:\n  - &w {name: a, kind: read, rate: 5/s}\n  - {name: b, <<: *w}\n"
	r, err := ParseRequirements([]byte(ok), "ok.yaml")
	if err != nil || len(r.Workloads) != 2 || r.Workloads[1].Kind != "read" || r.Workloads[1].Name != "b" {
		t.Errorf("merge key: got %+v, %v", r.Workloads, err)
	}
}

func TestPatternsKeyIsChecked(t *testing.T) {
	_, err := ParseRequirements([]byte("title: x\npatterns: [leaderbord]\n"), "r.yaml")
	if err == nil || !strings.Contains(err.Error(), `unknown archetype "leaderbord"`) || !strings.Contains(err.Error(), "did you mean leaderboard?") {
		t.Errorf("err = %v, want an unknown-archetype error with a suggestion", err)
	}
	r, err := ParseRequirements([]byte("title: x\npatterns: [leaderboard, -chat]\nparameters: {players: 1M}\n"), "r.yaml")
	if err != nil || len(r.Patterns) != 2 || r.Parameters["players"] != "1M" {
		t.Errorf("got %+v, %v", r, err)
	}
}
