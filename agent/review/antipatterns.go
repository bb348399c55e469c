package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/phrase"
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
		// The main pattern's literals first: they rule out most
		// sentences for less than the also-patterns' regexps cost.
		if !s.proposed || negatable && s.negated || !re.possibleG(s.lower, s.grams) {
			continue
		}
		for _, a := range also {
			if !a.matchG(s.lower, s.grams) {
				continue next
			}
		}
		m := re.locG(s.lower, s.grams)
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

var (
	deployTogetherRe = pat(`\b(deploy(ed|s|ing)?|releas(ed|es|ing)?|ship(ped|s)?)\b[^.]{0,40}\b(together|in lock-?step|at the same time|simultaneously|as a unit)\b|\b(lock-?step|coordinated|synchroni[sz]ed)\s+(deploy\w*|releases?)\b|\brelease train\b`, "deploy", "releas", "ship")
	deployUnitRe     = pat(`\b(services?|components?|apps?|applications?|microservices?|modules?|systems?|teams?)\b`, "service", "component", "app", "module", "system", "team")
	syncWordRe       = pat(`\b(synchronous(ly)?|sync|blocking)\b`, "sync", "blocking")
	chainRe          = pat(`\bchain\w*|\bcalls?\b[^.]{0,40}\b(which|that)\b[^.]{0,20}\bcalls?\b|\bwaits? (for|on)\b[^.]{0,40}\bwhich\b`, "chain", "call", "wait")
	serviceRe        = pat(`\b\w+[ -]?(service|svc)s?\b`, "service", "svc")
	arrowRe          = lazyre.New(`→|-+>|=>|⟶`)
	asyncRe          = pat(`\b(async\w*|queue\w*|events?|publish\w*|subscribe\w*|topic)\b`, "async", "queue", "event", "publish", "subscribe", "topic")
)

// distributedMonolith finds services that deploy together, synchronous
// call chains between services, and datasets with several writers.
func (rv *reviewer) distributedMonolith() {
	if cs := rv.claims(deployTogetherRe, true, deployUnitRe); len(cs) > 0 {
		rv.raise(rDeployTogether, rv.ref(cs[0].Line),
			fmt.Sprintf("%q: services released in lockstep are one system split by a network, with the costs of both and the benefits of neither.%s", cs[0].match, alsoAt(cs)))
	}
	var chains []claim
	for _, s := range rv.sents {
		if !s.proposed || s.negated {
			continue
		}
		// One synchronous hop is normal; a chain is named as one or runs
		// through three services.
		sync := syncWordRe.matchG(s.lower, s.grams) && (chainRe.matchG(s.lower, s.grams) || len(serviceRe.re().FindAllString(s.lower, -1)) >= 3)
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
		if sync || len(hops) >= 4 && services >= 3 && !asyncRe.matchG(s.lower, s.grams) {
			chains = append(chains, claim{sentence: s, match: strings.TrimSpace(s.Text)})
		}
	}
	if len(chains) > 0 {
		rv.raise(rSyncCallChain, rv.ref(chains[0].Line),
			fmt.Sprintf("%q: each hop adds its latency and its failure rate to the request, and one slow service stalls them all.%s", clip(chains[0].match), alsoAt(chains)))
	}
	rv.sharedWriters()
}

var (
	cacheWordRe = pat(`\b(cach\w*|redis|memcache\w*)\b`, "cach", "redis", "memcache")
	// A cache hides a slow query when the sentence says so ("hide",
	// "mask", "band-aid"), or names a slow query and links the cache to it
	// ("in front of", "to speed up", "because").
	hideRe       = pat(`\b(hide|hides|hiding|hidden|mask\w*|paper\w*\s+over|band-?aid|work\s*around\w*|cover\w*\s+(up|for))\b`, "hid", "mask", "paper", "band", "work", "cover")
	slowQueryRe  = pat(`\bslow\s+(sql|quer\w*|database|db|joins?|reports?)\b|\b(expensive|heavy|bad)\s+(quer\w*|joins?)\b|\bn\+1\b|\bfull[- ]table\s+scans?\b|\bunindexed\b|\bmissing\s+index\w*\b|\btoo\s+slow\b|\btakes\s+\d+(\.\d+)?\s*(s|seconds|minutes)\b`, "slow", "expensive", "heavy", "bad", "n+1", "table", "index", "takes")
	becauseRe    = pat(`\b(in front of|speed\w*\s+up|so|because|since|to avoid|instead of fixing)\b`, "front", "speed", "so", "because", "since", "avoid", "instead")
	slowLogRe    = pat(`\bslow[- ]query[- ]log`, "slow")
	invalidateRe = pat(`\binvalidat\w*`, "invalidat")
	complexRe    = pat(`\b(complex\w*|complicated|cascad\w*|fan[- ]?out|dependen\w*|multi-?(level|layer|tier)|tricky|manual\w*|custom|graph|chain\w*|hierarch\w*|coordinat\w*|tag-based)\b|\bacross\s+(services|caches)\b|\bevery\s+(write|service)\b|\bmany\s+keys\b`)
	cacheTruthRe = pat(`\b(cache|caches|cached data|caching layer|redis|memcached?)\b([^.;]{0,50}?)\b(is|as|becomes|serves as|acts as|used as|be)\s+(the\s+|our\s+|a\s+)?(primary\s+|only\s+|single\s+|main\s+)?(source of truth|system of record|primary (data )?store|primary database|durable store|database of record)\b|\b(only|solely)\s+(stored\s+|kept\s+|lives?\s+)?in\s+(redis|the cache|memcached)\b|\bnever\s+(written|persisted|saved)\s+to\s+(the\s+)?(database|db|disk|postgres\w*)\b`, "cach", "redis", "memcache", "only", "solely", "never")
	storeNameRe  = pat(`\b(postgres\w*|mysql|database|db|sql|which|whose|while|but|and)\b`)
)

// cacheBandAid finds a cache hiding slow queries, complex invalidation,
// and a cache used as the source of truth.
func (rv *reviewer) cacheBandAid() {
	var hiding, invalidation []claim
	for _, s := range rv.sents {
		if !s.proposed || s.negated {
			continue
		}
		slow := slowQueryRe.matchG(s.lower, s.grams) && becauseRe.matchG(s.lower, s.grams) && !slowLogRe.matchG(s.lower, s.grams)
		if cacheWordRe.matchG(s.lower, s.grams) && (hideRe.matchG(s.lower, s.grams) || slow) {
			hiding = append(hiding, claim{s, clip(s.Text)})
		}
		if invalidateRe.matchG(s.lower, s.grams) && complexRe.matchG(s.lower, s.grams) {
			invalidation = append(invalidation, claim{s, clip(s.Text)})
		}
	}
	if len(hiding) > 0 {
		rv.raise(rCacheHidesSlowQuery, rv.ref(hiding[0].Line),
			fmt.Sprintf("%q: the slow query is still there, now behind a cache that goes cold, goes stale and fails open onto it.%s", clip(hiding[0].Text), alsoAt(hiding)))
	}
	if len(invalidation) > 0 {
		rv.raise(rComplexInvalidation, rv.ref(invalidation[0].Line),
			fmt.Sprintf("%q: invalidation that needs dependency tracking or coordination is where stale data and outages come from.%s", invalidation[0].match, alsoAt(invalidation)))
	}
	for _, s := range rv.sents {
		if !s.proposed {
			continue
		}
		m := cacheTruthRe.loc(s.Text)
		if m == nil || phrase.RejectsText(s.Text[:m[0]]) {
			continue
		}
		if gap := submatch(s.Text, m, 2); storeNameRe.match(gap) || phrase.RejectsText(gap) {
			continue
		}
		rv.raise(rCacheSourceOfTruth, rv.ref(s.Line),
			fmt.Sprintf("%q: a cache evicts, restarts empty and is rarely backed up; data that lives only there will be lost.", s.Text[m[0]:m[1]]))
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
		rv.raise(rEverythingAnEvent, rv.ref(cs[0].Line),
			fmt.Sprintf("%q: when operations travel as events, a request's path is invisible, ordering and errors are nobody's job, and debugging means reading topics.%s", cs[0].match, alsoAt(cs)))
	}
	thin := rv.claims(thinEventRe, true, eventWordRe)
	if len(thin) > 0 {
		rv.raise(rThinEvents, rv.ref(thin[0].Line),
			fmt.Sprintf("%q: an event carrying only an id sends every consumer back to the producer, turning one event into N synchronous reads.%s", clip(thin[0].Text), alsoAt(thin)))
	}
	owners := rv.claims(eventOwnerRe, false, eventWordRe)
	if len(owners) > 0 {
		rv.raise(rEventOwnershipUnclear, rv.ref(owners[0].Line),
			fmt.Sprintf("%q: when anyone may publish an event, no one owns its schema or its meaning.%s", owners[0].match, alsoAt(owners)))
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
