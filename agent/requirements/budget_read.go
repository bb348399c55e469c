package requirements

import (
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

var (
	// moneyRe finds an amount with its currency: "$5k", "800 USD",
	// "1,500 EUR", "€2,000", "3000 dollars".
	moneyRe = lazyre.New(`(?i)(?:([$€£])\s?` + num + scale + `|\b` + num + scale + `\s?(usd|eur|gbp|dollars?|euros?|pounds?|bucks)\b)`)
	// budgetPeriodRe reads the period right after an amount: "a month",
	// "/mo", "per year".
	budgetPeriodRe = lazyre.New(`(?i)^\s*(?:a|an|per|/|each|every)\s*(month|mo|year|yr|annum)\b`)
	// monthlyRe finds the period said as a word elsewhere in the sentence:
	// "our monthly cloud spend".
	monthlyRe = lazyre.Guarded(`(?i)\b(monthly|yearly|annual|annually)\b`, "monthly", "yearly", "annual")
	// budgetWordsRe marks a sentence about what running it may cost.
	budgetWordsRe = lazyre.New(`(?i)\b(?:budget|spend|spending|afford|cost|costs|bill|hosting|infra|infrastructure|cloud)\b`)
)

// ReadBudget reads a running budget in a sentence: "The budget is 800 USD
// a month" → "800 USD/month", "budget: $5k/mo for infra" → "5000
// USD/month", "our monthly cloud spend can't exceed $3,000" → "3000
// USD/month". ok is false when the sentence has no amount with a
// currency, or no period: a sum without one may be a one-off.
func ReadBudget(sentence string) (string, bool) {
	g := moneyRe.FindStringSubmatchIndex(sentence)
	// A figure that is the tail of a version or a date is no amount.
	if g == nil || sentence[g[0]] >= '0' && sentence[g[0]] <= '9' && !quantity.Standalone(sentence, g[0]) {
		return "", false
	}
	cur, n, sc := sub(sentence, g, 1), sub(sentence, g, 2), sub(sentence, g, 3)
	if cur == "" {
		n, sc, cur = sub(sentence, g, 4), sub(sentence, g, 5), sub(sentence, g, 6)
	}
	v, ok := readCount(n, sc)
	if !ok {
		return "", false
	}
	code := map[string]string{"$": "USD", "€": "EUR", "£": "GBP", "dollar": "USD", "dollars": "USD", "bucks": "USD",
		"euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP"}[strings.ToLower(cur)]
	if code == "" {
		code = strings.ToUpper(cur)
	}
	per := ""
	if p := budgetPeriodRe.FindStringSubmatch(sentence[g[1]:]); p != nil {
		per = strings.ToLower(p[1])
	} else if p := monthlyRe.FindString(sentence); p != "" {
		per = strings.ToLower(p)
	}
	switch per {
	case "month", "mo", "monthly":
		per = "month"
	case "year", "yr", "annum", "yearly", "annual", "annually":
		per = "year"
	default:
		return "", false
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + " " + code + "/" + per, true
}
