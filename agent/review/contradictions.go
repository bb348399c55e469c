package review

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// A design contradicts itself when two of its places cannot both be true:
// a timeout shorter than the work it cuts, a budget said to be met beside
// a cost that exceeds it, two stores of record for one entity, a store
// said never to be reached beside a flow that reaches it, one decision
// answered twice. Each finding names both places; all are high, because
// whoever builds from the document builds one of the two and the other
// was a promise.

var (
	// timeoutRe is a timeout with its value: "an 800 ms timeout", "a
	// timeout of 2 s", "times out after 30 seconds".
	timeoutRe = lazyre.New(`\b(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)[\s-]+(?:\w+[\s-]+)?time-?outs?\b|\btime-?outs?\s+(?:of|is|at|set to|=|:|after)?\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)\b|\btimes?\s+out\s+after\s+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)\b`)
	// spanRe is a duration or a range of durations: "4–12 s", "up to 30
	// seconds", "2 minutes".
	spanRe = lazyre.New(`\b(\d+(?:\.\d+)?)(?:\s*(?:ms|s|seconds?|minutes?)?\s*(?:–|-|to)\s*(\d+(?:\.\d+)?))?\s*(ms|milliseconds?|s|secs?|seconds?|mins?|minutes?)\b`)
	// longWork names work that runs long enough to meet a timeout.
	longWork = newTerms("stream*", "report*", "export*", "upload*", "download*", "generat*", "render*", "transcod*", "import*", "batch*", "llm", "completion*", "answer*", "inference", "long poll*", "long-poll*", "job*", "migration*", "backfill*", "scan*", "crawl*")
	// takesWord says a duration is how long something runs.
	takesWord = newTerms("take*", "last*", "run*", "runs for", "stream*", "up to", "long", "duration*", "between", "lasting", "spend*", "need*")
)

// contradictions runs the checks that compare two places of a document.
func (rv *reviewer) contradictions() {
	rv.timeoutsShorterThanWork()
	rv.budgetAgainstCosts()
	rv.storesOfRecord()
	rv.neverReached()
	rv.decisionsAnsweredTwice()
	rv.unmentionedComponents()
}

// timeoutsShorterThanWork finds a timeout shorter than the longest
// duration of the work it applies to: work named in the timeout's own
// sentence, or in a sentence saying how long that work takes.
func (rv *reviewer) timeoutsShorterThanWork() {
	for _, t := range rv.model.Timeouts {
		for _, sp := range rv.model.Durations {
			if sp.Seconds <= t.Seconds || !shareWord(t.words, sp.words) {
				continue
			}
			where := fmt.Sprintf("line %d", sp.Line)
			if sp.Line == t.Line {
				where = "the same sentence"
			}
			rv.raise(rTimeoutShorterThanWork, rv.ref(t.Line),
				fmt.Sprintf("Line %d sets a timeout of %s (%q), but %s says the work takes %s: every request longer than the timeout is cut off and retried, and the retry is cut off again.", t.Line, t.Text, clip(t.sentence), where, sp.Text),
				t.Text, sp.Text, sp.Line)
			return
		}
	}
}

// longSpans returns the durations the document says long work takes.
func (rv *reviewer) longSpans() []ModelDuration {
	var spans []ModelDuration
	for _, s := range rv.sents {
		if !strings.ContainsAny(s.lower, "0123456789") || !longWork.inG(s.lower, s.grams) || !takesWord.inG(s.lower, s.grams) {
			continue
		}
		for _, m := range spanRe.FindAllStringSubmatchIndex(s.lower, -1) {
			if timeoutAround(s.lower, m[0], m[1]) {
				continue
			}
			hi := captured(s.lower, m, 2)
			if hi == "" {
				hi = captured(s.lower, m, 1)
			}
			secs, err := quantity.ParseDuration(hi + captured(s.lower, m, 3))
			if err == nil {
				spans = append(spans, ModelDuration{Seconds: secs, Text: strings.TrimSpace(s.Text[m[0]:m[1]]), Line: s.Line, words: workWords(s.lower), sentence: s.Text})
			}
		}
	}
	return spans
}

// timeoutAround says whether the duration at [i, j) is a timeout's value.
func timeoutAround(lower string, i, j int) bool {
	after := lower[j:min(len(lower), j+12)]
	before := lower[max(0, i-20):i]
	return strings.Contains(after, "timeout") || strings.Contains(after, "time-out") || strings.Contains(before, "timeout") || strings.Contains(before, "out after")
}

// timeoutValue reads a timeoutRe match: its value in seconds and its text.
func timeoutValue(lower string, m []int) (float64, string) {
	for g := 1; g <= 5; g += 2 {
		if n := captured(lower, m, g); n != "" {
			v, err := quantity.ParseDuration(n + captured(lower, m, g+1))
			if err != nil {
				return 0, ""
			}
			return v, n + " " + captured(lower, m, g+1)
		}
	}
	return 0, ""
}

// workWords are the kinds of long work a sentence names, by stem.
func workWords(lower string) []string {
	var out []string
	for _, m := range longWork.findAll(lower, -1) {
		w := lower[m[0]:m[1]]
		out = append(out, w[:min(len(w), 5)])
	}
	return out
}

func shareWord(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

var (
	// budgetClaim says the design fits a budget: "within the $20,000
	// budget", "under our budget of $5k a month".
	budgetClaim  = lazyre.New(`\b(within|under|inside|below|fits|meets|stays (?:within|under)|keeps? (?:us |it )?(?:within|under))\s+(?:the|our|its|a|an)?\s*(?:(?:monthly|annual|yearly)\s+)?(?:\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\s*(?:(?:a|per|/)\s*(month|year|mo|yr))?\s+)?budget(?:\s+of\s+\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\s*(?:(?:a|per|/)\s*(month|year|mo|yr))?)?`)
	budgetStated = lazyre.New(`\bbudget\s*(?:is|of|:|=)\s*\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\s*(?:(?:a|per|/)\s*(month|year|mo|yr))?`)
	// costFig is a cost the document states.
	costFig = lazyre.New(`\$\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\b\s*(?:(?:a|per|/)\s*(month|year|mo|yr)\b)?`)
	// costWords mark a sentence that states what something costs.
	costWords    = newTerms("cost*", "total*", "alone", "bill*", "spend*", "comes to", "adds up", "sum*", "egress", "priced at")
	notCostWord  = newTerms("revenue", "saves", "saving*", "per user", "per request", "per gb", "per hour", "per unit", "per million", "per 1,000", "per 1000", "price per")
	hypothetical = newTerms("if", "would", "could", "might", "once", "when", "unless", "should")
	overBudget   = pat(`\b(exceed(s|ed|ing)?|blows?|breaks?|is over|are over|goes over|runs over|more than|above)\s+(the|our|its|this)\s+(\$[\d,]+\s*(k\s*)?)?(monthly\s+)?budget\b|\bover budget\b`, "budget")
	// futureCost marks a cost at a later horizon ("by 6mo", "in a year"),
	// which a present budget claim does not contradict.
	futureCost = pat(`\bby\s+(\d+\s*(mo|months?|y|yrs?|years?)\b|month\s+\d|next)|\b(in|after|within)\s+(\d+|a|one|two|three)\s*(mo|months?|y|years?)\b|\bgrowth\b|\bat\s+\d+\s*(mo|y|yr)\b`, "by", "in", "after", "within", "growth", "at")
)

// money is a sum of dollars a month (a yearly sum is divided by 12); per
// is "" when the text gives no period.
type money struct {
	v    float64
	per  string
	line int
	text string
}

func readMoney(n, suffix, per string) (money, bool) {
	v, ok := figure(n, suffix)
	if !ok {
		return money{}, false
	}
	switch per {
	case "year", "yr":
		v, per = v/12, "month"
	case "mo":
		per = "month"
	}
	return money{v: v, per: per}, true
}

// sievedBudgetClaim and sievedBudgetStated are budgetClaim and
// budgetStated with their filters.
var sievedBudgetClaim, sievedBudgetStated = sieve(budgetClaim), sieve(budgetStated)

// readBudget reads the budget the document states and the first
// sentence that says the design meets it.
func (rv *reviewer) readBudget() *ModelBudget {
	var b *ModelBudget
	for i, s := range rv.sents {
		if !strings.Contains(s.lower, "budget") {
			continue
		}
		if m := sievedBudgetClaim.find(s); m != nil && !s.negated && (b == nil || b.claimLine == 0) {
			if b == nil {
				b = &ModelBudget{Line: s.Line, Text: clip(s.Text)}
			}
			b.Claimed, b.claimLine, b.claimText, b.claimAt = true, s.Line, clip(s.Text), i
			if v, ok := readMoney(cmpOr(m[2], m[5]), cmpOr(m[3], m[6]), cmpOr(m[4], m[7])); ok && cmpOr(m[2], m[5]) != "" {
				b.PerMonth, b.per, b.stated, b.Line, b.Text = v.v, v.per, true, s.Line, clip(s.Text)
			}
		}
		if m := sievedBudgetStated.find(s); m != nil && (b == nil || !b.stated) {
			if v, ok := readMoney(m[1], m[2], m[3]); ok {
				if b == nil {
					b = &ModelBudget{}
				}
				b.PerMonth, b.per, b.stated, b.Line, b.Text = v.v, v.per, true, s.Line, clip(s.Text)
			}
		}
	}
	return b
}

// budgetAgainstCosts finds a budget the document says it meets and a
// cost it states elsewhere that is higher, or a sentence saying a cost
// exceeds the budget.
func (rv *reviewer) budgetAgainstCosts() {
	b := rv.model.Budget
	if b == nil || !b.Claimed {
		return
	}
	claim := money{line: b.claimLine, text: b.claimText}
	claimAt := b.claimAt
	var budget *money
	if b.stated {
		budget = &money{v: b.PerMonth, per: b.per, line: b.Line, text: b.Text}
	}
	for i, s := range rv.sents {
		if i == claimAt {
			continue
		}
		// "exceeds" is itself a conditional word; a real condition is not.
		if !strings.Contains(s.lower, "budget") && !strings.Contains(s.lower, "$") || futureCost.matchG(s.lower, s.grams) {
			continue
		}
		if overBudget.matchG(s.lower, s.grams) && !hypothetical.inG(s.lower, s.grams) {
			rv.raiseBudget(claim, s.Line, strconv.Quote(clip(s.Text)))
			return
		}
		if s.conditional || s.negated {
			continue
		}
		if budget == nil || !strings.Contains(s.lower, "$") || !costWords.inG(s.lower, s.grams) && !rv.totalRow(s) || notCostWord.inG(s.lower, s.grams) || strings.Contains(s.lower, "budget") {
			continue
		}
		for _, m := range costFig.FindAllStringSubmatch(s.lower, -1) {
			c, ok := readMoney(m[1], m[2], m[3])
			if !ok || c.per != budget.per && c.per != "" && budget.per != "" || c.v <= budget.v*1.001 {
				continue
			}
			rv.raiseBudget(claim, s.Line, strings.TrimSpace(m[0])+" in "+strconv.Quote(clip(s.Text)))
			return
		}
	}
}

func (rv *reviewer) raiseBudget(claim money, line int, what string) {
	rv.raise(rBudgetContradicted, rv.ref(claim.line),
		fmt.Sprintf("Line %d says %q, but line %d says %s: one of them is wrong, and the budget is what the people paying read.", claim.line, claim.text, line, what),
		claim.line, line)
}

// totalRow says whether a table cell is in a row of totals ("| Total |
// $34,000/month |"): its figure is what the design costs.
func (rv *reviewer) totalRow(s sentence) bool {
	if s.Column == "" {
		return false
	}
	_, r, ok := rv.d.rowAt(s.Line)
	return ok && len(r.Cells) > 0 && strings.Contains(strings.ToLower(r.Cells[0]), "total")
}
