package design

import (
	"slices"
	"strings"
	"unicode"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/patterns"
)

// placeholderRe finds the {name} placeholders of the mapping's templates.
var placeholderRe = lazyre.New(`\{([a-z]+)\}`)

// fill replaces the placeholders and tidies the spaces an empty value
// leaves: "{entity} change history" with no entity is "change history".
func fill(template string, vars map[string]string) string {
	s := placeholderRe.ReplaceAllStringFunc(template, func(ph string) string { return vars[ph[1:len(ph)-1]] })
	return strings.Join(strings.Fields(s), " ")
}

// contentWords are the words of a text that can name a flow: lower case,
// without punctuation, plurals folded ("links" is "link").
func contentWords(s string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) }) {
		if len(w) < 3 || commonWords[w] {
			continue
		}
		words[stem(w)] = true
	}
	return words
}

func isWordRune(r rune) bool { return r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r) }

// commonWords match every flow and so none.
var commonWords = map[string]bool{"the": true, "and": true, "for": true, "with": true, "their": true, "its": true,
	"each": true, "all": true, "any": true, "who": true, "what": true, "from": true, "into": true, "over": true, "them": true,
	"that": true, "this": true, "per": true, "via": true, "user": true, "users": true, "record": true, "system": true, "fast": true}

// stem folds the usual English plural and tense endings.
func stem(w string) string {
	for _, suf := range []string{"ies", "es", "s", "ed", "ing"} {
		if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
			if suf == "ies" {
				return w[:len(w)-3] + "y"
			}
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// overlap counts the content words two texts share.
func overlap(a map[string]bool, b string) int {
	n := 0
	for w := range contentWords(b) {
		if a[w] {
			n++
		}
	}
	return n
}

// matchLoad finds the workload whose name shares the most words with the
// line, among those keep selects (all when nil); nil when none shares one.
func (b *builder) matchLoad(line string, keep func(*load) bool) *load {
	words := contentWords(line)
	var best *load
	bestN := 0
	for _, l := range b.loads {
		if keep != nil && !keep(l) {
			continue
		}
		if n := overlap(words, l.Name); n > bestN {
			best, bestN = l, n
		}
	}
	return best
}

// matchState finds the state row whose name, or the name of a workload
// whose records it keeps, shares the most words with the text; "" when
// none does.
func (b *builder) matchState(text string) string {
	words := contentWords(text)
	best, bestN := "", 0
	for _, s := range b.d.State {
		for _, name := range append([]string{s.Name}, s.Workloads...) {
			if n := overlap(words, name); n > bestN {
				best, bestN = s.Name, n
			}
		}
	}
	return best
}

// existingState returns the name of the first state row kept for role,
// or "".
func (b *builder) existingState(role string) string {
	for _, s := range b.d.State {
		if s.role == role {
			return s.Name
		}
	}
	return ""
}

// giveRole marks the state row called name as kept for role.
func (b *builder) giveRole(name, role string) {
	for i := range b.d.State {
		if b.d.State[i].Name == name && b.d.State[i].role == "" {
			b.d.State[i].role = role
		}
	}
}

func (b *builder) hotPath(name string) *HotPath {
	for i := range b.d.HotPaths {
		if b.d.HotPaths[i].Name == name {
			return &b.d.HotPaths[i]
		}
	}
	return nil
}

// optimise adds an optimisation to a hot path; with index, in place of
// the generic lookup index, keeping its second clause.
func (b *builder) optimise(path, opt string, index bool) {
	h := b.hotPath(path)
	if h == nil || slices.Contains(h.Optimizations, opt) {
		return
	}
	for i, o := range h.Optimizations {
		if index && o == lookupIndex+lookupOnce {
			h.Optimizations[i] = opt + lookupOnce
			return
		}
	}
	h.Optimizations = append(h.Optimizations, opt)
}

// undecline drops the "none" verdict of a need the functional lines
// turned out to create, so the Decision Log does not contradict itself.
func (b *builder) undecline(question questionID) {
	b.d.Decisions = slices.DeleteFunc(b.d.Decisions, func(d Decision) bool { return d.Question == string(question) && d.Choice == "none" })
}

// byFields reads "orders by customer email or order number" as the table
// orders and the fields customer_email and order_number. The text before
// " by " names the table; the list after it ends at a stop word.
func byFields(m *patterns.FunctionalMapping, text string) (table string, fields []string) {
	before, after, ok := strings.Cut(" "+strings.ToLower(text)+" ", " by ")
	if !ok {
		return "", nil
	}
	table = snake(dropArticles(m, before))
	if i := strings.IndexAny(after, ".;:()"); i >= 0 {
		after = after[:i]
	}
	words := strings.Fields(after)
	for i, w := range words {
		if slices.Contains(m.FieldStops, strings.Trim(w, ",")) {
			words = words[:i]
			break
		}
	}
	list := strings.Join(words, " ")
	for _, sep := range []string{",", " or ", " and ", "/", " & "} {
		list = strings.ReplaceAll(list, sep, "|")
	}
	for _, f := range strings.Split(list, "|") {
		if f = snake(dropArticles(m, f)); f != "" && !slices.Contains(fields, f) {
			fields = append(fields, f)
		}
	}
	return table, fields
}

// perFields reads "one booking per seat and show" as the table bookings
// and the fields seat_id and show_id: a row may exist once per
// combination of the things after "per"; "the same seat" is seat_id.
// Otherwise it reads the fields after "by" as they are.
func perFields(m *patterns.FunctionalMapping, line string) (table string, fields []string) {
	low := " " + strings.ToLower(line) + " "
	if _, after, ok := strings.Cut(low, " same "); ok {
		// "never sell the same seat twice": one row per seat.
		if words := strings.Fields(after); len(words) > 0 {
			return "", []string{snake(stem(strings.Trim(words[0], ",;."))) + "_id"}
		}
	}
	before, after, ok := strings.Cut(low, " per ")
	if !ok {
		if _, rest, ok := strings.Cut(low, " by "); ok {
			_, fields = byFields(m, " by "+rest)
		}
		return "", fields
	}
	if words := strings.Fields(before); len(words) > 0 {
		table = plural(stem(strings.Trim(words[len(words)-1], ",;")))
	}
	_, names := byFields(m, " by "+after)
	for _, f := range names {
		fields = append(fields, f+"_id")
	}
	return table, fields
}

func dropArticles(m *patterns.FunctionalMapping, s string) string {
	words := strings.Fields(strings.ReplaceAll(s, "'s", ""))
	for len(words) > 0 && slices.Contains(m.Articles, words[0]) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// snake writes a phrase as an SQL name: "customer e-mail" is customer_e_mail.
func snake(s string) string {
	parts := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
	return strings.Join(parts, "_")
}

// plural names a table after its records: "order" is orders.
func plural(noun string) string {
	noun = snake(noun)
	switch {
	case noun == "" || strings.HasSuffix(noun, "s"):
		return noun
	case strings.HasSuffix(noun, "y") && len(noun) > 1 && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])):
		return noun[:len(noun)-1] + "ies"
	}
	return noun + "s"
}

// entityOf names what a workload is about, without the verbs the mapping
// knows: "look up orders" is order.
func entityOf(m *patterns.FunctionalMapping, name string) string {
	s := strings.ToLower(strings.TrimSpace(name))
	for again := true; again; {
		again = false
		for i := range m.Implications {
			im := &m.Implications[i]
			if im.Mechanism != patterns.ImplicationWrite && im.Mechanism != patterns.ImplicationRead && im.Mechanism != patterns.ImplicationIndex {
				continue
			}
			if start, end := im.Match(s); start == 0 && end < len(s) {
				s, again = strings.TrimSpace(s[end:]), true
			}
		}
	}
	words := strings.Fields(s)
	if n := len(words); n > 0 {
		words[n-1] = stem(words[n-1])
	}
	return strings.Join(words, " ")
}

// withoutFields cuts the field list off a look-up: "search orders by
// customer email" is "search orders".
func withoutFields(m *patterns.FunctionalMapping, line string) string {
	for i := range m.Implications {
		im := &m.Implications[i]
		if im.Mechanism != patterns.ImplicationIndex || !im.Matches(line) {
			continue
		}
		if _, end := im.Match(line); end >= 0 {
			if j := strings.Index(strings.ToLower(line[end:]), " by "); j >= 0 {
				return line[:end+j]
			}
		}
	}
	return line
}

// addOnce appends s unless the list holds it; a line lands in a handful
// of places, so a scan is enough.
func addOnce(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}
