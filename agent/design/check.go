package design

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// A design that contradicts itself is a bug, not a matter of taste. Check
// reads a finished Design as a reviewer would and lists every place where
// it disagrees with itself or with its requirements; Build refuses to
// return a design with any.

// Inconsistency is one place where a design contradicts itself or its
// requirements.
type Inconsistency struct {
	Rule string `json:"rule"`
	Text string `json:"text"`
}

// InconsistentError is returned by Build when the design it built fails
// its own consistency check: a bug in the engine, reported whole.
type InconsistentError struct {
	Title string
	Found []Inconsistency
}

func (e *InconsistentError) Error() string {
	parts := make([]string, len(e.Found))
	for i, f := range e.Found {
		parts[i] = f.Rule + ": " + f.Text
	}
	return fmt.Sprintf("the design of %q contradicts itself (a bug in sysarch; please report it with the requirements file): %s", e.Title, strings.Join(parts, "; "))
}

// Check lists the inconsistencies of a design. It reads the typed design,
// never a rendering of it: the verdicts, decisions and the facts each
// section relies on (facts.go) against one another, the system model
// (model_check.go), the choices against the requirements, and the
// design's own sentences for how they write figures (lintProse).
func (d *Design) Check() []Inconsistency {
	var found []Inconsistency
	add := func(rule, format string, args ...any) {
		found = append(found, Inconsistency{rule, fmt.Sprintf(format, args...)})
	}
	d.lintProse(add)
	d.checkSections(add)
	d.checkModel(add)
	d.checkRequirements(add)
	questions, names := map[string]bool{}, map[string]bool{}
	for _, dec := range d.Decisions {
		name := strings.ToLower(dec.Decision)
		if names[name] || dec.Question != "" && questions[dec.Question] {
			add("one decision per question", "the Decision Log decides %q twice", dec.Decision)
		}
		names[name], questions[dec.Question] = true, true
	}
	return found
}

// lintProse reads the design's sentences — its own and any narrative a
// model gave it, never the requirements it quotes — for what no field
// types: a figure printed in exponent form, a "within N" whose figure
// exceeds N, and a claim the requirements forbid. It judges how the
// sentences are written; which parts the design has is never read from
// them.
func (d *Design) lintProse(add func(rule, format string, args ...any)) {
	text := withoutQuotes(d.prose(), d.Requirements)
	for _, m := range exponents(text, 5) {
		add("no exponent form", "%q is printed in exponent form", m)
	}
	for _, c := range falseWithin(text) {
		add("within is true", "%q", c)
	}
	if strings.Contains(strings.ToLower(requirementText(d)), "anonymous") && strings.Contains(strings.ToLower(text), "authentication on every route") {
		add("requirements hold", "the users are anonymous, yet the design asks for authentication on every route")
	}
}

// prose is every sentence of the design but the requirements it quotes,
// one per line, in field order.
func (d *Design) prose() string {
	var sb strings.Builder
	// A design's sentences run to tens of kilobytes: room for them at
	// once spares the doubling series of copies (pages never written are
	// never touched).
	sb.Grow(proseRoom)
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			sb.WriteString(v.String())
			sb.WriteByte('\n')
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			if v.Type().Elem().Kind() == reflect.Uint8 {
				return // tool inputs as JSON
			}
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			t := v.Type()
			for i := range v.NumField() {
				if f := t.Field(i); f.IsExported() && f.Type != reflect.TypeFor[requirements.Requirements]() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(*d))
	return sb.String()
}

// quotable says whether a requirement's text is worth blanking where the
// design quotes it: a title "r" or a summary "." would blank every r and
// every decimal point of the design, and the lint would then misread its
// figures. A quote holds three bytes or more, a letter or a digit among
// them.
func quotable(q string) bool {
	return len(q) >= 3 && strings.ContainsFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// maxQuotesByByte is how many quotes may start with one byte before
// withoutQuotes leaves them to a strings.Replacer.
const maxQuotesByByte = 16

// proseRoom is what prose reserves before it writes.
const proseRoom = 256 << 10

// withoutQuotes blanks the requirements' own words (a title, a workload
// name) wherever the design repeats them: the lint judges what the
// engine wrote, not what it was given.
func withoutQuotes(text string, r requirements.Requirements) string {
	quoted := append([]string{r.Title, r.Summary, r.Durability, r.Question}, r.Functional...)
	quoted = append(quoted, r.Compliance...)
	for _, w := range r.Workloads {
		quoted = append(quoted, w.Name, string(w.Kind), w.Schedule, w.Scans)
	}
	if c := r.Constraints; c != nil {
		quoted = append(quoted, c.Team, c.Budget, c.Timeline)
		quoted = append(quoted, c.Existing...)
	}
	if c := r.Current; c != nil {
		quoted = append(quoted, c.Changes...)
		for _, st := range c.Stages {
			quoted = append(quoted, st.Name)
		}
	}
	slices.SortFunc(quoted, func(a, b string) int { return len(b) - len(a) })
	// One pass for all of them; the longest is tried first at each place.
	// The quotes are listed by their first byte, so a place is tried
	// only against the quotes that can start there: a strings.Replacer
	// built a trie of them all for one pass, which cost more than the pass.
	var byFirst [256][]string
	for _, q := range quoted {
		if q = strings.TrimSpace(q); quotable(q) {
			byFirst[q[0]] = append(byFirst[q[0]], q)
		}
	}
	if slices.ContainsFunc(byFirst[:], func(qs []string) bool { return len(qs) > maxQuotesByByte }) {
		// Many quotes start alike (hundreds of workloads named
		// "workload …"): trying each at every place would be quadratic,
		// where a Replacer's trie reads each place once.
		var pairs []string
		for _, q := range quoted {
			if q = strings.TrimSpace(q); quotable(q) {
				pairs = append(pairs, q, "«»")
			}
		}
		return strings.NewReplacer(pairs...).Replace(text)
	}
	var b strings.Builder
	from := 0
	grown := false
	for i := 0; i < len(text); {
		n := 0
		for _, q := range byFirst[text[i]] {
			if strings.HasPrefix(text[i:], q) {
				n = len(q)
				break
			}
		}
		if n == 0 {
			i++
			continue
		}
		if !grown {
			// One allocation the size of the text, not a doubling
			// series of copies of a design's worth of sentences.
			b.Grow(len(text))
			grown = true
		}
		b.WriteString(text[from:i])
		b.WriteString("«»")
		i += n
		from = i
	}
	if from == 0 {
		return text
	}
	b.WriteString(text[from:])
	return b.String()
}

var (
	clauseSplit = lazyre.New(`\||;\s|\.\s|:\s|\n`)
	// numberRe reads a figure with its unit class: a byte unit after a
	// space makes it bytes; k, M or B glued to it scales a count.
	numberRe = lazyre.New(`(?:^|[^A-Za-z0-9_.,\[])(\d[\d,]*(?:\.\d+)?)(?:\s(KB|MB|GB|TB|PB|EB|B)\b|([kKMB])\b|(ms|us|s|m|h|d|mo|y|%)(?:\W|$))?`)
)

// falseWithin finds clauses that call a figure within a limit it
// exceeds: the last figure before "within" against the first after it,
// when both are of one class (bytes, or counts and rates).
func falseWithin(text string) []string {
	var bad []string
	// Only the few lines that say "within" are split into clauses.
	var clauses []string
	for line := range strings.Lines(text) {
		if strings.Contains(line, " within ") {
			clauses = append(clauses, clauseSplit.Split(line, -1)...)
		}
	}
	for _, clause := range clauses {
		i := strings.Index(clause, " within ")
		if i < 0 || strings.Contains(clause, "not within") {
			continue
		}
		before := numberRe.FindAllStringSubmatch(clause[:i], -1)
		after := numberRe.FindAllStringSubmatch(clause[i:], -1)
		if len(before) == 0 || len(after) == 0 {
			continue
		}
		x, xc := figureOf(before[len(before)-1])
		y, yc := figureOf(after[0])
		if xc == yc && x > y {
			bad = append(bad, strings.TrimSpace(clause))
		}
	}
	return bad
}

// figureOf reads a figure and its class: "bytes", "time" (durations and
// percentages, each glued to its unit) or "count" (counts and rates).
func figureOf(m []string) (float64, string) {
	v, _ := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64)
	if m[2] != "" {
		if b, err := quantity.ParseBytes(m[1] + m[2]); err == nil {
			return b, "bytes"
		}
	}
	if m[4] != "" {
		if m[4] == "%" {
			return v, "percent"
		}
		d, err := quantity.ParseDuration(strings.ReplaceAll(m[1], ",", "") + m[4])
		if err == nil {
			return d, "time"
		}
		return v, m[4]
	}
	switch m[3] {
	case "k", "K":
		v *= 1e3
	case "M":
		v *= 1e6
	case "B":
		v *= 1e9
	}
	return v, "count"
}

// checkSections checks that the Decision Log, Core Components and the
// facts the other sections rely on tell one story: every verdict has its
// decision, nothing declined is chosen, and every hot path, failure and
// scaling step relies only on what the design has.
func (d *Design) checkSections(add func(rule, format string, args ...any)) {
	decided := map[string]bool{}
	declined := map[string]bool{}
	for _, dec := range d.Decisions {
		decided[dec.Choice] = true
		if dec.Choice == "none" && dec.Question != "" {
			declined[dec.Question] = true
		}
	}
	for _, c := range d.Verdicts() {
		if !decided[c.Choice] {
			add("components match decisions", "component %s (%s) has no decision in the Decision Log", c.Choice, c.Need)
		}
		if declined[c.Need] {
			add("components match decisions", "the Decision Log declines a %s, yet Core Components has %s", c.Need, c.Choice)
		}
	}
	for _, h := range d.HotPaths {
		for _, f := range h.Relies {
			if !d.holds(f) {
				add("hot paths match components", "%q counts on %s, which the design does not have", h.Name, factNames[f])
			}
		}
	}
	for _, f := range d.FailureScenarios {
		for _, r := range f.Relies {
			if !d.holds(r) {
				add("failures match components", "%q relies on %s, which no component provides", f.Failure, factNames[r])
			}
		}
		if f.Part != "" && (d.Model == nil || !d.Model.has(f.Part)) {
			add("failures match components", "%q is the failure of %q, which is not a part of the model", f.Failure, f.Part)
		}
	}
	for _, s := range d.Scaling {
		for _, f := range s.Relies {
			if !d.holds(f) {
				add("scaling matches decisions", "%s counts on %s, while the database stays one PostgreSQL primary and no threshold says when that changes", s.Horizon, factNames[f])
			}
		}
	}
}

var notOneMachineRe = lazyre.Guarded(`(won't|will not|does not|doesn't|do not|don't|cannot|can't|can not)\s+fit\s+(on|in|into)\s+(a\s+single|one|a)\s+(machine|server|node|host|computer)`, "fit")

// ruledOutTech are technologies a requirements text may rule out.
var ruledOutTech = []string{"graph database", "neo4j", "graphql", "kafka", "pulsar", "nats", "elasticsearch", "opensearch", "solr", "nutch",
	"redis", "memcached", "cassandra", "dynamodb", "mongodb", "spark", "hadoop", "mapreduce", "kubernetes", "cockroachdb", "vitess", "citus"}

// ruledOutRes match a negation shortly before each technology, in one
// sentence: "don't use … a graph database like Neo4j".
var ruledOutRes = func() []*lazyre.Regexp {
	res := make([]*lazyre.Regexp, len(ruledOutTech))
	for i, t := range ruledOutTech {
		res[i] = lazyre.New(`\b(don't|do not|never|no|not|without|avoid)\b[^.;\n]{0,80}\b` + regexp.QuoteMeta(t) + `\b`)
	}
	return res
}()

// ruledOut lists the technologies the requirements say not to use.
func ruledOut(text string) []string {
	var out []string
	for i, re := range ruledOutRes {
		if strings.Contains(text, ruledOutTech[i]) && re.MatchString(text) {
			out = append(out, ruledOutTech[i])
		}
	}
	return out
}

// checkRequirements checks that no choice of the design contradicts what
// the requirements say: the verdicts by their option, every part of the
// model by the products its technology names.
func (d *Design) checkRequirements(add func(rule, format string, args ...any)) {
	req := strings.ToLower(requirementText(d))
	if notOneMachineRe.MatchString(req) {
		for _, c := range d.Components {
			if c.Need == "database" && isPostgres(&c) {
				add("requirements hold", "the data does not fit on one machine, yet the database is %s", c.Choice)
			}
		}
	}
	for _, t := range ruledOut(req) {
		for _, c := range d.Components {
			if namesProduct(c.Choice, t) {
				add("requirements hold", "the requirements rule out %s, yet the design chooses %s", t, c.Choice)
			}
		}
		for _, s := range d.Services {
			if namesProduct(s.Technology, t) {
				add("requirements hold", "the requirements rule out %s, yet %s runs on %s", t, s.Name, s.Technology)
			}
		}
	}
}

// namesProduct says whether a technology's name names a product, word by
// word ("Kafka/Pulsar" names kafka; "no Kafka" and "Kafkaesque" do not).
// It is the one place a technology name is read.
func namesProduct(technology, product string) bool {
	words := strings.FieldsFunc(strings.ToLower(technology), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.')
	})
	want := strings.Fields(product)
	for i := 0; i+len(want) <= len(words); i++ {
		if slices.Equal(words[i:i+len(want)], want) && (i == 0 || words[i-1] != "no") {
			return true
		}
	}
	return false
}

// requirementText is every sentence of the requirements in one string.
func requirementText(d *Design) string {
	r := d.Requirements
	parts := append([]string{r.Title, r.Summary, r.Body, r.Durability}, r.Functional...)
	if r.Constraints != nil {
		parts = append(parts, r.Constraints.Team, r.Constraints.Budget)
	}
	return strings.Join(parts, "\n")
}

// saysNotOneMachine says whether the requirements state that the data
// does not fit on one machine.
func (b *builder) saysNotOneMachine() bool {
	return notOneMachineRe.MatchString(strings.ToLower(requirementText(b.d)))
}

// dropRuledOut takes the technologies the requirements rule out off the
// options of every decision, saying so in its reasoning: an option the
// requirements forbid was never on the table.
func (b *builder) dropRuledOut() {
	out := ruledOut(strings.ToLower(requirementText(b.d)))
	if len(out) == 0 {
		return
	}
	for i := range b.d.Decisions {
		dec := &b.d.Decisions[i]
		var kept, dropped []string
		for _, o := range dec.Options {
			if hit := slices.IndexFunc(out, func(t string) bool { return namesProduct(o, t) }); hit >= 0 && o != dec.Choice {
				dropped = append(dropped, o)
				continue
			}
			kept = append(kept, o)
		}
		if len(dropped) > 0 {
			dec.Options = kept
			dec.Reasoning += " Left out because the requirements rule it out: " + strings.Join(dropped, ", ") + "."
		}
	}
}

// exponents finds up to limit figures written in exponent form (1e+06,
// 4.5E-3) as whole words: one pass over the text, where a regular
// expression over a whole document costs milliseconds.
func exponents(text string, limit int) []string {
	var out []string
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	isWord := func(c byte) bool { return isDigit(c) || c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
	for i := 1; i+1 < len(text) && len(out) < limit; i++ {
		if c := text[i]; (c != 'e' && c != 'E') || !isDigit(text[i-1]) {
			continue
		}
		j := i + 1
		if text[j] == '+' || text[j] == '-' {
			j++
		}
		if j >= len(text) || !isDigit(text[j]) {
			continue
		}
		end := j
		for end < len(text) && isDigit(text[end]) {
			end++
		}
		start := i - 1
		for start > 0 && (isDigit(text[start-1]) || text[start-1] == '.' && start > 1 && isDigit(text[start-2])) {
			start--
		}
		if start > 0 && isWord(text[start-1]) || end < len(text) && isWord(text[end]) {
			continue
		}
		out = append(out, text[start:end])
		i = end
	}
	return out
}
