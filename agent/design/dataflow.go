package design

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/sysarch/sysarch/agent/requirements"
)

// node is a box of the diagrams: an id for Mermaid, a label and a role.
type node struct {
	id, label, role, shape string
}

// edge joins two nodes, optionally with a label.
type edge struct{ from, to, label string }

// drawing is what the architecture pass returns for the model: the data
// flow's graph of the engine's parts and links, and the path of each
// group of workloads through them.
type drawing struct {
	graph *graph
	flows []Flow
}

// flow records the path of workloads through the engine's parts, and
// what happens along it.
func (dr *drawing) flow(kind string, names []string, storeOfRecord, detail string, path ...string) {
	if len(names) == 0 {
		return
	}
	dr.flows = append(dr.flows, Flow{Workloads: names, Kind: kind, Path: path, StoreOfRecord: storeOfRecord, Detail: detail})
}

// dataFlow lays out the engine's parts and the flows through them, and
// writes the request path as a Mermaid flowchart and a box diagram for the
// terminal, all from the same nodes.
func (b *builder) dataFlow(fig figures, vd *verdicts) *drawing {
	db := b.choiceOf(vd, qDatabase, "PostgreSQL")
	g := &graph{}
	dr := &drawing{graph: g}
	g.add(0, node{"client", "Client", "app or browser", "round"})
	if b.partRow("lb") != nil {
		g.add(1, node{"lb", "Load balancer", "health checks", "box"})
		g.link("client", "lb", "")
		g.link("lb", "api", "")
	} else {
		g.link("client", "api", "")
	}
	g.add(2, node{"api", "API", "stateless, modular", "box"})
	g.add(3, node{"db", db, "source of truth", "db"})
	g.link("api", "db", "SQL")
	b.requestFlows(fig, vd, dr, db)
	b.backgroundFlows(vd, dr, db)
	b.eventFlows(vd, dr, db)
	// The numbered steps are written from the model's flows once it is
	// assembled (systemModel).
	b.d.DataFlow = DataFlow{Steps: []string{}, Mermaid: g.mermaid(), Diagram: g.boxes()}
	return dr
}

// partRow is the Core Components row of the model's part of this id:
// the engine's service placed as that part, or the own row of an
// archetype's part of that id (the web-scaling archetype's "Queue and
// workers" is the part workers), whatever either is called; nil when
// the design has no such part yet.
func (b *builder) partRow(id string) *Service {
	for i := range b.d.Services {
		if s := &b.d.Services[i]; s.part == id || s.arch == id {
			return s
		}
	}
	return nil
}

// requestFlows lays out the synchronous reads, writes, searches and files.
func (b *builder) requestFlows(fig figures, vd *verdicts, dr *drawing, db string) {
	g := dr.graph
	ownReads := func(l *load) bool { return l.kind == requirements.Read && !absorbed(l) }
	ownWrites := func(l *load) bool {
		return l.kind == requirements.Write && !absorbed(l) && fig.storeOf[l] != storeRecords
	}
	bulkWrites := func(l *load) bool {
		return l.kind == requirements.Write && !absorbed(l) && fig.storeOf[l] == storeRecords
	}
	front := b.front()
	// Reads go where the written records are: the record store when every
	// written flow lives there.
	readStore, readID, by := db, "db", "by index"
	if src := b.sourceStore(fig, vd, db); src != db {
		readStore, readID, by = src, storeRecords, "by partition key"
	}
	if reads := b.listOf(ownReads); len(reads) > 0 {
		if c, ok := vd.by[qCache]; ok {
			g.add(3, node{"cache", c.Choice, "cache, TTL", "db"})
			g.link("api", "cache", "get/set")
			dr.flow("read", reads, "", fmt.Sprintf("on a cache hit answer at once, on a miss read the store %s and set the key with a TTL", by), append(front, "cache", readID)...)
		} else {
			dr.flow("read", reads, "", fmt.Sprintf("read %s, then answer", by), append(front, readID)...)
		}
	}
	if writes := b.listOf(ownWrites); len(writes) > 0 {
		s := "the API validates, then writes in one transaction"
		if _, ok := vd.by[qQueue]; ok {
			s += " that also writes an outbox row for the side effects"
		}
		dr.flow("write", writes, "db", s, append(front, "db")...)
	}
	if c, ok := vd.by[qRecords]; ok {
		if bulk := b.listOf(bulkWrites); len(bulk) > 0 {
			g.add(3, node{"records", c.Choice, "bulk records", "db"})
			g.link("api", "records", "append")
			dr.flow("write", bulk, "records", fmt.Sprintf("the API validates and appends each record, partitioned by its key; %s keeps no copy of them", db), append(front, "records")...)
		}
	}
	if _, ok := vd.by[qStorage]; ok {
		g.add(3, node{"blob", "Object storage", storageRole(b.hasFiles(), b.hasRetainedEvents()), "db"})
	}
	if _, ok := vd.by[qStorage]; ok && b.hasFiles() {
		g.link("api", "blob", "pre-signed URLs")
		dr.flow("file", b.listOf(isFile), "blob", fmt.Sprintf("the client uploads and downloads through pre-signed URLs, so bytes never pass through the API; %s keeps the metadata", db), "client", "blob")
	}
	if c, ok := vd.by[qSearch]; ok {
		if isElastic(c) {
			g.add(3, node{"search", c.Choice, "search index", "db"})
			g.link("api", "search", "query")
			g.link(readID, "search", "index changes")
		}
		detail := fmt.Sprintf("the index answers; it follows %s and can be rebuilt from it", readStore)
		// A search an archetype's part answers runs to that part alone.
		searches := b.listOf(func(l *load) bool { return l.kind == requirements.Search && !absorbed(l) })
		path := slices.Clone(front)
		if cc, ok := vd.by[qCache]; ok && len(searches) > 0 && !g.has("cache") {
			// The cache the matrix chose for cacheable searches, when no
			// read drew it: it answers repeated queries before the index.
			g.add(3, node{"cache", cc.Choice, "cache, TTL", "db"})
			g.link("api", "cache", "get/set")
			path = append(path, "cache")
			detail = "on a cache hit answer at once, on a miss " + detail
		}
		if isElastic(c) {
			dr.flow("search", searches, "", detail, append(path, "search")...)
		} else {
			dr.flow("search", searches, "", detail, append(path, "db")...)
		}
	}
}

// backgroundFlows lays out the queue and the workers.
func (b *builder) backgroundFlows(vd *verdicts, dr *drawing, db string) {
	g := dr.graph
	c, ok := vd.by[qQueue]
	if !ok {
		return
	}
	g.add(3, node{"queue", c.Choice, "pending jobs", "queue"})
	g.add(2, node{"workers", "Workers", "idempotent", "box"})
	g.link("api", "queue", "enqueue")
	g.link("queue", "workers", "consume")
	g.link("workers", "db", "results")
	// A message an archetype's part carries (the chat's gateways) takes
	// that path, not this one: one flow per workload.
	queued := func(l *load) bool { return kindIs(requirements.Job, requirements.Message)(l) && !absorbed(l) }
	dr.flow("job", b.listOf(queued), "db",
		"a relay moves committed outbox rows onto the queue; workers consume them, do the work, record the result, and retry with backoff",
		"api", "queue", "workers", "db")
}

// eventFlows lays out the event flows: ingest, log, window, archive.
func (b *builder) eventFlows(vd *verdicts, dr *drawing, db string) {
	g := dr.graph
	c, ok := vd.by[qEvents]
	if !ok {
		return
	}
	producer := "api"
	if b.ingestSeparate(vd) {
		g.add(2, node{"ingest", "Ingest API", "batches, 202", "box"})
		g.link("client", "ingest", "events")
		producer = "ingest"
	}
	if !isLog(c) {
		b.tableEventFlows(vd, dr, producer)
		return
	}
	g.add(3, node{"log", c.Choice, "event log", "queue"})
	g.link(producer, "log", "append")
	steps := []string{fmt.Sprintf("%s appends each batch to the log and answers 202", g.label(producer))}
	path := []string{"client", producer, "log"}
	if svc := b.windowService(); svc != "" {
		g.add(4, node{"proc", svc, "windowed state", "box"})
		g.link("log", "proc", "consume")
		g.link("proc", "db", "closed windows")
		path = append(path, "proc", "db")
		steps = append(steps, fmt.Sprintf("%s consumes the log, keeps each open window's state, and writes a window's results to the database when it closes", svc))
	}
	if _, ok := vd.by[qStorage]; ok && b.hasRetainedEvents() {
		g.link("log", "blob", "archive")
		steps = append(steps, "an archive sink copies raw events from the log to object storage in large files for batch analytics")
	}
	dr.flow("event", b.listOf(kindIs(requirements.Event)), "log", strings.Join(steps, "; "), path...)
}

// tableEventFlows are the event flows when no log is needed: the events
// are rows of the database, and LISTEN/NOTIFY only wakes the listeners,
// so nothing is appended to a log that does not exist.
func (b *builder) tableEventFlows(vd *verdicts, dr *drawing, producer string) {
	g := dr.graph
	g.link(producer, "db", "insert, notify")
	steps := []string{fmt.Sprintf("%s inserts each batch into an events table, wakes the listeners with a notification and answers 202; a missed notification is caught up from the table", g.label(producer))}
	path := []string{"client", producer, "db"}
	if svc := b.windowService(); svc != "" {
		g.add(4, node{"proc", svc, "windowed state", "box"})
		g.link("db", "proc", "events by time")
		g.link("proc", "db", "closed windows")
		path = append(path, "proc", "db")
		steps = append(steps, fmt.Sprintf("%s reads the events table by time and writes each closed window's results back", svc))
	}
	if _, ok := vd.by[qStorage]; ok && b.hasRetainedEvents() {
		g.link("db", "blob", "archive")
		steps = append(steps, "a nightly job copies event rows past their hot window from the events table to object storage in large files for batch analytics")
	}
	dr.flow("event", b.listOf(kindIs(requirements.Event)), "db", strings.Join(steps, "; "), path...)
}

func storageRole(files, archive bool) string {
	switch {
	case files && archive:
		return "files, archive"
	case archive:
		return "raw archive"
	}
	return "files"
}

// windowService is the name of the part proc, which aggregates windows
// (a stream processor, or a job on a schedule), or "".
func (b *builder) windowService() string {
	if s := b.partRow("proc"); s != nil {
		return s.Name
	}
	return ""
}

func (b *builder) hasRetainedEvents() bool {
	for _, l := range b.loads {
		if l.kind == requirements.Event && l.Retention > 0 {
			return true
		}
	}
	return false
}

// front is the path of a client request to the API.
func (b *builder) front() []string {
	if b.partRow("lb") != nil {
		return []string{"client", "lb", "api"}
	}
	return []string{"client", "api"}
}

// listOf lists the names of the workloads keep selects.
func (b *builder) listOf(keep func(*load) bool) []string {
	var names []string
	for _, l := range b.loads {
		if keep(l) {
			names = append(names, l.Name)
		}
	}
	return names
}

// namesOf lists the quoted names of the workloads keep selects.
func (b *builder) namesOf(keep func(*load) bool) string {
	var names []string
	for _, l := range b.loads {
		if keep(l) {
			names = append(names, fmt.Sprintf("%q", l.Name))
		}
	}
	return strings.Join(names, ", ")
}

// graph is the data flow as tiers of nodes and the edges between them.
type graph struct {
	tiers [5][]node
	edges []edge
}

func (g *graph) add(tier int, n node) { g.tiers[tier] = append(g.tiers[tier], n) }

// has says whether the graph holds a node with id.
func (g *graph) has(id string) bool {
	for _, t := range g.tiers {
		for _, n := range t {
			if n.id == id {
				return true
			}
		}
	}
	return false
}

func (g *graph) link(from, to, label string) { g.edges = append(g.edges, edge{from, to, label}) }

func (g *graph) label(id string) string {
	for _, t := range g.tiers {
		for _, n := range t {
			if n.id == id {
				return n.label
			}
		}
	}
	return id
}

// mermaid writes the graph as a Mermaid flowchart.
func (g *graph) mermaid() string {
	var sb strings.Builder
	sb.WriteString("flowchart TD\n")
	shapes := map[string][2]string{"round": {"([", "])"}, "db": {"[(", ")]"}, "queue": {"[[", "]]"}, "box": {"[", "]"}}
	for _, t := range g.tiers {
		for _, n := range t {
			s := shapes[n.shape]
			fmt.Fprintf(&sb, "    %s%s\"%s\"%s\n", n.id, s[0], n.label, s[1])
		}
	}
	for _, e := range g.edges {
		if e.label == "" {
			fmt.Fprintf(&sb, "    %s --> %s\n", e.from, e.to)
		} else {
			fmt.Fprintf(&sb, "    %s -->|%s| %s\n", e.from, e.label, e.to)
		}
	}
	return sb.String()
}

// boxes draws the tiers as rows of boxes, top to bottom, for a terminal.
func (g *graph) boxes() string {
	var rows [][]string
	for _, t := range g.tiers {
		if len(t) > 0 {
			rows = append(rows, boxRow(t))
		}
	}
	width := 0
	for _, r := range rows {
		width = max(width, utf8.RuneCountInString(r[0]))
	}
	var sb strings.Builder
	for i, r := range rows {
		if i > 0 {
			pad := strings.Repeat(" ", width/2)
			sb.WriteString(pad + "│\n" + pad + "▼\n")
		}
		pad := strings.Repeat(" ", (width-utf8.RuneCountInString(r[0]))/2)
		for _, line := range r {
			sb.WriteString(strings.TrimRight(pad+line, " ") + "\n")
		}
	}
	return sb.String()
}

// boxRow draws nodes side by side as four lines: top, label, role, bottom.
func boxRow(nodes []node) []string {
	lines := make([]string, 4)
	for i, n := range nodes {
		w := max(utf8.RuneCountInString(n.label), utf8.RuneCountInString(n.role)) + 2
		sep := ""
		if i > 0 {
			sep = "  "
		}
		lines[0] += sep + "┌" + strings.Repeat("─", w) + "┐"
		lines[1] += sep + "│" + center(n.label, w) + "│"
		lines[2] += sep + "│" + center(n.role, w) + "│"
		lines[3] += sep + "└" + strings.Repeat("─", w) + "┘"
	}
	return lines
}

func center(s string, w int) string {
	n := utf8.RuneCountInString(s)
	left := (w - n) / 2
	return strings.Repeat(" ", left) + s + strings.Repeat(" ", w-n-left)
}
