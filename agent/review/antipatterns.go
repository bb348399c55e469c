package review

import (
	"fmt"
	"regexp"
	"strings"
)

// Anti-patterns are read sentence by sentence outside code blocks (a code
// block often shows the bad example on purpose) and outside the sections
// that discuss rather than propose: risks, alternatives, anti-patterns,
// open questions, the current state, the checklist itself. A sentence that
// rejects what it names ("no shared database", "never the source of
// truth") does not count.
var discussTitles = newTerms("risk*", "alternative*", "rejected", "anti-pattern*", "antipattern*", "open question*", "checklist", "non-goal*", "out of scope", "review*", "lessons", "appendix", "glossary", "considered", "current state", "problem*", "pain point*", "motivation", `~^background$`, "history", "prior art",
	"decision matrix", "selection guide", "when to use", "technology selection")

// proposes says whether a sentence belongs to what the document proposes:
// not in a discussion section, not in a table column of options, risks,
// thresholds or reasons.
func proposes(d *Document, s sentence) bool {
	return !d.within(s.Section, discussTitles) && (s.Column == "" || !skipColumns.in(s.Column) && !declined(d, s.Line))
}

// declined says whether the table row at line records a decision whose
// choice is none ("Event streaming | none, Kafka | none | …"): its cells
// name what was not chosen.
func declined(d *Document, line int) bool {
	t, r, ok := d.rowAt(line)
	if !ok {
		return false
	}
	for c, h := range t.Header {
		if c < len(r.Cells) && strings.EqualFold(strings.TrimSpace(h), "choice") {
			switch strings.ToLower(strings.Trim(strings.TrimSpace(r.Cells[c]), "*_")) {
			case "none", "no", "—", "-", "n/a":
				return true
			}
		}
	}
	return false
}

// claim is a sentence that asserts a pattern, with where it matched.
type claim struct {
	sentence
	match string
}

// claims returns the sentences of the proposal that match re (and every
// one of also). With negatable set, a sentence holding a negation is
// skipped.
func (rv *reviewer) claims(re pattern, negatable bool, also ...pattern) []claim {
	var out []claim
next:
	for _, s := range rv.sents {
		if !s.proposed || negatable && s.negated {
			continue
		}
		for _, a := range also {
			if !a.match(s.lower) {
				continue next
			}
		}
		m := re.loc(s.lower)
		if m == nil {
			continue
		}
		out = append(out, claim{sentence: s, match: s.Text[m[0]:m[1]]})
	}
	return out
}

// alsoAt lists the lines of the other claims, for a finding's detail.
func alsoAt(cs []claim) string {
	if len(cs) < 2 {
		return ""
	}
	var lines []string
	for _, c := range cs[1:min(len(cs), 6)] {
		lines = append(lines, fmt.Sprint(c.Line))
	}
	if more := len(cs) - 6; more > 0 {
		lines = append(lines, fmt.Sprintf("and %d more", more))
	}
	return " Also at line " + strings.Join(lines, ", ") + "."
}

const (
	distributedMonolith = "distributed monolith"
	cacheBandAid        = "cache band-aid"
	eventSoup           = "event soup"
	prematureDist       = "premature distribution"
)

var (
	deployTogetherRe = pat(`\b(deploy(ed|s|ing)?|releas(ed|es|ing)?|ship(ped|s)?)\b[^.]{0,40}\b(together|in lock-?step|at the same time|simultaneously|as a unit)\b|\b(lock-?step|coordinated|synchroni[sz]ed)\s+(deploy\w*|releases?)\b|\brelease train\b`, "deploy", "releas", "ship")
	deployUnitRe     = pat(`\b(services?|components?|apps?|applications?|microservices?|modules?|systems?|teams?)\b`, "service", "component", "app", "module", "system", "team")
	syncWordRe       = pat(`\b(synchronous(ly)?|sync|blocking)\b`, "sync", "blocking")
	chainRe          = pat(`\bchain\w*|\bcalls?\b[^.]{0,40}\b(which|that)\b[^.]{0,20}\bcalls?\b|\bwaits? (for|on)\b[^.]{0,40}\bwhich\b`, "chain", "call", "wait")
	serviceRe        = pat(`\b\w+[ -]?(service|svc)s?\b`, "service", "svc")
	arrowRe          = regexp.MustCompile(`→|-+>|=>|⟶`)
	asyncRe          = pat(`\b(async\w*|queue\w*|events?|publish\w*|subscribe\w*|topic)\b`, "async", "queue", "event", "publish", "subscribe", "topic")
	sharedDBRe       = pat(`\bshared\s+(database|db|schema|tables?|data ?store|postgres\w*|mysql)\b`, "shared")
	writeVerbRe      = pat(`\b(writes?|written|writing|updates?|updated|inserts?|modif(y|ies))\b`, "writ", "updat", "insert", "modif")
	multiWriterRe    = pat(`\b(both|several|multiple|many|all|two|three|four|all the)\s+(\w+\s+){0,2}(services|teams|components|apps|applications|microservices)\b[^.]{0,40}\b(write|writes|update|updates|modify|modifies|insert|inserts)\b|\bwritten\s+(to\s+)?by\s+(both|several|multiple|many|all|any|each|every)\b|\b(any|every|each)\s+(service|team|component|microservice)\s+(can\s+|may\s+)?(write|writes|update|updates)\b`, "writ", "updat", "insert", "modif")
)

// distributedMonolith finds services that deploy together, synchronous
// call chains between services, and datasets with several writers.
func (rv *reviewer) distributedMonolith() {
	if cs := rv.claims(deployTogetherRe, true, deployUnitRe); len(cs) > 0 {
		rv.add(Finding{ID: "deploy-together", Severity: Medium, Category: distributedMonolith,
			Title:  "Services that must deploy together",
			Detail: fmt.Sprintf("%q: services released in lockstep are one system split by a network, with the costs of both and the benefits of neither.%s", cs[0].match, alsoAt(cs)),
			Ref:    rv.ref(cs[0].Line),
			Fix:    "Give each service a versioned, backward-compatible interface so it ships alone; or, if they always change together, merge them into one deployable (a modular monolith).",
		})
	}
	var chains []claim
	for _, s := range rv.sents {
		if !s.proposed || s.negated {
			continue
		}
		// One synchronous hop is normal; a chain is named as one or runs
		// through three services.
		sync := syncWordRe.match(s.lower) && (chainRe.match(s.lower) || len(serviceRe.re().FindAllString(s.lower, -1)) >= 3)
		var hops []string
		services := 0
		if strings.ContainsAny(s.Text, ">→⟶") {
			hops = arrowRe.Split(s.lower, -1)
			for _, h := range hops {
				if serviceRe.match(h) {
					services++
				}
			}
		}
		if sync || len(hops) >= 4 && services >= 3 && !asyncRe.match(s.lower) {
			chains = append(chains, claim{sentence: s, match: strings.TrimSpace(s.Text)})
		}
	}
	if len(chains) > 0 {
		rv.add(Finding{ID: "sync-call-chain", Severity: Medium, Category: distributedMonolith,
			Title:  "Synchronous call chain between services",
			Detail: fmt.Sprintf("%q: each hop adds its latency and its failure rate to the request, and one slow service stalls them all.%s", clip(chains[0].match), alsoAt(chains)),
			Ref:    rv.ref(chains[0].Line),
			Fix:    "Keep one synchronous hop on the request path; move the rest to a queue or to events the next service consumes, or fold the chain into one service. Put timeouts and a circuit breaker on the hop that remains.",
		})
	}
	rv.sharedWriters()
}

// Ownership tables are tables with an owner or writer column.
var (
	ownerColumn = newTerms("owner*", "writer*", "written by", "owned by", "source of truth", "system of record")
	readerWord  = newTerms("reader*", "read by", "consumer*")
	parenRe     = regexp.MustCompile(`\([^)]*\)`)
	ownerSplit  = regexp.MustCompile(`\s*[,/;&+]\s*`)
	andSplit    = regexp.MustCompile(`(?i)\s+(and|or)\s+`)
	serviceNoun = pat(`\b(service|svc|api|worker|app|job|team|processor|consumer|producer|gateway|module)s?\b`, "service", "svc", "api", "worker", "app", "job", "team", "processor", "consumer", "producer", "gateway", "module")
	noOwner     = regexp.MustCompile(`(?i)^(|-|—|–|\?+|tbd|tbc|unknown|none|n/?a|unclear|shared)$`)
)

// ownerCol returns the index of a table's owner column, or -1.
func ownerCol(t Table) int {
	for i, h := range t.Header {
		if ownerColumn.in(h) && !readerWord.in(h) {
			return i
		}
	}
	return -1
}

// ownerNames splits an owner cell into the writers it names. "and" and
// "or" split only between names that each look like a service ("order
// service and payment service"), so that "search and indexing service"
// stays one owner.
func ownerNames(cell string) []string {
	var names []string
	for _, n := range ownerSplit.Split(cell, -1) {
		parts := andSplit.Split(n, -1)
		for _, p := range parts {
			if !serviceNoun.match(p) {
				parts = []string{n}
				break
			}
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				names = append(names, p)
			}
		}
	}
	return names
}

// ownershipTables returns the proposal's tables with an owner column.
func (rv *reviewer) ownershipTables() []Table {
	var out []Table
	for _, t := range rv.d.Tables {
		if ownerCol(t) >= 0 && len(t.Rows) > 0 && !rv.d.within(t.Section, discussTitles) {
			out = append(out, t)
		}
	}
	return out
}

// sharedWriters flags a dataset whose owner cell names several writers, a
// dataset listed twice with different owners, a dataset with no owner, and
// prose about shared databases or many writers.
func (rv *reviewer) sharedWriters() {
	owners := map[string][]string{} // dataset -> owners seen
	for _, t := range rv.ownershipTables() {
		col := ownerCol(t)
		for _, r := range t.Rows {
			if col >= len(r.Cells) || len(r.Cells) == 0 || placeholder(strings.Join(r.Cells, " ")) {
				continue // an empty row is the section's placeholder finding
			}
			data := r.Cells[0]
			if col == 0 && len(r.Cells) > 1 {
				data = r.Cells[1]
			}
			cell := strings.TrimSpace(parenRe.ReplaceAllString(r.Cells[col], ""))
			if noOwner.MatchString(cell) {
				rv.add(Finding{ID: "state-owner-unnamed", Severity: Medium,
					Title:  fmt.Sprintf("Dataset %q has no owner", data),
					Detail: fmt.Sprintf("The ownership table gives %q no single writer (%q).", data, r.Cells[col]),
					Ref:    rv.ref(r.Line),
					Fix:    "Name the one service that writes this dataset; every other service reads it or asks the owner through its API.",
				})
				continue
			}
			names := ownerNames(cell)
			key := strings.ToLower(data)
			prev := owners[key]
			owners[key] = append(prev, names...)
			switch {
			case len(names) > 1:
				rv.sharedWriter(High, data, strings.Join(names, ", "), r.Line)
			case len(prev) > 0 && !strings.EqualFold(prev[0], names[0]):
				rv.sharedWriter(High, data, prev[0]+", "+names[0], r.Line)
			}
		}
	}
	// The first claim in prose is reported; one is enough to act on.
	if cs := rv.claims(multiWriterRe, true); len(cs) > 0 {
		rv.sharedWriter(High, "", cs[0].match, cs[0].Line)
		return
	}
	if cs := rv.claims(sharedDBRe, true); len(cs) > 0 {
		sev := Medium
		if writeVerbRe.match(cs[0].lower) {
			sev = High
		}
		rv.sharedWriter(sev, "", cs[0].match, cs[0].Line)
	}
}

func (rv *reviewer) sharedWriter(sev Severity, data, writers string, line int) {
	f := Finding{ID: "shared-writer", Severity: sev, Category: distributedMonolith,
		Title:  fmt.Sprintf("Dataset %q has several writers", data),
		Detail: fmt.Sprintf("%q is written by %s. With several writers no service can keep the data's rules, changes collide, and the services can no longer be deployed or scaled apart.", data, writers),
		Ref:    rv.ref(line),
		Fix:    "Give the dataset one owner that writes it; the others call the owner's API or react to the events it publishes. Readers may read a replica.",
	}
	if data == "" {
		f.Title = "Several services write the same data"
		f.Detail = fmt.Sprintf("%q: a database written by several services couples them through its schema; no one owns the data's rules, and a change in one breaks the others.", writers)
	}
	rv.add(f)
}

var (
	cacheWordRe = pat(`\b(cach\w*|redis|memcache\w*)\b`, "cach", "redis", "memcache")
	// A cache hides a slow query when the sentence says so ("hide",
	// "mask", "band-aid"), or names a slow query and links the cache to it
	// ("in front of", "to speed up", "because").
	hideRe        = pat(`\b(hide|hides|hiding|hidden|mask\w*|paper\w*\s+over|band-?aid|work\s*around\w*|cover\w*\s+(up|for))\b`, "hid", "mask", "paper", "band", "work", "cover")
	slowQueryRe   = pat(`\bslow\s+(sql|quer\w*|database|db|joins?|reports?)\b|\b(expensive|heavy|bad)\s+(quer\w*|joins?)\b|\bn\+1\b|\bfull[- ]table\s+scans?\b|\bunindexed\b|\bmissing\s+index\w*\b|\btoo\s+slow\b|\btakes\s+\d+(\.\d+)?\s*(s|seconds|minutes)\b`, "slow", "expensive", "heavy", "bad", "n+1", "table", "index", "takes")
	becauseRe     = pat(`\b(in front of|speed\w*\s+up|so|because|since|to avoid|instead of fixing)\b`, "front", "speed", "so", "because", "since", "avoid", "instead")
	slowLogRe     = pat(`\bslow[- ]query[- ]log`, "slow")
	invalidateRe  = pat(`\binvalidat\w*`, "invalidat")
	complexRe     = pat(`\b(complex\w*|complicated|cascad\w*|fan[- ]?out|dependen\w*|multi-?(level|layer|tier)|tricky|manual\w*|custom|graph|chain\w*|hierarch\w*|coordinat\w*|tag-based)\b|\bacross\s+(services|caches)\b|\bevery\s+(write|service)\b|\bmany\s+keys\b`)
	cacheTruthRe  = pat(`\b(cache|caches|cached data|caching layer|redis|memcached?)\b([^.;]{0,50}?)\b(is|as|becomes|serves as|acts as|used as|be)\s+(the\s+|our\s+|a\s+)?(primary\s+|only\s+|single\s+|main\s+)?(source of truth|system of record|primary (data )?store|primary database|durable store|database of record)\b|\b(only|solely)\s+(stored\s+|kept\s+|lives?\s+)?in\s+(redis|the cache|memcached)\b|\bnever\s+(written|persisted|saved)\s+to\s+(the\s+)?(database|db|disk|postgres\w*)\b`, "cach", "redis", "memcache", "only", "solely", "never")
	storeNameRe   = pat(`\b(postgres\w*|mysql|database|db|sql|which|whose|while|but|and)\b`)
	negatedBefore = pat(`\b(no|not|never|isn't|is not|avoid\w*|instead of|rather than)\b`)
)

// cacheBandAid finds a cache hiding slow queries, complex invalidation,
// and a cache used as the source of truth.
func (rv *reviewer) cacheBandAid() {
	var hiding, invalidation []claim
	for _, s := range rv.sents {
		if !s.proposed || s.negated {
			continue
		}
		slow := slowQueryRe.match(s.lower) && becauseRe.match(s.lower) && !slowLogRe.match(s.lower)
		if cacheWordRe.match(s.lower) && (hideRe.match(s.lower) || slow) {
			hiding = append(hiding, claim{s, clip(s.Text)})
		}
		if invalidateRe.match(s.lower) && complexRe.match(s.lower) {
			invalidation = append(invalidation, claim{s, clip(s.Text)})
		}
	}
	if len(hiding) > 0 {
		rv.add(Finding{ID: "cache-hides-slow-query", Severity: Medium, Category: cacheBandAid,
			Title:  "A cache hiding a slow query",
			Detail: fmt.Sprintf("%q: the slow query is still there, now behind a cache that goes cold, goes stale and fails open onto it.%s", clip(hiding[0].Text), alsoAt(hiding)),
			Ref:    rv.ref(hiding[0].Line),
			Fix:    "Fix the query first (an index, a narrower select, no N+1); add a cache afterwards only as an optimisation, with a simple TTL.",
		})
	}
	if len(invalidation) > 0 {
		rv.add(Finding{ID: "complex-cache-invalidation", Severity: Medium, Category: cacheBandAid,
			Title:  "Complex cache invalidation",
			Detail: fmt.Sprintf("%q: invalidation that needs dependency tracking or coordination is where stale data and outages come from.%s", invalidation[0].match, alsoAt(invalidation)),
			Ref:    rv.ref(invalidation[0].Line),
			Fix:    "Prefer short TTLs and cache only what tolerates staleness; if the data must be fresh, read it from the database (a replica) instead of inventing an invalidation protocol.",
		})
	}
	for _, s := range rv.sents {
		if !s.proposed {
			continue
		}
		m := cacheTruthRe.loc(s.Text)
		if m == nil || negatedBefore.match(s.Text[:m[0]]) {
			continue
		}
		if gap := submatch(s.Text, m, 2); storeNameRe.match(gap) || negatedBefore.match(gap) {
			continue
		}
		rv.add(Finding{ID: "cache-source-of-truth", Severity: High, Category: cacheBandAid,
			Title:  "A cache used as the source of truth",
			Detail: fmt.Sprintf("%q: a cache evicts, restarts empty and is rarely backed up; data that lives only there will be lost.", s.Text[m[0]:m[1]]),
			Ref:    rv.ref(s.Line),
			Fix:    "Keep the durable record in the database (PostgreSQL) and treat the cache as derived data that can be rebuilt from it at any time.",
		})
		return
	}
}

var (
	everythingEventRe = pat(`\beverything\s+(is|becomes|goes\s+through|as)\s+(an?\s+)?(event|message|the\s+(event\s+)?bus|kafka)|\ball\s+(\w+\s+){0,2}(communication|interactions?|calls|requests|operations|writes|changes|traffic)\s+(\w+\s+){0,3}(events|event\s+bus|kafka|topics?|messages|pub/?sub)\b|\bevery\s+(\w+\s+){0,2}(action|operation|change|request|call|write|update|click)\s+(\w+\s+){0,3}(emits|publishes|produces|is|becomes|raises)\s+(an?\s+)?(event|message)\b|\bevent[- ]driven\s+everything|\b(only|exclusively)\s+(communicate|talk|interact)\w*\s+(via|through|over)\s+(events|the\s+bus|kafka|messages)|\b(request[-/ ]?(reply|response)|rpc|queries)\s+(over|via|through)\s+(the\s+)?(event\s+bus|events|kafka|topics?|message\s+bus)`, "every", "all", "event", "only", "exclusive", "rpc", "quer", "request")
	eventWordRe       = pat(`\b(events?|messages?|payloads?|notifications?|topics?|streams?)\b`, "event", "message", "payload", "notification", "topic", "stream")
	thinEventRe       = pat(`\b(only|just)\s+(the\s+|an?\s+|its\s+)?(\w+[_ ])?(ids?|identifiers?|keys?|references?)\b|\bthin\s+(events?|messages?|payloads?)\b|\bids?\s+only\b|\b(consumers?|subscribers?|listeners?|handlers?|receivers?)\s+(then\s+|must\s+|need\s+to\s+|have\s+to\s+|will\s+|can\s+)*(call\s+back|look\s+up|lookup|fetch|query|re-?read|load)\b`, "only", "just", "thin", "id", "consumer", "subscriber", "listener", "handler", "receiver")
	eventOwnerRe      = pat(`\b(any|every)\s+(service|team|component)\s+(can\s+|may\s+)?(publish|emit|produce|write)\w*|\b(multiple|several|many|all)\s+(services|producers|teams|components)\s+(\w+\s+){0,2}(publish|emit|produce|write)\w*\s+(to\s+)?(the\s+same|a\s+shared|one)\b|\bno\s+(clear\s+|single\s+|defined\s+)?owner\b|\bshared\s+(topic|stream|queue|event\s+bus)\b|\bunowned\b|\bownership\s+(is\s+)?(unclear|undefined|tbd|open)\b`, "any", "every", "multiple", "several", "many", "all", "owner", "shared")
)

// eventSoup finds "everything is an event", thin events that force
// lookups, and events no one clearly owns.
func (rv *reviewer) eventSoup() {
	if cs := rv.claims(everythingEventRe, true); len(cs) > 0 {
		rv.add(Finding{ID: "everything-an-event", Severity: Medium, Category: eventSoup,
			Title:  "Everything is an event",
			Detail: fmt.Sprintf("%q: when operations travel as events, a request's path is invisible, ordering and errors are nobody's job, and debugging means reading topics.%s", cs[0].match, alsoAt(cs)),
			Ref:    rv.ref(cs[0].Line),
			Fix:    "Use APIs for operations (a caller that needs an answer calls the owner) and events for integration (facts other services may react to).",
		})
	}
	thin := rv.claims(thinEventRe, true, eventWordRe)
	if len(thin) > 0 {
		rv.add(Finding{ID: "thin-events", Severity: Medium, Category: eventSoup,
			Title:  "Thin events that force lookups",
			Detail: fmt.Sprintf("%q: an event carrying only an id sends every consumer back to the producer, turning one event into N synchronous reads.%s", clip(thin[0].Text), alsoAt(thin)),
			Ref:    rv.ref(thin[0].Line),
			Fix:    "Publish self-contained events: the full record, a version and metadata (source, timestamp, trace id), so consumers need no lookup.",
		})
	}
	owners := rv.claims(eventOwnerRe, false, eventWordRe)
	if len(owners) > 0 {
		rv.add(Finding{ID: "event-ownership-unclear", Severity: Medium, Category: eventSoup,
			Title:  "Events without a clear owner",
			Detail: fmt.Sprintf("%q: when anyone may publish an event, no one owns its schema or its meaning.%s", owners[0].match, alsoAt(owners)),
			Ref:    rv.ref(owners[0].Line),
			Fix:    "Give each event type one producing service that owns its schema and versions it; other services consume.",
		})
	}
}

// clip shortens a quoted sentence for a finding's detail.
func clip(s string) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 120 {
		return string(r[:117]) + "…"
	}
	return s
}
