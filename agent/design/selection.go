package design

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// SelectionAnalysis weighs the options of a technology question against
// the requirements.
type SelectionAnalysis struct {
	Question string `json:"question"`
	// Topic names the trade-off recognised; empty when sysarch has no
	// offline knowledge of it (the question is then an open question).
	Topic          string      `json:"topic"`
	Options        []string    `json:"options"`
	Criteria       []Criterion `json:"criteria"`
	Recommendation string      `json:"recommendation"`
	Reasoning      []string    `json:"reasoning"`
	Revisit        string      `json:"revisit"`
}

// Criterion is one row of the trade-off table: how each option fares.
type Criterion struct {
	Name string `json:"name"`
	// Ratings are in the order of Options.
	Ratings []string `json:"ratings"`
	// Favors names the option this criterion favours for these
	// requirements, or "tie".
	Favors string `json:"favors"`
}

// topic is a trade-off sysarch knows offline.
type topic struct {
	name    string
	match   func(q string) bool
	options []string
	weigh   func(b *builder, fig figures, vd *verdicts, s *SelectionAnalysis)
}

func (b *builder) selection(fig figures, vd *verdicts) {
	q := strings.TrimSpace(b.req.Question)
	s := &SelectionAnalysis{Question: q, Options: []string{}, Criteria: []Criterion{}, Reasoning: []string{}}
	b.d.Selection = s
	lq := strings.ToLower(q)
	for _, t := range topics {
		if t.match(lq) {
			s.Topic, s.Options = t.name, t.options
			t.weigh(b, fig, vd, s)
			b.decide(qSelection, q, s.Options, s.Recommendation, strings.Join(s.Reasoning, " "))
			return
		}
	}
	s.Criteria = genericCriteria()
	b.ask("%s: sysarch has no offline knowledge of this trade-off. Score each option on operational burden, years in production, scaling ceiling, team knowledge and total cost; the simpler option wins ties.", q)
}

// genericCriteria is the component evaluation framework, unrated.
func genericCriteria() []Criterion {
	var cs []Criterion
	for _, n := range []string{"operational complexity", "battle-tested years", "scaling ceiling", "team knowledge", "total cost including operations"} {
		cs = append(cs, Criterion{Name: n, Ratings: []string{}, Favors: "to assess"})
	}
	return cs
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

func (s *SelectionAnalysis) rate(name, favors string, ratings ...string) {
	s.Criteria = append(s.Criteria, Criterion{Name: name, Ratings: ratings, Favors: favors})
}

func (s *SelectionAnalysis) reason(format string, args ...any) {
	s.Reasoning = append(s.Reasoning, fmt.Sprintf(format, args...))
}

var digitsRe = lazyre.New(`\d+`)

// teamSize reads the number of engineers from the team constraint: "3
// backend engineers" is 3; 0 when none is given.
func (b *builder) teamSize() int {
	if b.req.Constraints == nil {
		return 0
	}
	m := digitsRe.FindString(b.req.Constraints.Team)
	n, _ := strconv.Atoi(m)
	return n
}

// teamClause describes the team for a sentence, or asks for it.
func (b *builder) teamClause() string {
	if b.req.Constraints == nil || b.req.Constraints.Team == "" {
		b.ask("Who will build and run this (team size and experience)? The trade-off leans on it.")
		return "a team of unknown size"
	}
	return "a team of " + b.req.Constraints.Team
}

// writeClause cites the peak write rate, or says it is unknown.
func (b *builder) writeClause(fig figures) string {
	if fig.writes.Ref == "" {
		return "no write rate given"
	}
	return fmt.Sprintf("peak writes of %s/s [%s]", formatNum(fig.writes.Value), fig.writes.Ref)
}

// wantsHistory says whether the requirements ask for replay or history.
func (b *builder) wantsHistory() bool {
	text := strings.ToLower(strings.Join(append(append([]string{b.req.Body, b.req.Durability}, b.req.Functional...), b.req.Compliance...), " "))
	return containsAny(text, "replay", "temporal", "point in time", "point-in-time", "as of", "reconstruct", "rebuild state", "full history", "every change")
}

// headroom reports the write headroom in PostgreSQL's terms.
func headroom(writes figure) string {
	switch {
	case writes.Ref == "":
		return "unknown"
	case writes.Value > capacity.DatabaseWritesPerSecond:
		return "above what one PostgreSQL primary takes"
	case writes.Value > capacity.PostgresEasyWrites:
		return "within PostgreSQL with batching and partitioning"
	}
	return "well within one PostgreSQL primary, which takes " + quantity.FormatNumber(capacity.PostgresEasyWrites) + " writes/s easily"
}
