package design

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// PatternUse is an archetype the engine recognised in the requirements
// and merged into the design: its mechanism, and the words or fields it
// was recognised from.
type PatternUse struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Evidence  string `json:"evidence"`
	Mechanism string `json:"mechanism"`
	Forced    bool   `json:"forced,omitempty"`
	// Confidence is how the match was decided: forced, named (a strong
	// phrase), or high, medium or low by its margin over the threshold.
	Confidence string   `json:"confidence,omitempty"`
	NotNeeded  []string `json:"not_needed,omitempty"`
	// LeftOut says, one line each, which of the mechanism's parts the
	// load does not need and when to add them.
	LeftOut []string `json:"left_out,omitempty"`
	Sources []string `json:"sources,omitempty"`
}

// archetypes recognises the problems the requirements pose (a feed, a
// crawler, a rate limiter…) and merges each one's mechanism into the
// design: its components, state, hot paths, flow, failures, decisions and
// figures. The decision matrix's components stay; the archetype adds what
// the matrix cannot know. An ask that matches nothing is left as it was.
func (b *builder) archetypes(vd *verdicts, dr *drawing, matches []patterns.Match, leftOut map[string][]string) (*merged, error) {
	mg := &merged{}
	for _, m := range matches {
		if err := b.mergeArchetype(vd, mg, dr, m); err != nil {
			return mg, err
		}
		b.d.Patterns[len(b.d.Patterns)-1].LeftOut = leftOut[m.Archetype.ID]
	}
	b.settleCovers(mg, matches)
	b.partReaders(mg)
	b.fillArchetypeRows(mg, dr, matches)
	if b.d.Kind == KindGreenfield {
		b.unrecognised(patterns.Recognize(b.patternInput()).Near)
	}
	return mg, nil
}

// settleCovers makes one part of a component another archetype's
// component covers (ride dispatch's location service is geo search's live
// position store): the covered part takes the covering part's id, so the
// model has one part that names both and the flows either archetype sends
// to it land there; its own Core Components row goes, and so does a state
// row a covering row stands for.
func (b *builder) settleCovers(mg *merged, matches []patterns.Match) {
	for _, q := range mg.parts {
		for _, ref := range q.comp.Covers {
			for i := range mg.parts {
				r := &mg.parts[i]
				if r.arch.ID+"/"+r.comp.Name != ref || r.id == q.id {
					continue
				}
				if r.row {
					b.d.Services = slices.DeleteFunc(b.d.Services, func(s Service) bool { return s.arch == r.id })
				}
				r.id, r.coveredBy, r.row = q.id, q.comp.Name, false
				b.assume("%s's %s is %s's %s: one part holds both.", r.arch.Name, r.comp.Name, q.arch.Name, q.comp.Name)
			}
		}
	}
	recognised := map[string]bool{}
	for _, m := range matches {
		recognised[m.Archetype.ID] = true
	}
	for _, m := range matches {
		for _, s := range m.Archetype.State {
			for _, ref := range s.Covers {
				id, name, _ := strings.Cut(ref, "/")
				if !recognised[id] {
					continue
				}
				b.d.State = slices.DeleteFunc(b.d.State, func(r StateRecord) bool { return r.Name == name && r.arch == id })
			}
		}
	}
}

// recognise matches the archetypes before any figure is computed, so
// that the flows an archetype's own store carries (absorbs) are sized on
// that store and never counted against the database. Each archetype is
// fitted to the load first (fit.go): a flow goes to a part of it only
// when the load keeps that part.
func (b *builder) recognise() ([]patterns.Match, map[string][]string, error) {
	if b.d.Kind != KindGreenfield {
		return nil, nil, nil
	}
	matches := patterns.MatchAll(b.patternInput())
	leftOut, err := b.fit(matches)
	if err != nil {
		return nil, nil, err
	}
	for _, m := range matches {
		for _, ab := range m.Archetype.Absorbs {
			for _, l := range b.loads {
				if ab.Also {
					if l.alsoTo == "" && ab.Takes(string(l.kind), l.Name) {
						l.alsoTo, l.alsoBy, l.alsoByID = ab.To, m.Archetype.Name, m.Archetype.ID
						b.assume("%q keeps its path and store of record, and then updates %s (%s): that part is sized for it too.", l.Name, ab.Into, m.Archetype.Name)
					}
					continue
				}
				if l.into == "" && ab.Takes(string(l.kind), l.Name) {
					l.into, l.by, l.byID, l.to, l.inline, l.work = ab.Into, m.Archetype.Name, m.Archetype.ID, ab.To, ab.Inline, ab.Work
					b.assume("%q is carried by %s (%s), not by the database: the database's figures leave it out.", l.Name, ab.Into, m.Archetype.Name)
				}
			}
		}
	}
	for _, l := range b.loads {
		if absorbed(l) {
			l.carrier, l.hasCarrier = absorbingComponent(matches, l)
			l.viaWorkers = l.hasCarrier && workerWritesTo(matches, l, l.carrier.Name)
		}
		l.acidArch, l.acidStore = transactionalFor(matches, l)
	}
	return matches, leftOut, nil
}

// deliveredByPart says whether an archetype's part that is neither a queue
// nor a worker pool carries a message or job workload itself (the chat's
// connection gateways push its deliveries): no queue and no worker
// handles it, so neither is sized for it.
func (b *builder) deliveredByPart(l *load) bool {
	if !absorbed(l) || l.to == "" || !kindIs(requirements.Job, requirements.Message)(l) {
		return false
	}
	c, ok := l.carrier, l.hasCarrier
	return ok && c.Kind != "queue" && c.Kind != "worker" && !slices.Contains([]string{"queue", "workers", "log"}, c.Refines) && !l.viaWorkers
}

// workerWritesTo says whether a worker of the archetype that carries a
// flow writes to one of its components (the feed's fan-out workers push
// onto the home timelines): the flow's messages reach it through the
// queue and that worker pool, not from the API straight.
func workerWritesTo(matches []patterns.Match, l *load, component string) bool {
	for _, m := range matches {
		if m.Archetype.ID != l.byID {
			continue
		}
		for _, c := range m.Archetype.Components {
			if (c.Kind == "worker" || c.Refines == "workers") && slices.Contains(c.To, component) {
				return true
			}
		}
	}
	return false
}

// absorbingComponent is the catalogue component of the archetype that
// carries an absorbed flow: the one its absorb names, else the first that
// keeps state.
func absorbingComponent(matches []patterns.Match, l *load) (patterns.Component, bool) {
	for _, m := range matches {
		if m.Archetype.ID != l.byID {
			continue
		}
		for _, c := range m.Archetype.Components {
			if c.Name == l.to || l.to == "" && slices.Contains(carrierKinds, c.Kind) {
				return c, true
			}
		}
	}
	return patterns.Component{}, false
}

// absorbed says whether a recognised archetype's store carries a flow.
func absorbed(l *load) bool { return l.into != "" }

// patternInput is what the matcher reads from the requirements.
func (b *builder) patternInput() patterns.Input {
	r := b.req
	in := patterns.Input{Title: r.Title, Summary: r.Summary, Functional: r.Functional, Body: r.Body}
	if u := r.Users; u != nil {
		in.Users = float64(max(u.Total, u.MAU, u.DAU))
	}
	for _, l := range b.loads {
		in.Workloads = append(in.Workloads, patterns.WorkloadInput{Name: l.Name, Kind: string(l.kind), ItemBytes: float64(l.ItemSize),
			PerDay: l.Rate.PerSecond(float64(r.SecondsPerMonth)) * 86400})
	}
	for _, p := range r.Patterns {
		p = strings.TrimSpace(p)
		if id, ok := strings.CutPrefix(p, "-"); ok {
			in.Exclude = append(in.Exclude, id)
		} else {
			in.Force = append(in.Force, p)
		}
	}
	return in
}

// maxEvidence is how many of the words an archetype was recognised from
// the document quotes; the strongest come first.
const maxEvidence = 3

func (b *builder) mergeArchetype(vd *verdicts, mg *merged, dr *drawing, m patterns.Match) error {
	a := m.Archetype
	ruled := b.ruledOut()
	evidence := m.Evidence
	if len(evidence) > maxEvidence {
		evidence = append(evidence[:maxEvidence:maxEvidence], fmt.Sprintf("%d more", len(m.Evidence)-maxEvidence))
	}
	use := PatternUse{ID: a.ID, Name: a.Name, Evidence: strings.Join(evidence, "; "), Mechanism: a.Mechanism, Forced: m.Forced, Confidence: m.Confidence(), Sources: a.Sources}
	if m.Forced && use.Evidence == "" {
		use.Evidence = "named in the requirements (patterns:)"
	}
	use.NotNeeded = append(use.NotNeeded, a.Excludes...)
	b.d.Patterns = append(b.d.Patterns, use)
	for _, c := range a.Components {
		if t := ruledBy(ruled, c.Technology); t != "" {
			b.assume("%s: the requirements rule out %s, so %q is left out; %s", a.Name, t, c.Name, c.Purpose)
			continue
		}
		tech := c.Technology
		if rec, ok := vd.by[qRecords]; ok && c.AtScale == storeRecords {
			// The decision matrix moved the written records off one
			// relational node; the archetype's store follows it.
			tech = rec.Choice + ", the record store the Database decision chose for the written flows"
			if dr.graph != nil && dr.graph.has(storeRecords) {
				c.Refines = storeRecords
			}
		}
		var decided questionID
		if q := answeredBy(c); q != "" && tech == c.Technology {
			if v, ok := vd.by[q]; ok && v.Choice != "none" {
				// The matrix answered this part's question: its choice is
				// the part's technology, so the two never disagree.
				tech, decided = decidedTechnology(c.Kind, v.Choice, v.Option), q
			}
		}
		just := endSentence(c.Why)
		switch {
		case decided != "" && c.Refines != "":
			// The matrix's verdict leads; the mechanism's reason follows.
			just = fmt.Sprintf("The %s decision chose %s (see the Decision Log); %s", title(string(decided)), vd.by[decided].Choice, just)
		case decided != "":
			just += fmt.Sprintf(" It runs on the %s the %s decision chose.", vd.by[decided].Choice, title(string(decided)))
		}
		if c.Threshold != "" {
			just += " Changes at: " + endSentence(c.Threshold)
		}
		part := archPart{arch: a, comp: c, tech: tech, id: mg.partID(c), decision: string(decided)}
		if !b.foldRefined(vd, mg, c) {
			b.d.Services = append(b.d.Services, Service{Name: c.Name, Purpose: c.Purpose, Technology: tech, Justification: just, arch: part.id})
			part.row = true
		}
		mg.parts = append(mg.parts, part)
	}
	var unkept []keptRow
	for _, s := range a.State {
		// Two archetypes may keep the same state (idempotency keys, the
		// post store): the first keeps it, so it still has one owner.
		if b.keptState(s.Name) {
			continue
		}
		row := StateRecord{Name: s.Name, Owner: s.Owner, Storage: s.Storage, Class: s.Class, DerivedFrom: s.DerivedFrom, Rebuild: s.Rebuild, arch: a.ID, catalogue: s.Name,
			Readers: slices.Clone(s.Readers), Retention: s.Retention}
		if s.Store != "" {
			row.StorePart, row.Storage = b.stateStore(vd, mg, a, s.Store, s.Storage)
		} else {
			row.Storage = chosenRelational(vd, row.Storage)
		}
		row.keepsAny = s.Keeps != nil && len(s.Keeps.Words) == 0
		if s.Keeps != nil && b.keepRecords(*s.Keeps, row) {
			continue
		}
		if s.Keeps != nil && len(s.Keeps.Words) > 0 {
			// Its words name no write: the records may still be those of
			// a write another row keeps (a slot booking's inventory rows
			// are its slots), settled once every row of the archetype is in.
			unkept = append(unkept, keptRow{row: row, keeps: *s.Keeps})
			continue
		}
		if s.DerivedFrom != "" && b.keepDerived(row) {
			continue
		}
		b.addState(row)
	}
	for _, k := range unkept {
		if !b.sameStoreRecords(mg, a, k) {
			b.addState(k.row)
		}
	}
	b.renameSources(a)
	b.archetypeHotPaths(mg, dr, a)
	for _, f := range a.Failures {
		b.d.FailureScenarios = append(b.d.FailureScenarios, FailureScenario{Failure: f.Failure, Probability: f.Probability, Impact: f.Impact, Mitigation: f.Mitigation, Source: "archetype:" + a.ID})
	}
	for _, d := range a.Decisions {
		why := endSentence(d.Why)
		if d.Threshold != "" {
			why += " Threshold: " + endSentence(d.Threshold)
		}
		choice, switched := d.Choice, false
		if rec, ok := vd.by[qRecords]; ok && d.AtScale == storeRecords {
			// The written records outgrow one relational node (the
			// Database decision): the archetype's scale option applies.
			if o := wideColumnOption(d.Options); o != "" {
				choice, switched = o, true
				why = fmt.Sprintf("The written records are past what one PostgreSQL node holds, so they live in %s (see Database) and the scale option applies. Below that: %s", rec.Choice, why)
			}
		}
		// One decision per question: the archetype's choice replaces the
		// matrix's "none"; a sized verdict of the matrix stands, and says
		// what the archetype would choose below its threshold.
		q := questionID(cmp.Or(d.Refines, slug(d.Decision)))
		if prev := b.decision(q); prev != nil {
			switch {
			case prev.Choice == "none":
				*prev = Decision{Question: string(q), Decision: title(d.Decision), Options: d.Options, Choice: choice, Reasoning: why}
			case !switched && firstWord(prev.Choice) != firstWord(choice):
				prev.Reasoning += fmt.Sprintf(" %s alone would choose %s: %s", a.Name, choice, endSentence(d.Why))
			}
			continue
		}
		b.decide(q, title(d.Decision), d.Options, choice, why)
	}
	for _, q := range a.Questions {
		b.ask("%s", q)
	}
	return b.archetypeFigures(mg, a)
}

// keptRow is an archetype's row of written records whose words named no
// write of the requirements.
type keptRow struct {
	row   StateRecord
	keeps patterns.WorkloadMatch
}

// sameStoreRecords makes an archetype's row of written records that no
// write took by its words one row with the row that keeps the writes of
// its kind in the store the archetype's own store refines: one write's
// records are one record type, with one owner and one store. A row of the
// archetype's own keeps them already (the slots a booking holds are its
// inventory rows); the engine's row, which keeps the requirements' name
// for them, takes the archetype's owner and class and keeps its readers,
// retention and store. It says whether a row
// took it.
func (b *builder) sameStoreRecords(mg *merged, a *patterns.Archetype, k keptRow) bool {
	var stores []string
	for _, p := range mg.parts {
		if p.arch == a && p.comp.Refines != "" && kindOfNode[p.comp.Refines] == "store" {
			stores = append(stores, p.comp.Refines)
		}
	}
	at := -1
	for i, r := range b.d.State {
		if r.DerivedFrom != "" || !slices.Contains(stores, r.StorePart) || r.arch != "" && r.arch != a.ID {
			continue
		}
		if !slices.ContainsFunc(r.Workloads, func(w string) bool { return b.keepsWrite(patterns.WorkloadMatch{Kind: k.keeps.Kind}, w) }) {
			continue
		}
		if r.arch == a.ID {
			return true
		}
		if at < 0 {
			at = i
		}
	}
	if at < 0 {
		return false
	}
	r := b.d.State[at]
	row := k.row
	// No word of its names the records: the requirements' name stays.
	row.Name, row.noun, row.catalogue = r.Name, r.noun, row.Name
	row.Readers, row.Retention, row.Workloads = r.Readers, r.Retention, r.Workloads
	row.StorePart, row.Storage = r.StorePart, r.Storage
	b.d.State[at] = row
	return true
}

// fillArchetypeRows gives an archetype's row that names no readers or
// retention those of the flows that read and write its records: derived
// state is read by the archetype's reads and kept as long as its source;
// records are read by its writes (a retry reads its idempotency key) and
// then its reads, and kept as long as its writes keep theirs.
func (b *builder) fillArchetypeRows(mg *merged, dr *drawing, matches []patterns.Match) {
	for i := range b.d.State {
		s := &b.d.State[i]
		if s.arch == "" || len(s.Readers) > 0 && s.Retention != "" {
			continue
		}
		j := slices.IndexFunc(matches, func(m patterns.Match) bool { return m.Archetype.ID == s.arch })
		if j < 0 {
			continue
		}
		a := matches[j].Archetype
		var reads, writes []string
		var kept quantity.Duration
		for _, l := range b.loads {
			if !isFlowOf(mg, dr, a, l) {
				continue
			}
			switch {
			case kindIs(requirements.Read, requirements.Search)(l):
				reads = append(reads, fmt.Sprintf("%q", l.Name))
			case l.kind == requirements.Write, l.kind == requirements.Message && l.Retention > 0:
				writes = append(writes, fmt.Sprintf("%q", l.Name))
				kept = max(kept, l.Retention)
			}
		}
		if len(s.Readers) == 0 {
			rs := append(slices.Clone(writes), reads...)
			if s.DerivedFrom != "" && len(reads) > 0 {
				rs = reads
			}
			if s.DerivedFrom != "" && s.Class == "cold" && len(reads) == 0 {
				// A report kept for the record is read by whoever
				// consumes it, never by the write that feeds it.
				rs = []string{"admin and reporting"}
			}
			if len(rs) == 0 {
				rs = []string{s.Owner}
			}
			s.Readers = fewReaders(rs)
		}
		if s.Retention == "" {
			switch {
			case s.DerivedFrom != "":
				s.Retention = "as long as its source (" + s.DerivedFrom + ")"
			case s.Class == "transient":
				s.Retention = "until the flow that wrote it completes"
			case kept > 0:
				s.Retention = quantity.FormatDuration(float64(kept))
			default:
				s.Retention = "1y (assumed)"
			}
		}
	}
}

// renameSources makes the archetype's derived rows name the rows they are
// built from as the State table does: a row that kept a write's records
// under the requirements' word ("tweets" for the catalogue's "posts")
// is what the post cache is derived from.
func (b *builder) renameSources(a *patterns.Archetype) {
	named := map[string]string{}
	for _, r := range b.d.State {
		if r.arch == a.ID && r.catalogue != "" && r.Name != r.catalogue {
			named[r.catalogue] = r.Name
		}
	}
	for i := range b.d.State {
		if r := &b.d.State[i]; r.arch == a.ID && named[r.DerivedFrom] != "" {
			r.DerivedFrom = named[r.DerivedFrom]
		}
	}
}

// foldRefined makes an archetype's part that refines an engine part one
// row with that part's own Core Components row (the engine's service, or
// the matrix's verdict for it): the row names it, says what it is for and
// why, and no second row of the same part stands beside it. It says
// whether the part had a row to join.
func (b *builder) foldRefined(vd *verdicts, mg *merged, c patterns.Component) bool {
	if c.Refines == "" {
		return false
	}
	why := endSentence(c.Why)
	if c.Threshold != "" {
		why += " Changes at: " + endSentence(c.Threshold)
	}
	for i := range b.d.Services {
		if s := &b.d.Services[i]; s.part == c.Refines {
			s.join(c, why)
			return true
		}
	}
	key := verdictOfPart(c.Refines)
	v, ok := vd.by[key]
	if !ok || v.Choice == "none" {
		// No row of the engine's: the row of another archetype's part
		// that is the same part (a paste store's and a link shortener's
		// caches are the one cache).
		for _, p := range mg.parts {
			if p.id != c.Refines {
				continue
			}
			for i := range b.d.Services {
				if s := &b.d.Services[i]; p.row && s.arch == p.id {
					s.join(c, why)
					return true
				}
			}
		}
		return false
	}
	// The verdict the later passes list again, and its listed copy. The
	// verdict's threshold is the one that changes this part (the post
	// store's "~10k posts/s per primary" is moot once the posts are in
	// the record store): the mechanism's reason stays, its threshold goes.
	v.refined = append(v.refined, refinement{name: c.Name, purpose: c.Purpose, why: endSentence(c.Why)})
	for i := range b.d.Components {
		if b.d.Components[i].key == key {
			b.d.Components[i].refined = v.refined
		}
	}
	return true
}

// join makes a row also say what a refining part is for and why.
func (s *Service) join(c patterns.Component, why string) {
	s.Purpose += "; " + strings.ToLower(c.Name) + ": " + c.Purpose
	s.Justification += " " + c.Name + ": " + why
}

// archetypeHotPaths adds the archetype's hot paths. A path that is the
// flow of a workload (its own store carries the workload, its state row
// keeps the workload's records by name, or the workload's path runs
// through a part it refines other than a store: full-text search's index
// is the search path's, the channel workers the deliveries') annotates that workload's row: its optimisations
// lead, and no second row is added; each row takes one path of an
// archetype. Any other path rides on the busiest workload of its kind, in
// a row of its own; a path whose kind has no workload becomes a question.
func (b *builder) archetypeHotPaths(mg *merged, dr *drawing, a *patterns.Archetype) {
	annotated := map[string]bool{}
	for _, hp := range a.HotPaths {
		var on, same *load
		for _, l := range b.loads {
			if string(l.kind) != hp.Kind || l.peak.Ref == "" {
				continue
			}
			if on == nil || l.peak.Value > on.peak.Value {
				on = l
			}
			if !annotated[l.Name] && isFlowOf(mg, dr, a, l) && (same == nil || l.peak.Value > same.peak.Value) {
				same = l
			}
		}
		if on == nil && (hp.Kind == "read" || hp.Kind == "search") {
			// A lookup the archetype's own part serves is its read path,
			// whichever of the two kinds the requirements called it (a
			// keystroke given as the read "suggest parts").
			for _, l := range b.loads {
				if l.byID == a.ID && kindIs(requirements.Read, requirements.Search)(l) && l.peak.Ref != "" && (on == nil || l.peak.Value > on.peak.Value) {
					on = l
					if !annotated[l.Name] {
						same = l
					}
				}
			}
		}
		if on == nil {
			b.ask("%s: how often does %q happen? No %s workload is given, so its rate is not sized.", a.Name, hp.Name, hp.Kind)
			continue
		}
		i := slices.IndexFunc(b.d.HotPaths, func(p HotPath) bool { return strings.EqualFold(p.Name, hp.Name) })
		if i < 0 && same != nil {
			i = slices.IndexFunc(b.d.HotPaths, func(p HotPath) bool { return p.Name == same.Name })
		}
		if i >= 0 {
			// The workload is this path: the mechanism's optimisations lead.
			p := &b.d.HotPaths[i]
			annotated[p.Name] = true
			p.cover(hp.Covers)
			p.said = append(p.said, hp.Covers...)
			p.Optimizations = slices.Insert(slices.Clone(p.Optimizations), p.lead, hp.Optimizations...)
			p.kinds = slices.Insert(p.kinds, p.lead, make([]string, len(hp.Optimizations))...)
			p.lead += len(hp.Optimizations)
			p.Critical = true
			continue
		}
		b.d.HotPaths = append(b.d.HotPaths, HotPath{
			Name: fmt.Sprintf("%s (at the rate of %q)", hp.Name, on.Name), RatePerSecond: on.peak.Value, RateRef: on.peak.Ref,
			LatencyBudgetS: on.budget, BudgetFrom: on.budgetFrom, Critical: true, Optimizations: hp.Optimizations,
		})
	}
}

// cover drops the engine's optimisations of the given kinds: the
// archetype's own say the same measure for its mechanism (its
// idempotency key per hold is the write's idempotency key). The kinds it
// leaves are one per optimisation, "" for one of no kind.
func (p *HotPath) cover(kinds []string) {
	var opts, ks []string
	for i, o := range p.Optimizations {
		k := ""
		if i < len(p.kinds) {
			k = p.kinds[i]
		}
		if i >= p.lead && k != "" && slices.Contains(kinds, k) {
			continue
		}
		opts, ks = append(opts, o), append(ks, k)
	}
	p.Optimizations, p.kinds = opts, ks
}

// says tells whether the path says an optimisation of this kind, the
// engine's or an archetype's.
func (p *HotPath) says(kind string) bool {
	return slices.Contains(p.kinds, kind) || slices.Contains(p.said, kind)
}

// isFlowOf says whether a workload's flow is the archetype's: its own
// store carries it, one of its state rows keeps its records by name, or
// the path the engine gave it runs through a part the archetype refines
// that is not a store (the database holds every module's records; which
// of them are the archetype's its keeps: says).
func isFlowOf(mg *merged, dr *drawing, a *patterns.Archetype, l *load) bool {
	if l.byID == a.ID {
		return true
	}
	for _, s := range a.State {
		if s.Keeps != nil && len(s.Keeps.Words) > 0 && s.Keeps.Takes(string(l.kind), l.Name) {
			return true
		}
	}
	for _, f := range dr.flows {
		if !slices.Contains(f.Workloads, l.Name) || len(f.Path) == 0 {
			continue
		}
		for _, p := range mg.parts {
			if p.arch == a && p.comp.Refines != "" && kindOfNode[p.comp.Refines] != "store" && slices.Contains(f.Path, p.comp.Refines) {
				return true
			}
		}
	}
	return false
}

// archetypeFigures computes the figures the archetype adds (fan-out
// deliveries, connections, index size…) with the capacity tools. A
// figure whose inputs the requirements do not give becomes a question,
// never a guess.
func (b *builder) archetypeFigures(mg *merged, a *patterns.Archetype) error {
	params := map[string]patterns.Parameter{}
	for _, p := range a.Parameters {
		params[p.Name] = p
	}
	for _, f := range a.Figures {
		if l := b.measuredBy(f.MeasuredBy, f.Tool); l != nil {
			if f.Tool == "storage" {
				b.assume("%s: %s is what %q keeps, by its own storage rows and the retention the requirements give it, not an estimate from the archetype's parameters.", a.Name, f.Label, l.Name)
				continue
			}
			b.assume("%s: %s is the rate of %q, as the requirements give it, not an estimate from the archetype's parameters.", a.Name, f.Label, l.Name)
			continue
		}
		// Resolve in a fixed order, so the assumptions a default adds are
		// listed the same way on every run.
		values := map[string]float64{}
		for _, ref := range f.Refs() {
			if v, ok := b.resolveRef(a, params, ref); ok {
				values[ref] = v
			}
		}
		args, missing := f.Args(func(ref string) (float64, bool) { v, ok := values[ref]; return v, ok })
		if len(missing) > 0 {
			var needs []string
			for _, m := range missing {
				needs = append(needs, describeRef(m))
			}
			b.ask("%s: %s is not computed; it needs %s.", a.Name, f.Label, joinAnd(needs))
			continue
		}
		outs := f.Outputs
		if len(outs) == 0 {
			continue
		}
		got, _, err := b.measure(a.Name+": "+f.Label, f.Tool, args, outs...)
		if err != nil {
			b.ask("%s: %s could not be computed (%v); check the inputs it rests on.", a.Name, f.Label, err)
			continue
		}
		if f.Sizes != "" && outs[0] == "servers" {
			b.sizeNodes(mg, a, f.Sizes, got)
		}
	}
	return nil
}

// measuredBy is the first workload a figure's measured_by picks, or nil.
// A storage figure is measured only by a workload whose storage the
// engine sized: a message delivered and not kept states no history.
func (b *builder) measuredBy(m *patterns.WorkloadMatch, tool string) *load {
	if m == nil {
		return nil
	}
	for _, l := range b.loads {
		if m.Takes(string(l.kind), l.Name) && (tool != "storage" || l.total.Ref != "") {
			return l
		}
	}
	return nil
}

// resolveRef gives the number a figure's reference stands for.
func (b *builder) resolveRef(a *patterns.Archetype, params map[string]patterns.Parameter, ref string) (float64, bool) {
	ref = strings.TrimPrefix(ref, "$")
	what, arg, _ := strings.Cut(ref, ".")
	switch what {
	case "dau":
		if b.req.Users != nil && b.req.Users.DAU > 0 {
			return float64(b.req.Users.DAU) * b.scale, true
		}
		return 0, false
	case "param":
		return b.parameter(a, params[arg], arg)
	case "online":
		// The daily users connected at once: their count × the share.
		dau, ok := b.resolveRef(a, params, "$dau")
		share, ok2 := b.parameter(a, params[arg], arg)
		return dau * share, ok && ok2
	}
	var sum float64
	found := false
	for _, l := range b.loads {
		if arg != "total" && string(l.kind) != arg {
			continue
		}
		var v float64
		switch what {
		case "peak":
			v = l.peak.Value
			found = found || l.peak.Ref != ""
		case "avg":
			v = l.avg.Value
			found = found || l.avg.Ref != ""
		case "item":
			if l.ItemSize > 0 {
				return float64(l.ItemSize), true
			}
		case "stored":
			if r, ok := b.storedBytes(l.Name); ok {
				v, found = r, true
			}
		}
		sum += v
	}
	return sum, found && sum > 0
}

// storedBytes is the total a workload keeps, from its storage row.
func (b *builder) storedBytes(workload string) (float64, bool) {
	for _, r := range b.d.Capacity {
		if r.Workload == workload && r.Tool == "storage" && r.Quantity == "total_bytes" && r.Horizon == "" {
			return r.Value, true
		}
	}
	return 0, false
}

// parameter reads an archetype's input from the requirements'
// parameters, or takes its default and says so.
func (b *builder) parameter(a *patterns.Archetype, p patterns.Parameter, name string) (float64, bool) {
	if s, ok := b.req.Parameters[name]; ok {
		if v, err := p.Parse(s); err == nil {
			return v, true
		}
	}
	if p.Name == "" || p.Default == "" {
		return 0, false
	}
	v, err := p.Value()
	if err != nil {
		return 0, false
	}
	unit := ""
	if p.Unit != "" {
		unit = " " + p.Unit
	}
	b.assume("%s: %s is taken as %s%s (set parameters: {%s: …} to change it).", a.Name, name, p.Default, unit, name)
	if p.Question != "" {
		b.ask("%s", p.Question)
	}
	return v, true
}

// stateStore is the part an archetype's state row is kept in, by the
// component it names, and the storage the row states: the verdict's
// choice when that component is one of the engine's parts (a post store
// that moved to the wide-column record store), else the catalogue's text.
func (b *builder) stateStore(vd *verdicts, mg *merged, a *patterns.Archetype, component, storage string) (string, string) {
	id, ok := findArchPart(mg.parts, a, component)
	if !ok {
		return "", storage
	}
	if q := verdictOfPart(id); q != "" && vd.by[q] != nil {
		return id, vd.by[q].Choice
	}
	return id, storage
}

// chosenRelational names the database the decision matrix chose where a
// catalogue row's storage names the relational database: the balances
// beside ledger entries kept in sharded PostgreSQL are in that same
// store, so one store keeps one name across the State table.
func chosenRelational(vd *verdicts, storage string) string {
	c := vd.by[qDatabase]
	if c == nil {
		return storage
	}
	switch c.Option {
	case capacity.OptionShardedPostgres, capacity.OptionDistributedSQL:
		return strings.Replace(storage, "PostgreSQL", c.Choice, 1)
	}
	return storage
}

// keepRecords merges the engine's rows for the written records an
// archetype's row keeps into that row: the row takes the first such row's
// place with the archetype's name, owner and class, and the engine's
// readers and retention; its store is the archetype's part when the row
// names one, else the store the Database decision chose. It says whether
// a row took them.
func (b *builder) keepRecords(keeps patterns.WorkloadMatch, row StateRecord) bool {
	at := -1
	for i := 0; i < len(b.d.State); i++ {
		r := b.d.State[i]
		if !slices.ContainsFunc(r.Workloads, func(w string) bool { return b.keepsWrite(keeps, w) }) {
			continue
		}
		if r.arch != "" {
			// Another archetype's row keeps them already (the posts a
			// search index is built from): one row. A row that names the
			// records (by words) replaces one that takes any write.
			if at < 0 && r.keepsAny && len(keeps.Words) > 0 {
				row.Readers, row.Retention, row.Workloads = r.Readers, r.Retention, r.Workloads
				if row.StorePart == "" {
					row.StorePart, row.Storage = r.StorePart, r.Storage
				}
				b.d.State[i] = row
				return true
			}
			return true
		}
		if at < 0 {
			at = i
			row.Name, row.noun = userNamed(r, row.Name), r.noun
			row.Readers, row.Retention, row.Workloads = r.Readers, r.Retention, r.Workloads
			if row.StorePart == "" {
				row.StorePart, row.Storage = r.StorePart, r.Storage
			}
			b.d.State[i] = row
			continue
		}
		b.d.State[at].Workloads = append(b.d.State[at].Workloads, r.Workloads...)
		b.d.State = slices.Delete(b.d.State, i, i+1)
		i--
	}
	return at >= 0
}

// keepDerived merges an archetype's derived row into the engine's derived
// row kept in the same part (full-text search's inverted index is the
// engine's search index): the row takes the archetype's name, owner and
// class and keeps the engine's readers, source and rebuild. It says
// whether a row took it.
func (b *builder) keepDerived(row StateRecord) bool {
	if row.StorePart == "" {
		return false
	}
	i := slices.IndexFunc(b.d.State, func(r StateRecord) bool {
		return r.arch == "" && r.DerivedFrom != "" && r.StorePart == row.StorePart
	})
	if i < 0 {
		return false
	}
	r := &b.d.State[i]
	r.Name, r.Owner, r.arch, r.catalogue = row.Name, row.Owner, row.arch, row.catalogue
	// It is built from the written records: name their row when one row
	// keeps them all.
	var kept []string
	for _, o := range b.d.State {
		if len(o.Workloads) > 0 && o.StorePart != "" && o.DerivedFrom == "" {
			kept = append(kept, o.Name)
		}
	}
	if len(kept) == 1 {
		r.DerivedFrom = kept[0]
	}
	return true
}

// userNamed is the name of an archetype's row that keeps the records of
// the engine's row r, read as the record type in the requirements' word:
// the catalogue's name when it holds that word ("rate-limit rules" for
// "change plan limits", "file tree and versions" for "upload file
// change"); the word itself
// when the catalogue names the type in one word ("tweets" for the posts
// of "post tweet", "rides" for the trips of "request ride"); else the
// word before the catalogue's name ("transfer ledger entries").
func userNamed(r StateRecord, name string) string {
	if r.noun == "" {
		return name
	}
	if namesNoun(name, r.noun) {
		return name
	}
	if len(strings.Fields(name)) == 1 && len(strings.Fields(r.noun)) == 1 {
		return plural(r.noun)
	}
	return r.noun + " " + name
}

// namesNoun says whether a row's name holds a word of the requirements'
// noun for its records ("file tree and versions" holds the file of "file
// change"), singular or plural.
func namesNoun(name, noun string) bool {
	words := phrase.Words(name)
	for _, n := range phrase.Words(noun) {
		if slices.ContainsFunc(words, func(w string) bool { return phrase.Singular(w) == phrase.Singular(n) }) {
			return true
		}
	}
	return false
}

// lastWord is the last word of a phrase: the head noun of "short link".
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return s
	}
	return f[len(f)-1]
}

// keepsWrite says whether a workload of this name is a write the match picks.
func (b *builder) keepsWrite(keeps patterns.WorkloadMatch, name string) bool {
	for _, l := range b.loads {
		if l.Name == name {
			return keeps.Takes(string(l.kind), l.Name)
		}
	}
	return false
}

// keptState says whether a row keeps the archetype state of this
// catalogue name already: the catalogue's name is the state's id, which
// a row keeps however the requirements' words renamed it.
func (b *builder) keptState(name string) bool {
	return slices.ContainsFunc(b.d.State, func(r StateRecord) bool { return r.catalogue == name })
}

// wideColumnOption is the option of an archetype's decision that names a
// wide-column store, or "".
func wideColumnOption(options []string) string {
	for _, o := range options {
		if wideColumn.MatchString(o) {
			return o
		}
	}
	return ""
}

// ruledOut returns the technologies the requirements rule out, lower
// case, from the one list the consistency check reads too.
func (b *builder) ruledOut() []string {
	return ruledOut(strings.ToLower(requirementText(b.d)))
}

// ruledBy returns the ruled-out phrase a technology falls under, or "".
func ruledBy(ruled []string, technology string) string {
	for _, r := range ruled {
		if len(r) >= 4 && namesProduct(technology, r) {
			return r
		}
	}
	return ""
}

// endSentence closes a clause from the catalogue as a sentence.
func endSentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") {
		return s
	}
	return s + "."
}

// describeRef says in words what a figure's reference stands for:
// "$avg.write" is "the average rate of writes".
func describeRef(ref string) string {
	what, kind, _ := strings.Cut(strings.TrimPrefix(ref, "$"), ".")
	of := kind + "s"
	if kind == "total" {
		of = "all workloads"
	}
	switch what {
	case "peak":
		return "the peak rate of " + of
	case "avg":
		return "the average rate of " + of
	case "stored":
		return "the bytes the " + kind + " workloads keep"
	case "item":
		return "the item size of the " + kind + " workloads"
	case "dau":
		return "the daily active users (users.dau)"
	case "param":
		return fmt.Sprintf("the parameter %s (parameters: {%s: …})", kind, kind)
	}
	return ref
}

// wideColumn recognises the scale option of a store decision.
var wideColumn = lazyre.Guarded(`(?i)cassandra|scylla|dynamodb|wide-column|bigtable|hbase`, "cassandra", "scylla", "dynamodb", "wide-column", "bigtable", "hbase")

// answeredBy is the matrix question whose choice is a component's
// technology: the one it names (decided_by), else the question of the
// engine part it refines (the workers consume the queue the Queue
// decision chose).
func answeredBy(c patterns.Component) questionID {
	if c.Refines == "workers" {
		return cmp.Or(questionID(c.DecidedBy), qQueue)
	}
	return cmp.Or(questionID(c.DecidedBy), verdictOfPart(c.Refines))
}

// decidedTechnology is the technology of a part of this kind when the
// matrix chose choice (of verdict option) for its question: workers
// consume the chosen queue, any other part is the choice.
func decidedTechnology(kind, choice, option string) string {
	if kind == "worker" {
		return "stateless workers consuming " + consumedQueue(choice, option)
	}
	return choice
}

// consumedQueue names the queue workers consume by what the Queue verdict
// chose (its option), not by the verdict's display string: "Redis +
// workers" names the workers too, so the workers would consume
// themselves.
func consumedQueue(choice, option string) string {
	switch option {
	case capacity.OptionRedisQueue:
		return "the Redis job queue"
	case capacity.OptionLog:
		return "the partitioned log (" + choice + ")"
	}
	return choice
}
