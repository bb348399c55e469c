package capacity

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"go.yaml.in/yaml/v3"
)

// MergePrices reads a price file over the embedded table: what the file
// gives replaces the embedded entry (an instance family replaces that
// family, a list of tiers that list, a price that price), and what it
// leaves out keeps the embedded value. So a file of negotiated compute
// rates is three lines, not a copy of the whole table. The file must
// date its prices and name their sources, which are listed before the
// embedded table's; its region defaults to the embedded one, marked as
// changed.
func MergePrices(data []byte) (*Prices, error) {
	p := generatedPrices() // a copy of its own to decode the file over
	base := DefaultPrices()
	p.Date, p.Region, p.Sources = "", "", nil
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the price table is empty; sysarch prices --template prints one to start from")
		}
		return nil, fmt.Errorf("price table: %w", err)
	}
	if p.Date == "" {
		return nil, errors.New("price table: date: give the day your prices were read, YYYY-MM-DD")
	}
	if _, err := time.Parse(time.DateOnly, p.Date); err != nil {
		return nil, fmt.Errorf("price table: date: expected YYYY-MM-DD, got %q", p.Date)
	}
	if len(p.Sources) == 0 {
		return nil, errors.New("price table: sources: name the pages or the contract your prices come from")
	}
	if p.Region == "" {
		p.Region = base.Region + ", with prices of your own"
	}
	for _, src := range base.Sources {
		if !slices.Contains(p.Sources, src) {
			p.Sources = append(p.Sources, src)
		}
	}
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("price table: %w", err)
	}
	for _, k := range instanceKinds {
		slices.SortFunc(p.Instances[k], func(a, b Instance) int { return cmpFloat(a.Hourly, b.Hourly) })
	}
	return p, nil
}

// PriceTableYAML is the embedded price table as written, with its
// comments and sources.
func PriceTableYAML() []byte { return slices.Clone(defaultPricesYAML) }

// PriceTemplate is a partial price file to start from: every key it may
// give, commented out but for the date and sources, and what each does.
const PriceTemplate = `# A price file for --prices. Give only what differs from the embedded
# table (sysarch prices prints it); everything left out keeps its value.
# Sizes are decimal: 1 GB = 1,000,000,000 B. Prices in US dollars.
date: 2026-01-01                 # when these prices were read (required)
sources:                         # where they come from (required)
  - "our cloud contract, schedule B"
# region: Example cloud, eu-west, negotiated
# hours_per_month: 730
# instances:                     # a family given replaces that family whole
#   compute:                     # API servers, ingest servers, workers, self-run stores
#     - {name: c.large, vcpu: 2, memory: 8GiB, hourly: 0.09}
#     - {name: c.8xlarge, vcpu: 32, memory: 128GiB, hourly: 1.40}
#   database:                    # managed PostgreSQL
#     - {name: pg.large, vcpu: 2, memory: 8GiB, hourly: 0.16}
#   cache:                       # managed Redis
#     - {name: redis.large, vcpu: 2, memory: 13GiB, hourly: 0.20}
#   queue_broker:                # managed Kafka brokers (4 vCPU are used)
#     - {name: kafka.xlarge, vcpu: 4, memory: 16GiB, hourly: 0.40}
#   search_node:                 # managed search nodes (4 vCPU are used)
#     - {name: search.xlarge, vcpu: 4, memory: 32GiB, hourly: 0.30}
# standby_factor: 2              # a primary with a standby costs this many times one
# storage_gb_month:              # per GB a month, by family; object_cold for cold objects
#   compute: 0.08
#   database: 0.115
#   queue_broker: 0.10
#   search_node: 0.122
#   object_cold: 0.004
# object_storage_tiers:          # cumulative tiers; leave upto off the last one
#   - {upto: 50TB, per_gb: 0.023}
#   - {per_gb: 0.021}
# object_requests: {put_per_1000: 0.005, get_per_1000: 0.0004}
# egress_tiers:
#   - {upto: 10TB, per_gb: 0.09}
#   - {per_gb: 0.05}
# cdn_tiers:
#   - {upto: 10TB, per_gb: 0.085}
#   - {per_gb: 0.02}
# load_balancer: {hourly: 0.0225, lcu_hourly: 0.008}
# network:                       # NAT gateway by the hour and per GB processed; a GB between zones, each way
#   nat_gateway_hourly: 0.045
#   nat_gateway_per_gb: 0.045
#   cross_az_per_gb: 0.01
# commitment_discount: {compute: 0.28}
`
