package patterns

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestEveryFileIsValid parses each embedded file on its own, so one broken
// file does not hide the problems of the others.
func TestEveryFileIsValid(t *testing.T) {
	names, err := fs.Glob(dataFS, "data/*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no data files: %v", err)
	}
	for _, name := range names {
		t.Run(path.Base(name), func(t *testing.T) {
			b, err := fs.ReadFile(dataFS, name)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := parseArchetype(b); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestEveryStepSaysWhereItRuns holds the catalogue the binary carries
// (the generated values, not only the files) to steps placed by on:.
func TestEveryStepSaysWhereItRuns(t *testing.T) {
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range c.all {
		for i, st := range a.Steps {
			if st.On == "" {
				t.Errorf("%s: data_flow[%d] %q says no on", a.ID, i, st.Step)
			} else if !slices.Contains(workloadKinds, st.On) && !a.hasComponent(st.On) {
				t.Errorf("%s: data_flow[%d] runs on %q, neither a workload kind nor one of its components", a.ID, i, st.On)
			}
		}
	}
}

func TestCatalogueLoads(t *testing.T) {
	c, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(c.all); got < 22 {
		t.Errorf("catalogue has %d archetypes, want at least 22", got)
	}
	ids := IDs()
	if !slices.IsSorted(ids) {
		t.Errorf("IDs() not sorted: %v", ids)
	}
	if len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Errorf("duplicate IDs: %v", ids)
	}
	for _, id := range ids {
		if a, ok := Get(id); !ok || a.ID != id {
			t.Errorf("Get(%q) = %v, %v", id, a, ok)
		}
	}
	if _, ok := Get("no-such-archetype"); ok {
		t.Error("Get of an unknown id succeeded")
	}
}

// TestDepth holds every entry to the depth a design needs from it.
func TestDepth(t *testing.T) {
	for _, a := range All() {
		t.Run(a.ID, func(t *testing.T) {
			if n := len(a.Components); n < 2 {
				t.Errorf("%d components, want at least 2", n)
			}
			if n := len(a.State); n < 2 {
				t.Errorf("%d state rows, want at least 2", n)
			}
			derived := 0
			for _, s := range a.State {
				if s.DerivedFrom != "" {
					derived++
				}
			}
			if derived == 0 {
				t.Error("no derived state: name what the mechanism computes from its source of truth")
			}
			if n := len(a.Failures); n < 2 {
				t.Errorf("%d failures, want at least 2", n)
			}
			if len(a.Decisions) == 0 || len(a.Decisions[0].Options) < 2 {
				t.Error("want a decision with at least 2 options")
			}
			if len(a.Questions) == 0 || len(a.Sources) == 0 {
				t.Error("want at least one question and one source")
			}
			if len(a.Figures) == 0 {
				t.Error("no capacity figures")
			}
			if n := strings.Count(a.Mechanism, ". "); n < 1 || n > 9 {
				t.Errorf("mechanism has %d sentence breaks, want a short paragraph", n)
			}
			if len(a.Recognise.Strong) == 0 {
				t.Error("no strong phrase")
			}
		})
	}
}

func TestParseRejects(t *testing.T) {
	good, err := fs.ReadFile(dataFS, "data/leaderboard.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown key", "mechanism:", "mechanizm: x\nmechanism:", "mechanizm"},
		{"unknown recognise key", "  kinds: [write, read]", "  kind: [write, read]", "field kind not found in recognise"},
		{"bad class", "class: hot,", "class: warmish,", `class "warmish"`},
		{"choice not an option", "choice: Redis sorted sets", "choice: Memcached", "not one of the options"},
		{"unknown reference", "$param.players", "$param.gamers", "names no parameter"},
		{"bad reference", "count: $peak.write", "count: $peak.writes", "unknown reference"},
		{"bad literal", `peak_factor: "1"`, `peak_factor: "three"`, "neither a reference nor a quantity"},
		{"bad measured_by", "outputs: [peak_per_second]\n", "outputs: [peak_per_second]\n    measured_by: {kinds: write}\n", "field kinds not found"},
		{"measured_by without words", "outputs: [peak_per_second]\n", "outputs: [peak_per_second]\n    measured_by: {kind: writes}\n", "measured_by needs a kind"},
		{"bad weight", "high score^2,", "high score^x,", "weight"},
		{"inexact weight", "high score^2,", "high score^0.3,", "multiple of 0.25"},
		{"bad probability", "probability: Low", "probability: Rare", `probability "Rare"`},
		{"bad hot path kind", "kind: write\n", "kind: writes\n", `kind "writes"`},
		{"bad default", "default: 1M,", "default: lots,", "does not read as its unit"},
		{"size default in a count unit", "default: 1M,", "default: 1KB,", "that is a size"},
		{"step without on", `  - {on: write, step: "The game server posts`, `  - {step: "The game server posts`, "on is required"},
		{"step as plain text", `  - {on: write, step: "The game server posts a score with the match id as idempotency key."}`, `  - The game server posts a score with the match id as idempotency key.`, "on is required"},
		{"step on no part", `  - {on: write, step: "The game server posts`, `  - {on: Score cache, step: "The game server posts`, `on "Score cache" is neither`},
		{"bad at_scale", "    refines: db\n", "    refines: db\n    at_scale: sideways\n", `at_scale "sideways" is neither`},
		{"sharded not a store", "    kind: in-memory\n", "    kind: in-memory\n    at_scale: sharded\n", "at_scale sharded is for a store that refines db"},
		{"second document", "sources:", "sources: [x]\n---\nsources:", "second YAML document"},
		{"no defining phrase", "  defining: [ranking of players^2, top players^2, high score^2, player rank^2, scoreboard^2, own rank^3, own position^3, rank among^3, global rank^3, top scores^3, best score^2, rank of each player^3, your position^3, your rank^3]\n", "", "recognise needs defining phrases"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(good), tt.old, tt.new, 1)
			if src == string(good) {
				t.Fatalf("test edit %q not found in leaderboard.yaml", tt.old)
			}
			_, err := parseArchetype([]byte(src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestParseFSRejectsMismatchedNames(t *testing.T) {
	good, err := fs.ReadFile(dataFS, "data/leaderboard.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"d/scores.yaml": {Data: good}}
	if _, err := parseFS(fsys, "d"); err == nil || !strings.Contains(err.Error(), "must match the file name") {
		t.Errorf("err = %v, want a file-name mismatch", err)
	}
	if _, err := parseFS(fstest.MapFS{}, "d"); err == nil {
		t.Error("an empty catalogue loaded")
	}
}

// BenchmarkLoad measures what the first use of the catalogue costs in
// the binary: building the generated archetypes and compiling the
// matcher.
// BenchmarkLoad measures what a process pays to load the catalogue the
// first time (what load runs once): the generated data is read where it
// lies.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if c := newCatalogue(); c.matcher.set.Len() != len(c.matcher.phrases) {
			b.Fatal("the table and the cues disagree")
		}
	}
}

// BenchmarkLoadSplitting measures what loading cost when the phrases were
// split into words and indexed at run time, from the Go values.
func BenchmarkLoadSplitting(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		compile(catalogueData)
	}
}

// BenchmarkParseYAML measures what loading cost when every process parsed
// and validated data/*.yaml (the tests still do).
func BenchmarkParseYAML(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		as, err := parseFS(dataFS, "data")
		if err != nil {
			b.Fatal(err)
		}
		compile(as)
	}
}

// TestAbsorbs checks the flows archetypes take off the database: the
// rate limiter's checks, a dispatch system's driver positions.
func TestAbsorbs(t *testing.T) {
	for _, c := range []struct {
		id, kind, name string
		want           bool
	}{
		{"rate-limiter", "read", "check limit", true},
		{"rate-limiter", "write", "change plan limits", false},
		{"ride-dispatch", "write", "driver location update", true},
		{"ride-dispatch", "write", "request ride", false},
		{"time-series", "event", "ingest samples", true},
		{"leaderboard", "read", "view standings", true},
		{"leaderboard", "read", "my rank", true},
		{"leaderboard", "read", "top 100 players", true},
		{"leaderboard", "write", "submit score", true}, // also: the log keeps it, the boards are updated
		{"leaderboard", "read", "view profile", false},
		{"leaderboard", "write", "log run", true},
		{"leaderboard", "write", "edit profile", false},
		{"autocomplete", "read", "suggest parts", true},
		{"autocomplete", "search", "typeahead on city names", true},
		{"autocomplete", "read", "complete what they typed so far as they type", true},
		{"autocomplete", "read", "view completed orders", false},
		{"reservations", "read", "view seat map", true},
		{"reservations", "read", "check availability", true},
		{"reservations", "write", "hold seats", false},
		{"reservations", "write", "join the queue", true},
		{"reservations", "read", "queue position", true},
		{"collaborative-editing", "message", "apply edit", true},
		{"collaborative-editing", "message", "broadcast cursor", true},
		{"collaborative-editing", "read", "open document", false},
		{"auth-sessions", "read", "validate session", true},
		{"auth-sessions", "read", "authenticate request", true},
		{"auth-sessions", "write", "login", false},
		{"social-graph", "search", "shortest path", true},
		{"social-graph", "read", "degrees of separation", true},
		{"social-graph", "read", "people you may know", true},
		{"social-graph", "write", "add friend", false},
		{"geo-search", "search", "find nearby stations", true},
		{"geo-search", "read", "closest clinics", true},
		{"geo-search", "search", "search station names", false},
		{"geo-search", "write", "update station status", false},
	} {
		a, ok := Get(c.id)
		if !ok {
			t.Fatalf("no archetype %s", c.id)
		}
		got := false
		for _, ab := range a.Absorbs {
			got = got || ab.Takes(c.kind, c.name)
		}
		if got != c.want {
			t.Errorf("%s takes %s %q = %v, want %v", c.id, c.kind, c.name, got, c.want)
		}
	}
}

// TestPartCoversNameParts checks that every component and state a part
// covers is one of another archetype's, by its exact name.
func TestPartCoversNameParts(t *testing.T) {
	for _, a := range All() {
		check := func(what, ref string, has func(*Archetype, string) bool) {
			id, name, ok := strings.Cut(ref, "/")
			o, found := Get(id)
			if !ok || !found || id == a.ID || !has(o, name) {
				t.Errorf("%s: %s covers %q, which is not ARCHETYPE/name of another archetype's %s", a.ID, what, ref, what)
			}
		}
		for _, c := range a.Components {
			for _, ref := range c.Covers {
				if id, ok := strings.CutPrefix(ref, "functional/"); ok {
					if !slices.ContainsFunc(Functional().Implications, func(im Implication) bool { return im.ID == id }) {
						t.Errorf("%s: component %q covers %q, which is no implication of functional.yaml", a.ID, c.Name, ref)
					}
					continue
				}
				check("component", ref, func(o *Archetype, n string) bool {
					return slices.ContainsFunc(o.Components, func(oc Component) bool { return oc.Name == n })
				})
			}
		}
		for _, s := range a.State {
			for _, ref := range s.Covers {
				check("state", ref, func(o *Archetype, n string) bool {
					return slices.ContainsFunc(o.State, func(os State) bool { return os.Name == n })
				})
			}
		}
	}
}

// TestCoversNameArchetypes checks that every covered id exists and that a
// covering archetype drops the covered one from the matches.
func TestCoversNameArchetypes(t *testing.T) {
	for _, a := range All() {
		for _, id := range a.Covers {
			if _, ok := Get(id); !ok || id == a.ID {
				t.Errorf("%s covers %q, which is not another archetype", a.ID, id)
			}
		}
	}
	in := Input{Title: "File sync", Functional: []string{"upload a file from any device"},
		Workloads: []WorkloadInput{{Name: "upload file change", Kind: "write", ItemBytes: 2e6}}}
	for _, m := range MatchAll(in) {
		if m.Archetype.ID == "paste-storage" {
			t.Errorf("paste-storage matched beside file-sync, which covers it")
		}
	}
}
