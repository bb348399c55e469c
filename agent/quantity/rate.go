package quantity

import "strings"

// rateParts is a rate split at its period: num is what comes before the
// separator ("10 billion", "5k requests", "400 KB"), per the period.
type rateParts struct {
	num, per string
	slash    bool // written with "/" rather than a word
}

// rateSeparators split a count from its period. The words need spaces
// around them; "/" does not.
var rateSeparators = []string{"/", " per ", " a ", " an ", " each ", " every "}

// splitRate splits "100M/month", "5k per min", "10 req/s" or "5 million a
// day" into the count and the period; ok is false when s is not a rate.
// It matches the separators without changing the case of s, so that every
// index it takes is an index into s itself whatever bytes s holds.
func splitRate(s string) (rateParts, bool) {
	best, sepLen := -1, 0
	for _, sep := range rateSeparators {
		i := lastIndexFold(s, sep)
		if i > best {
			if _, ok := CanonicalPeriod(s[i+len(sep):]); ok {
				best, sepLen = i, len(sep)
			}
		}
	}
	if best < 0 {
		return rateParts{}, false
	}
	return rateParts{
		num:   strings.TrimSpace(s[:best]),
		per:   strings.TrimSpace(s[best+sepLen:]),
		slash: sepLen == 1,
	}, true
}

// lastIndexFold is strings.LastIndex with ASCII letters matched in either
// case; sep must be ASCII.
func lastIndexFold(s, sep string) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if equalFoldASCII(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lowerASCII(a[i]) != lowerASCII(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// approximations are the words a person puts before a figure that do not
// change it: "about 30k per second", "~5M/day".
var approximations = []string{"about ", "around ", "roughly ", "approximately ", "approx. ", "approx ", "circa ", "ca. ", "some ", "~", "≈"}

// trimApprox drops a leading approximation.
func trimApprox(s string) string {
	for _, a := range approximations {
		if len(s) > len(a) && equalFoldASCII(s[:len(a)], a) {
			return strings.TrimSpace(s[len(a):])
		}
	}
	return s
}
