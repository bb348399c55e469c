package capacity

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/termsafe"
)

// maxItemsFrom bounds the cache tool's items_from phrase, which is
// written into the formula.
const maxItemsFrom = 200

// CacheInput is the input of the cache tool.
type CacheInput struct {
	Items         quantity.Count     `json:"items" jsonschema:"records in the data set, e.g. 360M"`
	ItemBytes     quantity.Size      `json:"item_bytes" jsonschema:"bytes per cached record, e.g. 1.27KB"`
	HotFraction   quantity.Fraction  `json:"hot_fraction,omitempty" jsonschema:"share of records worth caching, above 0 and at most 1 (default 0.2, the 80/20 rule)"`
	Overhead      quantity.Fraction  `json:"overhead,omitempty" jsonschema:"memory overhead of the cache per byte stored as a fraction, e.g. 0.5 (default 0)"`
	ReadPerSecond quantity.Rate      `json:"read_per_second,omitempty" jsonschema:"reads per second that go to the cache first"`
	HitRatio      *quantity.Fraction `json:"hit_ratio,omitempty" jsonschema:"share of reads served by the cache, 0 to 1 (default 0.8 when read_per_second is given)"`
	ItemsFrom     string             `json:"items_from,omitempty" jsonschema:"where items comes from, quoted in the formula"`
}

func cacheTool() Tool {
	return define("cache", "Cache memory for the hot share of a data set, and the reads per second that still reach the backend at a hit ratio.",
		func(in CacheInput) (Result, error) {
			c := check{tool: "cache"}
			items := c.positive("items", float64(in.Items), quantity.CountForm)
			item := c.positive("item_bytes", float64(in.ItemBytes), quantity.SizeForm)
			hot := 0.2
			if in.HotFraction != 0 {
				hot = c.fraction("hot_fraction", float64(in.HotFraction), 0, 1, true)
			}
			over := c.nonNegative("overhead", float64(in.Overhead), quantity.RatioForm)
			reads := c.nonNegative("read_per_second", float64(in.ReadPerSecond), quantity.RateForm)
			hit := 0.8
			if in.HitRatio != nil {
				hit = c.fraction("hit_ratio", float64(*in.HitRatio), 0, 1, false)
			}
			from := strings.TrimSpace(termsafe.Line(in.ItemsFrom))
			if utf8.RuneCountInString(from) > maxItemsFrom {
				c.fail("items_from", "must be at most %d characters, a short phrase such as the seats the requirements name", maxItemsFrom)
			}
			if err := c.error(); err != nil {
				return Result{}, err
			}
			mem := items * item * hot * (1 + over)
			inputs := map[string]any{"items": items, "item_bytes": item, "hot_fraction": hot, "overhead": over, "read_per_second": reads, "hit_ratio": hit}
			o := newResult(inputs).add("memory_bytes", mem, "bytes")
			counted := num(items) + " items"
			if from != "" {
				counted += " (" + from + ")"
			}
			formula := fmt.Sprintf("%s × %s B × %s hot", counted, num(item), num(hot))
			if over != 0 {
				formula += fmt.Sprintf(" × (1 + %s overhead)", num(over))
			}
			formula += " = " + quantity.FormatBytes(Tidy(mem))
			if reads > 0 {
				backend := reads * (1 - hit)
				o.add("backend_reads_per_second", backend, "per_second")
				formula += fmt.Sprintf("; backend reads = %s/s × (1 - %s) = %s/s", num(reads), num(hit), num(Tidy(backend)))
				if in.HitRatio == nil {
					o.note("hit ratio not given: assumed 0.8")
				}
			}
			if mem > 100e9 {
				o.note("more than 100 GB of hot data: plan a sharded cache (several Redis instances), or cache less")
			}
			return o.done(formula)
		})
}

// WindowInput is the input of the window tool.
type WindowInput struct {
	RatePerSecond quantity.Rate     `json:"rate_per_second" jsonschema:"events per second entering the window, e.g. 1M/s"`
	Window        quantity.Duration `json:"window" jsonschema:"length of the window, e.g. 5m"`
	ItemBytes     quantity.Size     `json:"item_bytes,omitempty" jsonschema:"bytes of state kept per event in the window, e.g. 200B"`
}

func windowTool() Tool {
	return define("window", "Events held in a stream-processing window and the state they take: the memory a windowed aggregation needs.",
		func(in WindowInput) (Result, error) {
			c := check{tool: "window"}
			rate := c.positive("rate_per_second", float64(in.RatePerSecond), quantity.RateForm)
			win := c.positive("window", float64(in.Window), quantity.DurationForm)
			item := c.nonNegative("item_bytes", float64(in.ItemBytes), quantity.SizeForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			events := rate * win
			o := newResult(map[string]any{"rate_per_second": rate, "window_s": win, "item_bytes": item}).
				add("events_in_window", events, "count")
			formula := fmt.Sprintf("%s/s × %s s = %s events", num(rate), num(win), num(Tidy(events)))
			if item > 0 {
				o.add("state_bytes", events*item, "bytes")
				formula += fmt.Sprintf("; × %s B = %s of window state", num(item), quantity.FormatBytes(Tidy(events*item)))
			} else {
				o.note("item_bytes not given: state size not computed")
			}
			return o.done(formula)
		})
}

// PartitionsInput is the input of the partitions tool.
type PartitionsInput struct {
	RatePerSecond           quantity.Rate     `json:"rate_per_second" jsonschema:"events per second into the topic or stream, e.g. 1M/s"`
	ItemBytes               quantity.Size     `json:"item_bytes" jsonschema:"bytes per event, e.g. 1KB"`
	PartitionBytesPerSecond quantity.ByteRate `json:"partition_bytes_per_second,omitempty" jsonschema:"write throughput one partition sustains, e.g. 10MB/s (the default)"`
	ConsumerEventsPerSecond quantity.Rate     `json:"consumer_events_per_second,omitempty" jsonschema:"events per second one consumer processes; each partition has at most one consumer per group"`
}

func partitionsTool() Tool {
	return define("partitions", "Partitions a topic or stream needs: enough for its byte rate per partition and for consumers to keep up.",
		func(in PartitionsInput) (Result, error) {
			c := check{tool: "partitions"}
			rate := c.positive("rate_per_second", float64(in.RatePerSecond), quantity.RateForm)
			item := c.positive("item_bytes", float64(in.ItemBytes), quantity.SizeForm)
			perPart := c.optional("partition_bytes_per_second", float64(in.PartitionBytesPerSecond), 10e6, quantity.ByteRateForm)
			consumer := c.nonNegative("consumer_events_per_second", float64(in.ConsumerEventsPerSecond), quantity.RateForm)
			if err := c.error(); err != nil {
				return Result{}, err
			}
			bps := rate * item
			byBytes := math.Max(1, math.Ceil(Tidy(bps/perPart)))
			parts := byBytes
			formula := fmt.Sprintf("%s/s × %s B = %s/s; ceil(%s / %s per partition) = %s",
				num(rate), num(item), quantity.FormatBytes(Tidy(bps)), quantity.FormatBytes(Tidy(bps)), quantity.FormatBytes(perPart), num(byBytes))
			o := newResult(map[string]any{"rate_per_second": rate, "item_bytes": item, "partition_bytes_per_second": perPart, "consumer_events_per_second": consumer})
			if consumer > 0 {
				byConsumers := math.Max(1, math.Ceil(Tidy(rate/consumer)))
				formula += fmt.Sprintf("; consumers ceil(%s / %s) = %s", num(rate), num(consumer), num(byConsumers))
				if byConsumers > parts {
					parts = byConsumers
				}
				formula += fmt.Sprintf("; partitions = max = %s", num(parts))
			}
			return o.add("partitions", parts, "count").
				add("bytes_per_second", bps, "bytes_per_second").
				done(formula)
		})
}
