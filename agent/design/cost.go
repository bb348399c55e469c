package design

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/lazyre"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// CostLine is one priced component of the design: its size and count from
// the design's own figures, the unit price from the price table, and the
// cost tool's formula.
type CostLine struct {
	Component    string  `json:"component"`
	Size         string  `json:"size"`
	Count        float64 `json:"count"`
	UnitPriceUSD float64 `json:"unit_price_usd"`
	MonthlyUSD   float64 `json:"monthly_usd"`
	Formula      string  `json:"formula"`
	// Basis cites the capacity row the size or count comes from.
	Basis string `json:"basis,omitempty"`
	// Grows says whether the line grows with the load at later horizons.
	Grows bool `json:"-"`
	args  map[string]any
	// part is the id of the system model's part the line prices, or ""
	// for transfer that belongs to no one part (egress); alsoParts are
	// parts that run on what the line prices (a job queue on the cache's
	// Redis).
	part      string
	alsoParts []string
	// existing is the number of servers already in place that the count
	// leaves out, at every horizon.
	existing float64
	// nodesAt counts the line's nodes again at a grown load, for a part
	// sized by its operations; nil grows the line by its kind's rule.
	nodesAt func(growth float64) (float64, error)
	// store names the store whose bytes the line holds (stores.go): at a
	// horizon its bytes are that store's own figure for the horizon, not
	// today's bytes times the growth, which would apply growth twice.
	store string
}

// CostSummary totals the lines, at each horizon, and weighs them against
// the budget with the cheapest changes that close a gap.
type CostSummary struct {
	TotalUSD  float64       `json:"total_usd"`
	Formula   string        `json:"formula"`
	Horizons  []CostHorizon `json:"horizons"`
	BudgetUSD float64       `json:"budget_usd,omitempty"`
	GapUSD    float64       `json:"gap_usd,omitempty"`
	Savings   []Saving      `json:"savings,omitempty"`
	// PhaseUSD is the scaling playbook's flat figure for the phase, kept
	// as a sanity check beside the bottom-up estimate.
	PhaseUSD float64 `json:"phase_usd,omitempty"`
	// Reconcile says, when the bottom-up total and the playbook's figure
	// differ more than threefold, which line makes the difference and why.
	Reconcile  string   `json:"reconcile,omitempty"`
	PriceDate  string   `json:"price_date"`
	PriceTable string   `json:"price_table"`
	Sources    []string `json:"sources"`
}

// CostHorizon is the monthly total at a growth horizon.
type CostHorizon struct {
	Horizon  string  `json:"horizon"`
	Growth   float64 `json:"growth"`
	TotalUSD float64 `json:"total_usd"`
	Formula  string  `json:"formula"`
	// StoredBytes is, per cost line that holds a store's bytes, the bytes
	// priced at this horizon: the store's own figure for the horizon.
	StoredBytes map[string]float64 `json:"stored_bytes,omitempty"`
	// LineUSD is each cost line's monthly figure at this horizon, in the
	// order of the lines, so the total can be redone line by line.
	LineUSD []float64 `json:"line_usd,omitempty"`
}

// Saving is a change that lowers the bill, with what it costs otherwise.
type Saving struct {
	Change    string  `json:"change"`
	SavingUSD float64 `json:"saving_usd"`
	Formula   string  `json:"formula"`
	TradeOff  string  `json:"trade_off"`
}

// The instance sizes the cost step assumes for each tier; each is listed
// as an assumption when used.
const (
	apiServerVCPU    = 32 // the large server the API fleet is counted in
	ingestServerVCPU = 8
	workerVCPU       = 4
	// simple indexed statements a second per vCPU of PostgreSQL: pgbench's
	// select-only run reaches about 4M transactions/s on 360 vCPUs (Postgres.fm,
	// "Four million TPS", 2024), 11,000 a vCPU on cached rows; 1,250 is ×9
	// below it for writes with their WAL and index upkeep, wider rows and
	// headroom.
	dbOpsPerVCPU     = 1_250
	brokerBytesPerS  = 30e6 // bytes a second one Kafka broker carries comfortably
	wideNodeBytes    = 2e12 // data per wide-column node (the decision matrix's 2 TB)
	searchShardBytes = 40e9
	searchNodeVCPU   = 4 // the search node the shards are counted on
)

// cost prices the design bottom-up with the cost tool: every sized
// component becomes a line, the lines are totalled now and at each growth
// horizon, and the total is weighed against the budget. It writes the
// Cost Estimate and returns what the model is priced from.
func (b *builder) cost(fig figures, vd *verdicts, mg *merged, dr *drawing, pl partLoads) (priced, error) {
	if b.d.Kind != KindGreenfield || fig.totalPeak.Ref == "" {
		return priced{}, nil
	}
	lg := &ledger{}
	add := func(part, component, basis string, grows bool, args map[string]any) error {
		r, err := b.call("cost", args)
		if err != nil {
			return fmt.Errorf("cost of %s: %w", component, err)
		}
		lg.lines = append(lg.lines, CostLine{Component: component, Size: fmt.Sprint(r.Outputs["size"]), Count: r.Outputs["count"].(float64),
			UnitPriceUSD: r.Outputs["unit_price_usd"].(float64), MonthlyUSD: r.Outputs["monthly_usd"].(float64), Formula: r.Formula, Basis: basis, Grows: grows, args: args, part: part})
		return nil
	}
	for _, step := range []func() error{
		func() error { return b.costCompute(fig, lg, add) },
		func() error { return b.costDatabase(fig, vd, lg, add) },
		func() error { return b.costCache(fig, vd, lg, add) },
		func() error { return b.costParts(mg, pl, lg, add) },
		func() error { return b.costNodes(mg, add) },
		func() error { return b.costLog(vd, add) },
		func() error { return b.costSearch(vd, add) },
		func() error { return b.costBatch(vd, add) },
		func() error { return b.costBytes(fig, vd, lg, add) },
		func() error { return b.costTransfer(fig, vd, mg, dr, add) },
	} {
		if err := step(); err != nil {
			return priced{existingParts: lg.existing}, err
		}
	}
	lines := lg.lines
	if len(lines) == 0 {
		return priced{existingParts: lg.existing}, nil
	}
	b.d.Cost = lines
	err := b.costSummary(fig, lines)
	return priced{lines: lines, summed: b.d.CostSummary != nil, existingParts: lg.existing}, err
}

// addLine prices one cost line with the cost tool: the model part it is
// for ("" for none), the line's name, the row its size is based on,
// whether it grows with the load, and the cost tool's inputs.
type addLine func(part, component, basis string, grows bool, args map[string]any) error

// priced is what the cost pass returns for the model: the cost lines,
// whether they were totalled (a summary), and the engine's parts that run
// on what the constraints list as existing (an API fleet).
type priced struct {
	lines         []CostLine
	summed        bool
	existingParts []string
}

// rowValue returns the value of a capacity row of today's load.
func (b *builder) rowValue(workload, quantityName string) (float64, string) {
	for _, r := range b.d.Capacity {
		if r.Workload == workload && r.Quantity == quantityName && r.Horizon == "" {
			return r.Value, r.ID
		}
	}
	return 0, ""
}

func (b *builder) costCompute(fig figures, lg *ledger, add addLine) error {
	for _, t := range []struct {
		row, name string
		vcpu      float64
		part      string
	}{{"API tier", "API servers", apiServerVCPU, "api"}, {"ingest tier", "Ingest servers", ingestServerVCPU, "ingest"}, {"workers tier", "Workers", workerVCPU, "workers"}} {
		n, ref := b.rowValue(t.row, "servers")
		if n == 0 {
			continue
		}
		vcpu := t.vcpu
		name := t.name
		var have float64
		if t.row == "API tier" {
			vcpu = b.apiServerVCPU(fig, n, fig.apiPeak.Value)
			if have = b.existingFleet(); have >= n {
				b.assume("The API runs on the %s servers the constraints list as existing: it needs %s [%s], so no new servers are priced; growth past %s servers is new spend.", formatNum(have), formatNum(n), ref, formatNum(have))
				lg.existing = append(lg.existing, t.part)
				continue
			} else if have > 0 {
				b.assume("The API needs %s servers [%s]; the %s the constraints list as existing carry part of it, so only the %s beyond them are priced.", formatNum(n), ref, formatNum(have), formatNum(n-have))
				name = fmt.Sprintf("API servers beyond the %s existing", formatNum(have))
			}
		}
		if err := add(t.part, name, ref, true, map[string]any{"component": "compute", "vcpu": vcpu, "count": n - have}); err != nil {
			return err
		}
		lg.last().existing = have
	}
	if n, _ := b.rowValue("API tier", "servers"); n > 1 && slices.Contains(lg.existing, "api") {
		lg.existing = append(lg.existing, "lb") // the existing fleet has its own
	} else if n > 1 {
		lcu := math.Max(1, math.Ceil(fig.totalPeak.Value/1000))
		if err := add("lb", "Load balancer", fig.totalPeak.Ref, false, map[string]any{"component": "load_balancer", "lcu": lcu}); err != nil {
			return err
		}
	}
	b.assume("API servers are priced at the vCPUs their share of the peak needs (a %s-vCPU server takes %s of their requests/s, at 70%% utilization, at least 2 vCPU), ingest servers at %s vCPU, workers at %s; a load balancer at one capacity unit for each 1,000 of the peak's requests per second, a rough reading of the clouds' rules.",
		formatNum(apiServerVCPU), formatNum(fig.apiPerServer), formatNum(ingestServerVCPU), formatNum(workerVCPU))
	return nil
}

// apiServerVCPU sizes one API server to its share of the peak: the fleet
// is counted in large servers, but a small load needs small ones.
func (b *builder) apiServerVCPU(fig figures, servers, peak float64) float64 {
	active := math.Max(1, servers-1) // one spare
	perVCPU := fig.apiPerServer / apiServerVCPU
	return math.Min(apiServerVCPU, math.Max(2, math.Ceil(peak/active/perVCPU/0.7)))
}

func (b *builder) costDatabase(fig figures, vd *verdicts, lg *ledger, add addLine) error {
	c, ok := vd.by[qDatabase]
	if !ok {
		return nil
	}
	vcpu := dbVCPU(fig.dbWrites.Value + fig.dbReads.Value)
	args := map[string]any{"component": "database", "vcpu": vcpu, "standby": b.standby()}
	if fig.dbStored.Ref != "" {
		args["storage"] = fig.dbStored.Value
	}
	count, basis := 1.0, fig.dbWrites.Ref
	if spreadsRows(c) {
		if n, ref := b.rowValue("Database: shards", "nodes"); n > 0 {
			count, basis = n, ref
		}
	}
	args["count"] = count
	if count == 1 && b.existing(c.Choice) {
		// The team runs this database already: the design uses it and
		// prices no new primary; what it must carry is stated instead.
		b.assume("The database is the %s the constraints list as existing, so the Cost Estimate prices no new primary; at peak it carries %s statements/s, which needs about %s vCPU (one for every %s simple indexed statements): check that the existing instance has them.",
			c.Choice, formatNum(fig.dbWrites.Value+fig.dbReads.Value), formatNum(vcpu), formatNum(dbOpsPerVCPU))
	} else {
		b.assume("The database primary gets %s vCPU: one for every %s simple indexed statements of peak load (pgbench's cached select-only run does about 11,000 a vCPU; writes, wider rows and headroom take the rest), at least 2; with a standby in a second zone when availability is 99.9%% or more.", formatNum(vcpu), formatNum(dbOpsPerVCPU))
		if err := add("db", "Database ("+c.Choice+")", basis, true, args); err != nil {
			return err
		}
		if fig.dbStored.Ref != "" {
			lg.last().store = storeDatabase
		}
	}
	if n, ref := b.rowValue("database reads", "servers"); n > 0 && hasReplicas(c) {
		return add("db", "Read replicas", ref, true, map[string]any{"component": "database", "vcpu": vcpu, "count": n})
	}
	if c, ok := vd.by[qRecords]; ok {
		for _, r := range b.d.Capacity {
			if r.Quantity == "nodes" && r.Horizon == "" && r.ID == c.Basis { // the nodes its verdict sized
				if err := add("records", c.Choice+" nodes", r.ID, true, map[string]any{"component": "compute", "vcpu": 8, "count": r.Value, "storage": r.Value * wideNodeBytes}); err != nil {
					return err
				}
				lg.last().store = storeRecords
			}
		}
	}
	return nil
}

// dbVCPU sizes a database primary for a peak of simple statements.
func dbVCPU(ops float64) float64 {
	return math.Min(32, math.Max(2, math.Ceil(ops/dbOpsPerVCPU)))
}

// standby says whether the availability target calls for a standby.
func (b *builder) standby() bool { return !b.light() }

func (b *builder) costCache(fig figures, vd *verdicts, lg *ledger, add addLine) error {
	if _, ok := vd.by[qCache]; ok && fig.cacheMem.Ref == "" {
		b.assume("The cache's memory is not computed (a cacheable read has no item_size): it is priced as one node of the smallest size until it is.")
		return add("cache", "Cache (Redis)", "", false, map[string]any{"component": "cache", "instance": b.prices.Instances["cache"][0].Name})
	}
	if _, ok := vd.by[qCache]; !ok {
		if c, ok := vd.by[qQueue]; ok && !isLog(c) {
			return add("queue", "Redis for the job queue", "", false, map[string]any{"component": "cache", "instance": b.prices.Instances["cache"][0].Name})
		}
		return nil
	}
	nodes := 1.0
	if n, _ := b.rowValue("Cache: Redis primaries", "nodes"); n > 0 {
		nodes = n
	}
	if err := add("cache", "Cache (Redis)", fig.cacheMem.Ref, true, map[string]any{"component": "cache", "memory": fig.cacheMem.Value, "count": nodes}); err != nil {
		return err
	}
	if c, ok := vd.by[qQueue]; ok && !isLog(c) {
		// A Redis-backed job queue is a few lists on the cache's Redis:
		// the cache line prices it too.
		lg.last().alsoParts = append(lg.last().alsoParts, "queue")
		b.assume("The job queue (%s) keeps its lists on the cache's Redis, so the cache line prices it; its jobs are small beside the cache's memory.", c.Choice)
	}
	if !b.standby() {
		return nil
	}
	// A replica per primary in a second zone: a lost node fails over in
	// seconds instead of sending every read to the database cold.
	b.assume("The cache keeps one replica per primary in a second zone (availability of 99.9%% or more), priced as its own line.")
	return add("cache", "Cache replicas (Redis)", fig.cacheMem.Ref, true, map[string]any{"component": "cache", "memory": fig.cacheMem.Value, "count": nodes})
}

// logRates are the bytes a second written to the event log at peak and
// on average, 0 when the design has no log.
func (b *builder) logRates() (peak, avg float64) {
	for _, r := range b.d.Capacity {
		if r.Tool == "partitions" && r.Quantity == "bytes_per_second" && r.Horizon == "" && b.isLoad(r.Workload) {
			peak += r.Value
			avg += r.Value * b.averageShare(r.Workload)
		}
	}
	return peak, avg
}

func (b *builder) costLog(vd *verdicts, add addLine) error {
	peak, avg := b.logRates()
	if peak == 0 {
		return nil
	}
	// Brokers carry the peak; the disks hold the average rate over the
	// retention, three copies, and no broker holds more than the managed
	// services allow.
	kept := capacity.Tidy(avg * logRetentionS * logReplicas)
	brokers := math.Max(3, math.Max(math.Ceil(peak/brokerBytesPerS), math.Ceil(kept/brokerMaxBytes)))
	b.assume("The log is priced at %s/s of peak writes a broker (at least 3 brokers); its disks keep seven days of the average rate (%s/s) at a replication factor of 3, at most 16 TiB a broker (the managed services' cap).",
		quantity.FormatBytes(brokerBytesPerS), quantity.FormatBytes(capacity.Tidy(avg)))
	return add(b.logPart(vd), "Kafka brokers", "", true, map[string]any{"component": "queue_broker", "vcpu": brokerVCPU, "count": brokers, "storage": kept})
}

// The log's retention and copies, the vCPUs of one broker and what one
// broker's disks may hold (16 TiB, Amazon MSK's per-broker limit).
const (
	logRetentionS  = 7 * 86400
	logReplicas    = 3
	brokerVCPU     = 4
	brokerMaxBytes = 16 << 40
)

// averageShare is a flow's average rate over its peak, 1 when unknown.
func (b *builder) averageShare(name string) float64 {
	for _, l := range b.loads {
		if l.Name == name && l.peak.Value > 0 && l.avg.Ref != "" {
			return l.avg.Value / l.peak.Value
		}
	}
	return 1
}

func (b *builder) costSearch(vd *verdicts, add addLine) error {
	c, ok := vd.by[qSearch]
	if !ok || !isElastic(c) {
		return nil
	}
	n, ref := b.rowValue("Search: primary shards (40 GB each)", "nodes")
	if n == 0 {
		n = 3
	}
	nodes := math.Max(3, math.Ceil(n*2/4)) // a primary and a replica per shard, four shards a node
	b.assume("The search cluster holds four shards (a primary or a replica of %s each) per node, with at least three nodes.", quantity.FormatBytes(searchShardBytes))
	return add("search", "Search cluster", ref, true, map[string]any{"component": "search_node", "vcpu": searchNodeVCPU, "count": nodes, "storage": n * 2 * searchShardBytes})
}

func (b *builder) costBytes(fig figures, vd *verdicts, lg *ledger, add addLine) error {
	if fig.objectStored.Ref != "" && fig.objectStored.Value > 0 {
		args := map[string]any{"component": "object_storage", "storage": fig.objectStored.Value}
		if puts := b.objectPuts(); puts > 0 {
			args["writes_per_month"] = puts
		}
		if err := add("blob", "Object storage", fig.objectStored.Ref, true, args); err != nil {
			return err
		}
		lg.last().store = storeObjects
	}
	if fig.egress.Ref == "" || fig.egress.Value <= 0 {
		return nil
	}
	cdn, api := b.responseBytes(fig, vd)
	if cdn > 0 {
		if err := add("", "CDN", fig.egress.Ref, true, map[string]any{"component": "cdn", "transfer_per_month": cdn}); err != nil {
			return err
		}
		if api > 0 {
			b.assume("Of the %s/month of responses [%s], the files and media (%s) leave through the CDN and the API responses (%s) leave from the load balancer as egress; responses the CDN may cache (public, not per user) can move behind it too, at CDN prices.",
				quantity.FormatBytes(fig.egress.Value), fig.egress.Ref, quantity.FormatBytes(cdn), quantity.FormatBytes(api))
		}
	}
	if api <= 0 {
		return nil
	}
	return add("", egressResponses, fig.egress.Ref, true, map[string]any{"component": "egress", "transfer_per_month": api})
}

// mediaObjectBytes is one stored photo as an app keeps it for the web (a
// JPEG resized to about 1,200 pixels): a record's blob_size smaller than
// this is an average over records most of which carry no file.
const mediaObjectBytes = 100e3

// objectPuts is the objects written a month: one PUT for each file, not
// for each record. A file write is one object; a record whose blob_size
// averages less than one stored photo carries a file only in that share
// of records (10 KB of media on average is one photo of 100 KB in one
// record of ten). Archives of events and old records are written in
// large batches, so their requests are negligible and left out.
func (b *builder) objectPuts() float64 {
	puts := 0.0
	var shares []string
	for _, l := range b.loads {
		if l.kind != requirements.Write || l.avg.Ref == "" {
			continue
		}
		switch {
		case isFile(l):
			puts += l.avg.Value * b.spm
		case hasBlob(l):
			share := min(1, float64(l.BlobSize)/mediaObjectBytes)
			puts += l.avg.Value * b.spm * share
			if share < 1 {
				shares = append(shares, fmt.Sprintf("%q carries %s of files on average, one stored file of %s in %s of its records (%s records/s on average [%s] × %s = %s PUT/s)",
					l.Name, quantity.FormatBytes(float64(l.BlobSize)), quantity.FormatBytes(mediaObjectBytes), quantity.FormatPercent(share),
					formatNum(l.avg.Value), l.avg.Ref, quantity.FormatPercent(share), formatNum(capacity.Tidy(l.avg.Value*share))))
			}
		}
	}
	if puts > 0 {
		b.assume("Object storage is priced with one PUT request for each file written, not for each record%s; archives are written in large batches and their requests are left out.", strings.Join(append([]string{""}, shares...), ": "))
	}
	return math.Round(puts)
}

// usesCDN says whether a CDN serves the design's responses.
func (b *builder) usesCDN(vd *verdicts) bool {
	c := vd.by[qStorage]
	return c != nil && (behindCDN(c) || c.Option == capacity.OptionObjectStorage && b.publicFiles())
}

var budgetRe = lazyre.New(`(?i)\$?\s*(\d[\d,]*(?:\.\d+)?\s*[kKM]?)\s*(?:USD|\$|dollars)?\s*(?:/|per|a)?\s*(month|mo|year|yr)?`)

// budgetUSD reads a monthly budget from the constraints: "2000 USD/month",
// "$300 a month", "60k USD/year".
func (b *builder) budgetUSD() float64 {
	if b.req.Constraints == nil {
		return 0
	}
	m := budgetRe.FindStringSubmatch(b.req.Constraints.Budget)
	if m == nil {
		return 0
	}
	v, err := quantity.ParseCount(strings.ReplaceAll(m[1], " ", ""))
	if err != nil || v <= 0 {
		return 0
	}
	if p := strings.ToLower(m[2]); p == "year" || p == "yr" {
		v /= 12
	}
	return v
}

func (b *builder) costSummary(fig figures, lines []CostLine) error {
	prices := b.prices
	s := &CostSummary{PriceDate: prices.Date, PriceTable: prices.Region, Sources: prices.Sources}
	var parts []string
	for _, l := range lines {
		s.TotalUSD += l.MonthlyUSD
		parts = append(parts, fmt.Sprintf("%s $%s", l.Component, formatNum(capacity.Tidy(l.MonthlyUSD))))
	}
	s.TotalUSD = capacity.Tidy(s.TotalUSD)
	s.Formula = strings.Join(parts, " + ") + " = $" + formatNum(s.TotalUSD) + "/month"
	if row, ok := b.d.row(b.phaseRef("")); ok {
		s.PhaseUSD = row.Value
		s.Reconcile = reconcile(s.TotalUSD, row.Value, lines)
	}
	for _, h := range fig.curve {
		if err := b.costAt(fig, s, lines, h); err != nil {
			return err
		}
	}
	stale := ""
	if b.now != nil {
		if months, old := prices.Stale(b.now()); old {
			stale = fmt.Sprintf("; the table is %d months old, so check current prices before quoting these figures", months)
		}
	}
	b.assume("Costs are list prices of the price table (%s, %s)%s; --prices FILE prices another cloud or negotiated rates.", prices.Region, prices.Date, stale)
	if cloud := cloudElsewhere(b.req.Constraints, prices.Region); cloud != "" {
		b.ask("The constraints name %s as the cloud in place, but the cost is priced with %s: run again with --prices FILE holding %s's prices, or read every figure of the Cost Estimate as that cloud's.", cloud, prices.Region, cloud)
	}
	if budget := b.budgetUSD(); budget > 0 {
		s.BudgetUSD = budget
		s.GapUSD = capacity.Tidy(s.TotalUSD - budget)
		if s.GapUSD > 0 {
			if err := b.savings(s, lines); err != nil {
				return err
			}
		}
	}
	slices.SortStableFunc(s.Savings, func(x, y Saving) int { return cmp.Compare(y.SavingUSD, x.SavingUSD) })
	b.d.CostSummary = s
	return nil
}

// reconcile explains a bottom-up total more than three times off the
// playbook's flat figure for the phase by its dominant line: the playbook
// prices a phase of request load and knows nothing of bytes kept or sent.
func reconcile(total, phase float64, lines []CostLine) string {
	if phase <= 0 || total <= 0 || (total <= 3*phase && total >= phase/3) {
		return ""
	}
	top := lines[0]
	for _, l := range lines[1:] {
		if l.MonthlyUSD > top.MonthlyUSD {
			top = l
		}
	}
	share := 100 * top.MonthlyUSD / total
	why := "a count of instances the load needs"
	switch kind, _ := top.args["component"].(string); {
	case top.store != "" || kind == "object_storage":
		why = "bytes the design keeps, which grow with retention, not with requests"
	case kind == "egress" || kind == "cdn":
		why = "bytes sent to clients, which grow with the size of what is read, not with the request rate"
	case kind == "nat_gateway" || kind == "cross_az":
		why = "bytes moved through NAT or between zones, which grow with the size of what is sent, not with the request rate"
	case kind == "queue_broker":
		why = "the log's brokers and the days of data they keep"
	}
	if total < phase {
		return fmt.Sprintf("The bottom-up total is %s× below the playbook's figure: the load is small for its phase, and the largest line is %s at $%s/month (%s%%). Trust the bottom-up figure; the playbook's is a rough figure for a whole phase.",
			formatNum(capacity.Tidy(phase/total)), top.Component, formatNum(capacity.Tidy(top.MonthlyUSD)), formatNum(math.Round(share)))
	}
	return fmt.Sprintf("The bottom-up total is %s× the playbook's figure. %s dominates at $%s/month (%s%% of the total): %s. The playbook prices request load only, so trust the bottom-up line and check its inputs.",
		formatNum(capacity.Tidy(total/phase)), top.Component, formatNum(capacity.Tidy(top.MonthlyUSD)), formatNum(math.Round(share)), why)
}

// costAt prices the lines at a horizon, each grown by the rule of its
// kind: the API fleet is counted again with the servers tool at the grown
// peak, a database primary grows in vCPU before it grows in number, other
// fleets grow in instances, and bytes grow with the load.
func (b *builder) costAt(fig figures, s *CostSummary, lines []CostLine, h horizon) error {
	var total float64
	stored := map[string]float64{}
	perLine := make([]float64, 0, len(lines))
	for _, l := range lines {
		if !l.Grows {
			total += l.MonthlyUSD
			perLine = append(perLine, l.MonthlyUSD)
			continue
		}
		args, err := b.grownArgs(fig, l, h.Factor)
		if err != nil {
			return err
		}
		b.storedArgs(fig, l, h, args)
		if v, ok := args["storage"].(float64); ok && l.store != "" {
			stored[l.Component] = v
		}
		r, err := b.call("cost", args)
		if err != nil {
			// Past the largest instance at this horizon: the count grows.
			args["count"] = math.Ceil(toFloat(args["count"], 1) * h.Factor)
			if r, err = b.call("cost", args); err != nil {
				return fmt.Errorf("cost of %s at %s: %w", l.Component, h.Name, err)
			}
		}
		total += r.Outputs["monthly_usd"].(float64)
		perLine = append(perLine, r.Outputs["monthly_usd"].(float64))
	}
	if len(stored) == 0 {
		stored = nil
	}
	s.Horizons = append(s.Horizons, CostHorizon{Horizon: h.Name, Growth: h.Factor, TotalUSD: capacity.Tidy(total), StoredBytes: stored, LineUSD: perLine,
		Formula: fmt.Sprintf("the lines above at ×%s load: the API fleet counted again at the grown peak, the database primary grown in vCPU, other fleets in instances, transfer ×%s, each store's bytes as it holds them at %s = $%s/month", formatNum(h.Factor), formatNum(h.Factor), h.Name, formatNum(capacity.Tidy(total)))})
	return nil
}

// storedArgs prices a line that holds a store's bytes at what the store
// holds at the horizon (its own derived figure), and a wide-column
// store's nodes in proportion to those bytes.
func (b *builder) storedArgs(fig figures, l CostLine, h horizon, args map[string]any) {
	if l.store == "" {
		return
	}
	at, ok := fig.heldAt[l.store][h.Name]
	first := fig.heldAt[l.store][fig.curve[0].Name]
	if !ok || first.Value <= 0 {
		return
	}
	today, _ := l.args["storage"].(float64)
	if l.store == storeRecords {
		n := math.Ceil(toFloat(l.args["count"], 1) * at.Value / first.Value)
		args["count"], args["storage"] = n, n*wideNodeBytes
		return
	}
	// Today's line holds the first horizon's bytes (what the store is
	// chosen for), so the ratio carries any rounding the line made.
	args["storage"] = today * at.Value / first.Value
}

// grownArgs are a cost line's arguments at f times today's load.
func (b *builder) grownArgs(fig figures, l CostLine, f float64) (map[string]any, error) {
	args := maps.Clone(l.args)
	for _, k := range []string{"storage", "transfer_per_month", "transfer_after", "memory", "writes_per_month"} {
		if v, ok := args[k].(float64); ok {
			args[k] = v * f
		}
	}
	switch kind, _ := args["component"].(string); {
	case l.nodesAt != nil:
		n, err := l.nodesAt(f)
		if err != nil {
			return nil, err
		}
		args["count"] = n
	case l.part == "api":
		r, err := b.call("servers", map[string]any{"peak_rps": fig.apiPeak.Value * f, "per_server_rps": fig.apiPerServer})
		if err != nil {
			return nil, err
		}
		n := r.Outputs["servers"].(float64)
		args["count"], args["vcpu"] = math.Max(1, n-l.existing), b.apiServerVCPU(fig, n, fig.apiPeak.Value*f)
	case kind == "database" && args["vcpu"] != nil:
		args["vcpu"] = dbVCPU((fig.dbWrites.Value + fig.dbReads.Value) * f)
		if l.Component == "Read replicas" {
			args["count"] = math.Ceil(toFloat(args["count"], 1) * f)
		}
	case kind == "cache" || kind == "object_storage" || kind == "egress" || kind == "cdn" || kind == "nat_gateway" || kind == "cross_az":
		// Memory and bytes grew above; the node count follows on error.
	case kind == "load_balancer":
		args["lcu"] = math.Ceil(toFloat(args["lcu"], 1) * f)
	default:
		args["count"] = math.Ceil(toFloat(args["count"], 1) * f)
	}
	return args, nil
}

func toFloat(v any, def float64) float64 {
	if f, ok := v.(float64); ok {
		return f
	}
	return def
}

// savings lists the cheapest changes that close a gap, each priced with
// the cost tool: a commitment, a CDN for egress, cold storage for old
// bytes, no standby.
func (b *builder) savings(s *CostSummary, lines []CostLine) error {
	prices := b.prices
	for _, l := range lines {
		kind, _ := l.args["component"].(string)
		switch {
		case prices.CommitmentDiscount[kind] > 0:
			args := maps.Clone(l.args)
			args["commitment"] = true
			if err := b.saving(s, l, args, "commit to one year of "+l.Component, "paid whether or not the capacity is used; sized on today's load"); err != nil {
				return err
			}
		case kind == "egress" && l.Component == egressResponses:
			args := maps.Clone(l.args)
			args["component"] = "cdn"
			if err := b.saving(s, l, args, "serve responses through a CDN", "cache headers and invalidation to get right; a second provider on the path"); err != nil {
				return err
			}
		case kind == "nat_gateway":
			args := maps.Clone(l.args)
			args["transfer_per_month"] = 0.0
			if err := b.saving(s, l, args, "send the bulk calls out from servers in public subnets (or over IPv6 through an egress-only gateway) instead of through NAT", "those servers need addresses of their own and tight security groups; the NAT gateways stay for the rest"); err != nil {
				return err
			}
		case kind == "object_storage":
			args := maps.Clone(l.args)
			args["cold_fraction"] = 0.5
			if err := b.saving(s, l, args, "move the older half of the stored bytes to a cold storage class", "reads of cold objects are slower and billed per retrieval"); err != nil {
				return err
			}
		}
		if kind == "database" && l.args["standby"] == true {
			args := maps.Clone(l.args)
			args["standby"] = false
			if err := b.saving(s, l, args, "run the database without a standby", "a zone outage becomes a restore from backup: hours of downtime and the last minutes of writes at risk"); err != nil {
				return err
			}
		}
	}
	return nil
}

func (b *builder) saving(s *CostSummary, l CostLine, args map[string]any, change, tradeOff string) error {
	r, err := b.call("cost", args)
	if err != nil {
		return err
	}
	after := r.Outputs["monthly_usd"].(float64)
	if after >= l.MonthlyUSD {
		return nil
	}
	saved := capacity.Tidy(l.MonthlyUSD - after)
	s.Savings = append(s.Savings, Saving{Change: change, SavingUSD: saved, TradeOff: tradeOff,
		Formula: fmt.Sprintf("%s $%s now; %s; saves $%s/month", l.Component, formatNum(capacity.Tidy(l.MonthlyUSD)), r.Formula, formatNum(saved))})
	return nil
}

// logPart is the model's part the Kafka brokers carry: the event log, or
// the queue when the jobs ride on Kafka.
func (b *builder) logPart(vd *verdicts) string {
	if _, ok := vd.by[qEvents]; ok {
		return "log"
	}
	return "queue"
}

// ledger is what the cost pass writes as it goes: the lines priced so
// far, and the engine's parts that run on what the constraints list as
// existing (an API fleet), which it returns for the model.
type ledger struct {
	lines    []CostLine
	existing []string
}

// last is the cost line added last, for a step to attach how it grows.
func (lg *ledger) last() *CostLine { return &lg.lines[len(lg.lines)-1] }

// existingFleetRe reads an existing fleet from a constraints entry: "40 API
// servers", "12 gateways", "a fleet of 30 app servers".
var existingFleetRe = lazyre.Guarded(`(?i)\b(\d[\d,]*)\s+(?:api |app |application |web |gateway |front-end |frontend )?(servers|gateways|hosts|instances|nodes)\b`, "server", "gateway", "host", "instance", "node")

// existingFleet is the number of API servers the constraints list as in
// place, or 0.
func (b *builder) existingFleet() float64 {
	if b.req.Constraints == nil {
		return 0
	}
	for _, e := range b.req.Constraints.Existing {
		if m := existingFleetRe.FindStringSubmatch(e); m != nil {
			if n, err := strconv.ParseFloat(strings.ReplaceAll(m[1], ",", ""), 64); err == nil && n > 0 {
				return n
			}
		}
	}
	return 0
}

// clouds are the public clouds a constraints.existing entry may name, each
// with the names it goes by.
var clouds = []struct {
	name  string
	names []string
}{
	{"AWS", []string{"aws", "amazon web services"}},
	{"Google Cloud", []string{"gcp", "google cloud"}},
	{"Azure", []string{"azure", "microsoft azure"}},
}

// cloudElsewhere is the cloud constraints.existing names when the price
// table is another's ("existing: [Azure]" priced with AWS's table), or "".
func cloudElsewhere(c *requirements.Constraints, region string) string {
	if c == nil {
		return ""
	}
	region = strings.ToLower(region)
	for _, e := range c.Existing {
		e = strings.ToLower(strings.TrimSpace(e))
		for _, cl := range clouds {
			if !slices.ContainsFunc(cl.names, func(n string) bool { return e == n || strings.HasPrefix(e, n+" ") }) {
				continue
			}
			if slices.ContainsFunc(cl.names, func(n string) bool { return strings.Contains(region, n) }) {
				return ""
			}
			return cl.name
		}
	}
	return ""
}
