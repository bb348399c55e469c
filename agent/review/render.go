package review

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteMarkdown writes the report as Markdown: a heading, the verdict
// with the counts per severity, the findings (most severe first) and the
// checklist as task items.
func WriteMarkdown(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Design review: %s\n\n", mdEscape(r.Document))
	if r.Title != "" {
		fmt.Fprintf(&b, "Document: %s\n\n", mdEscape(r.Title))
	}
	verdict := "**Passes**: no high-severity finding."
	if r.Failed() {
		verdict = "**Fails**: fix the high-severity findings first."
	}
	fmt.Fprintf(&b, "%s %d high, %d medium, %d low.\n\n", verdict, r.Summary.High, r.Summary.Medium, r.Summary.Low)
	if load := r.Scale.describe(); load != "" {
		fmt.Fprintf(&b, "Stated load: %s.\n\n", load)
	}
	if len(r.Archetypes) > 0 {
		fmt.Fprintf(&b, "Recognised as: %s.\n\n", strings.Join(r.Archetypes, ", "))
	}

	b.WriteString("## Findings\n\n")
	if len(r.Findings) == 0 {
		b.WriteString("None.\n\n")
	}
	for i, f := range r.Findings {
		fmt.Fprintf(&b, "### %d. %s: %s\n\n", i+1, strings.ToUpper(string(f.Severity)), mdEscape(f.Title))
		cat := f.Category
		if cat == "checklist" {
			cat = "quality checklist"
		}
		fmt.Fprintf(&b, "- **Where:** %s\n", mdEscape(f.Ref.String()))
		fmt.Fprintf(&b, "- **Rule:** `%s` (%s)\n", f.ID, cat)
		fmt.Fprintf(&b, "- **Problem:** %s\n", mdEscape(f.Detail))
		fmt.Fprintf(&b, "- **Fix:** %s\n\n", mdEscape(f.Fix))
	}

	met := 0
	for _, c := range r.Checklist {
		if c.OK {
			met++
		}
	}
	fmt.Fprintf(&b, "## Checklist\n\n%d of %d met.\n\n", met, len(r.Checklist))
	for _, c := range r.Checklist {
		box := " "
		if c.OK {
			box = "x"
		}
		fmt.Fprintf(&b, "- [%s] %s: %s\n", box, mdEscape(c.Item), mdEscape(c.Evidence))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, r Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// mdEscape keeps a quoted piece of the document on one line of the
// report. Nothing else is escaped: the report is read as plain text in a
// terminal as often as it is rendered.
func mdEscape(s string) string { return strings.Join(strings.Fields(s), " ") }
