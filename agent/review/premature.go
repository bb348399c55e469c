package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/patterns"

	"github.com/sysarch/sysarch/agent/quantity"
)

// A technology counts as chosen when a sentence of the proposal names it
// without rejecting it and without a condition ("Kafka once events pass
// 10k/s"), outside the sections about the future (scaling phases, growth,
// roadmap) and the discussion sections, and outside the table columns
// that list options, alternatives, thresholds or reasons.
var (
	futureTitles = newTerms("scal*", "growth", "future", "roadmap", "evolution", "phase*", "later", "next steps")
	skipColumns  = newTerms("option*", "alternative*", "considered", "rejected", "instead", "warning*", "threshold*", "when", "later", "future", "phase*", "reason*", "rationale", "justification*", "why", "note*", "trade-off*", "tradeoff*", "risk*", "mitigation*", "scale alternative")
)

// chosen returns the sentences that choose one of t.
func (rv *reviewer) chosen(t terms) []claim {
	var out []claim
	need := t.get().need
	for _, s := range rv.sents {
		if !s.proposed || s.future || need != nil && !s.grams.mayHoldAny(need) {
			continue
		}
		m := t.findAll(s.lower, 1)
		if len(m) == 0 || s.negated || s.conditional {
			continue
		}
		out = append(out, claim{sentence: s, match: s.Text[m[0][0]:m[0][1]]})
	}
	return out
}

var (
	// A site named after them (microservices.io) is a reference, not a choice.
	microTerms    = newTerms(`~micro-?services?(?:$|[^.\w]|\.(?:\s|$))`)
	dayOneRe      = pat(`\b(day one|day 1|from the start|from the beginning|from launch|at launch|initially|mvp|v1|first release|up ?front)\b`)
	serviceNameRe = lazyre.New(`\b([A-Z][A-Za-z]+)[ -]?[Ss]ervice\b|\b([a-z]+)-service\b`)
	streamTerms   = newTerms("kafka", "pulsar", "kinesis", "redpanda", "event streaming", "confluent")
	searchTerms   = newTerms("elasticsearch", "elastic search", "opensearch", "solr")
	facetTerms    = newTerms("facet*", "relevance", "fuzzy", "typo toleran*", "autocomplete", "log aggregation", "log search", "complex search")
	shardTerms    = newTerms("shard*", "cassandra", "scylla*", "cockroach*", "vitess", "newsql", "spanner", "citus")
	meshTerms     = newTerms("service mesh", "istio", "linkerd", "multi-region", "multiple regions", "active-active", "global database")
)

// prematureDistribution weighs the distributed components a document
// chooses against the load it states. The thresholds are the persona's:
// one server and PostgreSQL below 10k requests/s, Redis and workers below
// 1M messages/hour, PostgreSQL LISTEN/NOTIFY below 10k events/s, sharding
// past 100k writes/s, Elasticsearch for faceted search.
func (rv *reviewer) prematureDistribution() {
	sc := rv.scale
	small := sc.Known() && sc.PeakPerSecond < verticalPerSecond
	if cs := rv.chosen(microTerms); len(cs) > 0 {
		dayOne := dayOneRe.match(cs[0].lower)
		switch {
		case dayOne || small:
			rv.premature(rMicroservicesDayOne, cs,
				"microservices at "+rv.load(true)+": every function call becomes a network call with its latency, failures and versioning, and a small team runs N deployments instead of one.")
		case !sc.Known():
			rv.premature(rMicroservicesNoLoad, cs,
				"microservices are chosen but the document states no load that needs them.")
		}
	} else if names := rv.serviceNames(); len(names) >= 6 && small {
		rv.raise(rMicroservicesCount, rv.whole(),
			fmt.Sprintf("The design splits into %d services (%s) at %s; each split costs a network hop, a deployment and a failure mode.", len(names), strings.Join(names, ", "), rv.load(true)),
			len(names), rv.load(false))
	}
	if cs := rv.chosen(streamTerms); len(cs) > 0 {
		bigEvents := sc.EventsPerSecond >= kafkaEventsPerSecond || sc.MessagesPerSecond >= kafkaMessagesPerSecond
		if sc.EventsPerSecond < 0 && sc.MessagesPerSecond < 0 {
			bigEvents = sc.PeakPerSecond >= kafkaEventsPerSecond
		}
		switch {
		case !sc.Known():
			rv.premature(rKafkaNoRate, cs,
				cs[0].match+" is chosen but the document states no event or message rate that needs it.")
		case !bigEvents:
			rv.premature(rKafkaSmall, cs,
				cs[0].match+" at "+rv.eventLoad(true)+": a streaming cluster to run, tune and debug for a load one PostgreSQL or Redis handles.",
				cs[0].match, rv.eventLoad(false))
		}
	}
	if cs := rv.chosen(searchTerms); len(cs) > 0 && !facetTerms.in(strings.Join(rv.d.evidence, "\n")) {
		rv.premature(rSearchNoFacets, cs,
			cs[0].match+" is chosen but no faceted or relevance-tuned search is required: a second datastore to sync, secure and keep consistent.",
			cs[0].match)
	}
	if cs := rv.shardingForWrites(); len(cs) > 0 {
		w := sc.WritesPerSecond
		switch {
		case w >= 0 && w < shardWritesPerSecond || w < 0 && small:
			rv.premature(rShardingSmall, cs,
				cs[0].match+" at "+rv.load(true)+": one "+rv.primary()+" primary takes 10k writes/s; sharding brings cross-shard queries, rebalancing and a harder 3am.",
				rv.load(false), rv.primary())
		case !sc.Known():
			rv.premature(rShardingNoRate, cs,
				cs[0].match+" is chosen but the document states no write rate that needs it.",
				rv.load(false), rv.primary())
		}
	}
	if cs := rv.chosen(meshTerms); len(cs) > 0 && small {
		rv.premature(rInfrastructureSmall, cs,
			cs[0].match+" at "+rv.load(true)+": infrastructure for a scale the system does not have, with its own ways to fail.",
			cs[0].match, rv.load(false))
	}
}

// shardPurpose names what sharding is for when it is not the write rate:
// tenants kept apart, data or memory that does not fit one node.
var shardPurpose = newTerms("tenant*", "multi-tenan*", "isolation", "isolate*", "noisy neighbo*", "blast radius", "memory", "series", "dataset size", "data size", "does not fit", "doesn't fit", "too large", "too big", "hot key*", "zone*", "ingester*", "per-tenant", "per customer", "customer isolation", "largest customers", "large customers",
	// Data volume: terabytes that outgrow one node, a search index split by document.
	"tb", "pb", "stored", "store holds", "namespace*", "search index", "index is sharded", "sharded by document")

// shardingForWrites returns the sentences that choose sharding, none when
// the document says it shards for tenants or size (a sentence naming both),
// and leaving out those whose section says so:
// the write rate is not what such sharding answers, so it is not judged
// by it.
func (rv *reviewer) shardingForWrites() []claim {
	for _, s := range rv.sents {
		if s.proposed && shardTerms.inG(s.lower, s.grams) && shardPurpose.inG(s.lower, s.grams) {
			return nil // the document says what it shards for
		}
	}
	var out []claim
	for _, c := range rv.chosen(shardTerms) {
		sec := rv.d.Sections[c.Section]
		if shardPurpose.inG(c.lower, c.grams) || slices.ContainsFunc(rv.d.search(shardPurpose, sec.Line, sec.End), rv.purposeStands) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// purposeStands says whether a sentence's reason to shard stands: a data
// volume ("2 TB a month") the arithmetic recomputed to less than one
// PostgreSQL primary holds comfortably is no reason, whatever the
// document says.
func (rv *reviewer) purposeStands(h hit) bool {
	if h.Text != "tb" && h.Text != "pb" && h.Text != "stored" {
		return true
	}
	for _, c := range rv.wrongBytes {
		if c.line == h.Line && c.want < capacity.PostgresComfortableBytes {
			return false
		}
	}
	return true
}

// primary names the document's relational database, or a generic one: a
// finding speaks of the store the design has.
func (rv *reviewer) primary() string {
	for _, db := range []struct {
		t    terms
		name string
	}{
		{newTerms("postgres*"), "PostgreSQL"}, {newTerms("mysql", "mariadb", "aurora"), "MySQL"},
	} {
		if len(rv.d.searchAll(db.t)) > 0 {
			return db.name
		}
	}
	return "relational"
}

// premature raises r at the first claim, quoting it; args fill the
// rule's title and fix. A document that states no load is not held to a
// threshold for a technology its recognised archetype is built on (a
// chat's messages partitioned in Cassandra): the archetype's catalogue
// entry already weighed it.
func (rv *reviewer) premature(r rule, cs []claim, detail string, args ...any) {
	if !rv.scale.Known() && rv.archetypeUses(cs[0].match) {
		return
	}
	rv.raise(r, rv.ref(cs[0].Line), fmt.Sprintf("%q: %s%s", clip(cs[0].Text), detail, alsoAt(cs)), args...)
}

// load describes the peak load the document states, with its line when
// withLine is set.
func (rv *reviewer) load(withLine bool) string {
	sc := rv.scale
	if !sc.Known() {
		return "an unstated load"
	}
	s := "a peak of " + quantity.FormatNumber(sc.PeakPerSecond) + "/s"
	if withLine {
		s += fmt.Sprintf(" (line %d)", sc.PeakLine)
	}
	return s
}

// eventLoad describes the event or message rate the document states.
func (rv *reviewer) eventLoad(withLine bool) string {
	sc := rv.scale
	var s string
	var line int
	switch {
	case sc.EventsPerSecond >= 0:
		s, line = quantity.FormatNumber(sc.EventsPerSecond)+" events/s", sc.EventsLine
	case sc.MessagesPerSecond >= 0:
		s, line = quantity.FormatNumber(sc.MessagesPerSecond*3600)+" messages/hour", sc.MessagesLine
	default:
		return rv.load(withLine)
	}
	if withLine {
		s += fmt.Sprintf(" (line %d)", line)
	}
	return s
}

// serviceNames lists the distinct services the proposal names.
func (rv *reviewer) serviceNames() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range rv.chosen(newTerms("service*")) {
		for _, m := range serviceNameRe.FindAllStringSubmatch(c.Text, -1) {
			name := strings.ToLower(m[1] + m[2])
			if name == "" || seen[name] || name == "web" || name == "the" || name == "a" {
				continue
			}
			seen[name] = true
			out = append(out, m[0])
		}
	}
	return out
}

// checkPremature is met when no premature-distribution finding was made.
func (rv *reviewer) checkPremature() (bool, string) {
	var titles []string
	for _, f := range rv.findings {
		if f.Category == prematureDist {
			titles = append(titles, fmt.Sprintf("%s (line %d)", f.Title, f.Ref.Line))
		}
	}
	if len(titles) > 0 {
		return false, strings.Join(titles, "; ")
	}
	if !rv.scale.Known() {
		return true, "no microservices, streaming cluster, search engine or sharding chosen"
	}
	return true, "nothing chosen beyond the stated load of " + rv.load(true)
}

// antiPatternChecks adds a checklist line per anti-pattern family.
func (rv *reviewer) antiPatternChecks() {
	for _, ap := range []struct{ id, item, category string }{
		{"no-distributed-monolith", "No distributed monolith (lockstep deploys, synchronous chains, shared writes)", distributedMonolith},
		{"no-cache-band-aid", "No cache band-aid (hidden slow queries, complex invalidation, cache as the source of truth)", cacheBandAid},
		{"no-event-soup", "No event soup (everything an event, thin events, events without an owner)", eventSoup},
	} {
		c := Check{ID: ap.id, Item: ap.item, OK: true, Evidence: "no sign of it"}
		var titles []string
		for _, f := range rv.findings {
			if f.Category == ap.category {
				titles = append(titles, fmt.Sprintf("%s (line %d)", f.Title, f.Ref.Line))
			}
		}
		if len(titles) > 0 {
			c.OK, c.Evidence = false, strings.Join(titles, "; ")
		}
		rv.checks = append(rv.checks, c)
	}
}

// archetypeUses says whether a recognised archetype's components name
// the technology.
func (rv *reviewer) archetypeUses(tech string) bool {
	tech = strings.ToLower(tech)
	for _, a := range patterns.All() {
		if a.Review == nil || !slices.Contains(rv.archetypeNames, a.Review.Name) {
			continue
		}
		for _, c := range a.Components {
			if strings.Contains(strings.ToLower(c.Technology), tech) {
				return true
			}
		}
	}
	return false
}
