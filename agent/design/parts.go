package design

import (
	"fmt"
	"math"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/patterns"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// sizeParts sizes the archetype parts the engine knows how to size, by the
// absorbed flows they carry: a shared in-memory store or a cache of the
// archetype's own (a rate limiter's counters, a dispatcher's live
// positions, a leaderboard's sorted sets) is counted in nodes by its peak
// operations, as a Redis node takes about capacity.RedisOpsPerSecond; a
// serving tier (autocomplete's suggestion servers, an editor's document
// session servers) or a worker pool of its own in servers by the CPU its
// requests take (cpuclass.go); an index of its own in nodes by its
// queries. A part it cannot size stays unsized, and the model says so.
func (b *builder) sizeParts(mg *merged, st *stored) (partLoads, error) {
	var out partLoads
	seen := map[string]bool{}
	for _, l := range b.loads {
		p, ok := b.loadedPart(mg, l)
		if !ok || seen[p.id] || !sizable(p) {
			continue
		}
		seen[p.id] = true
		carried := func(l *load) bool {
			c, ok := b.loadedPart(mg, l)
			return ok && c.id == p.id
		}
		pl := partLoad{id: p.id, name: p.comp.Name, kind: p.comp.Kind, per: capacity.RedisOpsPerSecond}
		switch pl.kind {
		case "service":
			pl.vcpu = partServiceVCPU
		case "worker":
			pl.vcpu = workerVCPU
		case "index":
			pl.vcpu, pl.per = searchNodeVCPU, capacity.SearchNodeQueries
		case "cache":
			pl.kind = "in-memory"
		}
		pl.peak = b.sum(fmt.Sprintf("peak %s on %s", pl.what(), p.comp.Name), p.comp.Name+" "+pl.what(), carried)
		if pl.peak.Ref == "" {
			continue
		}
		mix := ""
		if pl.kind == "service" || pl.kind == "worker" {
			pl.per, mix = b.perServer(st.cacheable, carried, pl.vcpu)
		}
		// A store served from memory with a replica of each node in a second
		// zone has its redundancy in the replicas: no spare primary on top.
		pl.replicated = pl.kind == "in-memory" && b.standby()
		args := pl.serversArgs(pl.peak.Value)
		f, _, err := b.measure(p.comp.Name+": "+pl.unit(), "servers", args, "servers", "utilization_at_peak")
		if err != nil {
			return out, fmt.Errorf("sizing %s: %w", p.comp.Name, err)
		}
		pl.nodes = f
		held := ""
		if pl.kind == "in-memory" {
			mem, err := b.partMemory(p.comp.Name, carried, st)
			if err != nil {
				return out, err
			}
			if mem.Ref != "" {
				pl.mem = mem
				held = fmt.Sprintf(" It holds %s of cached responses [%s].", quantity.FormatBytes(mem.Value), mem.Ref)
				spare, spareText := 1.0, "+ 1 spare"
				if pl.replicated {
					spare, spareText = 0, "+ 0 spare (the replicas are the redundancy)"
				}
				if need := math.Ceil(mem.Value/capacity.RedisNodeBytes) + spare; need > f.Value {
					// Its memory, not its operations, sets the count.
					pl.floor = b.derive(p.comp.Name, "", derived{Tool: "memory", Quantity: "in-memory nodes by memory", Unit: "count", Value: need,
						Formula: fmt.Sprintf("ceil(%s [%s] / %s a node) = %s, %s = %s nodes", quantity.FormatBytes(mem.Value), mem.Ref, quantity.FormatBytes(capacity.RedisNodeBytes), formatNum(need-spare), spareText, formatNum(need))})
					pl.nodes, f = pl.floor, pl.floor
					b.assume("%s is counted by its memory: %s [%s] needs more nodes than its operations do.", p.comp.Name, quantity.FormatBytes(mem.Value), mem.Ref)
				}
			}
		}
		out = append(out, pl)
		for i := range b.d.Services {
			if s := &b.d.Services[i]; p.row && s.arch == p.id {
				s.Justification += fmt.Sprintf(" Sized: %s %s [%s] for %s %s/s at peak [%s].%s", formatNum(f.Value), pl.unit(), f.Ref, formatNum(pl.peak.Value), pl.what(), pl.peak.Ref, held)
			}
		}
		switch pl.kind {
		case "index":
			b.assume("%s is counted in nodes of %s vCPU by its peak queries: one node answers about %s queries a second (the search node's figure), with one spare; the size of what it indexes is not counted yet.", p.comp.Name, formatNum(pl.vcpu), formatNum(capacity.SearchNodeQueries))
			continue
		case "worker":
			b.assume("%s is counted in servers of %s vCPU by the CPU each item of its work takes: %s; a load test with the real handlers should replace these figures.", p.comp.Name, formatNum(pl.vcpu), mix)
			continue
		case "service":
			b.assume("%s is counted in servers of %s vCPU by the CPU its requests take: %s; it keeps what it serves in memory, so a server is added for CPU, not for state, and a load test should replace these figures.", p.comp.Name, formatNum(pl.vcpu), mix)
			continue
		}
		if pl.replicated {
			b.assume("%s is counted in nodes by its peak operations: one in-memory node (Redis) takes about %s operations a second; each node has a replica in a second zone that takes over when it fails, so no spare node is added.", p.comp.Name, formatNum(capacity.RedisOpsPerSecond))
			continue
		}
		b.assume("%s is counted in nodes by its peak operations: one in-memory node (Redis) takes about %s operations a second, with one spare.", p.comp.Name, formatNum(capacity.RedisOpsPerSecond))
	}
	return out, nil
}

// partMemory sizes what an in-memory part keeps of the cacheable reads it
// serves (a seat-map cache), each with the cache tool, and totals it; no
// figure when none of them states its item size.
func (b *builder) partMemory(name string, carried func(*load) bool, st *stored) (figure, error) {
	cached := func(l *load) bool {
		return carried(l) && l.kind == requirements.Read && st.cacheable[l] && l.ItemSize > 0 && !isFile(l) && l.peak.Ref != ""
	}
	for _, l := range b.loads {
		if cached(l) {
			if err := b.cacheOf(l, st); err != nil {
				return figure{}, err
			}
		}
	}
	return b.sumOf("memory of "+name, "cached reads it serves", "bytes", cached, func(l *load) figure { return st.cacheMemOf[l] }), nil
}

// loadedPart is the archetype part whose size a flow counts towards: the
// part that carries it, or the part it updates after its own store of
// record (absorbs with also).
func (b *builder) loadedPart(mg *merged, l *load) (archPart, bool) {
	if absorbed(l) {
		return b.carrier(mg, l)
	}
	if l.alsoTo == "" {
		return archPart{}, false
	}
	for _, p := range mg.parts {
		if p.arch.ID == l.alsoByID && p.comp.Name == l.alsoTo {
			return b.covering(mg, p), true
		}
	}
	return archPart{}, false
}

// partServiceVCPU is the server a serving tier an archetype brings is
// counted in: its index or sessions are held in memory on each one.
const partServiceVCPU = 8

// sizable says whether sizeParts can size a part: a shared in-memory
// store, a cache of the archetype's own (one that refines the engine's
// cache is the Cache decision's), or a serving tier.
func sizable(p archPart) bool {
	switch p.comp.Kind {
	case "in-memory", "service":
		return true
	case "cache", "worker", "index":
		// One that refines an engine part (the Workers, the Search
		// engine) is sized there.
		return p.comp.Refines == ""
	}
	return false
}

// costParts prices the sized archetype parts, in the order they were
// merged. An existing part that one node carries costs nothing new; one
// whose load needs more is priced for the nodes it needs, and the
// document says the existing instance is not enough.
func (b *builder) costParts(mg *merged, pl partLoads, lg *ledger, add addLine) error {
	for _, p := range mg.parts {
		sized, ok := pl.of(p.id)
		if !ok || p.coveredBy != "" { // its covering part is priced
			continue
		}
		f := sized.nodes
		if b.existing(p.tech) {
			if f.Value <= 1 {
				continue
			}
			b.assume("%s runs on the %s the constraints list as existing, but its peak needs %s nodes [%s]: the nodes are priced, as one existing instance does not carry it.", p.comp.Name, firstWord(p.tech), formatNum(f.Value), f.Ref)
		}
		args := map[string]any{"component": "cache", "instance": b.prices.Instances["cache"][0].Name, "count": f.Value}
		if sized.mem.Ref != "" {
			// Nodes large enough to hold what it caches, as the Cache
			// decision's nodes are priced.
			args = map[string]any{"component": "cache", "memory": sized.mem.Value, "count": f.Value}
		}
		line := p.comp.Name + " nodes"
		if sized.vcpu > 0 {
			args, line = map[string]any{"component": "compute", "vcpu": sized.vcpu, "count": f.Value}, p.comp.Name
		}
		if err := add(p.id, line, f.Ref, true, args); err != nil {
			return err
		}
		nodesAt := func(growth float64) (float64, error) {
			r, err := b.nodesFor(sized, sized.peak.Value*growth)
			if err != nil {
				return 0, err
			}
			return math.Max(r.Outputs["servers"].(float64), sized.floor.Value), nil
		}
		lg.last().nodesAt = nodesAt
		if sized.vcpu > 0 || !b.standby() {
			// A serving tier, a worker pool or an index holds nothing
			// another node cannot load or rebuild: its spare is its
			// redundancy.
			continue
		}
		// Its state is served from memory: a replica per node in a second
		// zone keeps a lost node from losing it.
		b.assume("%s keeps one replica per node in a second zone (availability of 99.9%% or more), priced as its own line.", p.comp.Name)
		if err := add(p.id, p.comp.Name+" replicas", f.Ref, true, args); err != nil {
			return err
		}
		lg.last().nodesAt = nodesAt
	}
	return nil
}

// firstWord is the technology's first word: "Redis (Redis Cluster …)" is
// Redis.
func firstWord(tech string) string {
	if f := strings.Fields(tech); len(f) > 0 {
		return f[0]
	}
	return tech
}

// partsAt counts the sized parts again at a growth horizon, each with its
// own capacity row, and says which must grow.
func (b *builder) partsAt(mg *merged, pl partLoads, h horizon) (changes, grows []string, err error) {
	for _, p := range mg.parts {
		sized, ok := pl.of(p.id)
		if !ok || p.coveredBy != "" { // counted as its covering part
			continue
		}
		now := sized.nodes
		r, err := b.nodesFor(sized, sized.peak.Value*h.Factor)
		if err != nil {
			return nil, nil, fmt.Errorf("sizing %s at %s: %w", p.comp.Name, h.Name, err)
		}
		ids := b.record(p.comp.Name+": "+sized.unit(), h.Name, r, "servers")
		if n := r.Outputs["servers"].(float64); n > sized.floor.Value && n != now.Value {
			grows = append(grows, p.id)
			changes = append(changes, fmt.Sprintf("%s grows to %s %s [%s] from %s [%s]", p.comp.Name, formatNum(n), sized.unit(), ids["servers"], formatNum(now.Value), now.Ref))
		}
	}
	return changes, grows, nil
}

// partLoad is a sized part's load and size today.
// nodeCount is a part the archetype counts in nodes by one of its figures
// (connection gateways by the users online at once): priced as that many
// compute nodes.
type nodeCount struct {
	id, name string
	nodes    figure
}

// EdgeNodeVCPU is the size of one node of a part an archetype counts in
// nodes (a connection gateway): its figure counts the connections one
// node holds, which memory and sockets bound more than CPU.
const EdgeNodeVCPU = 4

// sizeNodes records that a figure counts the nodes of an archetype's
// component, and says so beside it in Core Components.
func (b *builder) sizeNodes(mg *merged, a *patterns.Archetype, component string, nodes figure) {
	for _, p := range mg.parts {
		if p.arch != a || p.comp.Name != component || p.coveredBy != "" {
			continue
		}
		mg.nodes = append(mg.nodes, nodeCount{id: p.id, name: p.comp.Name, nodes: nodes})
		for i := range b.d.Services {
			if s := &b.d.Services[i]; p.row && s.arch == p.id {
				s.Justification += fmt.Sprintf(" Sized: %s nodes [%s].", formatNum(nodes.Value), nodes.Ref)
			}
		}
		return
	}
}

// costNodes prices the parts counted in nodes; one the constraints list
// as existing costs nothing new.
func (b *builder) costNodes(mg *merged, add addLine) error {
	for _, n := range mg.nodes {
		if err := add(n.id, n.name+" nodes", n.nodes.Ref, true, map[string]any{"component": "compute", "vcpu": EdgeNodeVCPU, "count": n.nodes.Value}); err != nil {
			return err
		}
	}
	return nil
}

type partLoad struct {
	id, name    string
	peak, nodes figure
	// kind is how it is counted: in-memory (a Redis node, also for an
	// archetype's own cache), service or worker (servers by the CPU of
	// their requests), index (nodes by their queries).
	kind string
	// per is what one node takes a second at full load; vcpu the size of
	// one server or node, 0 for an in-memory node (priced as a cache node).
	per, vcpu float64
	// floor is the nodes its memory needs when they are more than its
	// operations need; the count never goes below it.
	floor figure
	// mem is what an in-memory part holds of the cached reads it serves,
	// when their item size is known: the nodes are priced to hold it.
	mem figure
	// replicated says a replica of each node in a second zone is its
	// redundancy (priced as its own line), so it is sized with no spare.
	replicated bool
}

// unit is what the part is counted in.
func (p partLoad) unit() string {
	switch p.kind {
	case "service", "worker":
		return "servers"
	case "index":
		return "index nodes"
	}
	return "in-memory nodes"
}

// what is what its peak counts.
func (p partLoad) what() string {
	switch p.kind {
	case "service":
		return "requests"
	case "index":
		return "queries"
	}
	return "operations"
}

// partLoads are what the sizeParts pass returns: the archetype parts it
// sized, in the order it sized them.
type partLoads []partLoad

// partsNow says what the sized parts carry today, beside the phase the
// client requests place the system in: a limiter's checks run inside
// requests already served, yet they load its counter store.
func (b *builder) partsNow(pl partLoads) []string {
	var out []string
	for _, p := range pl {
		out = append(out, fmt.Sprintf("%s: %s %s [%s] for %s %s/s at peak [%s]", p.name, formatNum(p.nodes.Value), p.unit(), p.nodes.Ref, formatNum(p.peak.Value), p.what(), p.peak.Ref))
	}
	return out
}

// of returns the size of a part the engine sized, by its id.
func (pl partLoads) of(id string) (partLoad, bool) {
	for _, p := range pl {
		if p.id == id {
			return p, true
		}
	}
	return partLoad{}, false
}

// nodesFor counts the nodes a sized part needs for a peak, with the
// servers tool at what one of its nodes takes.
func (b *builder) nodesFor(p partLoad, peak float64) (called, error) {
	return b.call("servers", p.serversArgs(peak))
}

// serversArgs are the servers tool's inputs for a peak: no spare when the
// part's replicas are its redundancy.
func (p partLoad) serversArgs(peak float64) map[string]any {
	args := map[string]any{"peak_rps": peak, "per_server_rps": p.per}
	if p.replicated {
		args["redundancy"] = 0
	}
	return args
}

// unitShort is the unit the summary counts the part in: nodes of memory,
// servers of a serving tier.
func (p partLoad) unitShort() string {
	if p.kind == "service" || p.kind == "worker" {
		return "servers"
	}
	return "nodes"
}
