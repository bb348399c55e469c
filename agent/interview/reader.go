package interview

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// The answer reader finds, inside a sentence as people type it, the one
// figure a question wants: the size in "1.5 MB with the photo", the
// percentile and bound in "p99 under 200ms", the horizon in "keep data 2
// years". Every figure is read by the shared quantity grammar (through
// quantity.Scan); the reader only decides which figure answers what. When
// a sentence holds two candidates it cannot rank, it asks which one
// rather than guess.

// unsurePattern matches answers that say the person does not know; they
// become recorded assumptions instead of blocking the interview.
var unsurePattern = lazyre.New(`(?i)^\s*(?:i'?m\s+|i am\s+)?(?:not\s+sure|unsure|don'?t\s+know|do not know|dunno|no\s+idea|idk|no\s+clue|hard\s+to\s+say|can'?t\s+say|not\s+known|unknown|tbd|to be decided|no\s+one\s+knows|pass)\b`)

// unsure says the answer is a polite "I do not know".
func unsure(a string) bool { return unsurePattern.MatchString(a) }

// mentions returns the quantities of one kind written in an answer, after
// spelling out the few phrases the grammar has no figure for ("half a
// second", "a few KB").
func mentions(a string, kind quantity.Kind) []quantity.Mention {
	var out []quantity.Mention
	for _, m := range quantity.Scan(a) {
		if m.Value.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

// spelled rewrites words that stand for a figure into figures, so that the
// grammar can read them; hedge records what was read as what.
type spelled struct {
	text  string
	hedge string // "" or e.g. `"a few KB" as 3 KB`
}

var vaguePattern = lazyre.New(`(?i)\b(?:a\s+)?(few|couple(?:\s+of)?|several|handful\s+of)(\s+hundred|\s+thousand)?\b(\s+[a-z]+)?`)

var wordNumbers = map[string]string{
	"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
	"eight": "8", "nine": "9", "ten": "10", "twelve": "12", "fifteen": "15", "twenty": "20", "thirty": "30",
	"fifty": "50", "hundred": "100", "a hundred": "100",
}

var wordNumberPattern = lazyre.New(`(?i)\b(a hundred|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty)\s+(ms|milliseconds?|seconds?|minutes?|hours?|days?|weeks?|months?|years?|nines|per|times)\b`)

var aUnitPattern = lazyre.New(`(?i)\b(?:half\s+a|a|an|one)\s+(second|minute|hour|day|week|month|year|kb|mb|gb)\b`)

// countWords scale a figure written before them: "5 million a day".
var countWords = map[string]bool{"thousand": true, "million": true, "billion": true, "hundred": true, "k": true, "m": true}

// spell turns "a few KB" into "3 KB" (saying so), "two years" into "2
// years" and "half a second" into "500ms".
func spell(a string) spelled {
	s := spelled{text: a}
	if m := vaguePattern.FindStringSubmatchIndex(a); m != nil {
		n := map[string]float64{"few": 3, "couple": 2, "couple of": 2, "several": 5, "handful of": 5}[strings.ToLower(strings.Join(strings.Fields(a[m[2]:m[3]]), " "))]
		switch strings.ToLower(strings.TrimSpace(sub(a, m, 2))) {
		case "hundred":
			n *= 100
		case "thousand":
			n *= 1000
		}
		end := m[1]
		if m[6] >= 0 {
			end = m[6] // the word after stays: "a few KB" → "3 KB"
		}
		figure := quantity.FormatNumber(n)
		s.text = a[:m[0]] + figure + a[end:]
		s.hedge = fmt.Sprintf("%q as %s", strings.TrimSpace(a[m[0]:m[1]]), figure+a[end:m[1]])
	}
	s.text = wordNumberPattern.ReplaceAllStringFunc(s.text, func(w string) string {
		f := strings.Fields(w)
		num := wordNumbers[strings.ToLower(strings.Join(f[:len(f)-1], " "))]
		return num + " " + f[len(f)-1]
	})
	// "a month" a few words after a figure is a rate's period ("6k a
	// month", "6,000 claims a month"), not a figure of its own.
	for _, m := range slices.Backward(aUnitPattern.FindAllStringSubmatchIndex(s.text, -1)) {
		before := strings.Fields(s.text[:m[0]])
		f := strings.Fields(strings.ToLower(s.text[m[0]:m[1]]))
		if f[0] != "half" && slices.ContainsFunc(before[max(0, len(before)-4):], func(w string) bool {
			return strings.ContainsAny(w, "0123456789") && !strings.HasSuffix(w, "%") || countWords[strings.ToLower(w)]
		}) {
			continue
		}
		figure := "1 " + s.text[m[2]:m[3]]
		if f[0] == "half" {
			if v, err := quantity.ParseDuration(figure); err == nil {
				figure = quantity.FormatDuration(v / 2)
			}
		}
		s.text = s.text[:m[0]] + figure + s.text[m[1]:]
	}
	return s
}

// sub returns submatch i of s at m, or "" when it did not take part.
func sub(s string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

var kindWords = map[string]requirements.Kind{
	"read": requirements.Read, "reads": requirements.Read, "lookup": requirements.Read, "lookups": requirements.Read,
	"get": requirements.Read, "gets": requirements.Read, "view": requirements.Read, "views": requirements.Read, "fetch": requirements.Read,
	"write": requirements.Write, "writes": requirements.Write, "insert": requirements.Write, "inserts": requirements.Write,
	"update": requirements.Write, "updates": requirements.Write, "upload": requirements.Write, "uploads": requirements.Write,
	"create": requirements.Write, "post": requirements.Write, "submit": requirements.Write, "save": requirements.Write, "stores": requirements.Write,
	"event": requirements.Event, "events": requirements.Event, "telemetry": requirements.Event, "stream": requirements.Event, "clickstream": requirements.Event,
	"message": requirements.Message, "messages": requirements.Message, "queue": requirements.Message, "notification": requirements.Message, "notifications": requirements.Message,
	"search": requirements.Search, "searches": requirements.Search, "query": requirements.Search, "queries": requirements.Search,
	"job": requirements.Job, "jobs": requirements.Job, "batch": requirements.Job, "cron": requirements.Job, "nightly": requirements.Job,
}

// findKind reads the kind of a flow from a sentence: "its a read",
// "mostly writes", "a background job", or a near miss ("raed"). Two
// different kinds in one answer are asked about.
func findKind(a string) (requirements.Kind, error) {
	var found []requirements.Kind
	if slices.Contains(words(a), "both") {
		return "", fmt.Errorf("is it mainly a read or a write? Name the main one; the other can be a flow of its own")
	}
	for _, w := range words(a) {
		k, ok := kindWords[w]
		if !ok && len(w) >= 4 {
			for _, name := range requirements.KindNames() {
				if editDistance(w, name) == 1 || editDistance(w, name+"s") == 1 {
					k, ok = requirements.Kind(name), true
				}
			}
		}
		if ok && !slices.Contains(found, k) {
			found = append(found, k)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return "", fmt.Errorf("could not read %q as a kind: I need one of %s", a, strings.Join(requirements.KindNames(), ", "))
	}
	names := make([]string, len(found))
	for i, k := range found {
		names[i] = string(k)
	}
	return "", fmt.Errorf("is it a %s? Name the main one; the other can be a flow of its own", strings.Join(names, " or a "))
}

// words splits an answer into lower-case words of letters.
func words(a string) []string {
	return strings.FieldsFunc(strings.ToLower(a), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '\'')
	})
}

// editDistance is the optimal-string-alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each count one, so
// "GPDR" is one away from "GDPR".
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

var (
	yesPattern = lazyre.New(`(?i)^\s*(?:y|yes|yeah|yea|yep|yup|sure|true|ok|okay|of course|definitely|absolutely|mostly|correct|i think so|they can|it can|can be|probably|yes please)\b`)
	noPattern  = lazyre.New(`(?i)^\s*(?:n|no|nope|nah|false|none|done|never|not really|not at all|i don'?t think so|they can'?t|it can'?t|can'?t|cannot|no way|not)\b`)
)

// hedgePattern starts an answer that is neither yes nor no.
var hedgePattern = lazyre.New(`(?i)^\s*(?:maybe|perhaps|depends|it depends|sometimes|partly|kind of|sort of)\b`)

// parseYesNo reads yes or no from how the answer starts: "no, just the
// one" is no, "not really, claims change when approved" is no, "yeah for
// a few minutes" is yes.
func parseYesNo(a string) (bool, error) {
	if hedgePattern.MatchString(a) {
		return false, fmt.Errorf("could not read %q: I need yes or no", a)
	}
	first := words(a)[:min(3, len(words(a)))]
	negated := slices.ContainsFunc(first, func(w string) bool {
		return w == "not" || w == "never" || w == "no" || strings.HasSuffix(w, "n't") || w == "cannot"
	})
	switch {
	case noPattern.MatchString(a) || negated && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(a)), "y"):
		return false, nil
	case yesPattern.MatchString(a):
		return true, nil
	}
	return false, fmt.Errorf("could not read %q: I need yes or no", a)
}

// afterYesNo returns what follows the yes or no: "submitting claims" for
// "yes, submitting claims".
func afterYesNo(a string) string {
	loc := yesPattern.FindStringIndex(a)
	if loc == nil {
		return ""
	}
	rest := strings.TrimLeft(a[loc[1]:], " ,.:;!-—")
	for _, filler := range []string{"there is ", "there's ", "another one ", "one more ", "also ", "the "} {
		rest = strings.TrimPrefix(rest, filler)
	}
	return strings.TrimSpace(strings.TrimRight(rest, ".!"))
}
