package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
)

// The data volume check weighs the bytes a document says it stores
// ("5.4 PB of new content in 3 years", "the archive holds 72 PB") against
// the store it names, with the design engine's thresholds from the
// capacity package: past PostgresComfortableBytes one relational primary
// is no longer the boring choice, past RedisComfortableBytes one Redis
// instance is not.

var (
	sizeRe = lazyre.New(`\b` + sizePat)
	// perAfter marks a size that is a rate or a size per item: "12.7 GB
	// of new content per month", "1.27 KB per paste".
	perAfter     = lazyre.New(`^\s*(?:of\s+(?:[a-z][\w-]*\s+){0,4}?)?(?:per|/|a|an|each)\b`)
	storedWords  = newTerms("stor*", "total*", "hold*", "holds", "dataset*", "data set*", "retain*", "retention", "kept", "archive*", "accumulat*", "in total", "grows to", "of data")
	relational   = newTerms("postgres*", "mysql", "mariadb", "sql database*", "rds", "aurora", "relational database*")
	redisStore   = newTerms("redis", "memcache*")
	scaledStores = newTerms("object stor*", "s3", "blob stor*", "gcs", "shard*", "federat*", "partition*", "cassandra", "scylla*", "dynamodb", "bigtable", "hbase", "hdfs", "cockroach*", "vitess", "citus", "spanner", "data lake", "warehouse", "clickhouse", "bigquery", "snowflake", "nosql")
)

// retentionRe is a stated retention: "kept for 5 years", "retention: 3 years".
var retentionRe = lazyre.New(`\b(?:retain\w*|retention|kept|keep|keeps|stored|held)\b[^.;]{0,40}?\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)\s*(years?|yrs?|months?)\b`)

// impliedVolume is what the largest size per period adds up to over the
// retention the document states, with the storage tool; none without both.
func (rv *reviewer) impliedVolume() (volume, bool) {
	var rate *sentence
	var rateBytes float64
	var per, span string
	for i, s := range rv.sents {
		if !s.proposed {
			continue
		}
		if span == "" && (strings.Contains(s.lower, "year") || strings.Contains(s.lower, "month")) {
			span = retention(s.lower)
		}
		if !s.grams.anyOf(s.lower, sizeUnits) {
			continue
		}
		if m := sievedSizePer.find(s); m != nil {
			v, err := quantity.Parse(strings.ReplaceAll(m[1], ",", "") + m[2])
			p, ok := quantity.CanonicalPeriod(m[4])
			if err == nil && ok && v.Kind == quantity.Bytes {
				secs, _ := quantity.PeriodSeconds(p, quantity.DefaultSecondsPerMonth)
				if rate == nil || v.V/secs > rateBytes/mustSeconds(per) {
					rate, rateBytes, per = &rv.sents[i], v.V, p
				}
			}
		}
	}
	if rate == nil || span == "" {
		return volume{}, false
	}
	r, ok := call("storage", map[string]any{"item_bytes": rateBytes, "count": 1, "per": per, "retention": span})
	if !ok {
		return volume{}, false
	}
	return volume{bytes: output(r, "total_bytes"), text: r.Formula, sent: *rate, implied: true}, true
}

// retention reads a stated retention as a duration ("5y", "18mo"), or "".
func retention(lower string) string {
	m := retentionRe.FindStringSubmatch(lower)
	if m == nil {
		return ""
	}
	n, ok := figure(m[1], "")
	if !ok {
		return ""
	}
	if strings.HasPrefix(m[2], "y") {
		return fmt.Sprintf("%gy", n)
	}
	return fmt.Sprintf("%gmo", n)
}

func mustSeconds(period string) float64 {
	secs, ok := quantity.PeriodSeconds(period, quantity.DefaultSecondsPerMonth)
	if !ok || secs <= 0 {
		return 1
	}
	return secs
}

// volume is the largest stored size the document states, and where.
type volume struct {
	bytes   float64
	text    string // the size as written, or the formula of an implied one
	sent    sentence
	implied bool
}

// statedVolume returns the largest size the proposal says it stores: a
// size held over a span, or a size in a sentence about storage that is
// not a rate or a size per item.
func (rv *reviewer) statedVolume() (volume, bool) {
	var best volume
	for _, s := range rv.sents {
		if !s.proposed || !s.grams.anyOf(s.lower, sizeUnits) {
			continue
		}
		over := sievedSizeOver.match(s)
		if !over && !storedWords.inG(s.lower, s.grams) {
			continue
		}
		for _, m := range sizeRe.FindAllStringSubmatchIndex(s.lower, -1) {
			if perAfter.MatchString(s.lower[m[1]:]) {
				continue
			}
			v, err := quantity.Parse(strings.ReplaceAll(s.lower[m[2]:m[3]], ",", "") + s.lower[m[4]:m[5]])
			if err != nil || v.Kind != quantity.Bytes {
				continue
			}
			// A size the arithmetic found wrong is judged at its right value.
			if v.V = rv.recomputedBytes(s.Line, v.V); v.V <= best.bytes {
				continue
			}
			best = volume{bytes: v.V, text: s.Text[m[0]:m[1]], sent: s}
		}
	}
	return best, best.bytes > 0
}

// dataVolume adds a finding when the stated volume outgrows the store the
// document names for it: the store named in the same sentence, else the
// document's only kind of store.
func (rv *reviewer) dataVolume() {
	v, ok := rv.statedVolume()
	if iv, iok := rv.impliedVolume(); iok && iv.bytes > v.bytes {
		v, ok = iv, true
	}
	if !ok {
		return
	}
	s := v.sent
	switch {
	case redisStore.inG(s.lower, s.grams) && !relational.inG(s.lower, s.grams) && v.bytes > capacity.RedisComfortableBytes:
		rv.volumeFinding(v, "Redis", capacity.RedisComfortableBytes,
			"it lives in memory, and a snapshot or a replica's resynchronisation copies all of it",
			rVolumeRedis, rVolumeRedisFar)
	case v.bytes > capacity.PostgresComfortableBytes && rv.relationalOnly(s):
		rv.volumeFinding(v, "one "+rv.primary()+" primary", capacity.PostgresComfortableBytes,
			"backups, restores, replica rebuilds and vacuum take hours, and one disk failure is a long outage",
			rVolumeRelational, rVolumeRelationalFar)
	}
}

// relationalOnly says whether the data of sentence s lands in a single
// relational database: the sentence names one, or the document names one
// and no store that scales past it (object storage, sharding, a
// distributed database).
func (rv *reviewer) relationalOnly(s sentence) bool {
	if scaledStores.inG(s.lower, s.grams) {
		return false
	}
	if relational.inG(s.lower, s.grams) {
		return true
	}
	named := false
	for _, o := range rv.sents {
		if !o.proposed || o.negated {
			continue
		}
		if scaledStores.inG(o.lower, o.grams) {
			return false
		}
		named = named || relational.inG(o.lower, o.grams)
	}
	return named
}

func (rv *reviewer) volumeFinding(v volume, store string, limit float64, why string, r, far rule) {
	if v.bytes >= 10*limit {
		r = far
	}
	rv.raise(r, rv.ref(v.sent.Line),
		fmt.Sprintf("%q%s: %s is %s the %s that %s holds comfortably; past it %s.",
			clip(v.sent.Text), implied(v), quantity.FormatBytes(v.bytes), times(v.bytes/limit), quantity.FormatBytes(limit), store, why),
		quantity.FormatBytes(v.bytes), store)
}

// implied shows how an implied volume was reached.
func implied(v volume) string {
	if !v.implied {
		return ""
	}
	return " over the stated retention (" + v.text + ")"
}

// times writes a ratio for a person: "3 times", "14,400 times".
func times(r float64) string {
	if r < 2 {
		return "above"
	}
	return quantity.FormatNumber(float64(int(r+0.5))) + " times"
}
