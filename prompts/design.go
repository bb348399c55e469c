// Package prompts holds the texts sysarch ships inside its binary: the
// persona and phase prompts, and the template of the design document.
package prompts

import _ "embed"

//go:embed design.md.tmpl
var designTemplate string

// DesignTemplate returns the text/template that renders a design as
// Markdown. Its data is a *design.Design.
func DesignTemplate() string { return designTemplate }
