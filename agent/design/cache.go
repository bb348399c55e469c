package design

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// cache adds a cache only for cacheable reads that justify one. Reads
// too many for one database node are taken as cacheable (and said so):
// the alternative is a replica fleet serving the same rows again and again.
func (b *builder) cache(vd *verdicts, s *stored) error {
	s.backend, s.cacheMemOf, s.cacheable = map[*load]figure{}, map[*load]figure{}, map[*load]bool{}
	for _, l := range b.loads {
		s.cacheable[l] = l.Cacheable
		if l.kind == requirements.Read && !absorbed(l) && !l.Cacheable && l.peak.Value > capacity.PostgresReadsPerNode {
			s.cacheable[l] = true
			b.assume("Reads of %q peak at %s/s [%s], above the %s reads/s one database node serves: they go through a read-through cache. Say so if its responses cannot be cached.",
				l.Name, formatNum(l.peak.Value), l.peak.Ref, formatNum(capacity.PostgresReadsPerNode))
		}
	}
	s.cacheReads = b.sum("peak cacheable reads", "cacheable reads and searches", func(l *load) bool { return s.cacheable[l] && !absorbed(l) })
	if s.cacheReads.Ref == "" {
		for _, l := range b.loads {
			if l.kind == requirements.Read && absorbed(l) {
				b.decline(qCache, "Cache", []string{"Redis"}, fmt.Sprintf("The heavy reads (%q) are served by %s (%s), not by the database, so no read-through cache sits in front of it for them; the remaining reads go to indexed database queries.", l.Name, l.into, l.by))
				s.dbReads = b.sum("peak database reads", "read workloads", readsDatabase)
				return nil
			}
		}
		b.decline(qCache, "Cache", []string{"Redis"}, "No workload is marked cacheable: reads go to indexed database queries, and there is no cache to invalidate or keep warm.")
		s.dbReads = b.sum("peak database reads", "read workloads", readsDatabase)
		return nil
	}
	fast := false
	for _, l := range b.loads {
		if s.cacheable[l] && l.budgetFrom != "assumed" && l.budget < CacheLatencySeconds {
			fast = true
		}
	}
	if s.cacheReads.Value < CacheReadsPerSecond && !fast {
		b.decline(qCache, "Cache", []string{"Redis"}, fmt.Sprintf("Cacheable reads peak at %s/s [%s], below the %s/s at which a cache earns its keep: indexed PostgreSQL reads serve them, and a cache would add state to invalidate. Add one when the figure grows past it (see Scaling Strategy).",
			formatNum(s.cacheReads.Value), s.cacheReads.Ref, formatNum(CacheReadsPerSecond)))
		s.dbReads = b.sum("peak database reads", "read workloads", readsDatabase)
		return nil
	}
	if err := b.cacheMemory(s); err != nil {
		return err
	}
	args := map[string]any{"ops_per_second": s.cacheReads.Value}
	if s.cacheMem.Ref != "" {
		args["memory_bytes"] = s.cacheMem.Value
	}
	if b.req.Features != nil && b.req.Features.ComplexInvalidation {
		args["complex_invalidation"] = true
	}
	s.dbReads = b.sumOf("peak database reads", "reads that reach the database", "per_second", readsDatabase, func(l *load) figure {
		if s.cacheable[l] {
			return s.backend[l]
		}
		return l.peak
	})
	return b.choose(vd, qCache, "read-through cache for the cacheable reads, simple TTLs, never the source of truth", s.cacheReads, args)
}

// cacheMemory sizes the cache for each cacheable flow: its memory and the
// reads that still miss.
func (b *builder) cacheMemory(s *stored) error {
	for _, l := range b.loads {
		if !s.cacheable[l] || l.peak.Ref == "" {
			continue
		}
		if l.ItemSize == 0 || isFile(l) {
			if isFile(l) {
				b.assume("Responses of %q are files: the CDN caches their bytes, and the cache holds only their metadata, so they add no cache memory here.", l.Name)
			} else {
				b.ask("How large is one response of %q? Without item_size the cache's memory is not computed.", l.Name)
			}
			s.backend[l] = b.derive(l.Name, "", derived{Tool: "cache_misses", Quantity: "backend reads", Unit: "per_second", Value: capacity.Tidy(l.peak.Value * 0.2),
				Formula: fmt.Sprintf("%s/s [%s] × (1 - 0.8 hit ratio) = %s/s", formatNum(l.peak.Value), l.peak.Ref, formatNum(capacity.Tidy(l.peak.Value*0.2)))})
			continue
		}
		if err := b.cacheOf(l, s); err != nil {
			return err
		}
	}
	s.cacheMem = b.sumOf("cache memory", "cacheable reads and searches", "bytes", func(l *load) bool { return s.cacheable[l] }, func(l *load) figure { return s.cacheMemOf[l] })
	return nil
}

// cacheOf sizes the cache memory one cacheable flow with a known item
// size needs (the cache tool), and the reads of it that still miss.
func (b *builder) cacheOf(l *load, s *stored) error {
	perDay := l.perDay
	if perDay.Ref == "" {
		r, err := b.rated(l)
		if err != nil {
			return err
		}
		ids := b.record(l.Name, "", r, "per_day")
		perDay = figure{r.Outputs["per_day"].(float64), ids["per_day"]}
	}
	items, from := b.cacheItems(l, perDay, s)
	item := float64(l.ItemSize)
	if hasBlob(l) {
		// The CDN serves the file part; the cache holds the record.
		item = recordBytes(l)
	}
	args := map[string]any{"items": items, "items_from": from, "item_bytes": item, "read_per_second": l.peak.Value}
	r, err := b.call("cache", args)
	if err != nil {
		return fmt.Errorf("%s: %w", l.field(), err)
	}
	ids := b.record(l.Name, "", r, "memory_bytes", "backend_reads_per_second")
	s.cacheMemOf[l] = figure{r.Outputs["memory_bytes"].(float64), ids["memory_bytes"]}
	s.backend[l] = figure{r.Outputs["backend_reads_per_second"].(float64), ids["backend_reads_per_second"]}
	b.assume("The cache for %q holds the hottest 20%% of %s distinct items (%s), with a hit ratio of 0.8 (the cache tool's defaults).", l.Name, formatNum(items), from)
	return nil
}

// recordsKept is how many records the write flows keep over their
// retention, the most distinct keys a read can ask for, with its formula
// ("" when no write flow has a rate).
func (b *builder) recordsKept() (float64, string) {
	var terms []string
	sum := 0.0
	for _, l := range b.loads {
		if l.kind != requirements.Write || l.avg.Ref == "" {
			continue
		}
		keep := 12 * quantity.DefaultSecondsPerMonth
		if l.Retention > 0 {
			keep = float64(l.Retention)
		}
		sum += l.avg.Value * keep
		terms = append(terms, fmt.Sprintf("%s %s/s [%s] × %s", l.Name, formatNum(l.avg.Value), l.avg.Ref, quantity.FormatDuration(keep)))
	}
	if len(terms) == 0 {
		return 0, ""
	}
	sum = math.Round(sum)
	return sum, strings.Join(terms, " + ") + " = " + formatNum(sum) + " records"
}

// readsDatabase keeps the read flows the database serves: not those a
// recognised archetype's own store carries.
func readsDatabase(l *load) bool { return l.kind == requirements.Read && !absorbed(l) }
