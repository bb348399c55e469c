package requirements

import (
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// The user-count reader is shared by the interview, which asks when a
// count is unlabelled and ambiguous, and the prose miner, which then
// leaves it alone.

var (
	// outOfPattern ends the text between two counts in "600 out of
	// 2,000": the second is everyone who could use it.
	outOfPattern   = lazyre.New(`(?i)\b(?:out\s+of|of\s+(?:our|the|about|around|roughly)?|from)\s*$`)
	dailyPattern   = lazyre.New(`(?i)^[\s,]*(?:[a-z]+\s+)?(?:daily|dau|a day|per day|each day|every day|active users? a day|people a day|users? (?:a|per|each) day)\b`)
	monthlyPattern = lazyre.New(`(?i)^[\s,]*(?:[a-z]+\s+)?(?:monthly|mau|a month|per month|each month|users? (?:a|per) month)\b`)
	totalPattern   = lazyre.New(`(?i)^[\s,]*(?:[a-z]+\s+)?(?:registered|total|in total|signed[ -]up|accounts|customers in all|overall)\b`)
)

// UserCounts reads the user counts in a text: "10M daily", "1M monthly,
// 100k daily", "600 out of 2,000 employees" (2,000 in all). Counts that
// no word labels are returned apart, in order, for the caller to decide.
func UserCounts(text string) (u Users, unlabelled []quantity.Mention) {
	for i, m := range countMentions(text) {
		if m.Value.V <= 0 || m.Value.V != float64(int64(m.Value.V)) {
			continue
		}
		after := text[m.End:]
		if label, ok := strings.CutPrefix(m.Text, quantity.FormatNumber(m.Value.V)); ok && label != "" {
			after = label
		}
		switch {
		case i > 0 && outOfPattern.MatchString(text[countMentions(text)[i-1].End:m.Start]):
			u.Total = quantity.Count(m.Value.V)
		case dailyPattern.MatchString(after):
			u.DAU = quantity.Count(m.Value.V)
		case monthlyPattern.MatchString(after):
			u.MAU = quantity.Count(m.Value.V)
		case totalPattern.MatchString(after):
			u.Total = quantity.Count(m.Value.V)
		default:
			unlabelled = append(unlabelled, m)
		}
	}
	return u, unlabelled
}

// countMentions returns the counts of a text. "8,000 customers each day"
// scans as a rate; among users it is a count whose period says daily or
// monthly, so it is returned as "8000 daily".
func countMentions(text string) []quantity.Mention {
	var counts []quantity.Mention
	for _, m := range quantity.Scan(text) {
		switch {
		case m.Value.Kind == quantity.Number:
			counts = append(counts, m)
		case m.Value.Kind == quantity.PerSecond && m.Count > 0 && (m.Value.Period == "day" || m.Value.Period == "month"):
			label := map[string]string{"day": " daily", "month": " monthly"}[m.Value.Period]
			n := quantity.FormatNumber(m.Count)
			counts = append(counts, quantity.Mention{Start: m.Start, End: m.Start + len(n), Value: quantity.Value{V: m.Count}, Text: n + label})
		}
	}
	return counts
}
