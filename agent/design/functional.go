package design

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Trace says where one functional requirement landed in the design: a
// state row, a hot path, a component, a background job or an open
// question. A line never lands nowhere.
type Trace struct {
	Line string `json:"line"`
	// Source is "functional" for a functional requirement, "summary" for
	// what the summary implies.
	Source  string   `json:"source"`
	LandsIn []string `json:"lands_in"`
}

// placement carries one line through the mapping: what it is about and
// where it has landed so far.
type placement struct {
	line    string
	summary bool
	lands   []string
	// entity is what the line is about ("order"), from the workload it
	// matches, or "" when it matches none.
	entity string
	// placed holds, per implication, where the functional lines landed
	// it; shared by every line, so the summary reuses those places rather
	// than adding a second row for the same thing.
	placed map[string][]string
}

func (p *placement) land(kind, where string) {
	p.lands = addOnce(p.lands, kind+": "+where)
}

// functional reads each functional requirement, and the summary, for what
// it implies, places each implication in the design, and records the
// trace. The mapping is the data file of package patterns. A line that
// adds a component redraws the data flow: it returns that drawing, else
// the one it was given, so the model is built from the graph the Data
// Flow section shows.
func (b *builder) functional(fig figures, vd *verdicts, mg *merged, dr *drawing) (*drawing, error) {
	m := patterns.Functional()
	changed := len(b.d.Components)
	_, hadStorage := vd.by[qStorage]
	placed := map[string][]string{}
	for _, line := range b.req.Functional {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		p := b.place(vd, mg, m, line, false, placed)
		if len(p.lands) == 0 {
			b.placeByWords(p)
		}
		if len(p.lands) == 0 {
			b.ask("%s", fill(m.Unplaced, map[string]string{"line": line}))
			p.land("open question", "what it needs from the system")
		}
		b.d.FunctionalTrace = append(b.d.FunctionalTrace, Trace{Line: line, Source: "functional", LandsIn: p.lands})
	}
	if s := strings.TrimSpace(b.req.Summary); s != "" {
		if p := b.place(vd, mg, m, s, true, placed); len(p.lands) > 0 {
			b.d.FunctionalTrace = append(b.d.FunctionalTrace, Trace{Line: s, Source: "summary", LandsIn: p.lands})
		}
	}
	if len(b.d.Components) != changed {
		dr = b.dataFlow(fig, vd)
	}
	if _, ok := vd.by[qStorage]; ok && !hadStorage {
		// Chosen here, for files a functional line names (a file
		// workload would have chosen it before): reached from the API
		// through pre-signed URLs, like the files of a workload.
		dr.graph.link("api", "blob", "pre-signed URLs")
	}
	return dr, nil
}

// placeByWords lands a line no implication placed on the workload or the
// state that shares most words with it: "check every request against the
// caller's limit" is the path "check limit".
func (b *builder) placeByWords(p *placement) {
	if l := b.matchLoad(p.line, nil); l != nil && b.hotPath(l.Name) != nil {
		p.land("hot path", l.Name)
	}
	if s := b.matchState(p.line); s != "" {
		p.land("state", s)
	}
}

// place applies every implication the line matches. The summary is read
// only for the specific mechanisms; its verbs say too little.
func (b *builder) place(vd *verdicts, mg *merged, m *patterns.FunctionalMapping, line string, summary bool, placed map[string][]string) *placement {
	p := &placement{line: line, summary: summary, placed: placed}
	// The fields of a look-up are not actions: "search by customer
	// email" sends no e-mail. Other mechanisms read the line without them.
	rest := withoutFields(m, line)
	for _, mech := range patterns.ImplicationMechanisms {
		for i := range m.Implications {
			im := &m.Implications[i]
			text := rest
			if mech == patterns.ImplicationIndex {
				text = line
			}
			if im.Mechanism != mech || !im.Matches(text) {
				continue
			}
			if summary && (mech == patterns.ImplicationWrite || mech == patterns.ImplicationRead) {
				continue
			}
			b.apply(vd, mg, m, im, p)
		}
	}
	return p
}

// apply places one implication of a line, about the entity the
// mechanism's own workloads name.
func (b *builder) apply(vd *verdicts, mg *merged, m *patterns.FunctionalMapping, im *patterns.Implication, p *placement) {
	if p.summary && len(p.placed[im.ID]) > 0 {
		for _, l := range p.placed[im.ID] {
			p.lands = addOnce(p.lands, l)
		}
		return
	}
	p.entity = b.entityFor(m, im, p.line)
	before := len(p.lands)
	b.applyMechanism(vd, mg, m, im, p)
	for _, l := range p.lands[before:] {
		p.placed[im.ID] = addOnce(p.placed[im.ID], l)
	}
}

// entityFor names what an implication of the line is about: a job is
// about its job workload, a file about its file workload, a geo or push
// line about what is read ("nearest driver" is the driver), anything
// else about the workload that shares most words with the line.
func (b *builder) entityFor(m *patterns.FunctionalMapping, im *patterns.Implication, line string) string {
	var l *load
	switch im.Mechanism {
	case patterns.ImplicationJob:
		l = b.matchLoad(line, kindIs(requirements.Job, requirements.Message))
	case patterns.ImplicationFiles:
		if l = b.matchLoad(line, isFile); l == nil {
			return "uploaded"
		}
	case patterns.ImplicationGeo, patterns.ImplicationPush:
		if l = b.matchLoad(line, kindIs(requirements.Read, requirements.Search)); l == nil {
			l = b.matchLoad(line, nil)
		}
	default:
		l = b.matchLoad(line, nil)
	}
	if l == nil {
		return ""
	}
	return im.Strip(entityOf(m, l.Name))
}

// applyMechanism places one implication by its mechanism.
func (b *builder) applyMechanism(vd *verdicts, mg *merged, m *patterns.FunctionalMapping, im *patterns.Implication, p *placement) {
	switch im.Mechanism {
	case patterns.ImplicationIndex:
		b.placeIndexes(vd, m, im, p)
	case patterns.ImplicationSearch:
		b.placeSearch(vd, im, p)
	case patterns.ImplicationHistory:
		b.placeHistory(vd, im, p)
	case patterns.ImplicationJob:
		b.placeJob(vd, im, p)
	case patterns.ImplicationGeo, patterns.ImplicationPush:
		b.placeState(vd, mg, im, p, kindIs(requirements.Read, requirements.Search))
	case patterns.ImplicationFiles:
		b.placeFiles(vd, mg, im, p)
	case patterns.ImplicationUnique:
		b.placeUnique(vd, m, im, p)
	case patterns.ImplicationWrite:
		b.placeFlow(im, p, kindIs(requirements.Write, requirements.Event, requirements.Message, requirements.Job))
	case patterns.ImplicationRead:
		b.placeFlow(im, p, kindIs(requirements.Read, requirements.Search))
	}
}

// placeFlow lands a plain read or write on the workload it names, and a
// write on the state it changes. A flow no workload matches is asked
// about, once the line has landed nowhere more specific.
func (b *builder) placeFlow(im *patterns.Implication, p *placement, keep func(*load) bool) {
	l := b.matchLoad(p.line, keep)
	if l == nil {
		if s := b.matchState(p.line); s != "" && keep(&load{kind: requirements.Write}) {
			p.land("state", s)
		}
		// A verb of the other kind: "fetch pages" of a crawler is a job.
		if other := b.matchLoad(p.line, nil); other != nil && b.hotPath(other.Name) != nil {
			p.land("hot path", other.Name)
		}
		if len(p.lands) == 0 && !p.summary && im.Question != "" {
			b.ask("%s", fill(im.Question, map[string]string{"line": p.line}))
			p.land("open question", "its rate")
		}
		return
	}
	if l.kind == requirements.Write || l.kind == requirements.Event {
		if s := b.matchState(p.line + " " + subject(l.Name)); s != "" {
			p.land("state", s)
		}
	}
	switch {
	case b.hotPath(l.Name) != nil:
		p.land("hot path", l.Name)
	case l.batch:
		// A job on a clock has its schedule for a rate.
		p.land("scheduled job", l.Name)
	default:
		b.ask("How often does %q happen? It has no rate, so it is left out of every figure.", l.Name)
		p.land("open question", fmt.Sprintf("rate and latency of %q", l.Name))
	}
}

// placeIndexes turns "search orders by customer email or order number"
// into one index per named field, on the path that serves the look-up.
func (b *builder) placeIndexes(vd *verdicts, m *patterns.FunctionalMapping, im *patterns.Implication, p *placement) {
	_, end := im.Match(p.line)
	table, fields := byFields(m, p.line[end:])
	l := b.matchLoad(p.line, kindIs(requirements.Read, requirements.Search))
	if table == "" && l != nil {
		table = plural(entityOf(m, l.Name))
	}
	if len(fields) == 0 {
		if p.summary {
			return
		}
		b.ask("%s", fill(im.Question, map[string]string{"line": p.line}))
		p.land("open question", "the fields it filters by")
		if l != nil && b.hotPath(l.Name) != nil {
			p.land("hot path", l.Name)
		}
		return
	}
	vars := b.vars(vd, &placement{line: p.line, entity: stem(strings.ReplaceAll(table, "_", " "))}, table)
	var names []string
	for _, f := range fields {
		vars["field"] = f
		row := b.stateFrom(im.State, vars)
		names = append(names, row.Name)
		p.land("state", row.Name)
	}
	if l == nil {
		if !p.summary {
			b.ask("How often is %q used, and how fast must it answer? No read workload matches it, so its indexes serve no sized path.", p.line)
			p.land("open question", "its rate and latency")
		}
		return
	}
	vars["indexes"] = joinAnd(names)
	b.optimise(l.Name, fill(im.HotPath, vars), true)
	p.land("hot path", l.Name)
}

// placeSearch lands free-text search on the search component, adding
// PostgreSQL full-text search when the workloads asked for none.
func (b *builder) placeSearch(vd *verdicts, im *patterns.Implication, p *placement) {
	if _, ok := vd.by[qSearch]; !ok {
		b.undecline(qSearch)
		if err := b.choose(vd, qSearch, "text search over the records the database owns; rebuildable from it", figure{}, map[string]any{}); err != nil {
			return
		}
		b.d.Components = vd.ordered()
	}
	c := vd.by[qSearch]
	p.land("component", "Search ("+c.Choice+")")
	if l := b.matchLoad(p.line, kindIs(requirements.Search, requirements.Read)); l != nil {
		vars := b.vars(vd, p, "")
		vars["search"] = c.Choice
		b.optimise(l.Name, fill(im.HotPath, vars), false)
		p.land("hot path", l.Name)
	}
}

// placeHistory adds the append-only change history, once, and its write
// on every write path.
func (b *builder) placeHistory(vd *verdicts, im *patterns.Implication, p *placement) {
	vars := b.vars(vd, p, "")
	name := b.existingState(stateHistory)
	if name == "" {
		vars["retention"] = b.historyRetention()
		name = b.stateFrom(im.State, vars).Name
		b.giveRole(name, stateHistory)
		b.ask("%s", fill(im.Question, vars))
	}
	p.land("state", name)
	vars["history"] = name
	for _, l := range b.loads {
		if l.kind == requirements.Write && b.hotPath(l.Name) != nil {
			b.optimise(l.Name, fill(im.HotPath, vars), false)
			p.land("hot path", l.Name)
		}
	}
}

// historyRetention keeps history as long as the compliance regime asks,
// or as long as the longest-kept record, or seven years.
func (b *builder) historyRetention() string {
	if len(b.req.Compliance) > 0 {
		return "as " + strings.Join(b.req.Compliance, ", ") + " requires"
	}
	longest := 0.0
	for _, l := range b.loads {
		if l.kind == requirements.Write && float64(l.Retention) > longest {
			longest = float64(l.Retention)
		}
	}
	if longest > 0 {
		return fmt.Sprintf("%s, as the records it describes", quantity.FormatDuration(longest))
	}
	return "7y (assumed)"
}

// placeJob sends exports, reports, e-mails and notifications to the
// background: through the queue when there is one, otherwise a jobs
// table in the database that a worker polls.
func (b *builder) placeJob(vd *verdicts, im *patterns.Implication, p *placement) {
	l := b.matchLoad(p.line, kindIs(requirements.Job, requirements.Message))
	if name := b.existingState(stateJobs); name != "" {
		p.land("state", name)
	} else {
		row := b.stateFrom(im.State, b.vars(vd, p, ""))
		b.giveRole(row.Name, stateJobs)
		p.land("state", row.Name)
	}
	// The worker pool is the part workers, whatever its row is called:
	// the engine's, or an archetype's pool that refines it.
	pool := b.partRow("workers")
	if pool == nil {
		b.addServiceAs("workers", "worker", "Workers", "run the background jobs the functional requirements name, idempotently",
			"worker process of the same codebase, polling the jobs table (SELECT … FOR UPDATE SKIP LOCKED)",
			"No queue to run: at this volume the database is the queue; move to Redis + workers past the queue threshold.")
		pool = b.partRow("workers")
	}
	if l != nil && b.hotPath(l.Name) != nil {
		p.land("hot path", l.Name)
		return
	}
	p.land("background job", pool.Name)
}

// answeredBy is the name of the recognised archetype component that
// covers a functional implication (covers: [functional/ID]).
func (b *builder) answeredBy(mg *merged, implication string) (string, bool) {
	for _, p := range mg.parts {
		if slices.Contains(p.comp.Covers, "functional/"+implication) {
			return p.comp.Name, true
		}
	}
	return "", false
}

// placeState adds the state row (and the service) of a geo, file or push
// implication, and its optimisation on the path the line matches.
func (b *builder) placeState(vd *verdicts, mg *merged, im *patterns.Implication, p *placement, keep func(*load) bool) {
	if im.Mechanism == patterns.ImplicationFiles {
		if _, ok := vd.by[qStorage]; !ok {
			if err := b.choose(vd, qStorage, "holds the files the functional requirements name; the database keeps only metadata", figure{}, map[string]any{}); err != nil {
				return
			}
			b.d.Components = vd.ordered()
		}
	}
	if c, ok := b.answeredBy(mg, im.ID); ok {
		// A recognised archetype's component is this mechanism: the line
		// lands on it, with none of the implication's own parts beside it.
		p.land("component", c)
		if l := b.matchLoad(p.line, keep); l != nil && b.hotPath(l.Name) != nil {
			p.land("hot path", l.Name)
		}
		return
	}
	vars := b.vars(vd, p, "")
	if im.Service.Name != "" && b.partRow(slug(im.Service.Name)) == nil {
		b.addServiceAs(slug(im.Service.Name), cmp.Or(im.Service.Kind, "service"), im.Service.Name, fill(im.Service.Purpose, vars), fill(im.Service.Technology, vars), fill(im.Service.Justification, vars))
	}
	if im.Service.Name != "" {
		p.land("component", im.Service.Name)
	}
	if im.Mechanism == patterns.ImplicationFiles {
		p.land("component", "Storage ("+vd.by[qStorage].Choice+")")
	}
	row := b.stateFrom(im.State, vars)
	p.land("state", row.Name)
	l := b.matchLoad(p.line, keep)
	if l == nil || b.hotPath(l.Name) == nil {
		return
	}
	if im.Mechanism != patterns.ImplicationFiles || l.kind == requirements.Write {
		b.optimise(l.Name, fill(im.HotPath, vars), false)
	}
	p.land("hot path", l.Name)
}

// placeFiles lands an upload, a photo or a video on the files of the
// workload that carries them (the state the engine already keeps for it),
// or adds object storage and a row for the uploads no workload names.
func (b *builder) placeFiles(vd *verdicts, mg *merged, im *patterns.Implication, p *placement) {
	l := b.matchLoad(p.line, isFile)
	name := ""
	if l != nil {
		name = b.existingState(stateFiles + subject(l.Name))
	}
	if name == "" {
		b.placeState(vd, mg, im, p, isFile)
		return
	}
	p.land("component", "Storage ("+b.choiceOf(vd, qStorage, "Object storage (S3/GCS)")+")")
	p.land("state", name)
	if b.hotPath(l.Name) == nil {
		return
	}
	if l.kind == requirements.Write {
		b.optimise(l.Name, fill(im.HotPath, b.vars(vd, p, "")), false)
	}
	p.land("hot path", l.Name)
}

// placeUnique names the constraint that forbids the duplicate: on the
// fields the line names ("one booking per seat and show"), else an
// idempotency key on the write it matches.
func (b *builder) placeUnique(vd *verdicts, m *patterns.FunctionalMapping, im *patterns.Implication, p *placement) {
	l := b.matchLoad(p.line, kindIs(requirements.Write))
	table, fields := perFields(m, p.line)
	if len(fields) == 0 && m.Retried(p.line) {
		if l == nil {
			// A retried request is a write, even one the line does not name.
			l = b.matchLoad(p.line+" "+b.namesOf(kindIs(requirements.Write)), kindIs(requirements.Write))
		}
		if l != nil {
			fields = []string{"idempotency_key"}
		}
	}
	if len(fields) == 0 {
		// Without the fields there is no constraint to name: the write
		// path's idempotency key covers retries, and the rest is asked.
		if !p.summary {
			b.ask("%s", fill(im.Question, map[string]string{"line": p.line}))
			p.land("open question", "which fields make two requests the same")
		}
		if l != nil && b.hotPath(l.Name) != nil {
			p.land("hot path", l.Name)
		}
		return
	}
	own := table == "" // on the records the write keeps, not a table the line names
	if table == "" && l != nil {
		table = plural(entityOf(m, l.Name))
		if fields[0] == strings.TrimSuffix(table, "s")+"_id" {
			// "hold seats" and the same seat: the holds are the table.
			table = snake(l.Name)
		}
	}
	if table == "" {
		table = "requests"
	}
	vars := b.vars(vd, p, table)
	vars["fields"] = strings.Join(fields, ", ")
	if rec := b.recordsOf(l); own && rec != "" && b.hotPathOf(l) != nil {
		// A constraint is no state: it guards the records the write
		// keeps, which have their row; their hot path names it.
		p.land("state", rec)
	} else {
		row := b.stateFrom(im.State, vars)
		p.land("state", row.Name)
	}
	if h := b.hotPathOf(l); h != nil {
		text := im.HotPath
		if im.AlsoSays != "" && h.says(im.AlsoSays) {
			// The path says that measure already (its idempotency key):
			// the constraint is what this line adds.
			text = im.HotPathShort
		}
		b.optimise(l.Name, fill(text, vars), false)
		p.land("hot path", l.Name)
	}
}

// recordsOf names the state row that keeps a write's records, "" for
// none or no write.
func (b *builder) recordsOf(l *load) string {
	if l == nil {
		return ""
	}
	for _, s := range b.d.State {
		if s.DerivedFrom == "" && slices.Contains(s.Workloads, l.Name) {
			return s.Name
		}
	}
	return ""
}

// hotPathOf is the hot path of a workload, nil for none.
func (b *builder) hotPathOf(l *load) *HotPath {
	if l == nil {
		return nil
	}
	return b.hotPath(l.Name)
}

// vars are the values the mapping's templates are filled with.
func (b *builder) vars(vd *verdicts, p *placement, table string) map[string]string {
	db := b.choiceOf(vd, qDatabase, "PostgreSQL")
	owner := "API"
	if p.entity != "" {
		owner = title(p.entity) + " module of the API"
	}
	queue := "a jobs table in " + db
	if c, ok := vd.by[qQueue]; ok {
		queue = c.Choice
	}
	geo := "PostgreSQL with PostGIS: a geography column with a GiST index"
	if db != "PostgreSQL" {
		geo = "an in-memory geo index (Redis GEOSEARCH) fed by the position updates; " + db + " keeps the record"
	}
	workers := "Workers"
	if pool := b.partRow("workers"); pool != nil {
		workers = pool.Name
	}
	return map[string]string{
		"line": p.line, "entity": p.entity, "table": table, "db": db, "owner": owner, "queue": queue, "geo": geo, "workers": workers,
		"storage": b.choiceOf(vd, qStorage, "Object storage (S3/GCS)"),
		"events":  b.choiceOf(vd, qEvents, db+" LISTEN/NOTIFY"),
	}
}

// stateFrom fills a state template and adds the row unless it is there.
func (b *builder) stateFrom(t patterns.ImplicationState, vars map[string]string) StateRecord {
	row := StateRecord{Name: fill(t.Name, vars), Owner: fill(t.Owner, vars), Readers: []string{},
		Storage: fill(t.Storage, vars), Class: t.Class, Retention: fill(t.Retention, vars)}
	for _, s := range b.d.State {
		if s.Name == row.Name {
			return s
		}
	}
	row.Readers = b.readerPaths()
	if len(t.Readers) > 0 {
		row.Readers = []string{}
		for _, r := range t.Readers {
			if r = fill(r, vars); r != "" {
				row.Readers = append(row.Readers, r)
			}
		}
	}
	b.addState(row)
	return row
}

// readerPaths names the read paths, the readers of derived state.
func (b *builder) readerPaths() []string {
	var rs []string
	for _, l := range b.loads {
		if l.kind == requirements.Read || l.kind == requirements.Search {
			rs = append(rs, fmt.Sprintf("%q", l.Name))
		}
	}
	if len(rs) == 0 {
		rs = append(rs, "API")
	}
	return fewReaders(rs)
}
