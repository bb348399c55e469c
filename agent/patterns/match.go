package patterns

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Input is what the matcher reads from a set of requirements.
type Input struct {
	Title, Summary string
	Functional     []string
	Workloads      []WorkloadInput
	// Body is the prose of the requirements.
	Body string
	// BodyTokens, when not nil, are phrase.Tokenize(Body), from a caller
	// that has read them already: a long body is not split twice.
	BodyTokens []phrase.Token
	// Users is the largest user count the requirements state (total,
	// monthly or daily); 0 when none. A size for scale sanity (scale.go).
	Users float64
	// Force and Exclude are archetype IDs from the requirements'
	// `patterns: [id, -id]`.
	Force, Exclude []string
}

// WorkloadInput is one workload as the matcher sees it.
type WorkloadInput struct {
	Name, Kind string
	ItemBytes  float64
	Scheduled  bool
	// PerDay is the workload's stated rate, a day of it; 0 when none.
	PerDay float64
}

// Match is an archetype recognised in an Input, or one that came near.
type Match struct {
	Archetype *Archetype
	// Score is the archetype's evidence weighed by the rule in score.go;
	// Margin is Score minus Threshold: how far the decision is from
	// going the other way.
	Score, Margin float64
	// Evidence says which words or fields were seen, and where, e.g.
	// `functional: "fan out tweets to followers" ("fan out")`.
	Evidence []string
	// Forced is true when the requirements named the archetype.
	Forced bool
	// Named is true when a strong phrase names the archetype in the
	// subject of the ask (title, summary or a functional line).
	Named bool
	// Vetoed quotes the `not:` phrase that ruled the archetype out.
	Vetoed string
	// Defined is true when a defining phrase (Recognise.Defining) is in
	// the subject: without one, generic words never suffice.
	Defined bool
	// Uncorroborated is true when a strong phrase names the archetype in
	// the title or summary but none of the ask's features (functional
	// lines, workloads) mentions it: a near miss.
	Uncorroborated bool
	// OneFeature is true when all the evidence is in one functional line
	// of an ask that lists several, and none in its title or summary: a
	// feature of the system, not its subject; a near miss.
	OneFeature bool
	// Compared quotes the phrase that named the archetype only in a
	// comparison ("basically like a leaderboard but for 12 teams"):
	// the ask resembles it, which is no evidence that it is one.
	// Difference quotes what the ask says sets it apart ("but for 12
	// teams"), when it says so.
	Compared, Difference string
	// Small says why an archetype whose mechanism exists because of
	// scale does not fit the size the ask states ("at 50 players a
	// sorted table ranks them"): a near miss.
	Small string
	near  bool
	// apart is true when the archetype merges on evidence of its own
	// beside every merged archetype that covers it (standsApart).
	apart bool
	// sights are where its phrases were seen, for standsApart.
	sights []seen
}

// Merged says whether the rule in score.go merges the match: forced,
// named, or evidence that reaches the threshold by at least CaseMargin
// with a defining phrase in the subject (low confidence never merges);
// never when a not: phrase ruled it out.
func (m Match) Merged() bool {
	if m.Forced {
		return true
	}
	return m.Small == "" && m.sufficient()
}

// sufficient says whether the evidence alone merges the match: no not:
// phrase, and named or defining evidence over the threshold by at least
// CaseMargin, one feature aside.
func (m Match) sufficient() bool {
	return m.Vetoed == "" && (m.Named || m.Defined && !m.OneFeature && m.Margin >= CaseMargin)
}

// Short says in a clause why a near miss was not merged.
func (m Match) Short() string {
	if m.Compared != "" {
		if m.Difference != "" {
			return fmt.Sprintf("mentioned as a comparison (%q, %q), and resembling it is not being one", m.Compared, m.Difference)
		}
		return fmt.Sprintf("mentioned as a comparison (%q), and resembling it is not being one", m.Compared)
	}
	if m.Small != "" && m.sufficient() {
		// Small only says why when the evidence alone would merge.
		return fmt.Sprintf("%s; add patterns: [%s] if it grows", m.Small, m.Archetype.ID)
	}
	if m.Uncorroborated {
		return "named in the title or summary, but none of the features is about it"
	}
	if m.OneFeature {
		return "one feature of the system is about it, and neither its title nor its summary"
	}
	if m.Margin < 0 {
		return "one phrase about the subject is not enough"
	}
	if m.Defined && m.Margin < CaseMargin {
		return fmt.Sprintf("the evidence is %.2g over the threshold, within %.2g of it: low confidence never merges", m.Margin, CaseMargin)
	}
	return "its words are generic (none names its subject), and generic words alone are not enough"
}

// Confidence says in a word how sure the match is: "named" when a strong
// phrase names the archetype, "high" a full phrase's weight over the
// threshold, "low" when one more word either way would flip it.
func (m Match) Confidence() string {
	switch {
	case m.Forced:
		return "forced"
	case m.Named:
		return "named"
	case m.Margin >= phraseCap:
		return "high"
	case m.Margin >= CaseMargin:
		return "medium"
	}
	return "low"
}

// cue is one compiled recognition phrase.
type cue struct {
	arch   int
	text   string
	weight float64
	strong bool
	// defining marks a phrase that names the archetype's subject (see
	// Recognise.Defining).
	defining bool
	// guard marks a phrase that names what the mechanism prevents (see
	// Recognise.Guards): a negator before it states the guarantee.
	guard bool
	// name marks a product name (see Recognise.Names).
	name bool
	// veto marks a `not:` phrase: seen in the subject, it rules the
	// archetype out.
	veto bool
}

// matcher finds the phrases of every archetype in one pass over a text,
// through the shared phrase matcher.
type matcher struct {
	archs []*Archetype
	set   *phrase.Set
	// phrases are the cues, in the order of set's phrases.
	phrases []cue
}

// compile builds the matcher of a list of archetypes: what the generator
// writes for the catalogue (catalogueCues, catalogueSet), and what a
// test that parses the YAML builds.
func compile(as []*Archetype) *matcher {
	cues, set := compileCues(as)
	return &matcher{archs: as, phrases: cues, set: set}
}

// compileCues lists every recognition phrase of the archetypes as a cue,
// and indexes their words (phrase.Words of each) by first word.
func compileCues(as []*Archetype) ([]cue, *phrase.Set) {
	var cues []cue
	add := func(i int, text string, weight float64) *cue {
		cues = append(cues, cue{arch: i, text: text, weight: weight})
		return &cues[len(cues)-1]
	}
	// weighted adds a list of phrases that may end in ^N.
	weighted := func(i int, list []string, defining, guard bool) {
		for _, w := range list {
			text, weight, _ := splitWeight(w) // validated on load
			c := add(i, text, weight)
			c.defining, c.guard = defining, guard
		}
	}
	for i, a := range as {
		r := a.Recognise
		weighted(i, r.Defining, true, false)
		weighted(i, r.Guards, true, true)
		weighted(i, r.Words, false, false)
		for _, s := range r.Strong {
			if !r.IsName(s) {
				add(i, s, 0).strong = true
			}
		}
		for _, n := range r.Names {
			add(i, n, nameWeight).name = true
		}
		for _, n := range r.Not {
			add(i, n, 0).veto = true
		}
	}
	words := make([][]string, len(cues))
	for i, c := range cues {
		words[i] = phrase.Words(c.text)
	}
	return cues, phrase.NewSetWords(words)
}

// field is one piece of the input with its weight.
type field struct {
	where  string // "title", "functional", "workload", "prose"…
	text   string
	weight float64
	// subject is true for the fields that say what the system is for.
	subject bool
	// toks are text's tokens when the caller gave them (Input.BodyTokens).
	toks []phrase.Token
}

// seen is the best place a phrase was seen.
type seen struct {
	phrase *cue
	field  int
	start  int
	end    int
	// built is true for a name seen as what the ask builds.
	built bool
	// diff is the difference a comparison states ("but for 12 teams").
	diff string
	// unit is the byte range of the piece of the field the sighting is
	// in: a functional line whole, else its coordinated phrase (its
	// clause, cut at "and", "but", "then", "while").
	unitStart, unitEnd int
}

// hits gathers, per archetype, the best sighting of each phrase.
type hits struct {
	byArch map[int]map[*cue]seen
	fields []field
	// reach says, per archetype, where its phrases (not: phrases aside)
	// were seen.
	reach map[int]*reach
	// compared holds, per archetype, the strong or defining phrases seen
	// only in a comparison ("like a leaderboard"): no evidence.
	compared map[int][]seen
	// features is how many functional lines the ask lists, not empty.
	features int
	// all holds, per archetype, every sighting that counts as evidence
	// (best or not), for standsApart.
	all map[int][]seen
}

// reach is where an archetype's phrases were seen: in the title, summary
// or prose read as the subject (headline), in which functional lines, and
// whether in a functional line or a workload name at all (featured).
type reach struct {
	headline, featured bool
	lines              map[int]bool
}

func (m *matcher) scan(fields []field) hits {
	h := hits{byArch: map[int]map[*cue]seen{}, fields: fields, reach: map[int]*reach{}, compared: map[int][]seen{}, all: map[int][]seen{}}
	// Each field is read into tokens once, in one buffer: the products
	// the team uses are found in them before the phrases are.
	var buf []phrase.Token
	ends := make([]int, len(fields))
	for i, f := range fields {
		if f.toks == nil {
			buf = phrase.AppendTokens(buf, f.text)
		}
		ends[i] = len(buf)
	}
	fieldToks := func(i int) []phrase.Token {
		if fields[i].toks != nil {
			return fields[i].toks
		}
		from := 0
		if i > 0 {
			from = ends[i-1]
		}
		return buf[from:ends[i]:ends[i]]
	}
	// The products the ask says the team uses, runs or buys, wherever it
	// says so: the same product named elsewhere is not the subject either.
	used := map[string]bool{}
	for i := range fields {
		phrase.UsedNames(fieldToks(i), used)
	}
	for fi, f := range fields {
		if f.where == "functional" && f.text != "" {
			h.features++
		}
		toks := fieldToks(fi)
		found := m.set.Find(toks)
		// found is in the order of the text: only the sightings that
		// start less than the longest phrase before a hit, and before
		// its end, can overlap it. A long body has thousands.
		longest := 0
		for _, hit := range found {
			longest = max(longest, hit.Len)
		}
		for _, hit := range found {
			p := &m.phrases[hit.Phrase]
			lo, _ := slices.BinarySearchFunc(found, hit.Index-longest+1, func(h phrase.Hit, i int) int { return cmp.Compare(h.Index, i) })
			hi, _ := slices.BinarySearchFunc(found, hit.Index+hit.Len, func(h phrase.Hit, i int) int { return cmp.Compare(h.Index, i) })
			if hit.Negated && !p.guard || m.shadowed(hit, found[lo:hi]) {
				continue
			}
			if (hit.InPlace || phrase.OfUsed(toks, hit.Index, hit.Index+hit.Len, used)) && !p.veto {
				// Said of a system the team already runs ("the general
				// ledger in our ERP"): not what the ask builds.
				continue
			}
			if hit.Also && !p.veto && f.subject {
				// A feature a stakeholder also wants ("also wants a
				// dashboard with the top 10 sellers") is a feature, not
				// the subject: an aside at most.
				continue
			}
			if hit.Compared && !p.veto && !p.name {
				// A comparison ("basically like a leaderboard", "similar
				// to a ride-hailing app") says what the system resembles,
				// not what it is. A product name is exempt: "Yelp-style"
				// is how an ask says it builds one like it.
				if f.subject && (p.strong || p.defining) {
					c := seen{phrase: p, field: fi, start: hit.Start, end: hit.End}
					if from, to, ok := phrase.Difference(toks, hit.Index+hit.Len); ok {
						c.diff = f.text[toks[from].Start:toks[to-1].End]
					}
					h.compared[p.arch] = append(h.compared[p.arch], c)
				}
				continue
			}
			if !p.veto {
				r := h.reach[p.arch]
				if r == nil {
					r = &reach{lines: map[int]bool{}}
					h.reach[p.arch] = r
				}
				switch {
				case f.where == "functional":
					r.featured, r.lines[fi] = true, true
				case f.where == "workload":
					r.featured = true
				case f.subject:
					r.headline = true
				}
			}
			got := h.byArch[p.arch]
			if got == nil {
				got = map[*cue]seen{}
				h.byArch[p.arch] = got
			}
			s := seen{phrase: p, field: fi, start: hit.Start, end: hit.End, built: p.name && builds(toks, hit, f.where == "title"), unitStart: 0, unitEnd: len(f.text)}
			if f.where != "functional" {
				from, to := phrase.Coordinated(toks, hit.Index, hit.Index+hit.Len)
				s.unitStart, s.unitEnd = toks[from].Start, toks[to-1].End
			}
			if !p.veto {
				h.all[p.arch] = append(h.all[p.arch], s)
			}
			if prev, ok := got[p]; !ok || better(s, prev, fields) {
				got[p] = s
			}
		}
	}
	return h
}

// inputFields lists the fields of an input. The title, summary and
// functional lines say what the system is for: they are the subject.
// Workload names and prose are asides; when an ask is nothing but prose
// (no summary, no functional line), the prose is its subject.
func inputFields(in Input) []field {
	fs := make([]field, 0, 3+len(in.Functional)+len(in.Workloads))
	fs = append(fs, field{where: "title", text: in.Title, weight: weightTitle, subject: true}, field{where: "summary", text: in.Summary, weight: weightSummary, subject: true})
	for _, l := range in.Functional {
		fs = append(fs, field{where: "functional", text: l, weight: weightLine, subject: true})
	}
	for _, w := range in.Workloads {
		fs = append(fs, field{where: "workload", text: w.Name, weight: weightAside, subject: false})
	}
	subject := strings.TrimSpace(in.Summary) == "" && len(in.Functional) == 0
	return append(fs, field{where: "prose", text: in.Body, weight: weightAside, subject: subject, toks: in.BodyTokens})
}

// MatchAll returns the archetypes the input calls for, best first: those
// the rule in score.go accepts, and those forced; never the excluded ones
// (exclusion wins over forcing).
func MatchAll(in Input) []Match { return Recognize(in).Matches }

// Recognition is what the matcher makes of an input: the archetypes it
// merges, and the near misses it only mentions.
type Recognition struct {
	Matches []Match
	// Near are archetypes the rule came near to merging, best first:
	// "possibly relevant", never merged. Their subject evidence reaches
	// Threshold but for the cap on a single phrase, or reaches it with
	// generic words only, or within CaseMargin of it (Match.Short says
	// which).
	Near []Match
}

// Recognize weighs every archetype against the input.
func Recognize(in Input) Recognition {
	var r Recognition
	for _, m := range judgeAll(in) {
		switch {
		case slices.Contains(in.Exclude, m.Archetype.ID):
		case m.Merged():
			r.Matches = append(r.Matches, m)
		case m.Vetoed == "" && (m.near || m.Margin >= 0):
			r.Near = append(r.Near, m)
		}
	}
	byStrength(r.Matches)
	byStrength(r.Near)
	r.Matches = withoutCovered(r.Matches)
	// A near miss a match covers (notifications under chat) is no
	// open question: the match's mechanism already includes it.
	r.Near = slices.DeleteFunc(r.Near, func(n Match) bool {
		return slices.ContainsFunc(r.Matches, func(m Match) bool { return slices.Contains(m.Archetype.Covers, n.Archetype.ID) })
	})
	return r
}

// judgeAll weighs every archetype that has any evidence or is forced.
func judgeAll(in Input) []Match {
	c := mustLoad()
	h := c.matcher.scan(inputFields(in))
	// The largest size the ask states is read once, when an archetype
	// with a scale_from first asks: it reads the whole text.
	var stated struct {
		n     float64
		quote string
		ok    bool
		read  bool
	}
	size := func() (float64, string, bool) {
		if !stated.read {
			stated.n, stated.quote, stated.ok = statedSize(in)
			stated.read = true
		}
		return stated.n, stated.quote, stated.ok
	}
	var out []Match
	for i, a := range c.matcher.archs {
		got := h.byArch[i]
		forced := slices.Contains(in.Force, a.ID)
		cmp := h.compared[i]
		if len(got) == 0 && len(cmp) == 0 && !forced {
			continue
		}
		sup := supportFrom(a.Recognise, in.Workloads)
		rc := h.reach[i]
		if rc == nil {
			rc = &reach{}
		}
		v := weigh(got, h.fields, h.features, sup, *rc)
		m := Match{Archetype: a, Score: v.score(), Forced: forced, Named: v.named, Vetoed: v.veto, Defined: v.defined, Uncorroborated: v.uncorroborated, OneFeature: v.oneFeature, near: v.raw >= Threshold || v.uncorroborated || len(cmp) > 0,
			Evidence: evidence(got, h.fields, sup, a.Recognise, in.Workloads)}
		for _, c := range cmp {
			f := h.fields[c.field]
			m.Evidence = append(m.Evidence, fmt.Sprintf("%s: %q (comparison: %q)", f.where, snippet(f.text, c.start, c.end), c.phrase.text))
		}
		if len(cmp) > 0 {
			m.Compared = h.fields[cmp[0].field].text[cmp[0].start:cmp[0].end]
			m.Difference = cmp[0].diff
		}
		m.Margin = m.Score - Threshold
		if !forced {
			m.Small = tooSmall(a.Recognise, func() (float64, string, bool) {
				// A count stated beside the evidence says what the
				// mechanism would work on ("near their home … about 400
				// practices"); only when none is, the largest the ask
				// states anywhere.
				if a.Recognise.ScaleFrom > 0 {
					if n, q, ok := countsIn(evidenceSentences(h.all[i], h.fields)); ok {
						return n, q, ok
					}
				}
				return size()
			})
		}
		m.sights = h.all[i]
		if forced {
			m.Evidence = append([]string{"patterns: " + a.ID + " (named in the requirements)"}, m.Evidence...)
		}
		out = append(out, m)
	}
	for k := range out {
		out[k].apart = standsApart(out, k, in, h)
	}
	return out
}

// standsApart says whether out[k], covered by a merged archetype of out,
// merges on evidence of its own beside every such coverer: weighed again
// on its sightings in the functional lines, and the coordinated phrases
// of the title and summary, that hold none of a coverer's evidence. A
// crawler's batch index covers full-text search, yet "buyers search the
// fetched pages by keyword, ranked by relevance" is a feature the
// crawler's evidence never touches: search is a subject too.
func standsApart(out []Match, k int, in Input, h hits) bool {
	c := out[k]
	var theirs []seen
	covered := false
	for _, o := range out {
		if slices.Contains(in.Exclude, o.Archetype.ID) || !o.Merged() || !slices.Contains(o.Archetype.Covers, c.Archetype.ID) {
			continue
		}
		covered = true
		theirs = append(theirs, o.sights...)
	}
	if !covered || !c.Merged() {
		return false
	}
	got := map[*cue]seen{}
	rc := reach{lines: map[int]bool{}}
	for _, s := range c.sights {
		if slices.ContainsFunc(theirs, func(o seen) bool {
			return o.field == s.field && o.start < s.unitEnd && o.end > s.unitStart
		}) {
			continue
		}
		switch f := h.fields[s.field]; {
		case f.where == "functional":
			rc.featured, rc.lines[s.field] = true, true
		case f.where == "workload":
			rc.featured = true
		case f.subject:
			rc.headline = true
		}
		if prev, ok := got[s.phrase]; !ok || better(s, prev, h.fields) {
			got[s.phrase] = s
		}
	}
	if len(got) == 0 {
		return false
	}
	v := weigh(got, h.fields, h.features, supportFrom(c.Archetype.Recognise, in.Workloads), rc)
	alone := Match{Score: v.score(), Named: v.named, Vetoed: c.Vetoed, Defined: v.defined, OneFeature: v.oneFeature, Small: c.Small}
	alone.Margin = alone.Score - Threshold
	return alone.Merged()
}

func byStrength(ms []Match) {
	slices.SortStableFunc(ms, func(x, y Match) int {
		if x.Forced != y.Forced {
			if x.Forced {
				return -1
			}
			return 1
		}
		switch {
		case x.Score > y.Score:
			return -1
		case x.Score < y.Score:
			return 1
		}
		return strings.Compare(x.Archetype.ID, y.Archetype.ID)
	})
}

// withoutCovered drops an archetype another match covers (file sync
// holds its blobs; it needs no separate paste store), unless it was
// named in the requirements or merges on evidence of its own apart from
// its coverers' (standsApart).
func withoutCovered(ms []Match) []Match {
	covered := map[string]bool{}
	for _, m := range ms {
		for _, id := range m.Archetype.Covers {
			covered[id] = true
		}
	}
	return slices.DeleteFunc(ms, func(m Match) bool { return covered[m.Archetype.ID] && !m.Forced && !m.apart })
}

// support says which workloads back an archetype's fields: the index of
// the first workload of a supporting kind, with items large enough, and
// on a schedule; -1 where none does.
type support struct{ kind, size, sched int }

func supportFrom(r Recognise, ws []WorkloadInput) support {
	sup := support{-1, -1, -1}
	for i, w := range ws {
		if sup.kind < 0 && w.Kind != "" && slices.Contains(r.Kinds, w.Kind) {
			sup.kind = i
		}
		if sup.size < 0 && r.MinItemBytes > 0 && w.ItemBytes >= r.MinItemBytes {
			sup.size = i
		}
		if sup.sched < 0 && r.Scheduled && w.Scheduled {
			sup.sched = i
		}
	}
	return sup
}

// evidence says what was seen and where, strongest first, then in the
// order of the input.
func evidence(got map[*cue]seen, fields []field, sup support, r Recognise, ws []WorkloadInput) []string {
	sights := make([]seen, 0, len(got))
	for _, s := range got {
		if !s.phrase.veto || fields[s.field].subject {
			sights = append(sights, s)
		}
	}
	slices.SortFunc(sights, func(x, y seen) int {
		wx, wy := sightWeight(x, fields), sightWeight(y, fields)
		switch {
		case wx > wy:
			return -1
		case wx < wy:
			return 1
		case x.field != y.field:
			return x.field - y.field
		case x.start != y.start:
			return x.start - y.start
		}
		return strings.Compare(x.phrase.text, y.phrase.text)
	})
	out := make([]string, 0, len(sights)+3)
	for _, s := range sights {
		f := fields[s.field]
		note := ""
		switch {
		case s.phrase.veto:
			note = "not: "
		case !f.subject:
			note = "aside: "
		}
		said := s.phrase.text
		if strings.Contains(said, phrase.Any) {
			// A phrase with a wildcard quotes the words it read.
			said = strings.ToLower(f.text[s.start:s.end])
		}
		out = append(out, fmt.Sprintf("%s: %q (%s%q)", f.where, snippet(f.text, s.start, s.end), note, said))
	}
	if i := sup.kind; i >= 0 {
		out = append(out, fmt.Sprintf("workload %q: kind %s", ws[i].Name, ws[i].Kind))
	}
	if i := sup.size; i >= 0 {
		out = append(out, fmt.Sprintf("workload %q: items of %s (at least %s)", ws[i].Name, quantity.FormatBytes(ws[i].ItemBytes), quantity.FormatBytes(r.MinItemBytes)))
	}
	if i := sup.sched; i >= 0 {
		out = append(out, fmt.Sprintf("workload %q: runs on a schedule", ws[i].Name))
	}
	return out
}

func sightWeight(s seen, fields []field) float64 {
	if s.phrase.veto {
		return 1000
	}
	if s.phrase.strong {
		return 100 * fields[s.field].weight
	}
	return s.phrase.weight * fields[s.field].weight
}

// evidenceSentences returns the sentences of the title, summary and
// functional lines that hold a sighting of the subject.
func evidenceSentences(sights []seen, fields []field) []string {
	var out []string
	done := map[[2]int]bool{}
	for _, s := range sights {
		f := fields[s.field]
		if !f.subject || f.where == "prose" {
			continue
		}
		from, to := s.start, s.end
		for from > 0 && !strings.ContainsRune(".!?\n", rune(f.text[from-1])) {
			from--
		}
		for to < len(f.text) && !strings.ContainsRune(".!?\n", rune(f.text[to])) {
			to++
		}
		if key := [2]int{s.field, from}; !done[key] {
			done[key] = true
			out = append(out, f.text[from:to])
		}
	}
	return out
}
