package capacity

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
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

// DefaultPrices returns the embedded reference price table.
var DefaultPrices = sync.OnceValue(func() *Prices {
	p, err := ParsePrices(defaultPricesYAML)
	if err != nil {
		panic("capacity: embedded price table: " + err.Error()) // a build defect, caught by every test
	}
	return p
})

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
	if p.HoursPerMonth <= 0 {
		p.HoursPerMonth = 730
	}
	if p.StandbyFactor < 1 {
		p.StandbyFactor = 2
	}
	for _, k := range instanceKinds {
		if len(p.Instances[k]) == 0 {
			return fmt.Errorf("instances.%s: at least one instance size is needed", k)
		}
		for i, in := range p.Instances[k] {
			if in.Name == "" || in.VCPU <= 0 || in.Memory <= 0 || in.Hourly <= 0 {
				return fmt.Errorf("instances.%s[%d]: name, vcpu, memory and hourly are required and above 0", k, i)
			}
		}
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

// tiered prices gb gigabytes against cumulative tiers and shows the sum.
func tiered(gb float64, tiers []Tier) (float64, string) {
	var total, from float64
	var parts []string
	for _, t := range tiers {
		upto := float64(t.UpTo) / 1e9
		if t.UpTo == 0 {
			upto = math.Inf(1)
		}
		in := math.Min(gb, upto) - from
		if in <= 0 {
			break
		}
		total += in * t.PerGB
		parts = append(parts, fmt.Sprintf("%s GB × $%s", num(Tidy(in)), num(t.PerGB)))
		from = upto
	}
	if len(parts) == 0 {
		return 0, "0 GB"
	}
	return total, strings.Join(parts, " + ")
}
