package design

import (
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// Bytes that move cost money of their own, beyond the servers and stores
// that move them: responses and pushed messages leave to the internet;
// calls to providers and crawled pages pass a NAT gateway; copies kept in
// another zone cross between zones. Each is its own cost line, priced by
// the cost tool from the price table's network section, and only when
// the design has that traffic.

// The zones a design spreads over, and the copies of a replicated store
// (one in each zone).
const (
	zones          = 3
	storeReplicas  = 3
	providerCallKB = 2 // one call to a provider, request and reply, when the flow gives no item_size
)

// providerWords name flows whose copies go to someone else's service
// (a push or mail provider, a customer's webhook); fetchWords flows that
// fetch pages from the internet.
var (
	providerWords = []string{"notif", "email", "e-mail", "mail ", "sms", "webhook", "callback", "digest", "newsletter", "provider", "third-party"}
	fetchWords    = []string{"crawl", "fetch", "scrape", "download page"}
)

// The names of the transfer lines; the savings tell the responses' line
// from the others by its name.
const (
	egressResponses = "Egress to the internet"
	egressMessages  = "Egress of messages sent out"
)

// responseBytes splits the bytes of responses a month: files and the
// blob part of items leave through the CDN when the design has one, the
// rest (API responses) leaves from the load balancer as egress.
func (b *builder) responseBytes(fig figures, vd *verdicts) (cdn, api float64) {
	if !b.usesCDN(vd) {
		return 0, fig.egress.Value
	}
	for _, l := range b.loads {
		if l.egress.Ref == "" || (l.kind != requirements.Read && l.kind != requirements.Search) {
			continue
		}
		switch {
		case isFile(l):
			cdn += l.egress.Value
		case hasBlob(l):
			share := float64(l.BlobSize) / float64(l.ItemSize)
			cdn += l.egress.Value * share
			api += l.egress.Value * (1 - share)
		default:
			api += l.egress.Value
		}
	}
	return cdn, api
}

// pushedToClients says whether a message flow's copies go down the
// clients' connections: it is carried by an edge part that holds them
// (a chat's connection gateways), or its flow starts at the clients.
func (b *builder) pushedToClients(mg *merged, dr *drawing, l *load) bool {
	if l.kind != requirements.Message {
		return false
	}
	if p, ok := b.carrier(mg, l); ok && absorbed(l) && p.comp.Kind == "edge" {
		return true
	}
	return slices.ContainsFunc(dr.flows, func(f Flow) bool {
		return f.Kind == string(requirements.Message) && len(f.Path) > 0 && f.Path[0] == "client" && slices.Contains(f.Workloads, l.Name)
	})
}

// sentOut is a flow whose bytes leave the system or come in from the
// internet, with its bytes a month.
type sentOut struct {
	l     *load
	bytes figure
	nat   bool // passes a NAT gateway (calls out from private servers)
	out   bool // billed as egress (it leaves; crawled pages come in)
}

// outbound lists the flows that send copies out (to clients or
// providers) or fetch pages in, each with its bytes a month.
func (b *builder) outbound(mg *merged, dr *drawing) ([]sentOut, error) {
	var out []sentOut
	for _, l := range b.loads {
		if l.avg.Ref == "" || (l.kind != requirements.Message && l.kind != requirements.Job) {
			continue
		}
		var s sentOut
		switch {
		case b.pushedToClients(mg, dr, l):
			s = sentOut{l: l, out: true}
		case hasWord(l.Name, providerWords):
			s = sentOut{l: l, out: true, nat: true}
		case hasWord(l.Name, fetchWords) && l.ItemSize > 0:
			s = sentOut{l: l, nat: true}
		default:
			continue // internal work: a fan-out into stores, a job on our own data
		}
		if l.ItemSize > 0 && l.egress.Ref != "" {
			s.bytes = l.egress
		} else {
			size, what := b.messageBytes(s.nat)
			f, _, err := b.measure(l.Name+": bytes sent", "bandwidth", flowArgs(l, map[string]any{"item_bytes": size}), "bytes_per_month", "peak_bytes_per_second")
			if err != nil {
				return nil, err
			}
			s.bytes = f
			b.assume("Each copy sent by %q is taken as %s (%s), as the flow gives no item_size.", l.Name, quantity.FormatBytes(size), what)
		}
		out = append(out, s)
	}
	return out, nil
}

// messageBytes is the size of one copy sent when the flow does not say:
// the largest record written (what a delivery carries to a client) or a
// provider call.
func (b *builder) messageBytes(toProvider bool) (float64, string) {
	if !toProvider {
		size := 0.0
		for _, l := range b.loads {
			if l.kind == requirements.Write && l.ItemSize > 0 && !isFile(l) {
				size = max(size, recordBytes(l))
			}
		}
		if size > 0 {
			return size, "the record it delivers, without its files"
		}
	}
	return providerCallKB * 1000, "an HTTPS call and its reply"
}

// costTransfer prices the messages sent out, the NAT gateways and the
// traffic between zones, each as its own line.
func (b *builder) costTransfer(fig figures, vd *verdicts, mg *merged, dr *drawing, add addLine) error {
	sent, err := b.outbound(mg, dr)
	if err != nil {
		return err
	}
	var egress, nat float64
	var egressRefs, natRefs, egressNames, natNames []string
	for _, s := range sent {
		if s.out {
			egress += s.bytes.Value
			egressRefs, egressNames = append(egressRefs, s.bytes.Ref), append(egressNames, fmt.Sprintf("%q", s.l.Name))
		}
		if s.nat {
			nat += s.bytes.Value
			natRefs, natNames = append(natRefs, s.bytes.Ref), append(natNames, fmt.Sprintf("%q", s.l.Name))
		}
	}
	if egress > 0 {
		_, api := b.responseBytes(fig, vd)
		args := map[string]any{"component": "egress", "transfer_per_month": egress}
		if api > 0 {
			args["transfer_after"] = api
		}
		b.assume("The copies sent out by %s leave as egress (%s/month), priced on the egress tiers after the API responses' bytes, as one account's transfer is tiered as a whole.",
			strings.Join(egressNames, " and "), quantity.FormatBytes(egress))
		if err := add("", egressMessages, strings.Join(egressRefs, ", "), true, args); err != nil {
			return err
		}
	}
	if nat > 0 {
		gateways := 1.0
		if b.standby() {
			gateways = zones
		}
		b.assume("Servers in private subnets reach the internet through a NAT gateway (%s: one in each zone the design uses), which bills every GB it processes in either direction on top of egress: %s pass it (%s/month). Gateway endpoints keep object storage traffic off it.",
			formatNum(gateways), strings.Join(natNames, " and "), quantity.FormatBytes(nat))
		if err := add("", "NAT gateways", strings.Join(natRefs, ", "), true, map[string]any{"component": "nat_gateway", "count": gateways, "transfer_per_month": nat}); err != nil {
			return err
		}
	}
	return b.costCrossZone(fig, vd, add)
}

// costCrossZone prices the bytes copied to another zone: producers write
// to a log leader that is in another zone two times in three, and a
// self-run replicated store copies each write to its replicas in the
// other zones. Managed services do not bill their own replication.
func (b *builder) costCrossZone(fig figures, vd *verdicts, add addLine) error {
	if !b.standby() {
		return nil // one zone: nothing crosses
	}
	if _, avg := b.logRates(); avg > 0 {
		bytes := avg * b.spm * (zones - 1) / zones
		b.assume("Kafka runs across %d zones with its partition leaders spread evenly: %d of every %d bytes producers write go to a leader in another zone (%s/month). The brokers' own replication is not billed by the managed service, and consumers read from a replica in their own zone (rack-aware fetching).",
			zones, zones-1, zones, quantity.FormatBytes(bytes))
		if err := add(b.logPart(vd), "Traffic between zones (producers to Kafka)", "", true, map[string]any{"component": "cross_az", "transfer_per_month": bytes}); err != nil {
			return err
		}
	}
	if c, ok := vd.by[qRecords]; ok {
		written := b.sumOf("record bytes written a month", "records the wide-column store takes", "bytes", storeIn(fig.storeOf, storeRecords), func(l *load) figure { return l.monthly })
		if written.Ref != "" && written.Value > 0 {
			bytes := written.Value * (storeReplicas - 1)
			b.assume("The wide-column store (%s) is priced as nodes of our own, with a replication factor of %d, one replica in each of %d zones: each write is copied to %d other zones (%s/month of records [%s] × %d), billed as it leaves one zone and as it enters the other.",
				c.Choice, storeReplicas, zones, storeReplicas-1, quantity.FormatBytes(written.Value), written.Ref, storeReplicas-1)
			if err := add(storeRecords, "Traffic between zones (wide-column replication)", written.Ref, true, map[string]any{"component": "cross_az", "transfer_per_month": bytes}); err != nil {
				return err
			}
		}
	}
	b.assume("Managed services do not bill their own replication between zones (the database's standby and read replicas, the cache's replicas, the Kafka brokers, the search nodes), so those copies have no transfer line; traffic between the API servers and a store in another zone is left out.")
	return nil
}
