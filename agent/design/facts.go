package design

import (
	"slices"

	"github.com/sysarch/sysarch/agent/capacity"
)

// A fact is something a section's sentence counts on, named by id: a hot
// path that sends reads to replicas relies on the database having them.
// Each section lists its facts (relies_on) and the check holds them to
// the verdicts and the model, never to the wording.
const (
	// factReplicas: the database verdict has read replicas.
	factReplicas = "database:read-replicas"
	// factCDN: the model has a CDN part.
	factCDN = "part:cdn"
	// factSharded: the database is spread over nodes, or a threshold
	// the growth passes says when it will be.
	factSharded = "database:sharded"
)

// factNames say in words what each fact is, for the check's findings.
var factNames = map[string]string{
	factReplicas: "read replicas of the database",
	factCDN:      "a CDN",
	factSharded:  "sharding the database",
}

// holds says whether a fact is true of the design.
func (d *Design) holds(fact string) bool {
	db := d.component("database")
	switch fact {
	case factReplicas:
		return hasReplicas(db)
	case factCDN:
		return d.Model != nil && d.Model.has("cdn")
	case factSharded:
		if isSharded(db) {
			return true
		}
		for _, w := range d.Warnings {
			if w.Crossed && w.Shards {
				return true
			}
		}
	}
	return false
}

// isLoad says whether a name is one of the workloads' (a figure of a
// workload, not of an archetype or a verdict).
func (b *builder) isLoad(name string) bool {
	return slices.ContainsFunc(b.loads, func(l *load) bool { return l.Name == name })
}

// component is the first verdict for a need, or nil.
func (d *Design) component(need string) *Component {
	for i := range d.Components {
		if d.Components[i].Need == need {
			return &d.Components[i]
		}
	}
	return nil
}

// spreadsRows says whether a database verdict keeps its rows on several
// relational nodes (sharded PostgreSQL, Vitess or CockroachDB).
func spreadsRows(c *Component) bool {
	return c != nil && (c.Option == capacity.OptionShardedPostgres || c.Option == capacity.OptionDistributedSQL)
}
