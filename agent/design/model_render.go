package design

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// tier is a row of the diagrams: the parts of some kinds, named.
type tier struct {
	id, title string
	kinds     []string
}

// tiers order the diagrams top to bottom: who calls first, what keeps
// state last, the providers outside at the bottom.
var tiers = []tier{
	{"clients", "Clients", []string{"client"}},
	{"edge", "Edge", []string{"edge"}},
	{"services", "Services", []string{"service", "in-process"}},
	{"async", "Queues and workers", []string{"queue", "worker"}},
	{"state", "State", []string{"store", "in-memory", "cache", "index", "object-storage"}},
	{"external", "External services", []string{"external"}},
}

// byTier groups the model's parts by tier, in the model's order.
func (m *Model) byTier() [][]ModelComponent {
	out := make([][]ModelComponent, len(tiers))
	for _, c := range m.Components {
		for i, t := range tiers {
			if slices.Contains(t.kinds, c.Kind) {
				out[i] = append(out[i], c)
			}
		}
	}
	return out
}

// mermaidShapes are the opening and closing of a node of each kind.
var mermaidShapes = map[string][2]string{
	"client": {"([", "])"}, "store": {"[(", ")]"}, "in-memory": {"[(", ")]"}, "cache": {"[(", ")]"},
	"index": {"[(", ")]"}, "object-storage": {"[(", ")]"}, "queue": {"[[", "]]"}, "in-process": {"(", ")"},
	"external": {"{{", "}}"},
}

// mermaid writes the model as a flowchart with one subgraph a tier, so a
// design of thirty parts still reads top to bottom.
func (m *Model) mermaid() string {
	var sb strings.Builder
	sb.WriteString("flowchart TD\n")
	for i, parts := range m.byTier() {
		if len(parts) == 0 {
			continue
		}
		fmt.Fprintf(&sb, "    subgraph tier_%s[\"%s\"]\n", tiers[i].id, tiers[i].title)
		for _, c := range parts {
			s, ok := mermaidShapes[c.Kind]
			if !ok {
				s = [2]string{"[", "]"}
			}
			fmt.Fprintf(&sb, "        %s%s\"%s\"%s\n", c.ID, s[0], mermaidText(c.label()), s[1])
		}
		sb.WriteString("    end\n")
	}
	for _, l := range m.Links {
		arrow := "-->"
		if l.InProcess {
			arrow = "-.->"
		}
		if l.Label == "" {
			fmt.Fprintf(&sb, "    %s %s %s\n", l.From, arrow, l.To)
		} else {
			fmt.Fprintf(&sb, "    %s %s|%s| %s\n", l.From, arrow, mermaidText(l.Label), l.To)
		}
	}
	return sb.String()
}

// label is what a part's box says: its name, with the technology when the
// engine named the part by it.
func (c ModelComponent) label() string { return c.Name }

// mermaidText keeps a label inside Mermaid's quotes and edge bars.
func mermaidText(s string) string { return mermaidEscapes.Replace(s) }

// mermaidEscapes is built once, on its first use, not for every label.
var mermaidEscapes = strings.NewReplacer(`"`, "#quot;", "|", "/", "\n", " ", "[", "(", "]", ")", "{", "(", "}", ")", ";", ",")

// kindRoles say what a part of each kind is when its own role is too long
// for a box.
var kindRoles = map[string]string{
	"client": "on the device", "edge": "edge", "service": "service", "worker": "workers",
	"in-process": "in process", "store": "store", "in-memory": "in-memory store", "cache": "cache",
	"index": "index", "queue": "queue or log", "object-storage": "object storage", "external": "provider",
}

// maxBoxRole is the longest role a box shows whole.
const maxBoxRole = 28

// boxWidth is the width a row of boxes wraps at.
const boxWidth = 96

// boxes draws the model for a terminal: each tier a titled row of boxes
// (wrapped to fit), then every link, so nothing the Mermaid chart shows is
// missing from the text.
func (m *Model) boxes() string {
	var sb strings.Builder
	first := true
	for i, parts := range m.byTier() {
		if len(parts) == 0 {
			continue
		}
		if !first {
			sb.WriteString("        │\n        ▼\n")
		}
		first = false
		sb.WriteString(tiers[i].title + "\n")
		var nodes []node
		for _, c := range parts {
			role := c.Role
			if utf8.RuneCountInString(role) > maxBoxRole || role == "" {
				role = kindRoles[c.Kind]
			}
			if c.Existing {
				role += " (existing)"
			}
			nodes = append(nodes, node{id: c.ID, label: c.Name, role: role})
		}
		for _, row := range wrapBoxes(nodes) {
			for _, line := range boxRow(row) {
				sb.WriteString(strings.TrimRight(line, " ") + "\n")
			}
		}
	}
	if len(m.Links) > 0 {
		sb.WriteString("\nLinks:\n")
		for _, l := range m.Links {
			label := l.Label
			if label != "" {
				label = " (" + label + ")"
			}
			fmt.Fprintf(&sb, "  %s → %s%s\n", m.name(l.From), m.name(l.To), label)
		}
	}
	return sb.String()
}

// wrapBoxes splits a tier's boxes into rows no wider than boxWidth.
func wrapBoxes(nodes []node) [][]node {
	var rows [][]node
	var row []node
	width := 0
	for _, n := range nodes {
		w := max(utf8.RuneCountInString(n.label), utf8.RuneCountInString(n.role)) + 4
		if len(row) > 0 && width+w > boxWidth {
			rows = append(rows, row)
			row, width = nil, 0
		}
		row = append(row, n)
		width += w
	}
	return append(rows, row)
}

// name is a part's name by its id.
func (m *Model) name(id string) string {
	for _, c := range m.Components {
		if c.ID == id {
			return c.Name
		}
	}
	return id
}

// flowLabels lead each kind of flow's step in the Data Flow.
var flowLabels = map[string]string{"read": "Reads", "write": "Writes", "file": "Files", "search": "Searches",
	"job": "Background", "event": "Events", "message": "Messages", "mechanism": "Mechanism"}

// path is a flow's path as the names of its parts, joined by arrows.
func (m *Model) path(f Flow) string {
	hops := make([]string, len(f.Path))
	for i, id := range f.Path {
		hops[i] = m.name(id)
	}
	return strings.Join(hops, " → ")
}

// step is the Data Flow step of one flow: what it carries, its path
// through the parts by name, and what happens along it; the mechanism's
// steps follow as a nested list.
func (m *Model) step(f Flow) string {
	label := flowLabels[f.Kind]
	if label == "" {
		label = title(f.Kind)
	}
	if len(f.Workloads) > 0 {
		quoted := make([]string, len(f.Workloads))
		for i, w := range f.Workloads {
			quoted[i] = fmt.Sprintf("%q", w)
		}
		label += " (" + strings.Join(quoted, ", ") + ")"
	}
	s := label + ": " + m.path(f)
	if f.StoreOfRecord != "" && f.Kind == "write" && f.Path[len(f.Path)-1] != f.StoreOfRecord {
		s += "; kept in " + m.name(f.StoreOfRecord)
	}
	if f.Detail != "" {
		s += " — " + f.Detail
	}
	s += "."
	for i, st := range f.Mechanism {
		if i == 0 || f.Mechanism[i-1].Pattern != st.Pattern {
			s += "\n   - " + st.Pattern + ":"
		}
		s += "\n     - " + st.Step
	}
	return s
}

// steps are the numbered Data Flow steps, one per flow, in the order the
// flows were laid out.
func (m *Model) steps() []string {
	steps := []string{}
	for _, f := range append(slices.Clone(m.Flows), m.Unrouted...) {
		steps = append(steps, fmt.Sprintf("%d. %s", len(steps)+1, m.step(f)))
	}
	return steps
}
