package review

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/sysarch/sysarch/agent/patterns"
)

// A document that is recognisably a feed, a crawler, a chat, a rate
// limiter… is checked for its archetype's core mechanisms: a feed design
// that never says how accounts with millions of followers are fanned out
// has skipped the hard part of a feed.

// coreElement is one mechanism an archetype cannot do without, with the
// phrasings that show a document deals with it (each matched as a word
// prefix: "celebrit" matches "celebrity" and "celebrities"; phrases of up
// to four letters match whole words).
type coreElement struct {
	Name string
	Any  []string
}

// archetypeRule recognises an archetype by its strong phrases and lists
// its core elements.
type archetypeRule struct {
	ID, Name string
	Strong   []string
	Core     []coreElement
}

// archetypeRules returns the archetypes the review knows: the catalogue's
// (its strong phrases, and the core elements of this file's table for the
// same ID), then the archetypes of this file's table the catalogue does not
// have yet. A catalogue entry without core elements is left out: there is
// nothing to check.
func archetypeRules() []archetypeRule {
	own := map[string]archetypeRule{}
	for _, r := range builtinArchetypes {
		own[r.ID] = r
	}
	var out []archetypeRule
	for _, a := range patterns.All() {
		r, ok := own[a.ID]
		if !ok {
			continue
		}
		delete(own, a.ID)
		r.Strong = append(slices.Clone(a.Recognise.Strong), r.Strong...)
		out = append(out, r)
	}
	for _, r := range builtinArchetypes {
		if _, left := own[r.ID]; left {
			out = append(out, r)
		}
	}
	return out
}

// builtinArchetypes is the review's table of core elements per archetype,
// by the catalogue's IDs (agent/patterns), with the strong phrases a
// design document uses beyond the catalogue's.
var builtinArchetypes = []archetypeRule{
	{ID: "news-feed", Name: "news feed",
		Strong: []string{"news feed", "newsfeed", "home timeline", "user timeline", "tweet"},
		Core: []coreElement{
			{"fan-out strategy", []string{"fan-out on", "fan out on", "fanout on", "fan-out service", "fan out service", "fanout service", "push model", "pull model", "fan out", "fan-out", "fanout", "fanning out", "fans out", "fanned out"}},
			{"celebrity fan-out", []string{"celebrit", "high-follower", "highly-followed", "highly followed", "hybrid fan-out", "hybrid fanout", "pull for", "millions of followers", "famous", "heavy hitter"}},
			{"feed cache", []string{"timeline cache", "feed cache", "cached timeline", "memory cache", "redis", "memcache", "in memory"}},
		}},
	{ID: "web-crawler", Name: "web crawler",
		Strong: []string{"crawler", "web crawl", "crawl", "spider", "links to crawl", "urls to crawl"},
		Core: []coreElement{
			{"URL frontier", []string{"frontier", "links to crawl", "urls to crawl", "crawl queue", "priority queue", "to crawl"}},
			{"politeness", []string{"polite", "robots.txt", "robots", "crawl delay", "crawl-delay", "per-domain", "per domain", "throttl", "rate limit"}},
			{"duplicate detection", []string{"duplicate", "dedup", "de-dup", "signature", "simhash", "fingerprint", "already crawled", "bloom"}},
			{"recrawl freshness", []string{"recrawl", "re-crawl", "freshness", "crawl again", "refresh", "update frequency", "stale"}},
		}},
	{ID: "chat", Name: "chat",
		Strong: []string{"chat", "instant messag", "direct message", "group chat", "messenger", "whatsapp"},
		Core: []coreElement{
			{"persistent connections", []string{"websocket", "web socket", "long poll", "long-poll", "persistent connection", "server-sent", "sse", "mqtt", "xmpp"}},
			{"presence", []string{"presence", "online status", "last seen", "heartbeat", "is online"}},
			{"message ordering and delivery", []string{"ordering", "order of messages", "sequence number", "delivered", "delivery receipt", "acknowledg", "exactly once", "at least once", "idempoten"}},
			{"offline delivery", []string{"offline", "push notification", "undelivered", "store and forward", "sync"}},
		}},
	{ID: "rate-limiter", Name: "rate limiter",
		Strong: []string{"rate limit", "rate-limit", "throttl", "token bucket", "leaky bucket", "sliding window"},
		Core: []coreElement{
			{"limiting algorithm", []string{"token bucket", "leaky bucket", "sliding window", "fixed window", "sliding log", "gcra", "counter"}},
			{"shared counter store", []string{"redis", "memcache", "shared counter", "central store", "distributed counter", "in memory", "local counter", "gossip"}},
			{"response to a limited client", []string{"429", "too many requests", "retry-after", "reject", "drop", "backoff"}},
			{"behaviour when the limiter fails", []string{"fail open", "fail-open", "fails open", "fail closed", "fail-closed", "fails closed", "limiter is down", "limiter fails", "redis is down", "redis is unavailable"}},
		}},
	{ID: "short-links", Name: "URL shortener",
		Strong: []string{"url shortener", "link shortener", "shortener", "short url", "shortlink", "short link", "shortened url", "tinyurl", "bit.ly"},
		Core: []coreElement{
			{"key generation", []string{"code generat", "generated in memory", "key generat", "base62", "base 62", "base64", "hash", "hashes", "hashed", "hashing", "md5", "sha-1", "sha1", "sha256", "counter", "random", "unique id", "snowflake", "id generat"}},
			{"collision handling", []string{"collision", "unique", "already exists", "duplicate", "conflict", "primary key"}},
			{"redirect cache", []string{"cache", "redis", "memcache", "cdn"}},
			{"expiry", []string{"expir", "ttl", "retention"}},
		}},
	{ID: "paste-storage", Name: "paste storage",
		Strong: []string{"pastebin", "paste bin", "pastes"},
		Core: []coreElement{
			{"key generation", []string{"code generat", "key generat", "base62", "base 62", "base64", "hash", "hashes", "hashed", "hashing", "md5", "sha-1", "sha1", "sha256", "counter", "random", "unique id", "snowflake", "id generat"}},
			{"content in object storage", []string{"object stor", "s3", "blob", "gcs", "file store"}},
			{"expiry", []string{"expir", "ttl", "retention"}},
		}},
	{ID: "geo-search", Name: "geo/proximity",
		Strong: []string{"nearby", "proximity", "geospatial", "location-based", "latitude", "longitude", "geohash", "quadtree", "drivers near", "points of interest"},
		Core: []coreElement{
			{"spatial index", []string{"geohash", "quadtree", "quad tree", "r-tree", "rtree", "s2 cell", "h3", "postgis", "geospatial index", "spatial index", "geo index", "grid"}},
			{"location updates", []string{"location update", "update location", "updates its location", "position update", "every few seconds", "moving"}},
			{"radius search", []string{"radius", "nearest", "k nearest", "bounding box", "within a distance", "within"}},
		}},
	{ID: "video-streaming", Name: "video streaming",
		Strong: []string{"video stream", "streaming video", "youtube", "netflix", "transcod", "bitrate", "playback", "hls"},
		Core: []coreElement{
			{"transcoding", []string{"transcod", "encod", "ffmpeg", "rendition", "resolutions"}},
			{"adaptive bitrate", []string{"adaptive bitrate", "abr", "hls", "dash", "bitrate ladder", "multiple bitrates", "segment", "chunk"}},
			{"CDN delivery", []string{"cdn", "content delivery", "edge", "cloudfront", "akamai", "fastly"}},
			{"upload path", []string{"upload", "resumable", "multipart", "pre-signed", "presigned"}},
		}},
	{ID: "query-cache", Name: "query cache",
		Strong: []string{"query cache", "key-value cache", "cache the results", "results of the most recent", "recent queries", "lru cache"},
		Core: []coreElement{
			{"eviction policy", []string{"lru", "least recently used", "lfu", "evict"}},
			{"expiry and invalidation", []string{"ttl", "expir", "invalidat", "stale", "time to live", "refresh"}},
			{"cache sharding", []string{"shard", "consistent hashing", "partition", "distributed cache", "cluster", "replica"}},
			{"what a miss does", []string{"cache miss", "miss", "fall back", "fallback", "cache-aside", "cache aside", "read-through", "read through"}},
		}},
}

// coreQuestions say what a missing core element leaves open, for the
// finding; an element without one is named as it is.
var coreQuestions = map[string]string{
	"celebrity fan-out":                "how accounts with millions of followers are fanned out",
	"fan-out strategy":                 "how a post reaches its followers' feeds (fan-out on write, on read, or both)",
	"feed cache":                       "where the assembled feeds are kept so that reading one is a memory lookup",
	"URL frontier":                     "how the URLs still to crawl are queued and prioritised",
	"politeness":                       "how it keeps from overloading a site (robots.txt, a delay per domain)",
	"duplicate detection":              "how it recognises pages and URLs it has already crawled",
	"recrawl freshness":                "when a page is crawled again",
	"persistent connections":           "how messages reach an open client (WebSockets, long polling)",
	"presence":                         "how it knows who is online",
	"message ordering and delivery":    "how messages keep their order and are known to be delivered",
	"offline delivery":                 "what happens to a message for a user who is offline",
	"limiting algorithm":               "which algorithm counts the requests (token bucket, sliding window)",
	"shared counter store":             "where the counters live so that every server sees the same count",
	"response to a limited client":     "what a limited client gets back (429 with Retry-After)",
	"behaviour when the limiter fails": "whether requests pass or fail when the limiter's store is down",
	"key generation":                   "how short keys are generated",
	"collision handling":               "what happens when two links get the same key",
	"redirect cache":                   "how the hot redirects are served without a database read",
	"expiry":                           "when links expire and how they are removed",
	"spatial index":                    "how locations are indexed for a nearby search (geohash, quadtree)",
	"location updates":                 "how moving locations are updated",
	"radius search":                    "how a search within a radius is answered",
	"transcoding":                      "how uploads are transcoded into the formats players need",
	"adaptive bitrate":                 "how playback adapts to the viewer's bandwidth (HLS/DASH segments)",
	"CDN delivery":                     "how video reaches viewers from a CDN",
	"upload path":                      "how large uploads get in (resumable, straight to object storage)",
	"eviction policy":                  "what is evicted when the cache is full",
	"expiry and invalidation":          "how cached results expire or are invalidated",
	"cache sharding":                   "how the cache is spread across machines",
	"what a miss does":                 "what a request does on a cache miss",
}

// compiledRule is an archetype with its phrases made into term sets.
type compiledRule struct {
	archetypeRule
	strong terms
	core   []terms
}

var compiledArchetypes = sync.OnceValue(func() []compiledRule {
	var out []compiledRule
	for _, r := range archetypeRules() {
		c := compiledRule{archetypeRule: r, strong: prefixTerms(r.Strong)}
		for _, e := range r.Core {
			c.core = append(c.core, prefixTerms(e.Any))
		}
		out = append(out, c)
	}
	return out
})

// prefixTerms matches each phrase as a word prefix, except the short ones
// ("sha", "ack", "sse"), which match as whole words: as prefixes they would
// match "shard", "backup" and "assess".
func prefixTerms(phrases []string) terms {
	ws := make([]string, 0, len(phrases))
	for _, p := range phrases {
		p = strings.TrimSuffix(strings.ToLower(p), "*")
		if len(p) > 4 {
			p += "*"
		}
		ws = append(ws, p)
	}
	return newTerms(ws...)
}

// recognises says whether the document is of the archetype: its title or
// its opening holds a strong phrase. A design says what it is up front; a
// phrase further down ("a rate limit per client") is a part of it, not
// what it is.
func (rv *reviewer) recognises(r compiledRule) bool {
	return r.strong.in(rv.title) || len(r.strong.findAll(rv.introText(), 1)) > 0
}

// introLines caps the lines of prose that make a document's opening.
const introLines = 12

// introText is the evidence of the document's opening: the first two
// sections that hold prose (a preamble or the title's own text, then a
// summary), at most introLines lines of it.
func (rv *reviewer) introText() string {
	if rv.intro == nil {
		var b strings.Builder
		lines, secs := 0, 0
		for _, s := range rv.d.Sections {
			had := false
			for l := s.Line; l <= s.End && lines < introLines; l++ {
				if e := rv.d.Evidence(l); e != "" {
					b.WriteString(e)
					b.WriteByte('\n')
					lines++
					had = true
				}
			}
			if had {
				secs++
			}
			if secs == 2 || lines == introLines {
				break
			}
		}
		s := b.String()
		rv.intro = &s
	}
	return *rv.intro
}

// evidenceText is the document's evidence as one text, a line per line,
// without the sections that prove nothing (a checklist, open questions):
// presence tests over the whole document run on it once.
func (rv *reviewer) evidenceText() string {
	if rv.allEvidence == nil {
		var b strings.Builder
		for l, e := range rv.d.evidence {
			if e != "" && !rv.d.within(rv.d.SectionOf(l+1), notEvidence) {
				b.WriteString(e)
			}
			b.WriteByte('\n')
		}
		s := b.String()
		rv.allEvidence = &s
	}
	return *rv.allEvidence
}

// archetypes adds a finding per core element a recognised archetype's
// document never deals with.
func (rv *reviewer) archetypes() {
	for _, r := range compiledArchetypes() {
		if !rv.recognises(r) {
			continue
		}
		rv.archetypeNames = append(rv.archetypeNames, r.Name)
		for i, e := range r.Core {
			if len(r.core[i].findAll(rv.evidenceText(), 1)) > 0 {
				continue
			}
			q := coreQuestions[e.Name]
			if q == "" {
				q = "its " + e.Name
			}
			rv.add(Finding{ID: "archetype-core-missing", Severity: Medium, Category: "archetype",
				Title:  fmt.Sprintf("A %s design that never says %s", r.Name, q),
				Detail: fmt.Sprintf("The document is recognisably a %s, and %s is one of its core mechanisms (%s), but nothing in it deals with that: it is where designs of this kind usually fail.", r.Name, e.Name, strings.Join(e.Any[:min(len(e.Any), 4)], ", ")),
				Ref:    rv.whole(),
				Fix:    fmt.Sprintf("Say %s, with the figures that size it.", q),
			})
		}
	}
}
