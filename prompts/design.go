package prompts

// The design document's template is embedded here beside the persona.

import _ "embed"

//go:embed design.md.tmpl
var designTemplate string

// DesignTemplate returns the text/template that renders a design as
// Markdown. Its data is a *design.Design.
func DesignTemplate() string { return designTemplate }
