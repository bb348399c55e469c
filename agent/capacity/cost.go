package capacity

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
)

// CostInput is the input of the cost tool.
type CostInput struct {
	Component    string            `json:"component" jsonschema:"what to price: compute, database, cache, queue_broker, search_node, object_storage, egress, cdn, load_balancer, nat_gateway or cross_az"`
	Instance     string            `json:"instance,omitempty" jsonschema:"an instance size, e.g. m7i.xlarge; or give vcpu and memory for the smallest that fits"`
	VCPU         quantity.Count    `json:"vcpu,omitempty" jsonschema:"vCPUs one instance needs at least"`
	Memory       quantity.Size     `json:"memory,omitempty" jsonschema:"memory one instance needs, e.g. 16GiB; a cache: the memory to hold over count nodes"`
	Count        quantity.Count    `json:"count,omitempty" jsonschema:"instances or nodes (default 1)"`
	Hours        quantity.Count    `json:"hours,omitempty" jsonschema:"hours a month each instance runs (default the table's hours_per_month, 730)"`
	Standby      bool              `json:"standby,omitempty" jsonschema:"database: a standby in a second zone (doubles instance and storage)"`
	Storage      quantity.Size     `json:"storage,omitempty" jsonschema:"bytes stored on the database, brokers or search nodes in all, or in object storage"`
	ColdFraction quantity.Fraction `json:"cold_fraction,omitempty" jsonschema:"object storage: the share of bytes kept in a cold storage class"`
	Writes       quantity.Count    `json:"writes_per_month,omitempty" jsonschema:"object storage: PUT requests a month"`
	Reads        quantity.Count    `json:"reads_per_month,omitempty" jsonschema:"object storage: GET requests a month"`
	Transfer     quantity.Size     `json:"transfer_per_month,omitempty" jsonschema:"egress or cdn: bytes served a month, e.g. 5TB; nat_gateway: bytes the gateways process (both directions); cross_az: bytes that cross from one zone to another"`
	After        quantity.Size     `json:"transfer_after,omitempty" jsonschema:"egress or cdn: bytes already billed this month on the same tiers, so these bytes are priced from where those end"`
	LCU          quantity.Count    `json:"lcu,omitempty" jsonschema:"load balancer: capacity units in use on average (default 1)"`
	Commitment   bool              `json:"commitment,omitempty" jsonschema:"price a one-year commitment instead of on demand"`
}

// CostComponents returns the components the cost tool prices.
func CostComponents() []string {
	return []string{"compute", "database", "cache", "queue_broker", "search_node", "object_storage", "egress", "cdn", "load_balancer", "nat_gateway", "cross_az"}
}

func costTool(p *Prices) Tool {
	desc := fmt.Sprintf("Monthly cost of one component of a design from the price table (%s, prices of %s): instances by size and count, storage, transfer and requests, with the formula.", p.Region, p.Date)
	return define("cost", desc, func(in CostInput) (Result, error) {
		c := check{tool: "cost"}
		kind := strings.ToLower(strings.TrimSpace(in.Component))
		count := c.optional("count", float64(in.Count), 1, quantity.CountForm)
		hours := c.optional("hours", float64(in.Hours), p.HoursPerMonth, quantity.CountForm)
		if count != math.Trunc(count) {
			c.fail("count", "must be a whole number, got %s", num(count))
		}
		if hours > 744 {
			c.fail("hours", "a month has at most 744 hours, got %s", num(hours))
		}
		for _, f := range []struct {
			name string
			v    float64
		}{{"vcpu", float64(in.VCPU)}, {"memory", float64(in.Memory)}, {"storage", float64(in.Storage)}, {"writes_per_month", float64(in.Writes)},
			{"reads_per_month", float64(in.Reads)}, {"transfer_per_month", float64(in.Transfer)}, {"transfer_after", float64(in.After)}, {"lcu", float64(in.LCU)}} {
			c.nonNegative(f.name, f.v, quantity.CountForm)
		}
		cold := float64(in.ColdFraction)
		if cold != 0 {
			cold = c.fraction("cold_fraction", cold, 0, 1, false)
		}
		if err := c.error(); err != nil {
			return Result{}, err
		}
		inputs := map[string]any{"component": kind, "count": count, "hours": hours}
		var line costLine
		var err error
		switch kind {
		case "compute", "database", "cache", "queue_broker", "search_node":
			line, err = p.instances(kind, in, count, hours)
		case "object_storage":
			line = p.objectStorage(float64(in.Storage), cold, float64(in.Writes), float64(in.Reads))
		case "egress":
			line = p.transfer("egress", float64(in.After), float64(in.Transfer), p.EgressTiers)
		case "cdn":
			line = p.transfer("CDN", float64(in.After), float64(in.Transfer), p.CDNTiers)
		case "load_balancer":
			line = p.loadBalancer(count, hours, float64(in.LCU))
		case "nat_gateway":
			line = p.natGateway(count, hours, float64(in.Transfer))
		case "cross_az":
			line = p.crossAZ(float64(in.Transfer))
		case "":
			err = &InputError{Tool: "cost", Field: "component", Msg: "is required; expected one of " + strings.Join(CostComponents(), ", ")}
		default:
			err = &InputError{Tool: "cost", Field: "component", Msg: fmt.Sprintf("unknown component %q; expected one of %s", in.Component, strings.Join(CostComponents(), ", "))}
		}
		if err != nil {
			return Result{}, err
		}
		o := newResult(inputs).
			add("monthly_usd", line.monthly, "usd").
			add("unit_price_usd", line.unit, "usd").
			add("count", count, "count").
			add("size", line.size, "")
		o.note("prices: %s, as of %s", p.Region, p.Date)
		return o.done(line.formula)
	})
}

// costLine is one priced component.
type costLine struct {
	size          string
	unit, monthly float64
	formula       string
}

// instances prices count instances of a family for hours each, with a
// standby, storage and a commitment discount where they apply.
func (p *Prices) instances(kind string, in CostInput, count, hours float64) (costLine, error) {
	sizes := p.Instances[kind]
	memory := float64(in.Memory)
	if kind == "cache" && memory > 0 {
		memory /= count // the memory to hold is spread over the nodes
	}
	var inst Instance
	switch name := strings.TrimSpace(in.Instance); {
	case name != "":
		i := slices.IndexFunc(sizes, func(x Instance) bool { return strings.EqualFold(x.Name, name) })
		if i < 0 {
			var names []string
			for _, x := range sizes {
				names = append(names, x.Name)
			}
			return costLine{}, &InputError{Tool: "cost", Field: "instance", Msg: fmt.Sprintf("no %s size %q in the price table; expected one of %s", kind, name, strings.Join(names, ", "))}
		}
		inst = sizes[i]
	default:
		i := slices.IndexFunc(sizes, func(x Instance) bool { return x.VCPU >= float64(in.VCPU) && float64(x.Memory) >= memory })
		if i < 0 {
			big := sizes[len(sizes)-1]
			return costLine{}, &InputError{Tool: "cost", Field: "memory", Msg: fmt.Sprintf("no single %s size has %s vCPU and %s; the largest is %s (%s vCPU, %s): raise count to spread the load",
				kind, num(float64(in.VCPU)), quantity.FormatBytes(memory), big.Name, num(big.VCPU), quantity.FormatBytes(float64(big.Memory)))}
		}
		inst = sizes[i]
	}
	copies := 1.0
	if kind == "database" && in.Standby {
		copies = p.StandbyFactor
	}
	hourly := inst.Hourly
	discount := ""
	if in.Commitment {
		if d := p.CommitmentDiscount[kind]; d > 0 {
			hourly *= 1 - d
			discount = fmt.Sprintf(" (−%s for a one-year commitment)", quantity.FormatPercent(d))
		}
	}
	compute := count * copies * hourly * hours
	formula := fmt.Sprintf("%s × %s (%s vCPU, %s) × $%s/h%s × %s h", num(count), inst.Name, num(inst.VCPU), memoryOf(inst), price(hourly), discount, num(hours))
	if copies > 1 {
		formula += fmt.Sprintf(" × %s (standby)", num(copies))
	}
	formula += " = $" + num(Tidy(compute))
	total := compute
	if gb := float64(in.Storage) / BilledGB; gb > 0 {
		if rate := p.StorageGBMonth[kind]; rate > 0 {
			storage := gb * rate * copies
			total += storage
			formula += fmt.Sprintf("; storage %s GiB × $%s", num(Tidy(gb)), price(rate))
			if copies > 1 {
				formula += fmt.Sprintf(" × %s", num(copies))
			}
			formula += fmt.Sprintf(" = $%s; total $%s", num(Tidy(storage)), num(Tidy(total)))
		}
	}
	return costLine{size: inst.Name, unit: hourly, monthly: total, formula: formula + "/month"}, nil
}

// objectStorage prices stored bytes by tier, the cold share at the cold
// rate, and requests.
func (p *Prices) objectStorage(bytes, cold, writes, reads float64) costLine {
	gb := bytes / BilledGB
	hot, coldGB := gb*(1-cold), gb*cold
	total, formula := tiered(hot, p.ObjectStorageTiers)
	if coldGB > 0 {
		rate := p.StorageGBMonth["object_cold"]
		total += coldGB * rate
		formula += fmt.Sprintf(" + cold %s GiB × $%s", num(Tidy(coldGB)), price(rate))
	}
	if writes > 0 || reads > 0 {
		req := writes/1000*p.ObjectRequests.PutPer1000 + reads/1000*p.ObjectRequests.GetPer1000
		total += req
		var reqs []string
		if writes > 0 {
			reqs = append(reqs, fmt.Sprintf("%s PUT × $%s/1,000", num(writes), price(p.ObjectRequests.PutPer1000)))
		}
		if reads > 0 {
			reqs = append(reqs, fmt.Sprintf("%s GET × $%s/1,000", num(reads), price(p.ObjectRequests.GetPer1000)))
		}
		formula += " + requests " + strings.Join(reqs, " + ")
	}
	unit := p.ObjectStorageTiers[0].PerGB
	return costLine{size: quantity.FormatBytes(bytes) + " stored", unit: unit, monthly: total, formula: formula + " = $" + num(Tidy(total)) + "/month"}
}

// transfer prices bytes served a month by tier, after the bytes other
// lines of the same account already billed on those tiers.
func (p *Prices) transfer(what string, after, bytes float64, tiers []Tier) costLine {
	total, formula := tieredAfter(after/BilledGB, bytes/BilledGB, tiers)
	if after > 0 {
		formula = fmt.Sprintf("after the first %s GiB billed this month, %s", num(Tidy(after/BilledGB)), formula)
	}
	unit := tiers[0].PerGB // the price of the tier the bytes start in
	for _, t := range tiers {
		if unit = t.PerGB; t.UpTo == 0 || float64(t.UpTo)/1e9 > after/BilledGB {
			break
		}
	}
	return costLine{size: quantity.FormatBytes(bytes) + "/month", unit: unit, monthly: total,
		formula: what + ": " + formula + " = $" + num(Tidy(total)) + "/month"}
}

// natGateway prices count gateways (one a zone) by the hour and the bytes
// they process, in either direction.
func (p *Prices) natGateway(count, hours, bytes float64) costLine {
	n := p.Network
	gb := bytes / BilledGB
	total := count*hours*n.NATHourly + gb*n.NATPerGB
	formula := fmt.Sprintf("%s × %s h × $%s/h + %s GiB processed × $%s = $%s/month", num(count), num(hours), price(n.NATHourly), num(Tidy(gb)), price(n.NATPerGB), num(Tidy(total)))
	return costLine{size: quantity.FormatBytes(bytes) + "/month", unit: n.NATPerGB, monthly: total, formula: formula}
}

// crossAZ prices bytes that cross from one zone to another: billed as they
// leave one zone and again as they enter the other.
func (p *Prices) crossAZ(bytes float64) costLine {
	rate := p.Network.CrossAZPerGB
	gb := bytes / BilledGB
	total := gb * rate * 2
	formula := fmt.Sprintf("%s GiB × $%s out + × $%s in = $%s/month", num(Tidy(gb)), price(rate), price(rate), num(Tidy(total)))
	return costLine{size: quantity.FormatBytes(bytes) + "/month", unit: rate, monthly: total, formula: formula}
}

// loadBalancer prices the hours of each balancer and its capacity units.
func (p *Prices) loadBalancer(count, hours, lcu float64) costLine {
	if lcu == 0 {
		lcu = 1
	}
	lb := p.LoadBalancer
	total := count * hours * (lb.Hourly + lcu*lb.LCUHourly)
	formula := fmt.Sprintf("%s × %s h × ($%s/h + %s LCU × $%s/h) = $%s/month", num(count), num(hours), price(lb.Hourly), num(lcu), price(lb.LCUHourly), num(Tidy(total)))
	return costLine{size: "load balancer", unit: lb.Hourly, monthly: total, formula: formula}
}

// memoryOf writes an instance's memory as the clouds list it, in GiB.
func memoryOf(in Instance) string {
	return num(Tidy(float64(in.Memory)/(1<<30))) + " GiB"
}

// BilledGB is the gigabyte the clouds bill storage and transfer in: 2^30
// bytes (what their pages call a GB is a GiB). Sizes everywhere else in
// sysarch are decimal; the cost tool converts at this one place.
const BilledGB = 1 << 30

// price writes a unit price exactly as the table gives it, so a formula
// can be redone to the cent: $1.6128/h, never $1.61/h.
func price(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
