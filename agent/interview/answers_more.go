package interview

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// parseSize reads one item's size from a sentence: "1.5 MB with the
// photo", "a few KB" (3 KB, said so).
func parseSize(iv *Interview, wl int, a string) (string, error) {
	v, note, err := findSize(a)
	if err != nil {
		return "", err
	}
	iv.req.Workloads[wl].ItemSize = quantity.Size(v)
	iv.assumeReading(note, "one item of %s is %s", iv.wname(wl), quantity.FormatBytes(v))
	return withNote("one item is "+quantity.FormatBytes(v), note), nil
}

// parseCacheable reads yes or no: "not really, claims change when
// approved" is no.
func parseCacheable(iv *Interview, wl int, a string) (string, error) {
	yes, err := parseYesNo(a)
	if err != nil {
		return "", err
	}
	iv.req.Workloads[wl].Cacheable = yes
	if yes {
		return "the answers may be cached", nil
	}
	return "not cached", nil
}

// parseRetention reads how long records are kept: "keep data 2 years".
func parseRetention(iv *Interview, wl int, a string) (string, error) {
	v, note, err := findRetention(a)
	if err != nil {
		return "", err
	}
	iv.req.Workloads[wl].Retention = quantity.Duration(v)
	iv.assumeReading(note, "the records of %s are kept for %s", iv.wname(wl), quantity.FormatDuration(v))
	return withNote("kept for "+quantity.FormatDuration(v), note), nil
}

// parseWindow reads a window length, "yes, 5 minutes", or no.
func parseWindow(iv *Interview, wl int, a string) (string, error) {
	if isNo(a) {
		return "not windowed", nil
	}
	durs := mentions(spell(a).text, quantity.Seconds)
	if len(durs) != 1 || durs[0].Value.V <= 0 {
		if yes, err := parseYesNo(a); err == nil && yes {
			return "", fmt.Errorf("how long is the window? For example: 5m")
		}
		return "", notRead(a, quantity.DurationForm+", or no", nil)
	}
	iv.req.Workloads[wl].Window = quantity.Duration(durs[0].Value.V)
	return "a window of " + quantity.FormatDuration(durs[0].Value.V), nil
}

// parseUsers reads user counts: "10M", "around 600 out of 2,000
// employees", none.
func parseUsers(iv *Interview, _ int, a string) (string, error) {
	if isNone(a) || strings.Contains(strings.ToLower(a), "only machines") {
		return "", nil
	}
	u, note, err := findUsers(a)
	if err != nil {
		return "", err
	}
	iv.req.Users = &u
	iv.assumeReading(note, "%s", describeUsers(u))
	return withNote(describeUsers(u), note), nil
}

// parseCompliance reads a list of regulations; a name one or two typos
// from a known regulation is asked about ("GPDR" → GDPR?), and a yes
// takes the suggestion.
func parseCompliance(iv *Interview, _ int, a string) (string, error) {
	if iv.suggested != nil {
		if yes, err := parseYesNo(a); err == nil {
			if yes {
				iv.req.Compliance, iv.suggested = iv.suggested, nil
				return strings.Join(iv.req.Compliance, ", "), nil
			}
			iv.suggested = nil
			return "", fmt.Errorf("then type the list again as you mean it")
		}
	}
	if isNone(a) || noRegulation.MatchString(a) {
		return "", nil
	}
	names, suggested := readRegulations(splitList(strings.NewReplacer(" and ", ",", "&", ",", "+", ",", "/", ",", " plus ", ",").Replace(a)))
	if suggested != nil {
		iv.suggested = names
		var asks []string
		for _, typed := range slices.Sorted(maps.Keys(suggested)) {
			asks = append(asks, fmt.Sprintf("%q is not a regulation I know: did you mean %s?", typed, suggested[typed]))
		}
		return "", fmt.Errorf("%s Say yes to take %s, or type the list again", strings.Join(asks, " "), strings.Join(names, ", "))
	}
	iv.req.Compliance = names
	return strings.Join(names, ", "), nil
}

// noRegulation reads "no regulations", "none that I know of".
var noRegulation = lazyre.New(`(?i)^\s*(?:none|nothing|no\s+(?:regulations?|compliance|rules)|not\s+that\s+i\s+know)\b`)

// assumeReading records a figure read from a vague or ranged answer ("a
// few KB", "2-5 KB") as an assumption, so that the document says it was
// read, not given.
func (iv *Interview) assumeReading(note, format string, args ...any) {
	if note == "" {
		return
	}
	iv.assumptions = append(iv.assumptions, fmt.Sprintf(format, args...)+", reading "+strings.TrimPrefix(note, "the "))
}

// withNote adds how a vague figure was read: `one item is 3 KB (read "a
// few KB" as 3 KB)`.
func withNote(said, note string) string {
	if note == "" {
		return said
	}
	return said + " (" + strings.TrimPrefix(note, "the ") + ")"
}

// parseName takes a flow's name; figures said with it ("claim
// submissions, about 6,000 a month") are not part of the name: they are
// kept for the questions they answer.
func parseName(iv *Interview, _ int, a string) (string, error) {
	name := a
	if i := strings.IndexAny(a, ",;:(—"); i > 0 && len(quantity.Scan(a[i:])) > 0 {
		name = strings.TrimSpace(a[:i])
	}
	iv.req.Workloads = append(iv.req.Workloads, requirements.Workload{Name: name})
	if name != a {
		return "a flow named " + name, nil
	}
	return "", nil
}
