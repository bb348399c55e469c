package chat

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// figureID is the id of a figure of the design: C3 (a capacity tool's
// row), D1 (derived from rows), M2 (a capacity tool the model called).
var figureID = lazyre.New(`^[CDM]\d+$`)

// showFigure prints what a figure id the conversation cites means: its
// workload, quantity, value and formula, read from the document as shown.
func (c *Chat) showFigure(args []string) error {
	if len(args) != 1 || !figureID.MatchString(strings.ToUpper(args[0])) {
		return fmt.Errorf("give one figure id, e.g. /figure C3 (C: capacity, D: derived, M: computed in the conversation)")
	}
	id := strings.ToUpper(args[0])
	doc, err := c.design(c.scale)
	if err != nil {
		return err
	}
	line, ok := figureLine(doc, id)
	if !ok {
		return fmt.Errorf("the design has no figure %s; /design shows the Capacity table with every id", id)
	}
	fmt.Fprintln(c.results(), line)
	return nil
}

// figureLine finds a figure's row in the document and says it in two
// lines: "C8  browse: throughput: peak_per_second = 1,157.41/s" and its
// formula.
func figureLine(doc []byte, id string) (string, bool) {
	for _, line := range strings.Split(string(doc), "\n") {
		if !strings.HasPrefix(line, "| "+id+" |") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), " | ")
		// | id | workload | figure | value | formula |, with the horizon
		// after the id in the growth table.
		if len(cells) < 5 {
			continue
		}
		formula, value, figure := cells[len(cells)-1], cells[len(cells)-2], cells[len(cells)-3]
		over := strings.Join(cells[1:len(cells)-3], ", ")
		return fmt.Sprintf("%s  %s: %s = %s\n  %s", id, termsafe.Line(over), termsafe.Line(figure), termsafe.Line(value), termsafe.Line(formula)), true
	}
	return "", false
}

// citedRe finds the figure ids an answer cites: [C8], [M2], [C1, D3].
var citedRe = lazyre.New(`\b[CDM]\d+\b`)

// explainCited follows a model's answer with what each figure it cites
// is, so an id the person cannot see in the conversation is never bare.
func (c *Chat) explainCited(answer string) {
	ids := citedRe.FindAllString(answer, -1)
	if len(ids) == 0 || c.req.Title == "" {
		return
	}
	doc, err := c.design(c.scale)
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if line, ok := figureLine(doc, id); ok {
			fmt.Fprintln(c.conv, dim(line, c.opts.Style))
		}
	}
}
