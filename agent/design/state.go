package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/phrase"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// architecture lays out what follows from the components: who owns which
// state, the hot paths, the data flow and how each part fails.
func (b *builder) architecture(fig figures, vd *verdicts) (*drawing, error) {
	b.stateMatrix(fig, vd)
	b.hotPaths(fig, vd)
	dr := b.dataFlow(fig, vd)
	b.failures(fig, vd, dr)
	return dr, nil
}

// choiceOf returns the component chosen for a need, or fallback.
func (b *builder) choiceOf(vd *verdicts, q questionID, fallback string) string {
	if c, ok := vd.by[q]; ok {
		return c.Choice
	}
	return fallback
}

// leadingVerbs are dropped from a workload's name to name what it writes.
var leadingVerbs = []string{"create", "place", "write", "post", "upload", "update", "submit", "save", "register",
	"add", "edit", "delete", "record", "store", "send", "publish", "track", "ingest", "read", "get", "view", "fetch", "deliver", "process"}

// subject names what a workload is about: "create link" → "link".
func subject(name string) string {
	words := strings.Fields(strings.ToLower(name))
	if len(words) > 1 {
		for _, v := range leadingVerbs {
			if words[0] == v {
				return strings.Join(words[1:], " ")
			}
		}
	}
	return strings.ToLower(name)
}

// recordNoun is the requirements' word for what a write keeps: its name
// without the leading verb ("file change" of "upload file change"), else
// its last word, singular ("seat" of "hold seats").
func recordNoun(name string) string {
	if n := subject(name); n != strings.ToLower(name) {
		return n
	}
	return phrase.Singular(lastWord(strings.ToLower(name)))
}

func (b *builder) addState(s StateRecord) {
	if s.Readers == nil {
		s.Readers = []string{}
	}
	b.d.State = append(b.d.State, s)
}

// stateMatrix lists each piece of state with its single owner.
func (b *builder) stateMatrix(fig figures, vd *verdicts) {
	db := b.choiceOf(vd, qDatabase, "PostgreSQL")
	readers := b.readers()
	for _, l := range b.loads {
		switch l.kind {
		case requirements.Write:
			b.writeState(fig, vd, l, db, readers)
		case requirements.Event:
			b.eventState(vd, l, db)
		case requirements.Message:
			if l.Retention > 0 {
				// Kept once delivered (a conversation's history): its
				// records are a row of their own, kept as long as it says.
				b.writeState(fig, vd, l, db, readers)
			}
			if b.deliveredByPart(l) {
				// The archetype's part delivers them (its own state rows
				// say what it keeps): no queue holds them in flight.
				continue
			}
			if c := vd.by[qQueue]; c != nil && isLog(c) {
				// Too many to keep a row each: the log is the record of
				// what is in flight, the consumer offsets what is done.
				b.addState(StateRecord{Name: deliveryNoun(l.Name) + " deliveries in flight", Owner: "API (appends to the log)", Readers: []string{"Workers"},
					Storage: c.Choice + " (consumer offsets mark what is done)", Class: "transient", Retention: "the log's retention, long enough to replay a failed worker",
					role: stateJobs}) // what the queue holds, so background work lands here
				continue
			}
			b.addState(StateRecord{Name: deliveryNoun(l.Name) + " delivery status", Owner: "Workers", Readers: []string{"API", "support"},
				Storage: db, Class: "warm", Retention: "until delivered, then per the retention policy"})
		case requirements.Job:
			// A queue holds the jobs while they wait, run and fail: its
			// row (sharedState) is their one row, not a status table
			// beside it.
			if !l.batch && vd.by[qQueue] == nil {
				b.addState(StateRecord{Name: subject(l.Name) + " job status", Owner: "Workers", Readers: []string{"API", "support"},
					Storage: db, Class: "warm", Retention: "until done, then per the retention policy"})
			}
		}
	}
	b.batchState(db)
	b.sharedState(fig, vd, db)
}

// readers names the paths that read what the writes own.
func (b *builder) readers() []string {
	var rs []string
	for _, l := range b.loads {
		// A read a store of an archetype's own serves reads that store's
		// state (partReaders), not the records the writes keep; one
		// through an engine part it refines (a CDN in front of the
		// files) still reads them.
		if (l.kind == requirements.Read || l.kind == requirements.Search) && !b.inOwnStore(l) {
			rs = append(rs, fmt.Sprintf("%q", l.Name))
		}
	}
	return append(fewReaders(rs), "admin and reporting (read replica or export)")
}

// partReaders names the reads an archetype's part serves as readers of
// the state kept in that part (a leaderboard's board sorted sets are read
// by "view standings").
func (b *builder) partReaders(mg *merged) {
	for i := range b.d.State {
		s := &b.d.State[i]
		if s.arch == "" || s.StorePart == "" {
			continue
		}
		for _, l := range b.loads {
			if !absorbed(l) || !kindIs(requirements.Read, requirements.Search)(l) {
				continue
			}
			if p, ok := b.carrier(mg, l); ok && p.id == s.StorePart {
				s.Readers = append(s.Readers, fmt.Sprintf("%q", l.Name))
			}
		}
	}
}

// maxReadersNamed is how many read paths a state row names before it
// counts the rest: a row that names hundreds says nothing a reader can
// use, and a table of such rows grows with the square of the workloads.
const maxReadersNamed = 8

// fewReaders names the first maxReadersNamed read paths and counts the
// others.
func fewReaders(rs []string) []string {
	if len(rs) <= maxReadersNamed {
		return rs
	}
	return append(rs[:maxReadersNamed:maxReadersNamed], fmt.Sprintf("%d more read paths", len(rs)-maxReadersNamed))
}

// inOwnStore says whether a recognised archetype carries a flow in a
// store of its own (a location service), not in one of the engine's parts
// it refines (object storage).
func (b *builder) inOwnStore(l *load) bool {
	if !absorbed(l) {
		return false
	}
	c, ok := l.carrier, l.hasCarrier
	return ok && c.Refines == ""
}

func (b *builder) writeState(fig figures, vd *verdicts, l *load, db string, readers []string) {
	if b.inOwnStore(l) && l.kind != requirements.Message {
		// The archetype's own store keeps them (its state rows say how):
		// a row in the database would contradict the flow's store of record.
		// A kept message its part delivers is still kept in the database.
		return
	}
	noun := subject(l.Name)
	retention := "1y (assumed)"
	if l.Retention > 0 {
		retention = quantity.FormatDuration(float64(l.Retention))
	}
	owner := title(noun) + " module of the API (single writer)"
	rowStore := "db"
	if fig.storeOf[l] == storeRecords {
		db = b.choiceOf(vd, qRecords, db)
		rowStore = storeRecords
	}
	if isFile(l) {
		b.addState(StateRecord{Name: noun + " files", Owner: owner, Readers: readers,
			Storage: b.choiceOf(vd, qStorage, "Object storage (S3/GCS)"), Class: "warm", Retention: retention, role: stateFiles + noun, StorePart: "blob"})
		b.addState(StateRecord{Name: noun + " metadata", Owner: owner, Readers: readers, Storage: db, Class: "warm", Retention: retention, StorePart: rowStore, Workloads: []string{l.Name}, noun: recordNoun(l.Name)})
		return
	}
	b.addState(StateRecord{Name: noun + " records", Owner: owner, Readers: readers, Storage: db, Class: "warm", Retention: retention, StorePart: rowStore, Workloads: []string{l.Name}, noun: recordNoun(l.Name)})
}

func (b *builder) eventState(vd *verdicts, l *load, db string) {
	noun := subject(l.Name)
	producer := "API"
	if b.ingestSeparate(vd) {
		producer = "Ingest API"
	}
	b.addState(StateRecord{Name: noun + " event log", Owner: producer + " (appends only)", Readers: b.eventReaders(vd, l),
		Storage: b.choiceOf(vd, qEvents, db), Class: "transient", Retention: "days, long enough to replay a failed consumer"})
	if l.Window > 0 {
		proc := b.processorName(vd)
		win := quantity.FormatDuration(float64(l.Window))
		b.addState(StateRecord{Name: "open " + win + " windows of " + noun, Owner: proc, Readers: []string{proc},
			Storage: "processor memory, checkpointed with the log offsets", Class: "hot", Retention: "until the window closes"})
		b.addState(StateRecord{Name: "closed " + win + " window results of " + noun, Owner: proc, Readers: []string{"API", "dashboards"},
			Storage: db, Class: "warm", Retention: "per the reporting needs",
			DerivedFrom: noun + " event log", Rebuild: "replay the log from the window's start offsets"})
	}
	if l.Retention > 0 {
		b.addState(StateRecord{Name: "raw " + noun + " archive", Owner: "archive sink (consumer of the log)", Readers: []string{"batch analytics", "replays"},
			Storage: b.choiceOf(vd, qStorage, "Object storage (S3/GCS)"), Class: "cold", Retention: quantity.FormatDuration(float64(l.Retention))})
	}
}

func (b *builder) eventReaders(vd *verdicts, l *load) []string {
	var rs []string
	if l.Window > 0 {
		rs = append(rs, b.processorName(vd))
	}
	if l.Retention > 0 {
		rs = append(rs, "archive sink")
	}
	if len(rs) == 0 {
		rs = append(rs, "event consumers")
	}
	return rs
}

func (b *builder) processorName(vd *verdicts) string {
	if b.ingestSeparate(vd) {
		return "Stream processor"
	}
	return "Window aggregation job"
}

// sharedState adds the state that serves many workloads: cache, sessions,
// the queue, the search index and the audit trail.
func (b *builder) sharedState(fig figures, vd *verdicts, db string) {
	if c, ok := vd.by[qCache]; ok {
		for _, l := range b.loads {
			if fig.cacheable[l] {
				b.addState(StateRecord{Name: fmt.Sprintf("cached responses of %q", l.Name), Owner: "API read path (read-through, TTL)", Readers: []string{fmt.Sprintf("%q", l.Name)},
					Storage: c.Choice, Class: "transient", Retention: "TTL",
					DerivedFrom: b.cacheSource(fig, vd, l, db), Rebuild: "refilled on misses; warm the hottest keys before a cut-over"})
			}
		}
	}
	if b.signsIn() {
		storage := "signed session cookie, revocations in " + db
		if c, ok := vd.by[qCache]; ok {
			storage = c.Choice + " (TTL), durable record in " + db
		}
		b.addState(StateRecord{Name: "user sessions", Owner: "Auth module of the API", Readers: []string{"API"}, Storage: storage, Class: "hot", Retention: "session lifetime"})
	}
	if c, ok := vd.by[qQueue]; ok {
		if name := b.queuedName(fig, c); name != "" {
			readers := []string{"Workers"}
			if slices.ContainsFunc(b.loads, func(l *load) bool { return l.kind == requirements.Job && !l.batch }) {
				readers = append(readers, "API and support (status by job id)")
			}
			b.addState(StateRecord{Name: name, Owner: "API (enqueues after commit)", Readers: readers,
				Storage: c.Choice, Class: "hot", Retention: "until done; failures kept in a dead-letter list", role: stateJobs})
		}
	}
	if c, ok := vd.by[qSearch]; ok {
		src := b.sourceStore(fig, vd, db)
		part := "search"
		if c.Option == capacity.OptionFullText {
			part = "db" // the index lives inside the database
		}
		b.addState(StateRecord{Name: "search index", Owner: "Indexer (follows " + src + " changes)", Readers: []string{"search path"},
			Storage: c.Choice, Class: "transient", Retention: "as long as its source",
			DerivedFrom: "the records of " + src, Rebuild: "reindex from the source into a new index, then switch the alias", StorePart: part})
	}
	if len(b.req.Compliance) > 0 {
		b.addState(StateRecord{Name: "audit trail", Owner: "API (append-only table)", Readers: []string{"compliance", "support"},
			Storage: db + ", archived to object storage", Class: "cold", Retention: "as " + strings.Join(b.req.Compliance, ", ") + " requires", role: stateHistory})
	}
}

// signsIn says whether the ask has users who sign in: a count of users
// alone (daily actives of a booking page) holds no session; a line that
// has them sign in, log in or keep an account does.
func (b *builder) signsIn() bool {
	if b.req.Users == nil || b.req.Users.DAU <= 0 && b.req.Users.MAU <= 0 {
		return false
	}
	m := patterns.Functional()
	return slices.ContainsFunc(append([]string{b.req.Title, b.req.Summary, b.req.Body}, b.req.Functional...), m.SignsIn)
}

// queuedName names what waits in the queue by what it is: the jobs and
// messages of the workloads it carries ("queued \"send daily digest\"
// jobs"), leaving out the messages a log keeps a row of their own for
// (their deliveries in flight). With no workload of its own (the jobs a
// functional line implies) it holds background jobs; with every message
// in its own row it has no row of its own ("").
func (b *builder) queuedName(fig figures, c *Component) string {
	var jobs, messages []string
	for _, l := range b.loads {
		switch {
		case absorbed(l) && b.deliveredByPart(l):
		case l.kind == requirements.Job && !l.batch:
			jobs = append(jobs, fmt.Sprintf("%q", l.Name))
		case l.kind == requirements.Message && !isLog(c):
			messages = append(messages, fmt.Sprintf("%q", l.Name))
		}
	}
	switch {
	case len(jobs) == 0 && len(messages) == 0 && fig.queued.Ref != "":
		return "" // every message it carries has its row of deliveries in flight
	case len(jobs) == 0 && len(messages) == 0:
		return "queued background jobs"
	case len(messages) == 0:
		return "queued " + joinAnd(jobs) + " jobs"
	case len(jobs) == 0:
		return "queued " + joinAnd(messages) + " messages"
	}
	return "queued " + joinAnd(jobs) + " jobs and " + joinAnd(messages) + " messages"
}

// deliveryNoun names what a message workload delivers: its subject up to
// the first preposition, singular ("tweet" of "deliver tweet to
// followers", "notification" of "deliver notifications").
func deliveryNoun(name string) string {
	words := strings.Fields(subject(name))
	for i, w := range words {
		if i > 0 && slices.Contains(prepositions, w) {
			words = words[:i]
			break
		}
	}
	if len(words) == 0 {
		return subject(name)
	}
	words[len(words)-1] = phrase.Singular(words[len(words)-1])
	return strings.Join(words, " ")
}

// prepositions end the noun phrase of a workload's name.
var prepositions = []string{"to", "for", "of", "from", "by", "on", "in", "with", "into", "per"}

// cacheSource names what a cached flow's responses are computed from.
func (b *builder) cacheSource(fig figures, vd *verdicts, l *load, db string) string {
	if l.kind == requirements.Search {
		if c, ok := vd.by[qSearch]; ok {
			return "search results of " + c.Choice
		}
	}
	return "rows of " + b.sourceStore(fig, vd, db)
}

// sourceStore names the store that holds the written records: the bulk
// record store when every written flow lives there, else the database.
func (b *builder) sourceStore(fig figures, vd *verdicts, db string) string {
	if c := vd.by[qRecords]; c != nil && fig.dbStored.Ref == "" {
		return c.Choice
	}
	return db
}
