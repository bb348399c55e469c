package interview

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// outOfPattern finds "600 out of 2,000": the first are daily users, the
// second everyone who could use it.
var outOfPattern = regexp.MustCompile(`(?i)\b(?:out\s+of|of\s+(?:our|the|about|around|roughly)?|from)\s*$`)

var (
	dailyPattern   = regexp.MustCompile(`(?i)^[\s,]*(?:[a-z]+\s+)?(?:daily|dau|a day|per day|each day|every day|active users? a day|people a day|users? (?:a|per|each) day)\b`)
	monthlyPattern = regexp.MustCompile(`(?i)^[\s,]*(?:[a-z]+\s+)?(?:monthly|mau|a month|per month|each month|users? (?:a|per) month)\b`)
	totalPattern   = regexp.MustCompile(`(?i)^[\s,]*(?:[a-z]+\s+)?(?:registered|total|in total|signed[ -]up|accounts|customers in all|overall)\b`)
)

// findUsers reads user counts: "10M", "about 250k daily", "around 600 out
// of 2,000 employees", "1M monthly, 100k daily", "a few hundred". A count
// with no word saying what it counts is the daily users the question asks
// for; two such counts are asked about.
func findUsers(a string) (requirements.Users, string, error) {
	sp := spell(a)
	text := sp.text
	var u requirements.Users
	var loose []quantity.Mention
	// "8,000 customers each day" scans as a rate; among users it is a
	// count with a period that says daily or monthly.
	var counts []quantity.Mention
	for _, m := range quantity.Scan(text) {
		switch {
		case m.Value.Kind == quantity.Number:
			counts = append(counts, m)
		case m.Value.Kind == quantity.PerSecond && m.Count > 0 && (m.Value.Period == "day" || m.Value.Period == "month"):
			label := map[string]string{"day": " daily", "month": " monthly"}[m.Value.Period]
			counts = append(counts, quantity.Mention{Start: m.Start, End: m.Start + len(quantity.FormatNumber(m.Count)), Value: quantity.Value{V: m.Count}, Text: quantity.FormatNumber(m.Count) + label})
		}
	}
	for i, m := range counts {
		if m.Value.V <= 0 || m.Value.V != float64(int64(m.Value.V)) {
			return u, "", notRead(a, quantity.CountForm+", or none", nil)
		}
		after := text[m.End:]
		if label, ok := strings.CutPrefix(m.Text, quantity.FormatNumber(m.Value.V)); ok && label != "" {
			after = label
		}
		switch {
		case i > 0 && outOfPattern.MatchString(text[counts[i-1].End:m.Start]):
			u.Total = quantity.Count(m.Value.V)
		case dailyPattern.MatchString(after):
			u.DAU = quantity.Count(m.Value.V)
		case monthlyPattern.MatchString(after):
			u.MAU = quantity.Count(m.Value.V)
		case totalPattern.MatchString(after):
			u.Total = quantity.Count(m.Value.V)
		default:
			loose = append(loose, m)
		}
	}
	switch {
	case len(loose) == 1 && u.DAU == 0:
		u.DAU = quantity.Count(loose[0].Value.V)
	case len(loose) > 1:
		return u, "", fmt.Errorf("I see %s: how many of them use it on a typical day? For example: 600 daily of 2,000", listMentions(loose))
	}
	if u.DAU == 0 && u.MAU == 0 && u.Total == 0 {
		return u, "", notRead(a, quantity.CountForm+", or none", fmt.Errorf("no count"))
	}
	return u, sp.hedge, nil
}

// describeUsers says a Users value in one phrase.
func describeUsers(u requirements.Users) string {
	var parts []string
	if u.DAU > 0 {
		parts = append(parts, quantity.FormatCount(float64(u.DAU))+" daily users")
	}
	if u.MAU > 0 {
		parts = append(parts, quantity.FormatCount(float64(u.MAU))+" monthly")
	}
	if u.Total > 0 {
		parts = append(parts, quantity.FormatCount(float64(u.Total))+" in all")
	}
	if u.DAU == 0 {
		parts = append(parts, "daily users not given")
	}
	return strings.Join(parts, ", ")
}

// regulations are the names a compliance answer is checked against, in
// the spelling the design uses.
var regulations = []string{"GDPR", "HIPAA", "PCI DSS", "SOC 2", "ISO 27001", "FedRAMP", "CCPA", "SOX", "FERPA", "COPPA", "DORA", "NIS2", "LGPD", "PIPEDA", "PDPA", "GLBA", "FISMA", "HITRUST", "CJIS", "UK GDPR", "POPIA", "APPI"}

// squash drops case, spaces and hyphens: "pci-dss" and "PCI DSS" meet.
func squash(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "_", "").Replace(s))
}

// readRegulations canonicalises each name of a compliance list and returns
// a suggestion for every name one or two edits from a known regulation
// ("GPDR" → "GDPR"). Names far from every known one are kept as given:
// a company's own policy is a fine constraint.
func readRegulations(list []string) (names []string, suggested map[string]string) {
	for _, item := range list {
		name := item
		sq := squash(item)
		best, bestD := "", 3
		for _, r := range regulations {
			rs := squash(r)
			if sq == rs || strings.HasPrefix(sq, "PCI") && r == "PCI DSS" {
				best, bestD = r, 0
				break
			}
			if d := editDistance(sq, rs); d < bestD && len(sq) >= 3 && d <= len(rs)/3+1 {
				best, bestD = r, d
			}
		}
		switch {
		case bestD == 0:
			name = best
		case best != "":
			if suggested == nil {
				suggested = map[string]string{}
			}
			suggested[item] = best
			name = best
		}
		names = append(names, name)
	}
	return names, suggested
}
