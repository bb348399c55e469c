package review

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Scale is the load a document states: every request rate it gives with
// its subject (reads, writes, searches, messages, events, users) and line,
// read by the quantity scanner, and the peak of each kind. The rules judge
// technology choices against the peak of the kind they serve: Kafka at 40
// events/s is premature, at 1M events/s it is the boring choice. Byte
// rates ("400 KB/s") are never request rates, and conversions ("1 request
// per second = 2.5 million requests per month"), arithmetic and examples
// are not loads. A rate of -1 means the document states none of that
// kind; the JSON form leaves it out:
// {"peak": {"per_second": 1141, "line": 9}, "reads": {…}, "loads": […]}.
type Scale struct {
	// PeakPerSecond is the highest rate of any kind.
	PeakPerSecond float64
	PeakLine      int
	// EventsPerSecond counts events (streams, clicks, notifications).
	EventsPerSecond float64
	EventsLine      int
	// MessagesPerSecond counts queued messages, jobs, tasks and deliveries.
	MessagesPerSecond float64
	MessagesLine      int
	// WritesPerSecond counts writes, inserts, updates, posts and orders.
	WritesPerSecond float64
	WritesLine      int
	// ReadsPerSecond counts reads, queries, views and redirects.
	ReadsPerSecond float64
	ReadsLine      int
	// SearchesPerSecond counts searches.
	SearchesPerSecond float64
	SearchesLine      int
	// UsersPerSecond counts users arriving: sign-ups, logins, sessions.
	UsersPerSecond float64
	UsersLine      int
	// Loads lists every load read, in document order.
	Loads []Load
}

// Load is one stated rate.
type Load struct {
	Kind      string  `json:"kind,omitempty"`    // reads, writes, searches, messages, events, users; "" when not said
	Subject   string  `json:"subject,omitempty"` // what it counts, as written: "read requests"
	PerSecond float64 `json:"per_second"`
	Line      int     `json:"line"`
	Text      string  `json:"text"` // the figure as written: "250 billion read requests per month"
}

// The kinds of load, as they appear in Load.Kind and the JSON form.
const (
	loadReads    = "reads"
	loadWrites   = "writes"
	loadSearches = "searches"
	loadMessages = "messages"
	loadEvents   = "events"
	loadUsers    = "users"
)

// ScaleJSON is the JSON form of a Scale, named so that a schema of the
// report can be generated from the shape it really has.
type ScaleJSON struct {
	Peak     *StatedRate `json:"peak,omitempty" jsonschema:"the highest rate of any kind"`
	Events   *StatedRate `json:"events,omitempty" jsonschema:"events: streams, clicks, notifications"`
	Messages *StatedRate `json:"messages,omitempty" jsonschema:"queued messages, jobs, tasks and deliveries"`
	Writes   *StatedRate `json:"writes,omitempty" jsonschema:"writes, inserts, updates, posts and orders"`
	Reads    *StatedRate `json:"reads,omitempty" jsonschema:"reads, queries, views and redirects"`
	Searches *StatedRate `json:"searches,omitempty" jsonschema:"searches"`
	Users    *StatedRate `json:"users,omitempty" jsonschema:"users arriving: sign-ups, logins, sessions"`
	Loads    []Load      `json:"loads,omitempty" jsonschema:"every rate read, in document order"`
}

// StatedRate is one rate a document states and the line it is on.
type StatedRate struct {
	PerSecond float64 `json:"per_second"`
	Line      int     `json:"line"`
}

// MarshalJSON leaves out the kinds of rate the document does not state.
func (s Scale) MarshalJSON() ([]byte, error) {
	out := ScaleJSON{Loads: s.Loads}
	for _, r := range []struct {
		dst  **StatedRate
		v    float64
		line int
	}{
		{&out.Peak, s.PeakPerSecond, s.PeakLine},
		{&out.Events, s.EventsPerSecond, s.EventsLine},
		{&out.Messages, s.MessagesPerSecond, s.MessagesLine},
		{&out.Writes, s.WritesPerSecond, s.WritesLine},
		{&out.Reads, s.ReadsPerSecond, s.ReadsLine},
		{&out.Searches, s.SearchesPerSecond, s.SearchesLine},
		{&out.Users, s.UsersPerSecond, s.UsersLine},
	} {
		if r.v >= 0 {
			*r.dst = &StatedRate{PerSecond: math.Round(r.v*100) / 100, Line: r.line}
		}
	}
	return json.Marshal(out)
}

// describe writes the stated load for a person, or "" when none is
// stated: the peak of each kind, then the figures it was read from.
func (s Scale) describe() string {
	if !s.Known() {
		return ""
	}
	parts := []string{fmt.Sprintf("peak %s (line %d)", quantity.FormatRate(s.PeakPerSecond), s.PeakLine)}
	for _, k := range []struct {
		name string
		v    float64
		line int
	}{
		{loadReads, s.ReadsPerSecond, s.ReadsLine}, {loadWrites, s.WritesPerSecond, s.WritesLine},
		{loadSearches, s.SearchesPerSecond, s.SearchesLine}, {loadEvents, s.EventsPerSecond, s.EventsLine},
		{loadUsers, s.UsersPerSecond, s.UsersLine},
	} {
		if k.v >= 0 {
			parts = append(parts, fmt.Sprintf("%s %s (line %d)", k.name, quantity.FormatRate(k.v), k.line))
		}
	}
	if s.MessagesPerSecond >= 0 {
		parts = append(parts, fmt.Sprintf("messages %s/hour (line %d)", quantity.FormatNumber(s.MessagesPerSecond*3600), s.MessagesLine))
	}
	out := strings.Join(parts, ", ")
	const shown = 6
	var read []string
	for i, l := range s.Loads {
		if i == shown {
			read = append(read, fmt.Sprintf("and %d more", len(s.Loads)-shown))
			break
		}
		read = append(read, fmt.Sprintf("%q line %d", l.Text, l.Line))
	}
	return out + "; read from " + strings.Join(read, ", ")
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

// readScale collects the loads a document states, sentence by sentence
// outside code, leaving out the sections and table columns that talk
// about thresholds, alternatives or reasons ("PostgreSQL takes 10k
// writes/s" is a limit, not the load), and conversions and examples.
func readScale(d *Document, sents []sentence) Scale {
	s := Scale{PeakPerSecond: -1, EventsPerSecond: -1, MessagesPerSecond: -1, WritesPerSecond: -1,
		ReadsPerSecond: -1, SearchesPerSecond: -1, UsersPerSecond: -1}
	// A line's verdict is kept: a long paragraph is many sentences that
	// start on one line.
	rawConversion := map[int]bool{}
	for _, sn := range sents {
		if sn.Column != "" && skipColumns.in(sn.Column) || limitSentence.inG(sn.lower, sn.grams) ||
			d.within(sn.Section, notLoadTitles) || notALoad(sn.lower) {
			continue
		}
		conv, seen := rawConversion[sn.Line]
		if !seen && sn.Column == "" {
			conv = notALoad(rawLine(d, sn.Line))
			rawConversion[sn.Line] = conv
		}
		if conv {
			continue
		}
		for _, l := range loadsIn(sn.Text) {
			l.Line = sn.Line
			if l.Kind == "" && sn.Column != "" {
				l.Kind = d.rowKind(sn.Line, sn.Text)
			}
			if len(s.Loads) < maxLoads {
				s.Loads = append(s.Loads, l)
			}
			s.note(l)
		}
	}
	return s
}

// rowAt returns the table row at a line.
func (d *Document) rowAt(line int) (Table, Row, bool) {
	for _, t := range d.Tables {
		if line <= t.Line || len(t.Rows) == 0 || line > t.Rows[len(t.Rows)-1].Line {
			continue
		}
		for _, r := range t.Rows {
			if r.Line == line {
				return t, r, true
			}
		}
	}
	return Table{}, Row{}, false
}

// rowKind reads the kind of a rate given in a table cell from the rest of
// its row: a kind column ("message"), else the other cells ("deliver
// notifications | … | 200M/day").
func (d *Document) rowKind(line int, cell string) string {
	t, r, ok := d.rowAt(line)
	if !ok {
		return ""
	}
	var kindCells, others []string
	for c, v := range r.Cells {
		if v == cell {
			continue
		}
		if c < len(t.Header) && (strings.EqualFold(t.Header[c], "kind") || strings.EqualFold(t.Header[c], "type")) {
			kindCells = append(kindCells, v)
		} else {
			others = append(others, v)
		}
	}
	for _, cells := range [][]string{kindCells, others} {
		if k := kindOf(strings.Fields(strings.ToLower(strings.Join(cells, " ")))); k != "" {
			return k
		}
	}
	return ""
}

// maxLoads bounds the loads a report lists; the peaks take every one.
const maxLoads = 100

// limitSentence marks a sentence about a component's limit, whose figures
// are not the system's load.
var limitSentence = newTerms("threshold*", "ceiling", "capacity of", "limit of", "tops out", "handles up to", "scales to", "maximum of", "max of")

// notLoadTitles hold figures other than today's load: components'
// limits, future growth (a design is judged against the load it must carry
// now, and its scaling path against growth), and rejected alternatives.
var notLoadTitles = newTerms("decision matrix", "technology selection", "selection guide", "when to use", "threshold*", "appendix", "glossary",
	"scal*", "growth", "future", "roadmap", "evolution", "phase*", "alternative*", "rejected", "considered", "anti-pattern*", "non-goal*", "out of scope",
	"conversion*", "example*", "cost estimate", "pricing", "budget")

// rawLine returns a line of the document as written, in lower case: the
// sentence text has lost the markup, and with it the "*" of a product.
func rawLine(d *Document, line int) string {
	if line < 1 || line > len(d.Lines) {
		return ""
	}
	l := strings.TrimSpace(d.Lines[line-1])
	if len(l) > 300 {
		return "" // a paragraph on one line: its sentences speak for themselves
	}
	l = strings.TrimLeft(l, "*-+ ") // a list item's bullet is not a product
	return asciiLower(l)
}

// notALoad says whether a sentence computes, converts or gives an example
// rather than states a load: "1 request per second = 2.5 million
// requests per month", "10 KB per tweet * 500 million tweets per day",
// "(400 requests per second / 1 billion requests per month)", "for
// example, 100 requests per second". It runs on every sentence, so it
// tests substrings rather than a regexp.
func notALoad(lower string) bool {
	if i := strings.IndexAny(lower, "=≈"); i > 0 && strings.ContainsAny(lower[:i], "0123456789") {
		return true
	}
	if strings.Contains(lower, " * ") || strings.Contains(lower, " × ") {
		return true
	}
	for rest := lower; ; {
		i := strings.Index(rest, " /")
		if i < 0 {
			break
		}
		rest = strings.TrimLeft(rest[i+2:], " ")
		if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	for _, w := range []string{"for example", "e.g.", "for instance", "example:", "conversion"} {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// rate is a request rate read from a line, with the noun it counts.
type rate struct {
	perSecond float64
	noun      string
}

// ratesIn reads every request rate in one line.
func ratesIn(line string) []rate {
	var out []rate
	for _, l := range loadsIn(line) {
		out = append(out, rate{perSecond: l.PerSecond, noun: l.Subject})
	}
	return out
}

// loadsIn reads every request rate in one line that is stated as a load:
// not a byte rate, not a conversion of time ("seconds per month"), not a
// figure compared with a limit.
func loadsIn(line string) []Load {
	var out []Load
	lower := asciiLower(line)
	for _, m := range quantity.Scan(line) {
		if m.Value.Kind != quantity.PerSecond {
			continue
		}
		subject := m.Noun
		if subject == "" {
			subject = abbrNoun[strings.ToLower(lastWord(m.Text))]
		}
		kind, ok := loadKind(subject)
		if !ok {
			continue
		}
		// Only the words next to the figure matter; looking no further
		// keeps a long line with many figures linear.
		after := lower[m.End:min(len(lower), m.End+60)]
		if comparedBefore(lower[max(0, m.Start-40):m.Start]) || mayLimit(after) && limitAfter.MatchString(after) {
			continue
		}
		out = append(out, Load{Kind: kind, Subject: subject, PerSecond: m.Value.V, Text: m.Text})
	}
	return out
}

// abbrNoun names what the usual abbreviations count.
var abbrNoun = map[string]string{"eps": "events", "wps": "writes", "mps": "messages", "tps": "transactions"}

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// subjectKinds maps the start of a word to the kind of load it names.
// The first word of a subject that names a kind decides: "read requests"
// are reads, "write requests" writes, "paste writes" writes.
var subjectKinds = []struct{ prefix, kind string }{
	{"search", loadSearches},
	{"read", loadReads}, {"request", loadReads}, {"req", loadReads}, {"quer", loadReads}, {"view", loadReads},
	{"pageview", loadReads}, {"lookup", loadReads}, {"redirect", loadReads}, {"visit", loadReads}, {"get", loadReads},
	{"hit", loadReads}, {"call", loadReads}, {"fetch", loadReads}, {"download", loadReads}, {"op", loadReads},
	{"write", loadWrites}, {"insert", loadWrites}, {"update", loadWrites}, {"upload", loadWrites}, {"order", loadWrites},
	{"payment", loadWrites}, {"transaction", loadWrites}, {"txn", loadWrites}, {"post", loadWrites}, {"comment", loadWrites},
	{"tweet", loadWrites}, {"new", loadWrites}, {"create", loadWrites}, {"booking", loadWrites}, {"reservation", loadWrites},
	{"message", loadMessages}, {"msg", loadMessages}, {"job", loadMessages}, {"task", loadMessages}, {"email", loadMessages},
	{"deliver", loadMessages}, {"fanout", loadMessages}, {"fan-out", loadMessages},
	{"event", loadEvents}, {"click", loadEvents}, {"notification", loadEvents}, {"push", loadEvents}, {"ping", loadEvents},
	{"signal", loadEvents}, {"beacon", loadEvents}, {"impression", loadEvents}, {"log", loadEvents}, {"metric", loadEvents},
	{"user", loadUsers}, {"signup", loadUsers}, {"sign-up", loadUsers}, {"login", loadUsers}, {"session", loadUsers}, {"visitor", loadUsers},
}

// notLoadNouns count time or occasions, not traffic: "2.5 million seconds
// per month", "3 times a week", "$20 per month".
var notLoadNouns = map[string]bool{
	"second": true, "seconds": true, "sec": true, "secs": true, "minute": true, "minutes": true, "min": true, "mins": true,
	"hour": true, "hours": true, "hr": true, "hrs": true, "day": true, "days": true, "week": true, "weeks": true,
	"month": true, "months": true, "year": true, "years": true, "ms": true, "s": true, "m": true, "h": true, "d": true,
	"time": true, "times": true, "dollar": true, "dollars": true, "usd": true, "cent": true, "cents": true,
	"engineer": true, "engineers": true, "people": true, "person": true, "deploy": true, "deploys": true, "release": true, "releases": true,
}

// loadKind reads a subject as a kind of load; ok is false when the
// subject is not traffic at all.
func loadKind(subject string) (string, bool) {
	words := strings.Fields(subject)
	for _, w := range words {
		if notLoadNouns[w] {
			return "", false
		}
	}
	return kindOf(words), true
}

// kindOf returns the kind named by the first word that names one.
func kindOf(words []string) string {
	for _, w := range words {
		for _, sk := range subjectKinds {
			if strings.HasPrefix(w, sk.prefix) && (sk.prefix != "op" || w == "ops" || strings.HasPrefix(w, "operation")) &&
				(sk.prefix != "get" || w == "get" || w == "gets") && (sk.prefix != "new" || w == "new") &&
				(sk.prefix != "log" || w == "log" || w == "logs") && (sk.prefix != "hit" || w == "hit" || w == "hits") {
				return sk.kind
			}
		}
	}
	return ""
}

// limitAfter marks a figure followed by what makes it a limit: "10k
// writes/s is far above what we need", "100k ops/s per instance". It is
// matched against the few words after the figure only.
var limitAfter = lazyre.New(`^\W{0,3}\s*(per\s+(instance|server|node|core|shard|partition|box|machine|host|broker)|(is|are)\s+(far\s+|well\s+)?(above|below|more than|beyond|plenty)|easily|with ease|of headroom|headroom|capacity|ceiling|limit|max(imum)?|at most|threshold)`)

// limitWords are limitAfter's alternatives that are words alone.
var limitWords = []string{"easily", "with ease", "of headroom", "headroom", "capacity", "ceiling", "limit", "max", "at most", "threshold"}

// mayLimit says whether limitAfter may match s: all it reads before its
// words is non-word characters, so s's first ASCII letter, digit or
// underscore must start one of them; "per" and "is"/"are" must be
// followed by white space and, after it, by what the regexp wants there
// ("per instance", "is well above"). Most figures are followed by none
// of them, and are spared the regexp.
func mayLimit(s string) bool {
	i := 0
	for i < len(s) && !isWordByte(s[i]) {
		i++
	}
	s = s[i:]
	for _, w := range limitWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	if rest, ok := afterWordAndSpace(s, "per"); ok {
		return hasAnyPrefix(rest, "instance", "server", "node", "core", "shard", "partition", "box", "machine", "host", "broker")
	}
	rest, ok := afterWordAndSpace(s, "is")
	if !ok {
		rest, ok = afterWordAndSpace(s, "are")
	}
	if !ok {
		return false
	}
	for _, w := range []string{"far", "well"} {
		if r, ok := afterWordAndSpace(rest, w); ok && hasAnyPrefix(r, "above", "below", "more than", "beyond", "plenty") {
			return true
		}
	}
	return hasAnyPrefix(rest, "above", "below", "more than", "beyond", "plenty")
}

// afterWordAndSpace returns what follows w and one or more of the
// regexp's white space characters at the start of s; ok is false when s
// does not start so.
func afterWordAndSpace(s, w string) (rest string, ok bool) {
	if !strings.HasPrefix(s, w) {
		return "", false
	}
	rest = strings.TrimLeft(s[len(w):], " \t\n\f\r")
	return rest, len(rest) < len(s)-len(w)
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
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

func submatch(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}
