package architect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/lazyre"
)

// Narrative is the model's prose for the document. Its numbers must be
// figures the tools produced; everything else comes from the typed Design.
type Narrative struct {
	ExecutiveSummary string      `json:"executive_summary" jsonschema:"two or three sentences: what is built and why this shape; cite figures by id"`
	Rationale        []Rationale `json:"rationale,omitempty" jsonschema:"why each component fits"`
	TradeOffs        []string    `json:"trade_offs,omitempty" jsonschema:"one trade-off each"`
	Risks            []Risk      `json:"risks,omitempty" jsonschema:"risks beyond sysarch's"`
	Overrides        []Override  `json:"overrides,omitempty" jsonschema:"decision-matrix choices to change, logged as decisions"`
}

// Rationale explains one component.
type Rationale struct {
	Need string `json:"need" jsonschema:"database, cache, queue, search, storage or events"`
	Text string `json:"text"`
}

// Risk is one risk the model adds.
type Risk struct {
	Risk       string `json:"risk"`
	Likelihood string `json:"likelihood" jsonschema:"low, medium or high"`
	Impact     string `json:"impact" jsonschema:"low, medium, high or critical"`
	Mitigation string `json:"mitigation"`
}

// Override replaces the decision matrix's choice for a need.
type Override struct {
	Need   string `json:"need"`
	Choice string `json:"choice" jsonschema:"the technology instead"`
	Reason string `json:"reason" jsonschema:"grounded in the requirements (team, infrastructure in place, constraints)"`
}

func (s *Session) submitTool() agent.Tool {
	t := agent.NewTool("submit_design",
		"Submit the narrative; sysarch renders the document from the design. Every number must be a figure of the design or of your capacity calls, cited by id.",
		func(_ context.Context, n Narrative) (accepted, error) { return s.submit(n) })
	t.Final = true
	return t
}

// accepted is the answer to a narrative that passed its checks.
type accepted struct {
	Status string `json:"status"`
	Next   string `json:"next"`
}

func (s *Session) submit(n Narrative) (accepted, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.draft == nil {
		return accepted{}, errors.New("call record_requirements first: the narrative describes a computed design")
	}
	needs := map[string]bool{}
	for _, c := range s.draft.Verdicts() {
		needs[c.Need] = true
	}
	for _, o := range append(slices.Clone(n.Overrides), Override{}) {
		if o == (Override{}) {
			continue
		}
		if !needs[o.Need] {
			return accepted{}, fmt.Errorf("override: the design has no %q component; it has: %s", o.Need, strings.Join(keys(needs), ", "))
		}
		if strings.TrimSpace(o.Reason) == "" || strings.TrimSpace(o.Choice) == "" {
			return accepted{}, fmt.Errorf("override of %s: give both choice and reason", o.Need)
		}
	}
	// The design as the model left it: its edits and its own figures.
	d, _, _, err := s.rebuild(*s.req, s.edits)
	if err != nil {
		return accepted{}, err
	}
	if unknown := unknownNumbers(n, d); len(unknown) > 0 {
		return accepted{}, fmt.Errorf("the narrative states numbers that no tool produced: %s; cite figures by their id (C1, D1, M1) or call a capacity tool first", strings.Join(unknown, ", "))
	}
	if claim, over := budgetClaim(narrativeTexts(n), d); claim != "" {
		return accepted{}, fmt.Errorf("the narrative says %q, but %s; say how the design relates to the budget, citing the figure", claim, over)
	}
	// The narrative may override components; the document it gives must
	// still agree with itself, like every design the engine returns.
	apply(d, n)
	if bad := d.Check(); len(bad) > 0 {
		var msgs []string
		for _, b := range bad {
			msgs = append(msgs, b.Rule+": "+b.Text)
		}
		return accepted{}, fmt.Errorf("with this narrative the document contradicts itself: %s; change the overrides or the text", strings.Join(msgs, "; "))
	}
	s.narrative = &n
	return accepted{Status: "accepted", Next: "sysarch renders the document now; no further calls are needed."}, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

var (
	numberRe = lazyre.New(`\d[\d,]*(?:\.\d+)?`)
	idRe     = lazyre.New(`\b[CDM]\d+\b`) // capacity ids, which are not figures
)

// unknownNumbers lists the numbers of the narrative that appear nowhere in
// the rendered draft, its capacity rows (the model's own among them) or
// the requirements, and the rates and counts that no row of their kind
// gives. Small counts (up to 12) and capacity ids pass.
func unknownNumbers(n Narrative, d *design.Design) []string {
	md, _ := design.RenderMarkdown(d)
	reqJSON, _ := json.Marshal(d.Requirements)
	known := map[string]bool{}
	for _, m := range numberRe.FindAllString(string(md)+" "+string(reqJSON)+" "+d.Requirements.Body, -1) {
		known[strings.ReplaceAll(m, ",", "")] = true
	}
	for _, r := range slices.Concat(d.Capacity, d.Derived) {
		// A figure may be restated rounded: 331.35 as 331.4 or 331.
		for _, prec := range []int{-1, 0, 1, 2} {
			known[strconv.FormatFloat(r.Value, 'f', prec, 64)] = true
		}
	}
	texts := narrativeTexts(n)
	var unknown []string
	for _, t := range texts {
		t = idRe.ReplaceAllString(t, "")
		for _, m := range numberRe.FindAllString(t, -1) {
			v := strings.TrimRight(strings.ReplaceAll(m, ",", ""), ".")
			if small, err := strconv.Atoi(v); known[v] || err == nil && small <= 12 || slices.Contains(unknown, m) {
				continue
			}
			unknown = append(unknown, m)
		}
	}
	for _, m := range slices.Concat(unmeasured(texts, d), unpriced(texts, d)) {
		if !slices.Contains(unknown, m) {
			unknown = append(unknown, m)
		}
	}
	return unknown
}

// narrativeTexts are the prose fields of a narrative, which the number
// check reads.
func narrativeTexts(n Narrative) []string {
	texts := append([]string{n.ExecutiveSummary}, n.TradeOffs...)
	for _, r := range n.Rationale {
		texts = append(texts, r.Text)
	}
	for _, r := range n.Risks {
		texts = append(texts, r.Risk, r.Mitigation)
	}
	return texts
}

// apply writes the narrative into the design: the summary, the reasons,
// the overrides (logged as decisions) and the extra risks.
func apply(d *design.Design, n Narrative) {
	if s := strings.TrimSpace(n.ExecutiveSummary); s != "" {
		d.ExecutiveSummary = s
	}
	for _, r := range n.Rationale {
		for i := range d.Components {
			if d.Components[i].Need == r.Need && d.Components[i].Source == design.SourceMatrix && strings.TrimSpace(r.Text) != "" {
				d.Components[i].Reason = strings.TrimSpace(d.Components[i].Reason + " " + r.Text)
			}
		}
	}
	for _, o := range n.Overrides {
		for i := range d.Components {
			c := &d.Components[i]
			if c.Need != o.Need || c.Source != design.SourceMatrix {
				continue // an override replaces a verdict of the matrix
			}
			d.Decisions = append(d.Decisions, design.Decision{
				Decision:  o.Need + " (override)",
				Options:   []string{c.Choice, o.Choice},
				Choice:    o.Choice,
				Reasoning: o.Reason + " (the decision matrix chose " + c.Choice + ": " + c.Threshold + ")",
			})
			// No verdict of the matrix made the override: its option
			// goes, so nothing that relied on the verdict's shape holds.
			c.Alternative, c.Choice, c.Option = c.Choice, o.Choice, ""
			c.Reason = o.Reason
		}
	}
	for i, t := range n.TradeOffs {
		// One row per trade-off, each under its own question: a list of
		// trade-offs is not one question decided twice.
		d.Decisions = append(d.Decisions, design.Decision{Question: fmt.Sprintf("trade-off %d", i+1), Decision: fmt.Sprintf("Trade-off %d", i+1), Choice: "accepted", Reasoning: t})
	}
	for _, r := range n.Risks {
		d.Risks = append(d.Risks, design.Risk{Risk: r.Risk, Likelihood: r.Likelihood, Impact: r.Impact, Mitigation: r.Mitigation})
	}
}
