package prompts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePersona(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Persona
	}{
		{
			name: "minimal",
			in:   "---\nname: a\ndescription: d\n---\nbody\n",
			want: Persona{Name: "a", Description: "d", Body: "body\n"},
		},
		{
			name: "all fields, tools as a string, blank lines around the body",
			in:   "---\nname: arch\ndescription: when to use\nmodel: opus\ncolor: cyan\ntools: Read, Grep ,\n---\n\n\n# Title\n\ntext\n\n\n",
			want: Persona{Name: "arch", Description: "when to use", Model: "opus", Color: "cyan", Tools: []string{"Read", "Grep"}, Body: "# Title\n\ntext\n"},
		},
		{
			name: "tools as a list and unknown keys ignored",
			in:   "---\nname: a\ndescription: d\npermissionMode: plan\ntools:\n  - mcp__sysarch__throughput\n  - mcp__sysarch__storage\n---\nbody",
			want: Persona{Name: "a", Description: "d", Tools: []string{"mcp__sysarch__throughput", "mcp__sysarch__storage"}, Body: "body\n"},
		},
		{
			name: "CRLF line endings and a byte order mark",
			in:   "\uFEFF---\r\nname: a\r\ndescription: d\r\n---\r\nline one\r\nline two\r\n",
			want: Persona{Name: "a", Description: "d", Body: "line one\nline two\n"},
		},
		{
			name: "examples folded into the description",
			in:   "---\nname: a\ndescription: \"Use it for X.\\n\\n<example>\\nContext: c\\nuser: \\\"u\\\"\\nassistant: \\\"a\\\"\\n<commentary>why</commentary>\\n</example>\"\n---\nbody",
			want: Persona{Name: "a", Description: "Use it for X.", Examples: []Example{{Context: "c", User: "u", Assistant: "a", Commentary: "why"}}, Body: "body\n"},
		},
		{
			name: "examples as mappings",
			in:   "---\nname: a\ndescription: d\nexamples:\n  - context: c\n    user: u\n    assistant: a\n    commentary: why\n---\nbody",
			want: Persona{Name: "a", Description: "d", Examples: []Example{{Context: "c", User: "u", Assistant: "a", Commentary: "why"}}, Body: "body\n"},
		},
		{
			name: "examples as block text",
			in:   "---\nname: a\ndescription: d\nexamples:\n  - |\n    <example>\n    Context: c\n    user: \"u\"\n    assistant: \"a\"\n    <commentary>\n    why\n    </commentary>\n    </example>\n---\nbody",
			want: Persona{Name: "a", Description: "d", Examples: []Example{{Context: "c", User: "u", Assistant: "a", Commentary: "why"}}, Body: "body\n"},
		},
		{
			name: "loose examples block that is not valid YAML",
			in:   "---\nname: a\ndescription: d\nexamples:\n- <example>\n  Context: c\n  user: \"u\"\n  assistant: \"a\"\n</example>\nmodel: haiku\n---\nbody",
			want: Persona{Name: "a", Description: "d", Model: "haiku", Examples: []Example{{Context: "c", User: "u", Assistant: "a"}}, Body: "body\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePersona([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParsePersona: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePersona mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParsePersonaErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // a part of the error
	}{
		{"empty file", "", "no front matter"},
		{"plain Markdown", "# Title\n\ntext\n", "no front matter"},
		{"front matter not closed", "---\nname: a\ndescription: d\n", "front matter is not closed"},
		{"missing name", "---\ndescription: d\n---\nbody", "front matter has no name"},
		{"blank name", "---\nname: \"  \"\ndescription: d\n---\nbody", "front matter has no name"},
		{"missing description", "---\nname: a\n---\nbody", "front matter has no description"},
		{"empty front matter", "---\n---\nbody", "front matter has no name"},
		{"no body", "---\nname: a\ndescription: d\n---\n\n  \n", "persona has no body"},
		{"bad YAML names the file line", "---\nname: a\ndescription: d\nmodel: x\n  color: y\n---\nbody", "invalid YAML in front matter at line 5"},
		{"duplicate key", "---\nname: a\nname: b\ndescription: d\n---\nbody", "invalid YAML in front matter at line 3"},
		{"colon in a plain value", "---\nname: a\ndescription: use it: now\n---\nbody", "invalid YAML in front matter at line 3"},
		{"wrong type names the file line", "---\nname: a\ndescription:\n  nested: map\n---\nbody", "invalid YAML in front matter at line 4"},
		{"not a mapping", "---\njust words\n---\nbody", "front matter must be `key: value` lines"},
		{"tools as a mapping", "---\nname: a\ndescription: d\ntools:\n  a: b\n---\nbody", "tools must be"},
		{"examples as a mapping", "---\nname: a\ndescription: d\nexamples:\n  a: b\n---\nbody", "examples at line 5 must be a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParsePersona([]byte(tt.in))
			if err == nil {
				t.Fatalf("ParsePersona succeeded, want an error containing %q", tt.want)
			}
			got := err.Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("error = %q, want it to contain %q", got, tt.want)
			}
			if strings.Contains(got, "\n") {
				t.Errorf("error spans several lines: %q", got)
			}
		})
	}
}

func TestLoadPersonaSeed(t *testing.T) {
	p, err := LoadPersona(filepath.Join("testdata", "system-designer2.md"))
	if err != nil {
		t.Fatalf("LoadPersona: %v", err)
	}
	if p.Name != "system-designer2" || p.Model != "opus" || p.Color != "purple" {
		t.Errorf("name, model, color = %q, %q, %q; want system-designer2, opus, purple", p.Name, p.Model, p.Color)
	}
	if !strings.HasPrefix(p.Description, "Elite system architect") {
		t.Errorf("description = %q, want the seed's", p.Description)
	}
	want := Example{
		Context:    "Fix performance degradation",
		User:       "API p95 jumped from 250ms to 900ms after new features",
		Assistant:  "Engaging sysarch-op41 to analyze hot paths and identify bottlenecks",
		Commentary: "Performance analysis requiring deep architectural understanding",
	}
	if len(p.Examples) != 3 {
		t.Fatalf("got %d examples, want 3", len(p.Examples))
	}
	if diff := cmp.Diff(want, p.Examples[1]); diff != "" {
		t.Errorf("second example mismatch (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(p.Body, "# System Architecture & Design Expert\n") {
		t.Errorf("body starts %q, want the seed's title", p.Body[:40])
	}
}

func TestLoadPersonaUnreadable(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		path string
		want string
	}{
		{"missing file", filepath.Join(dir, "nope.md"), "cannot read persona file"},
		{"a directory", dir, "cannot read persona file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadPersona(tt.path)
			if err == nil {
				t.Fatal("LoadPersona succeeded, want an error")
			}
			got := err.Error()
			if !strings.Contains(got, tt.want) || !strings.Contains(got, tt.path) {
				t.Errorf("error = %q, want %q and the path", got, tt.want)
			}
			if strings.Contains(got, "\n") {
				t.Errorf("error spans several lines: %q", got)
			}
		})
	}
}

func TestLoadPersonaNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.md")
	if err := os.WriteFile(path, []byte("---\ndescription: d\n---\nbody"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadPersona(path)
	if err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "no name") {
		t.Errorf("error = %v, want the path and the missing name", err)
	}
}

func TestExampleTextRoundTrip(t *testing.T) {
	want := Example{Context: "c", User: "u", Assistant: "a", Commentary: "why"}
	got := ParseExample(want.Text())
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ParseExample(Text()) mismatch (-want +got):\n%s", diff)
	}
}
