package design

import (
	"fmt"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
)

// An item is rarely one kind of bytes. A tweet is a few hundred bytes of
// record and ten kilobytes of media; a search index holds its 140 bytes of
// text. The anatomy of a write (blob_size, indexed_size) sends each part
// to the store built for it: the file part to object storage, read through
// a CDN; the record part to the store of record; the indexed text to the
// search index. Sizing the record store or the index from the whole item
// is the commonest way a design ends up a hundred times too dear.

// hasBlob says whether a workload names the file part of its items.
func hasBlob(l *load) bool { return l.BlobSize > 0 && l.ItemSize > 0 }

// recordBytes is the bytes of one item that live with the record.
func recordBytes(l *load) float64 {
	return float64(l.ItemSize) - float64(l.BlobSize)
}

// anatomy splits what a write keeps into its record, blob and indexed
// parts, each a call of the storage tool, after the whole item's figures
// are recorded. The whole item stays on the capacity sheet (it is what a
// back-of-the-envelope reproduces); the stores are sized from the parts.
func (b *builder) anatomy(l *load, args map[string]any) error {
	if l.kind != requirements.Write || l.ItemSize == 0 {
		return nil
	}
	part := func(suffix string, bytes float64) (figure, figure, error) {
		a := flowArgs(l, args)
		a["item_bytes"] = bytes
		r, err := b.call("storage", a)
		if err != nil {
			return figure{}, figure{}, err
		}
		ids := b.record(l.Name+": "+suffix, "", r, "bytes_per_month", "total_bytes")
		return figure{r.Outputs["bytes_per_month"].(float64), ids["bytes_per_month"]}, figure{r.Outputs["total_bytes"].(float64), ids["total_bytes"]}, nil
	}
	if hasBlob(l) {
		rec, recTotal, err := part("records", recordBytes(l))
		if err != nil {
			return err
		}
		blob, blobTotal, err := part("files", float64(l.BlobSize))
		if err != nil {
			return err
		}
		l.monthly, l.total = rec, recTotal
		l.blobMonthly, l.blobTotal = blob, blobTotal
		b.assume("Of each %s item of %q, %s is a file kept in object storage (blob_size) and %s is the record kept in the store of record.",
			quantity.FormatBytes(float64(l.ItemSize)), l.Name, quantity.FormatBytes(float64(l.BlobSize)), quantity.FormatBytes(recordBytes(l)))
	}
	if l.IndexedSize > 0 {
		idx, _, err := part("indexed text", float64(l.IndexedSize))
		if err != nil {
			return err
		}
		l.indexedMonthly = idx
	}
	return nil
}

// blobParts lists what the writes' file parts add to object storage.
func (b *builder) blobParts(hot map[*load]float64) []storedPart {
	var ps []storedPart
	for _, l := range b.loads {
		if l.blobMonthly.Ref != "" {
			p := b.partOf(hot, l)
			p.name, p.monthly = l.Name+" files", l.blobMonthly
			ps = append(ps, p)
		}
	}
	return ps
}

// indexedCorpus is what the search index holds at the first horizon when
// writes say which of their bytes are indexed (indexed_size): the indexed
// text, within retention, and nothing else.
func (b *builder) indexedCorpus(hot map[*load]float64, curve []horizon) figure {
	var ps []storedPart
	for _, l := range b.loads {
		if l.indexedMonthly.Ref != "" {
			p := b.partOf(hot, l)
			p.name, p.monthly = l.Name+" indexed text", l.indexedMonthly
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 || len(curve) == 0 {
		return figure{}
	}
	var first figure
	for i, h := range curve {
		f := b.derive("the search index", h.Name, storedHorizon("the search index", ps, h, curve))
		if i == 0 {
			first = f
		}
	}
	b.assume("The search index holds only the indexed text of each item (indexed_size), not the whole record: %s at the %s horizon [%s].", quantity.FormatBytes(first.Value), curve[0].Name, first.Ref)
	return first
}

// blobNames lists the writes whose file parts object storage keeps.
func (b *builder) blobNames() []string {
	var names []string
	for _, l := range b.loads {
		if l.blobMonthly.Ref != "" {
			names = append(names, fmt.Sprintf("the files of %q", l.Name))
		}
	}
	return names
}
