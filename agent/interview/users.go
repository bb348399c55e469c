package interview

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// findUsers reads user counts: "10M", "about 250k daily", "around 600 out
// of 2,000 employees", "1M monthly, 100k daily", "a few hundred". A count
// with no word saying what it counts is the daily users the question asks
// for; two such counts are asked about.
func findUsers(a string) (requirements.Users, string, error) {
	sp := spell(a)
	text := sp.text
	for _, m := range quantity.Scan(text) {
		if m.Value.Kind == quantity.Number && (m.Value.V <= 0 || m.Value.V != float64(int64(m.Value.V))) {
			return requirements.Users{}, "", notRead(a, quantity.CountForm+", or none", nil)
		}
	}
	u, loose := requirements.UserCounts(text)
	switch {
	case len(loose) == 1 && u.DAU == 0:
		u.DAU = quantity.Count(loose[0].Value.V)
	case len(loose) > 1:
		return u, "", fmt.Errorf("that gives %s: how many of them use it on a typical day? For example: 600 daily of 2,000", listMentions(loose))
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
