package capacity

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/sysarch/sysarch/agent/quantity"
	"go.yaml.in/yaml/v3"
)

// Prices is a price table for the cost tool: instance families with their
// hourly price, storage and transfer per GB (tiered where the cloud tiers
// it), load balancers and commitment discounts, with the date and the
// public pages it was read from. The embedded table is one reference
// cloud's on-demand prices; --prices FILE replaces it.
type Prices struct {
	Date               string                `yaml:"date"`
	Region             string                `yaml:"region"`
	HoursPerMonth      float64               `yaml:"hours_per_month"`
	Sources            []string              `yaml:"sources"`
	Instances          map[string][]Instance `yaml:"instances"`
	StandbyFactor      float64               `yaml:"standby_factor"`
	StorageGBMonth     map[string]float64    `yaml:"storage_gb_month"`
	ObjectStorageTiers []Tier                `yaml:"object_storage_tiers"`
	ObjectRequests     struct {
		PutPer1000 float64 `yaml:"put_per_1000"`
		GetPer1000 float64 `yaml:"get_per_1000"`
	} `yaml:"object_requests"`
	EgressTiers  []Tier `yaml:"egress_tiers"`
	CDNTiers     []Tier `yaml:"cdn_tiers"`
	LoadBalancer struct {
		Hourly    float64 `yaml:"hourly"`
		LCUHourly float64 `yaml:"lcu_hourly"`
	} `yaml:"load_balancer"`
	// Network is what moving bytes inside the cloud costs: a NAT gateway
	// by the hour and by the GB it processes (either direction), and a GB
	// between zones of a region, billed as it leaves one zone and again as
	// it enters the other.
	Network struct {
		NATHourly    float64 `yaml:"nat_gateway_hourly"`
		NATPerGB     float64 `yaml:"nat_gateway_per_gb"`
		CrossAZPerGB float64 `yaml:"cross_az_per_gb"`
	} `yaml:"network"`
	CommitmentDiscount map[string]float64 `yaml:"commitment_discount"`
}

// Instance is one size of an instance family.
type Instance struct {
	Name   string        `yaml:"name"`
	VCPU   float64       `yaml:"vcpu"`
	Memory quantity.Size `yaml:"memory"`
	Hourly float64       `yaml:"hourly"`
}

// Tier prices the bytes up to UpTo (cumulative; 0 for the last tier).
type Tier struct {
	UpTo  quantity.Size `yaml:"upto"`
	PerGB float64       `yaml:"per_gb"`
}

// The families of instances the cost tool prices by the hour.
var instanceKinds = []string{"compute", "database", "cache", "queue_broker", "search_node"}

//go:embed data/prices.yaml
var defaultPricesYAML []byte

// DefaultPrices returns the embedded reference price table: the Go values
// of prices_gen.go, which TestGeneratedPrices checks against
// data/prices.yaml, so that no design parses the YAML.
//
//go:generate go test -run TestGeneratedPrices -update-generated .
var DefaultPrices = sync.OnceValue(generatedPrices)

// ParsePrices reads a price table, refusing unknown keys and tables that
// cannot price every component.
func ParsePrices(data []byte) (*Prices, error) {
	var p Prices
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&p); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the price table is empty")
		}
		return nil, fmt.Errorf("price table: %w", err)
	}
	if err := p.validate(); err != nil {
		return nil, fmt.Errorf("price table: %w", err)
	}
	for _, k := range instanceKinds {
		slices.SortFunc(p.Instances[k], func(a, b Instance) int { return cmpFloat(a.Hourly, b.Hourly) })
	}
	return &p, nil
}

// The sanity bounds of prices: a hundred times the dearest of the
// reference cloud's, so a misplaced decimal point is caught and a real
// price never is.
const (
	maxHourly = 10_000 // dollars per hour: an instance or a load balancer
	maxPerGB  = 100    // dollars per GB: stored a month, transferred, or per 1,000 requests
)

// maxPriceText bounds the text of a price table: a few KB of names and
// source links.
const maxPriceText = 256 << 10

// checkPrice refuses a price that is not a finite number from 0 to max.
func checkPrice(field string, v, max float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > max {
		return fmt.Errorf("%s: expected a price from 0 to %v dollars, got %v", field, max, v)
	}
	return nil
}

// checkPrices checks every price but the instances' and every discount.
func (p *Prices) checkPrices() error {
	// In the order of the keys, so that the same table names the same error.
	for _, name := range slices.Sorted(maps.Keys(p.StorageGBMonth)) {
		if err := checkPrice("storage_gb_month."+name, p.StorageGBMonth[name], maxPerGB); err != nil {
			return err
		}
	}
	tiers := map[string][]Tier{"object_storage_tiers": p.ObjectStorageTiers, "egress_tiers": p.EgressTiers, "cdn_tiers": p.CDNTiers}
	for _, name := range slices.Sorted(maps.Keys(tiers)) {
		for i, t := range tiers[name] {
			if err := checkPrice(fmt.Sprintf("%s[%d].per_gb", name, i), t.PerGB, maxPerGB); err != nil {
				return err
			}
		}
	}
	for _, f := range []struct {
		field string
		v     float64
	}{
		{"object_requests.put_per_1000", p.ObjectRequests.PutPer1000}, {"object_requests.get_per_1000", p.ObjectRequests.GetPer1000},
		{"load_balancer.hourly", p.LoadBalancer.Hourly}, {"load_balancer.lcu_hourly", p.LoadBalancer.LCUHourly},
		{"network.nat_gateway_hourly", p.Network.NATHourly}, {"network.nat_gateway_per_gb", p.Network.NATPerGB},
		{"network.cross_az_per_gb", p.Network.CrossAZPerGB},
	} {
		if err := checkPrice(f.field, f.v, maxHourly); err != nil {
			return err
		}
	}
	for _, name := range slices.Sorted(maps.Keys(p.CommitmentDiscount)) {
		if d := p.CommitmentDiscount[name]; !(d >= 0 && d < 1) {
			return fmt.Errorf("commitment_discount.%s: expected a fraction off the price from 0 to below 1 (0.3 is 30%% off), got %v", name, d)
		}
	}
	return nil
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (p *Prices) validate() error {
	if _, err := time.Parse(time.DateOnly, p.Date); err != nil {
		return fmt.Errorf("date: expected YYYY-MM-DD, got %q", p.Date)
	}
	if len(p.Sources) == 0 {
		return errors.New("sources: name the pages the prices come from")
	}
	// YAML aliases can repeat one long source a hundred times: the text is
	// bounded as it reads with every alias written out.
	text := len(p.Date) + len(p.Region)
	for _, src := range p.Sources {
		text += len(src)
	}
	for _, sizes := range p.Instances {
		for _, in := range sizes {
			text += len(in.Name)
		}
	}
	if text > maxPriceText {
		return fmt.Errorf("the table's text, aliases written out, is over %d KiB; a price table names its sources once", maxPriceText>>10)
	}
	// Left out, these two take their usual values; given, they are checked.
	if p.HoursPerMonth == 0 {
		p.HoursPerMonth = 730
	}
	if p.StandbyFactor == 0 {
		p.StandbyFactor = 2
	}
	if !(p.HoursPerMonth >= 28*24 && p.HoursPerMonth <= 31*24) {
		return fmt.Errorf("hours_per_month: expected the hours of a month, 672 to 744, got %v", p.HoursPerMonth)
	}
	if !(p.StandbyFactor >= 1 && p.StandbyFactor <= 10) {
		return fmt.Errorf("standby_factor: expected how many times the primary a standby setup costs, 1 to 10, got %v", p.StandbyFactor)
	}
	for _, k := range instanceKinds {
		if len(p.Instances[k]) == 0 {
			return fmt.Errorf("instances.%s: at least one instance size is needed", k)
		}
		for i, in := range p.Instances[k] {
			if in.Name == "" || !(in.VCPU > 0) || in.Memory <= 0 || !(in.Hourly > 0) {
				return fmt.Errorf("instances.%s[%d]: name, vcpu, memory and hourly are required and above 0", k, i)
			}
			if err := checkPrice(fmt.Sprintf("instances.%s[%d].hourly", k, i), in.Hourly, maxHourly); err != nil {
				return err
			}
		}
	}
	if err := p.checkPrices(); err != nil {
		return err
	}
	for name, tiers := range map[string][]Tier{"object_storage_tiers": p.ObjectStorageTiers, "egress_tiers": p.EgressTiers, "cdn_tiers": p.CDNTiers} {
		if len(tiers) == 0 || tiers[len(tiers)-1].UpTo != 0 {
			return fmt.Errorf("%s: list the tiers in order and leave upto off the last one", name)
		}
		for i := 1; i < len(tiers)-1; i++ {
			if tiers[i].UpTo <= tiers[i-1].UpTo {
				return fmt.Errorf("%s[%d]: upto must grow from tier to tier", name, i)
			}
		}
	}
	return nil
}

// Age is how old the table is at now, in days.
func (p *Prices) Age(now time.Time) float64 {
	d, _ := time.Parse(time.DateOnly, p.Date)
	return now.Sub(d).Hours() / 24
}

// StaleAfterDays is the age past which a design flags its price table.
const StaleAfterDays = 365

// Stale says whether the table is older than StaleAfterDays at now, and
// how many whole calendar months old it is: 2025-06-01 is 17 months old
// on 2026-11-01 and still 17 on 2026-11-30.
func (p *Prices) Stale(now time.Time) (months int, stale bool) {
	d, err := time.Parse(time.DateOnly, p.Date)
	if err != nil || p.Age(now) <= StaleAfterDays {
		return 0, false
	}
	now = now.UTC()
	months = (now.Year()-d.Year())*12 + int(now.Month()-d.Month())
	if now.Day() < d.Day() {
		months--
	}
	return months, true
}

// tiered prices gb billed gigabytes (BilledGB) against cumulative tiers
// and shows the sum. A tier's upto counts billed gigabytes by its decimal
// figure: 50TB is the first 50,000 GB, as the clouds' pages write it.
func tiered(gb float64, tiers []Tier) (float64, string) {
	return tieredAfter(0, gb, tiers)
}

// tieredAfter prices gb billed gigabytes that come after `after` already
// billed on the same tiers this month: transfer of one account is tiered
// as a whole, so a second line of it starts where the first ended.
func tieredAfter(after, gb float64, tiers []Tier) (float64, string) {
	var total, from float64
	gb += after
	var parts []string
	for _, t := range tiers {
		upto := float64(t.UpTo) / 1e9
		if t.UpTo == 0 {
			upto = math.Inf(1)
		}
		in := math.Min(gb, upto) - math.Max(from, after)
		if math.Min(gb, upto) <= from {
			break
		}
		if in <= 0 {
			from = upto
			continue
		}
		total += in * t.PerGB
		parts = append(parts, fmt.Sprintf("%s GiB × $%s", num(Tidy(in)), price(t.PerGB)))
		from = upto
	}
	if len(parts) == 0 {
		return 0, "0 GiB"
	}
	return total, strings.Join(parts, " + ")
}
