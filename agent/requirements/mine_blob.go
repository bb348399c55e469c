package requirements

import (
	"regexp"

	"github.com/sysarch/sysarch/agent/quantity"
)

// blobRe reads the file part of an item from prose: "10 KB of media",
// "2MB of photos", "about 300 KB of attachments", "a 50KB page".
var blobRe = regexp.MustCompile(`(?i)\b(\d[\d,]*(?:\.\d+)?\s*[kmg]i?b)\s+of\s+(?:\w+\s+)?(media|photos?|images?|pictures?|attachments?|videos?|audio|pages?|files?)\b`)

// readBlob notes the sizes of the file parts the prose names.
func (m *miner) readBlob(s string) {
	for _, g := range blobRe.FindAllStringSubmatch(s, -1) {
		b, err := quantity.ParseItemSize(g[1])
		if err != nil || b <= 0 {
			continue
		}
		m.blobs = append(m.blobs, sizeFact{noun: g[2], bytes: b, sentence: s})
	}
}

// applyBlobs sets blob_size on the writes whose items are larger than the
// file part the prose names, so the file goes to object storage and the
// record stays in its store; a write whose item_size is not larger is
// left alone (the whole item is then the file, or its size is unknown).
func (m *miner) applyBlobs() {
	for _, f := range m.blobs {
		for i := range m.r.Workloads {
			w := &m.r.Workloads[i]
			if w.Kind != Write || float64(w.ItemSize) <= f.bytes || !m.empty(wpath(i, "blob_size"), w.BlobSize == 0) {
				continue
			}
			w.BlobSize = quantity.Size(f.bytes)
			m.record(wpath(i, "blob_size"), quantity.FormatBytes(f.bytes), f.sentence)
		}
	}
}
