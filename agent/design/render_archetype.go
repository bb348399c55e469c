package design

import (
	"bytes"
	_ "embed"
	"fmt"
	"maps"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/sysarch/sysarch/agent/patterns"
)

//go:embed archetype.md.tmpl
var archetypeTemplateText string

// ownWords renders an archetype's recognition words without their
// weights ("news feed^2" is "news feed").
func ownWords(ws []string) string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i], _, _ = strings.Cut(w, "^")
	}
	return strings.Join(out, ", ")
}

var archetypeTemplate = sync.OnceValues(func() (*texttemplate.Template, error) {
	funcs := maps.Clone(templateFuncs)
	funcs["phrases"] = ownWords
	funcs["inputs"] = func(in patterns.Inputs) string {
		var parts []string
		for _, x := range in {
			parts = append(parts, x.Name+" = "+x.Value)
		}
		return strings.Join(parts, ", ")
	}
	return texttemplate.New("archetype.md").Funcs(funcs).Parse(archetypeTemplateText)
})

// RenderArchetype renders one archetype of the catalogue as Markdown, for
// `sysarch patterns ID`.
func RenderArchetype(a *patterns.Archetype) ([]byte, error) {
	t, err := archetypeTemplate()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, a); err != nil {
		return nil, fmt.Errorf("render archetype %s: %w", a.ID, err)
	}
	return buf.Bytes(), nil
}

// RenderCatalogue renders the list of archetypes as a Markdown table.
func RenderCatalogue(list []ArchetypeBrief) []byte {
	var b strings.Builder
	b.WriteString("# Archetypes\n\nsysarch recognises these problems in requirements and designs around their mechanism. `sysarch patterns ID` shows one in full; `patterns: [ID, -ID]` in a requirements file forces or excludes one.\n\n| ID | Archetype | Mechanism |\n| --- | --- | --- |\n")
	for _, a := range list {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", a.ID, cell(a.Name), cell(a.Mechanism))
	}
	return []byte(b.String())
}
