package prompts

import (
	"os"
	"strings"
	"testing"
)

// FuzzParsePersona checks that ParsePersona never panics, that every error
// is one line, and that a parsed persona has what it promises.
func FuzzParsePersona(f *testing.F) {
	f.Add(BuiltinSource())
	if seed, err := os.ReadFile("testdata/system-designer2.md"); err == nil {
		f.Add(seed)
	}
	for _, s := range []string{
		"",
		"---",
		"---\n---\n",
		"---\nname: a\ndescription: d\n---\nbody",
		"---\nname: a\ndescription: d\nexamples:\n- <example>\n  user: x: y\n</example>\n---\nb",
		"---\nname: a\ndescription: \"x <example>user: u</example> <example>\"\n---\nb",
		"---\nexamples: [<example>]\ntools: {a: b}\n---\n",
		"\uFEFF---\r\nname: a\r\n---\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePersona(data)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
			return
		}
		if strings.TrimSpace(p.Name) == "" || p.Description == "" || strings.TrimSpace(p.Body) == "" {
			t.Errorf("parsed persona lacks a name, description or body: %+v", p)
		}
	})
}
