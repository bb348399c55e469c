package requirements

import (
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Readers for requirements written as plain sentences, with no YAML at
// all: "About 6,000 claims a month are submitted", "Around 600 out of
// 2,000 employees use it on a typical day", "The budget is 800 USD a
// month". Each figure is read by the quantity grammar and recorded with
// its sentence.

var (
	// eachRe ends the words before a size that say it is one item's:
	// "photos a day, each about".
	eachRe = lazyre.New(`(?i)\beach\s+(?:is\s+|weighs\s+|of\s+them\s+)?(?:about|around|roughly|~|up\s+to|under)?\s*$`)
	// ofTheTimeRe follows a percentage that is an availability: "up
	// 99.9% of the time".
	ofTheTimeRe = lazyre.New(`(?i)^\s*of\s+the\s+time\b`)
	// peopleRe names people who use a system.
	peopleRe = lazyre.New(`(?i)\b(?:users?|people|employees|customers|staff|operators|members|students|patients|subscribers|players|visitors|clients|drivers|riders|agents)\b`)
	// dayRe and monthRe say a count of people is per day or per month.
	dayRe   = lazyre.New(`(?i)\b(?:daily|a day|per day|each day|every day|typical day|given day|normal day|on a weekday)\b`)
	monthRe = lazyre.New(`(?i)\b(?:monthly|a month|per month|each month|every month)\b`)
	// writeVerbRe and readVerbRe give the kind of a flow whose noun is
	// the domain's own ("claims are submitted", "people upload photos").
	writeVerbRe = lazyre.New(`(?i)\b(?:submit(?:s|ted)?|upload(?:s|ed)?|create[sd]?|file[sd]?|post(?:s|ed)?|place[sd]?|book(?:s|ed)?|add(?:s|ed)?|register(?:s|ed)?|record(?:s|ed)?|log(?:s|ged)?|ingest(?:s|ed)?|receive[sd]?|take|takes|send|sends|sent|make|makes|made|enter(?:s|ed)?)\b`)
	readVerbRe  = lazyre.New(`(?i)\b(?:view(?:s|ed)?|open(?:s|ed)?|download(?:s|ed)?|look(?:s|ed)?\s+up|fetch(?:es|ed)?|brows(?:e|es|ed)|visit(?:s|ed)?|check(?:s|ed)?|read)\b`)
)

// readProse collects the budget and the user counts of one sentence.
func (m *miner) readProse(s string) {
	if m.budget == nil && budgetWordsRe.MatchString(s) {
		if b, ok := ReadBudget(s); ok {
			m.budget = &fact[string]{b, s}
		}
	}
	if !peopleRe.MatchString(s) || countsThings(s) {
		return
	}
	u, loose := UserCounts(s)
	if u.DAU > 0 && m.dau == nil {
		m.dau = &fact[float64]{float64(u.DAU), s}
	}
	if u.MAU > 0 && m.mau == nil {
		m.mau = &fact[float64]{float64(u.MAU), s}
	}
	if u.Total > 0 && m.total == nil {
		m.total = &fact[float64]{float64(u.Total), s}
	}
	// One count left unlabelled is the active users when the sentence
	// says per day or per month: "600 out of 2,000 employees use it on a
	// typical day", "120 operators use the dashboards daily".
	if len(loose) != 1 {
		return
	}
	n := loose[0].Value.V
	switch {
	case dayRe.MatchString(s) && !monthRe.MatchString(s) && m.dau == nil:
		m.dau = &fact[float64]{n, s}
	case monthRe.MatchString(s) && !dayRe.MatchString(s) && m.mau == nil:
		m.mau = &fact[float64]{n, s}
	}
}

// countsThings says a sentence states a rate of something other than
// people ("6,000 claims a month"), whose count is not a user count.
func countsThings(s string) bool {
	for _, q := range quantity.Scan(s) {
		if q.Value.Kind == quantity.PerSecond && !peopleRe.MatchString(q.Noun) {
			return true
		}
	}
	return false
}

// classifyByVerb names a flow whose noun sysarch does not know from the
// verb that acts on it: "About 6,000 claims a month are submitted" is a
// write of claims, "people upload 20,000 photos a day" a write of photos.
// Without such a verb the noun is left alone: "4 meetings a week" is not
// traffic.
func classifyByVerb(phrase, sentence string) (name, kind string, ok bool) {
	words := strings.Fields(strings.ToLower(phrase))
	if len(words) == 0 || len(words) > 2 {
		return "", "", false
	}
	last := singular(words[len(words)-1])
	if notFlowNouns[last] || !isWordOnly(last) || peopleRe.MatchString(last) || !nounish(words[0]) {
		return "", "", false
	}
	switch {
	case writeVerbRe.MatchString(sentence) && !readVerbRe.MatchString(sentence):
		kind = "write"
	case readVerbRe.MatchString(sentence) && !writeVerbRe.MatchString(sentence):
		kind = "read"
	default:
		return "", "", false
	}
	return strings.Join(words, " "), kind, true
}

// applyProse fills the budget and the count of all users.
func (m *miner) applyProse() {
	r := m.r
	if f := m.total; f != nil {
		if r.Users == nil {
			r.Users = &Users{}
		}
		if m.empty("users.total", r.Users.Total == 0) {
			r.Users.Total = quantity.Count(f.v)
			m.record("users.total", quantity.FormatCount(f.v), f.sentence)
		}
	}
	if f := m.budget; f != nil && m.empty("constraints.budget", r.Constraints == nil || r.Constraints.Budget == "") {
		if r.Constraints == nil {
			r.Constraints = &Constraints{}
		}
		r.Constraints.Budget = f.v
		m.record("constraints.budget", f.v, f.sentence)
	}
}
