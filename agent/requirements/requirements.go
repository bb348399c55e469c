// Package requirements is the requirements schema sysarch designs from:
// the typed Requirements, the parser of requirements files (Markdown with
// YAML front matter, plain YAML, or prose alone) with its line-and-column
// errors, validation, and the mining of quantities from prose.
package requirements

import (
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/quantity"
)

// Requirements is what sysarch knows about the system to design, as read
// from a requirements file, gathered in chat or recorded by the model.
// Field names are the requirements-file schema; unknown keys are errors.
type Requirements struct {
	Title        string                     `json:"title" yaml:"title" jsonschema:"name of the system, e.g. URL shortener"`
	Summary      string                     `json:"summary,omitempty" yaml:"summary,omitempty" jsonschema:"one or two sentences on what it does"`
	Functional   []string                   `json:"functional,omitempty" yaml:"functional,omitempty" jsonschema:"core capabilities, e.g. create short links"`
	Workloads    []Workload                 `json:"workloads,omitempty" yaml:"workloads,omitempty" jsonschema:"one entry per flow of traffic"`
	Users        *Users                     `json:"users,omitempty" yaml:"users,omitempty" jsonschema:"user counts"`
	Availability quantity.Fraction          `json:"availability,omitempty" yaml:"availability,omitempty" jsonschema:"availability target, e.g. 99.95%"`
	Durability   string                     `json:"durability,omitempty" yaml:"durability,omitempty" jsonschema:"durability requirement in words, e.g. no acknowledged write is lost"`
	Compliance   []string                   `json:"compliance,omitempty" yaml:"compliance,omitempty" jsonschema:"regulations, e.g. GDPR"`
	Constraints  *Constraints               `json:"constraints,omitempty" yaml:"constraints,omitempty" jsonschema:"team, budget, timeline and existing infrastructure"`
	Growth       map[string]quantity.Factor `json:"growth,omitempty" yaml:"growth,omitempty" jsonschema:"growth multipliers by horizon, e.g. {\"6mo\": \"2x\", \"1y\": \"4x\", \"3y\": \"20x\"}"`
	Features     *Features                  `json:"features,omitempty" yaml:"features,omitempty" jsonschema:"feature flags that steer the decision matrix"`
	// SecondsPerMonth is the month every rate is converted with: the
	// average Gregorian month by default, 2.5M in the system-design-primer.
	SecondsPerMonth quantity.Count    `json:"seconds_per_month,omitempty" yaml:"seconds_per_month,omitempty" jsonschema:"seconds in a month for rate conversions (default 2,629,746; the system-design-primer uses 2.5M)"`
	Question        string            `json:"question,omitempty" yaml:"question,omitempty" jsonschema:"a trade-off to weigh, e.g. Event sourcing or CRUD for orders?"`
	Current         *Current          `json:"current,omitempty" yaml:"current,omitempty" jsonschema:"a running system with a performance problem"`
	Patterns        []string          `json:"patterns,omitempty" yaml:"patterns,omitempty" jsonschema:"archetype ids to force (news-feed) or exclude (-news-feed)"`
	Parameters      map[string]string `json:"parameters,omitempty" yaml:"parameters,omitempty" jsonschema:"inputs an archetype's figures need, e.g. {\"followers\": \"200\"}"`

	// Body is the prose of a Markdown requirements file, kept as context.
	Body string `json:"body,omitempty" yaml:"-" jsonschema:"free-text context"`

	// Extracted lists the quantities read from Body, each with its sentence.
	Extracted []Extraction `json:"extracted,omitempty" yaml:"-" jsonschema:"quantities read from the prose (filled by sysarch)"`
}

// Extraction is one quantity mined from prose, with where it came from.
type Extraction struct {
	Field    string `json:"field" jsonschema:"the requirement it fills, e.g. workloads[0].rate"`
	Value    string `json:"value" jsonschema:"the value as read, e.g. 1M/second"`
	Sentence string `json:"sentence" jsonschema:"the sentence it came from"`
}

// Workload is one flow of traffic.
type Workload struct {
	Name        string            `json:"name" yaml:"name" jsonschema:"what the flow is, e.g. create link"`
	Kind        Kind              `json:"kind,omitempty" yaml:"kind,omitempty" jsonschema:"read, write, event, message, search or job"`
	Rate        quantity.Flow     `json:"rate,omitzero" yaml:"rate,omitempty" jsonschema:"average rate, e.g. 100M/month"`
	RatePerUser quantity.Flow     `json:"rate_per_user,omitzero" yaml:"rate_per_user,omitempty" jsonschema:"rate per daily active user, e.g. 20/day; needs users.dau"`
	PeakFactor  quantity.Factor   `json:"peak_factor,omitempty" yaml:"peak_factor,omitempty" jsonschema:"peak over average (default 2)"`
	ItemSize    quantity.Size     `json:"item_size,omitempty" yaml:"item_size,omitempty" jsonschema:"bytes per request, record or event, e.g. 500B"`
	BlobSize    quantity.Size     `json:"blob_size,omitempty" yaml:"blob_size,omitempty" jsonschema:"the part of item_size that is a file (media, attachments), kept in object storage, e.g. 200KB"`
	IndexedSize quantity.Size     `json:"indexed_size,omitempty" yaml:"indexed_size,omitempty" jsonschema:"writes: the bytes of each item the search index holds, e.g. 140B"`
	Retention   quantity.Duration `json:"retention,omitempty" yaml:"retention,omitempty" jsonschema:"how long written records are kept, e.g. 5y"`
	HotWindow   quantity.Duration `json:"hot_window,omitempty" yaml:"hot_window,omitempty" jsonschema:"how long records stay in the serving store before the archive, e.g. 1y"`
	LatencyP50  quantity.Duration `json:"latency_p50,omitempty" yaml:"latency_p50,omitempty" jsonschema:"p50 latency target"`
	LatencyP95  quantity.Duration `json:"latency_p95,omitempty" yaml:"latency_p95,omitempty" jsonschema:"p95 latency target"`
	LatencyP99  quantity.Duration `json:"latency_p99,omitempty" yaml:"latency_p99,omitempty" jsonschema:"p99 latency target, e.g. 50ms"`
	Duration    quantity.Duration `json:"duration,omitempty" yaml:"duration,omitempty" jsonschema:"how long one request, stream, connection or job lasts when longer than a quick reply, e.g. 8s or 30m"`
	Window      quantity.Duration `json:"window,omitempty" yaml:"window,omitempty" jsonschema:"windowed analytics over an event flow, e.g. 5m"`
	Cacheable   bool              `json:"cacheable,omitempty" yaml:"cacheable,omitempty" jsonschema:"reads and searches: whether responses can be cached"`
	Keys        quantity.Count    `json:"keys,omitempty" yaml:"keys,omitempty" jsonschema:"reads: how many distinct items exist to read (seats, products, users), e.g. 62k; bounds the cache"`
	Schedule    string            `json:"schedule,omitempty" yaml:"schedule,omitempty" jsonschema:"jobs on a clock: hourly, daily, weekly, monthly or every 15m (the rate then)"`
	Scans       string            `json:"scans,omitempty" yaml:"scans,omitempty" jsonschema:"what one run of a scheduled job reads: a window of another workload, e.g. 7d of sales"`
	ScanSize    quantity.Size     `json:"scan_size,omitempty" yaml:"scan_size,omitempty" jsonschema:"bytes one run of a scheduled job reads, e.g. 250GB"`
	CorpusSize  quantity.Size     `json:"corpus_size,omitempty" yaml:"corpus_size,omitempty" jsonschema:"search: bytes of text indexed, e.g. 50GB (default: what the write workloads keep)"`
}

// Users holds user counts.
type Users struct {
	DAU   quantity.Count `json:"dau,omitempty" yaml:"dau,omitempty" jsonschema:"daily active users, e.g. 10M"`
	MAU   quantity.Count `json:"mau,omitempty" yaml:"mau,omitempty" jsonschema:"monthly active users"`
	Total quantity.Count `json:"total,omitempty" yaml:"total,omitempty" jsonschema:"registered users"`
}

// Constraints are the limits the design must live within.
type Constraints struct {
	Team     string   `json:"team,omitempty" yaml:"team,omitempty" jsonschema:"team size and expertise, e.g. 3 backend engineers"`
	Budget   string   `json:"budget,omitempty" yaml:"budget,omitempty" jsonschema:"budget, e.g. 2000 USD/month"`
	Timeline string   `json:"timeline,omitempty" yaml:"timeline,omitempty" jsonschema:"time to deliver, e.g. 3 months"`
	Existing []string `json:"existing,omitempty" yaml:"existing,omitempty" jsonschema:"infrastructure already in place, e.g. PostgreSQL, AWS"`
}

// Features are yes/no needs that steer the decision matrix.
type Features struct {
	FacetedSearch       bool `json:"faceted_search,omitempty" yaml:"faceted_search,omitempty" jsonschema:"search needs facets and aggregations"`
	ComplexInvalidation bool `json:"complex_invalidation,omitempty" yaml:"complex_invalidation,omitempty" jsonschema:"cached data needs complex invalidation"`
}

// Current describes a running system with a performance problem.
type Current struct {
	LatencyP95Before quantity.Duration `json:"latency_p95_before,omitempty" yaml:"latency_p95_before,omitempty" jsonschema:"p95 latency before the regression, e.g. 250ms"`
	LatencyP95After  quantity.Duration `json:"latency_p95_after,omitempty" yaml:"latency_p95_after,omitempty" jsonschema:"p95 latency now, e.g. 900ms"`
	Stages           capacity.Stages   `json:"stages,omitempty" yaml:"stages,omitempty" jsonschema:"measured time per stage of the slow path, e.g. {\"auth\": \"20ms\", \"orders query\": \"610ms\"}"`
	Changes          []string          `json:"changes,omitempty" yaml:"changes,omitempty" jsonschema:"what changed before it got slow"`
}
