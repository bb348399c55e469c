package design

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/patterns"
)

// sizeParts sizes the archetype parts the engine knows how to size: a
// shared in-memory store that carries absorbed flows (a rate limiter's
// counters, a dispatcher's live positions) is counted in nodes by its peak
// operations, as a Redis node takes about capacity.RedisOpsPerSecond. A
// part it cannot size stays unsized, and the model says so.
func (b *builder) sizeParts(mg *merged) (partLoads, error) {
	var out partLoads
	seen := map[string]bool{}
	for _, l := range b.loads {
		if !absorbed(l) {
			continue
		}
		p, ok := b.carrier(mg, l)
		if !ok || p.comp.Kind != "in-memory" || seen[p.id] {
			continue
		}
		seen[p.id] = true
		peak := b.sum("peak operations on "+p.comp.Name, p.comp.Name+" operations", func(l *load) bool {
			c, ok := b.carrier(mg, l)
			return absorbed(l) && ok && c.id == p.id
		})
		if peak.Ref == "" {
			continue
		}
		args := map[string]any{"peak_rps": peak.Value, "per_server_rps": capacity.RedisOpsPerSecond}
		f, _, err := b.measure(p.comp.Name+": in-memory nodes", "servers", args, "servers", "utilization_at_peak")
		if err != nil {
			return out, fmt.Errorf("sizing %s: %w", p.comp.Name, err)
		}
		out = append(out, partLoad{id: p.id, name: p.comp.Name, peak: peak, nodes: f})
		for i := range b.d.Services {
			if s := &b.d.Services[i]; s.Name == p.comp.Name {
				s.Justification += fmt.Sprintf(" Sized: %s nodes [%s] for %s operations/s at peak [%s].", formatNum(f.Value), f.Ref, formatNum(peak.Value), peak.Ref)
			}
		}
		b.assume("%s is counted in nodes by its peak operations: one in-memory node (Redis) takes about %s operations a second, with one spare.", p.comp.Name, formatNum(capacity.RedisOpsPerSecond))
	}
	return out, nil
}

// costParts prices the sized archetype parts, in the order they were
// merged. An existing part that one node carries costs nothing new; one
// whose load needs more is priced for the nodes it needs, and the
// document says the existing instance is not enough.
func (b *builder) costParts(mg *merged, pl partLoads, lg *ledger, add func(string, string, string, bool, map[string]any) error) error {
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
		if err := add(p.id, p.comp.Name+" nodes", f.Ref, true, args); err != nil {
			return err
		}
		nodesAt := func(growth float64) (float64, error) {
			r, err := b.inMemoryNodes(sized.peak.Value * growth)
			if err != nil {
				return 0, err
			}
			return r.Outputs["servers"].(float64), nil
		}
		lg.last().nodesAt = nodesAt
		if !b.standby() {
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
		r, err := b.inMemoryNodes(sized.peak.Value * h.Factor)
		if err != nil {
			return nil, nil, fmt.Errorf("sizing %s at %s: %w", p.comp.Name, h.Name, err)
		}
		ids := b.record(p.comp.Name+": in-memory nodes", h.Name, r, "servers")
		if n := r.Outputs["servers"].(float64); n != now.Value {
			grows = append(grows, p.id)
			changes = append(changes, fmt.Sprintf("%s grows to %s in-memory nodes [%s] from %s [%s]", p.comp.Name, formatNum(n), ids["servers"], formatNum(now.Value), now.Ref))
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
			if s := &b.d.Services[i]; s.Name == p.comp.Name {
				s.Justification += fmt.Sprintf(" Sized: %s nodes [%s].", formatNum(nodes.Value), nodes.Ref)
			}
		}
		return
	}
}

// costNodes prices the parts counted in nodes; one the constraints list
// as existing costs nothing new.
func (b *builder) costNodes(mg *merged, add func(string, string, string, bool, map[string]any) error) error {
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
		out = append(out, fmt.Sprintf("%s: %s in-memory nodes [%s] for %s operations/s at peak [%s]", p.name, formatNum(p.nodes.Value), p.nodes.Ref, formatNum(p.peak.Value), p.peak.Ref))
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

// inMemoryNodes counts the in-memory nodes (Redis) a peak of operations
// needs, with the servers tool.
func (b *builder) inMemoryNodes(peak float64) (called, error) {
	return b.call("servers", map[string]any{"peak_rps": peak, "per_server_rps": capacity.RedisOpsPerSecond})
}
