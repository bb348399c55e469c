package review

import (
	"encoding/json"
	"math"
	"regexp"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Scale is the load a document states, read from figures such as
// "1,200 rps", "5k requests/min", "1M events/sec" or "2M messages per
// hour". The rules judge technology choices against it: Kafka at 40
// events/s is premature, at 1M events/s it is the boring choice. A rate of
// -1 means the document states none of that kind; the JSON form leaves it
// out: {"peak": {"per_second": 1141, "line": 9}, "events": {…}}.
type Scale struct {
	// PeakPerSecond is the highest rate of any kind.
	PeakPerSecond float64
	PeakLine      int
	// EventsPerSecond counts events (streams, clicks, notifications).
	EventsPerSecond float64
	EventsLine      int
	// MessagesPerSecond counts queued messages, jobs and tasks.
	MessagesPerSecond float64
	MessagesLine      int
	// WritesPerSecond counts writes, inserts and updates.
	WritesPerSecond float64
	WritesLine      int
}

// ScaleJSON is the JSON form of a Scale, named so that a schema of the
// report can be generated from the shape it really has.
type ScaleJSON struct {
	Peak     *StatedRate `json:"peak,omitempty" jsonschema:"the highest rate of any kind"`
	Events   *StatedRate `json:"events,omitempty" jsonschema:"events: streams, clicks, notifications"`
	Messages *StatedRate `json:"messages,omitempty" jsonschema:"queued messages, jobs and tasks"`
	Writes   *StatedRate `json:"writes,omitempty" jsonschema:"writes, inserts and updates"`
}

// StatedRate is one rate a document states and the line it is on.
type StatedRate struct {
	PerSecond float64 `json:"per_second"`
	Line      int     `json:"line"`
}

// MarshalJSON leaves out the kinds of rate the document does not state.
func (s Scale) MarshalJSON() ([]byte, error) {
	var out ScaleJSON
	for _, r := range []struct {
		dst  **StatedRate
		v    float64
		line int
	}{
		{&out.Peak, s.PeakPerSecond, s.PeakLine},
		{&out.Events, s.EventsPerSecond, s.EventsLine},
		{&out.Messages, s.MessagesPerSecond, s.MessagesLine},
		{&out.Writes, s.WritesPerSecond, s.WritesLine},
	} {
		if r.v >= 0 {
			*r.dst = &StatedRate{PerSecond: math.Round(r.v*100) / 100, Line: r.line}
		}
	}
	return json.Marshal(out)
}

// Known reports whether the document states any rate at all.
func (s Scale) Known() bool { return s.PeakPerSecond >= 0 }

// The decision matrix's thresholds, read from the capacity package so the
// reviewer judges by the numbers the designer chooses by: below them a
// simpler component does the job.
const (
	kafkaEventsPerSecond   = capacity.EventsPerSecond             // PostgreSQL LISTEN/NOTIFY below this
	kafkaMessagesPerSecond = capacity.QueueMessagesPerHour / 3600 // Redis and workers below 1M messages/hour
	verticalPerSecond      = capacity.VerticalMaxRPS              // one big server and a primary below this
	shardWritesPerSecond   = capacity.DatabaseWritesPerSecond     // PostgreSQL takes 10k writes/s with ease
)

const num = `(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k|m|b|bn|thousand|million|billion)?`

var (
	// countNouns are the things a rate may count, singular or plural.
	countNouns = `(?:(events?|clicks?|notifications?|pushes|push|pings?|signals?|beacons?|` +
		`messages?|msgs?|jobs?|tasks?|emails?|` +
		`writes?|inserts?|updates?|uploads?|orders?|payments?|transactions?|txns?|posts?|comments?|` +
		`requests?|reqs?|req|reads?|queries|query|ops|operations?|calls?|views?|page ?views?|` +
		`searches|search|lookups?|redirects?|logins?|checkouts?|sessions?|records?|rows?|items?)\s*)?`
	period = `(?:/|\bper\b|\ban?\b|\beach\b)\s*(s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|mo|months?)\b`
	rateRe = regexp.MustCompile(`\b` + num + `\s*` + countNouns + period)
	// abbrRe reads the usual abbreviations: rps, qps, tps, eps, wps, mps.
	abbrRe = regexp.MustCompile(`\b` + num + `\s*(rps|qps|tps|eps|wps|mps|ops/s)\b`)
	// limitAfter marks a figure followed by what makes it a limit: "10k
	// writes/s is far above what we need", "100k ops/s per instance". It
	// is matched against the few words after the figure only.
	limitAfter = regexp.MustCompile(`^\W{0,3}\s*(per\s+(instance|server|node|core|shard|partition|box|machine|host|broker)|(is|are)\s+(far\s+|well\s+)?(above|below|more than|beyond|plenty)|easily|with ease|of headroom|headroom|capacity|ceiling|limit|max(imum)?|at most|threshold)`)
)

var (
	eventNouns   = newTerms("event*", "click*", "notification*", "push*", "ping*", "signal*", "beacon*")
	messageNouns = newTerms("message*", "msg*", "job*", "task*", "email*")
	writeNouns   = newTerms("write*", "insert*", "update*", "upload*", "order*", "payment*", "transaction*", "txn*", "post*", "comment*")
)

// readScale collects the rates a document states, sentence by sentence
// outside code, leaving out the sections and table columns that talk
// about thresholds, alternatives or reasons ("PostgreSQL takes 10k
// writes/s" is a limit, not the load).
func readScale(d *Document, sents []sentence) Scale {
	s := Scale{PeakPerSecond: -1, EventsPerSecond: -1, MessagesPerSecond: -1, WritesPerSecond: -1}
	note := func(rate *float64, line *int, v float64, l int) {
		if v > *rate {
			*rate, *line = v, l
		}
	}
	for _, sn := range sents {
		if sn.Column != "" && skipColumns.in(sn.Column) || limitSentence.in(sn.lower) ||
			d.within(sn.Section, notLoadTitles) {
			continue
		}
		for _, r := range ratesIn(sn.Text) {
			note(&s.PeakPerSecond, &s.PeakLine, r.perSecond, sn.Line)
			switch {
			case eventNouns.in(r.noun):
				note(&s.EventsPerSecond, &s.EventsLine, r.perSecond, sn.Line)
			case messageNouns.in(r.noun):
				note(&s.MessagesPerSecond, &s.MessagesLine, r.perSecond, sn.Line)
			case writeNouns.in(r.noun):
				note(&s.WritesPerSecond, &s.WritesLine, r.perSecond, sn.Line)
			}
		}
	}
	return s
}

// limitSentence marks a sentence about a component's limit, whose figures
// are not the system's load.
var limitSentence = newTerms("threshold*", "ceiling", "capacity of", "limit of", "tops out", "handles up to", "scales to", "maximum of", "max of")

// notLoadTitles hold figures other than today's load: components'
// limits, future growth (a design is judged against the load it must carry
// now, and its scaling path against growth), and rejected alternatives.
var notLoadTitles = newTerms("decision matrix", "technology selection", "selection guide", "when to use", "threshold*", "appendix", "glossary",
	"scal*", "growth", "future", "roadmap", "evolution", "phase*", "alternative*", "rejected", "considered", "anti-pattern*", "non-goal*", "out of scope")

type rate struct {
	perSecond float64
	noun      string
}

// ratesIn reads every rate in one line.
func ratesIn(line string) []rate {
	if !strings.ContainsAny(line, "0123456789") {
		return nil
	}
	line = asciiLower(line)
	period := strings.Contains(line, "/") || strings.Contains(line, "per") || strings.Contains(line, " a") || strings.Contains(line, "each")
	abbr := strings.Contains(line, "ps")
	if !period && !abbr {
		return nil
	}
	var out []rate
	add := func(loc []int, numStr, suffix, noun string, perSecond func(float64) float64) {
		// Only the words next to the figure matter; looking no further
		// keeps a long line with many figures linear.
		if comparedBefore(line[max(0, loc[0]-40):loc[0]]) || limitAfter.MatchString(line[loc[1]:min(len(line), loc[1]+60)]) {
			return
		}
		n, err := quantity.ParseCount(strings.ReplaceAll(numStr, ",", "") + suffixMultiplier(suffix))
		if err != nil {
			return
		}
		out = append(out, rate{perSecond: perSecond(n), noun: strings.ToLower(noun)})
	}
	for _, m := range matchesIf(period, rateRe, line) {
		numStr, suffix, noun, per := submatch(line, m, 1), submatch(line, m, 2), submatch(line, m, 3), submatch(line, m, 4)
		secs, ok := quantity.PeriodSeconds(per, quantity.DefaultSecondsPerMonth)
		if !ok || secs <= 0 {
			continue
		}
		add(m, numStr, suffix, noun, func(n float64) float64 { return n / secs })
	}
	for _, m := range matchesIf(abbr, abbrRe, line) {
		abbr := strings.ToLower(submatch(line, m, 3))
		noun := map[string]string{"eps": "events", "wps": "writes", "mps": "messages", "tps": "transactions"}[abbr]
		add(m, submatch(line, m, 1), submatch(line, m, 2), noun, func(n float64) float64 { return n })
	}
	return out
}

// comparison words before a figure make it a limit, not the load: "Kafka
// above 10k events/s", "PostgreSQL handles 10k writes/s", "until 1M/hour".
var comparison = map[string]bool{
	"above": true, "below": true, "under": true, "over": true, "beyond": true, "past": true,
	"until": true, "exceed": true, "exceeds": true, "exceeding": true, "threshold": true,
	"ceiling": true, "limit": true, "handle": true, "handles": true, "takes": true, "once": true, "when": true,
	"more than": true, "less than": true, "fewer than": true, "up to": true, "at most": true,
	"scale to": true, "scales to": true, "capacity of": true, "out at": true,
}

// comparedBefore says whether the text just before a figure compares it:
// it ends in a comparison word (perhaps followed by "about" or "~") or a
// comparison sign.
func comparedBefore(before string) bool {
	t := strings.TrimSpace(before)
	for _, approx := range []string{"~", "about", "around"} {
		t = strings.TrimSpace(strings.TrimSuffix(t, approx))
	}
	for _, sign := range []string{">", "<", "≥", "≤"} {
		if strings.HasSuffix(t, sign) {
			return true
		}
	}
	words := strings.Fields(t)
	n := len(words)
	return n >= 1 && comparison[words[n-1]] || n >= 2 && comparison[words[n-2]+" "+words[n-1]]
}

func matchesIf(ok bool, re *regexp.Regexp, s string) [][]int {
	if !ok {
		return nil
	}
	return re.FindAllStringSubmatchIndex(s, -1)
}

func submatch(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// suffixMultiplier spells a suffix the way the quantity grammar reads it.
func suffixMultiplier(s string) string {
	switch strings.ToLower(s) {
	case "k", "thousand":
		return "k"
	case "m", "million":
		return "M"
	case "b", "bn", "billion":
		return "B"
	}
	return ""
}
