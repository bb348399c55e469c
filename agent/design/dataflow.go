package design

import (
	"fmt"
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

// dataFlow writes the request path as numbered steps, a Mermaid flowchart
// and a box diagram for the terminal, all from the same nodes.
func (b *builder) dataFlow() {
	db := b.choiceOf("database", "PostgreSQL")
	g := &graph{}
	b.graph, b.flows = g, nil
	entry := "api"
	g.add(0, node{"client", "Client", "app or browser", "round"})
	if b.hasService("Load balancer") {
		g.add(1, node{"lb", "Load balancer", "health checks", "box"})
		g.link("client", "lb", "")
		g.link("lb", "api", "")
		entry = "lb"
	} else {
		g.link("client", "api", "")
	}
	g.add(2, node{"api", "API", "stateless, modular", "box"})
	g.add(3, node{"db", db, "source of truth", "db"})
	g.link("api", "db", "SQL")
	steps := []string{fmt.Sprintf("Client → %s → API: any API server takes any request; it holds no state between requests.", g.label(entry))}
	steps = append(steps, b.requestSteps(g, db)...)
	steps = append(steps, b.backgroundSteps(g, db)...)
	steps = append(steps, b.eventSteps(g, db)...)
	steps = append(steps, "API → Client: the response carries only what the person needs now; slow work reports progress by id.")
	// Drawn again after a functional line added a component: the
	// archetypes' steps stay.
	steps = append(steps, b.archSteps...)
	for i, s := range steps {
		steps[i] = fmt.Sprintf("%d. %s", i+1, s)
	}
	b.d.DataFlow = DataFlow{Steps: steps, Mermaid: g.mermaid(), Diagram: g.boxes()}
}

func (b *builder) hasService(name string) bool {
	for _, s := range b.d.Services {
		if s.Name == name {
			return true
		}
	}
	return false
}

// requestSteps covers the synchronous reads, writes, searches and files.
func (b *builder) requestSteps(g *graph, db string) []string {
	var steps []string
	for _, l := range b.loads {
		if absorbed(l) && (l.kind == requirements.Read || l.kind == requirements.Write) {
			steps = append(steps, fmt.Sprintf("%s (%q): API → %s, with no database call on the path (%s).", title(string(l.kind))+"s", l.Name, l.into, l.by))
		}
	}
	ownReads := func(l *load) bool { return l.kind == requirements.Read && !absorbed(l) }
	ownWrites := func(l *load) bool { return l.kind == requirements.Write && !absorbed(l) && l.store != storeRecords }
	bulkWrites := func(l *load) bool { return l.kind == requirements.Write && !absorbed(l) && l.store == storeRecords }
	front := b.front()
	// Reads go where the written records are: the record store when every
	// written flow lives there.
	readStore, readID, by := db, "db", "by index"
	if src := b.sourceStore(db); src != db {
		readStore, readID, by = src, storeRecords, "by partition key"
	}
	if names := b.namesOf(ownReads); names != "" {
		if c, ok := b.comps["cache"]; ok {
			g.add(3, node{"cache", c.Choice, "cache, TTL", "db"})
			g.link("api", "cache", "get/set")
			steps = append(steps, fmt.Sprintf("Reads (%s): API → %s; on a hit answer at once, on a miss read %s %s and set the key with a TTL.", names, c.Choice, readStore, by))
			b.flow("read", b.listOf(ownReads), "", append(front, "cache", readID)...)
		} else {
			steps = append(steps, fmt.Sprintf("Reads (%s): API → %s %s → response.", names, readStore, by))
			b.flow("read", b.listOf(ownReads), "", append(front, readID)...)
		}
	}
	if names := b.namesOf(ownWrites); names != "" {
		s := fmt.Sprintf("Writes (%s): API validates, then one transaction in %s", names, db)
		if _, ok := b.comps["queue"]; ok {
			s += " that also writes an outbox row for the side effects"
		}
		steps = append(steps, s+".")
		b.flow("write", b.listOf(ownWrites), "db", append(front, "db")...)
	}
	if c, ok := b.comps[storeRecords]; ok {
		if names := b.namesOf(bulkWrites); names != "" {
			g.add(3, node{"records", c.Choice, "bulk records", "db"})
			g.link("api", "records", "append")
			steps = append(steps, fmt.Sprintf("Bulk writes (%s): API validates and appends each record to %s, partitioned by its key; %s keeps no copy of them.", names, c.Choice, db))
			b.flow("write", b.listOf(bulkWrites), "records", append(front, "records")...)
		}
	}
	if _, ok := b.comps["storage"]; ok {
		g.add(3, node{"blob", "Object storage", storageRole(b.hasFiles(), b.hasRetainedEvents()), "db"})
	}
	if c, ok := b.comps["storage"]; ok && b.hasFiles() {
		g.link("api", "blob", "pre-signed URLs")
		b.flow("file", b.listOf(isFile), "blob", "client", "blob")
		steps = append(steps, fmt.Sprintf("Files: the client uploads and downloads through pre-signed URLs of %s, so bytes never pass through the API; %s keeps the metadata.", c.Choice, db))
	}
	if c, ok := b.comps["search"]; ok {
		if isElastic(c) {
			g.add(3, node{"search", c.Choice, "search index", "db"})
			g.link("api", "search", "query")
			g.link(readID, "search", "index changes")
		}
		searches := "Searches"
		if names := b.namesOf(kindIs(requirements.Search)); names != "" {
			searches += " (" + names + ")"
		}
		steps = append(steps, fmt.Sprintf("%s: API → %s; the index follows %s and can be rebuilt from it.", searches, c.Choice, readStore))
		if isElastic(c) {
			b.flow("search", b.listOf(kindIs(requirements.Search)), "", append(front, "search")...)
		} else {
			b.flow("search", b.listOf(kindIs(requirements.Search)), "", append(front, "db")...)
		}
	}
	return steps
}

// backgroundSteps covers the queue and the workers.
func (b *builder) backgroundSteps(g *graph, db string) []string {
	c, ok := b.comps["queue"]
	if !ok {
		return nil
	}
	g.add(3, node{"queue", c.Choice, "pending jobs", "queue"})
	g.add(2, node{"workers", "Workers", "idempotent", "box"})
	g.link("api", "queue", "enqueue")
	g.link("queue", "workers", "consume")
	g.link("workers", "db", "results")
	b.flow("job", b.listOf(kindIs(requirements.Job, requirements.Message)), "db", "api", "queue", "workers", "db")
	return []string{
		fmt.Sprintf("Background (%s): a relay moves committed outbox rows to %s; workers consume them, do the work, record the result in %s, and retry with backoff.", b.namesOf(kindIs(requirements.Job, requirements.Message)), c.Choice, db),
	}
}

// eventSteps covers the event flows: ingest, log, window, archive.
func (b *builder) eventSteps(g *graph, db string) []string {
	c, ok := b.comps["events"]
	if !ok {
		return nil
	}
	names := b.namesOf(kindIs(requirements.Event))
	producer := "api"
	if b.ingestSeparate() {
		g.add(2, node{"ingest", "Ingest API", "batches, 202", "box"})
		g.link("client", "ingest", "events")
		producer = "ingest"
	}
	if !isLog(c) {
		return b.tableEventSteps(g, db, c.Choice, names, producer)
	}
	g.add(3, node{"log", c.Choice, "event log", "queue"})
	g.link(producer, "log", "append")
	steps := []string{fmt.Sprintf("Events (%s): Client → %s, which appends each batch to %s and answers 202.", names, g.label(producer), c.Choice)}
	path := []string{"client", producer, "log"}
	if svc := b.windowService(); svc != "" {
		g.add(4, node{"proc", svc, "windowed state", "box"})
		g.link("log", "proc", "consume")
		g.link("proc", "db", "closed windows")
		path = append(path, "proc", "db")
		steps = append(steps, fmt.Sprintf("%s consumes the log, keeps each open window's state, and writes a window's results to %s when it closes.", svc, db))
	}
	if _, ok := b.comps["storage"]; ok && b.hasRetainedEvents() {
		g.link("log", "blob", "archive")
		steps = append(steps, "An archive sink copies raw events from the log to object storage in large files for batch analytics.")
	}
	b.flow("event", b.listOf(kindIs(requirements.Event)), "log", path...)
	return steps
}

// tableEventSteps are the event flows when no log is needed: the events
// are rows of the database, and LISTEN/NOTIFY only wakes the listeners,
// so nothing is appended to a log that does not exist.
func (b *builder) tableEventSteps(g *graph, db, choice, names, producer string) []string {
	g.link(producer, "db", "insert, notify")
	steps := []string{fmt.Sprintf("Events (%s): Client → %s, which inserts each batch into an events table in %s, wakes the listeners (%s) and answers 202; a missed notification is caught up from the table.", names, g.label(producer), db, choice)}
	path := []string{"client", producer, "db"}
	if svc := b.windowService(); svc != "" {
		g.add(4, node{"proc", svc, "windowed state", "box"})
		g.link("db", "proc", "events by time")
		g.link("proc", "db", "closed windows")
		path = append(path, "proc", "db")
		steps = append(steps, fmt.Sprintf("%s reads the events table by time and writes each closed window's results to %s.", svc, db))
	}
	if _, ok := b.comps["storage"]; ok && b.hasRetainedEvents() {
		g.link("db", "blob", "archive")
		steps = append(steps, fmt.Sprintf("A nightly job copies event rows past their hot window from %s to object storage in large files for batch analytics.", db))
	}
	b.flow("event", b.listOf(kindIs(requirements.Event)), "db", path...)
	return steps
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

func (b *builder) windowService() string {
	for _, s := range b.d.Services {
		if s.Name == "Stream processor" || s.Name == "Window aggregation job" {
			return s.Name
		}
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
	if b.hasService("Load balancer") {
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
