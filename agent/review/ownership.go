package review

import (
	"fmt"
	"strings"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// Who writes each dataset is read from ownership tables (tables with an
// owner or writer column) and from the prose. A dataset with several
// writers is reported once, naming every writer the document gives it,
// whether the writers share one cell, sit in rows of their own, hide in
// parentheses behind "shared", or are listed in a sentence ("written by
// the order, payment and billing services").
var (
	ownerColumn  = newTerms("owner*", "writer*", "written by", "owned by", "source of truth", "system of record")
	writerColumn = newTerms("writer*", "written by")
	readerWord   = newTerms("reader*", "read by", "consumer*")
	parenRe      = lazyre.New(`\([^)]*\)`)
	ownerSplit   = lazyre.New(`\s*[,/;&+]\s*`)
	andSplit     = lazyre.New(`(?i)\s+(and|or)\s+`)
	serviceNoun  = pat(`\b(service|svc|api|worker|app|job|team|processor|consumer|producer|gateway|module)s?\b`, "service", "svc", "api", "worker", "app", "job", "team", "processor", "consumer", "producer", "gateway", "module")
	pluralNoun   = lazyre.New(`(?i)\b(services|svcs|apis|workers|apps|jobs|teams|processors|consumers|producers|gateways|modules)$`)
	noOwner      = lazyre.New(`(?i)^(|-|—|–|\?+|tbd|tbc|unknown|none|n/?a|unclear)$`)
	// severalOwners is an owner cell that says there are several writers
	// before (or instead of) naming them: "shared (orders, billing)".
	// privateCopy marks a dataset each process keeps for itself (a key
	// cache in process memory): "every service" writes it, none shares it.
	privateCopy   = lazyre.New(`\b(process memory|in[- ]process|local (cache|memory)|per[- ](process|instance))\b`)
	severalOwners = lazyre.New(`(?i)^(shared|multiple|several|many|various|both|all|all services|any service|every service)$`)
)

// Prose about writers: a shared database, or several services writing.
var (
	sharedDBRe  = pat(`\bshared\s+(database|db|schema|tables?|data ?store|postgres\w*|mysql)\b`, "shared")
	writeVerbRe = pat(`\b(writes?|written|writing|updates?|updated|inserts?|modif(y|ies))\b`, "writ", "updat", "insert", "modif")
	// multiWriterRe: a count of writers ("three services write"), "written
	// by several", any service writing, and writers listed by name ("written
	// by the order, payment and billing services", "the order and payment
	// services both update it").
	multiWriterRe = pat(`\b(both|several|multiple|many|all|two|three|four|all the)\s+(\w+\s+){0,2}(services|teams|components|apps|applications|microservices)\b[^.]{0,40}\b(write|writes|update|updates|modify|modifies|insert|inserts)\b`+
		`|\bwritten\s+(to\s+)?by\s+(both|several|multiple|many|all|any|each|every)\b`+
		`|\b(any|every|each)\s+(service|team|component|microservice)\s+(can\s+|may\s+)?(write|writes|update|updates)\b`+
		`|\bwritten\s+(to\s+)?by\s+(the\s+)?[\w-]+(\s*,\s*(the\s+)?[\w-]+)*,?\s+(and|or)\s+(the\s+)?[\w-]+\s+(services|teams|components|apps|workers|jobs|microservices)\b`+
		`|\bwritten\s+(to\s+)?by\s+(the\s+)?[\w-]+[ -](service|svc|team|worker|job)(\s*,\s*(the\s+)?[\w-]+[ -](service|svc|team|worker|job))*,?\s+(and|or)\s+(the\s+)?[\w-]+[ -](service|svc|team|worker|job)\b`+
		`|\b[\w-]+(\s*,\s*[\w-]+)*,?\s+and\s+[\w-]+\s+(services|teams|components|apps|workers|jobs|microservices)\s+(all\s+|both\s+)?(write|update|modify|insert)\b`,
		"writ", "updat", "insert", "modif")
	// ownOnlyRe marks a sentence about services keeping to their own data.
	ownOnlyRe = pat(`\b(its|their)\s+own\b|\bseparate\b|\bonly\s+(its|their)\b`, "own", "separate", "only")
)

// ownerCol returns the index of a table's owner column, or -1.
func ownerCol(t Table) int {
	for i, h := range t.Header {
		if ownerColumn.in(h) && !readerWord.in(h) {
			return i
		}
	}
	return -1
}

// ownerNames splits an owner cell into the writers it names. "and" and
// "or" split only between names that each look like a service ("order
// service and payment service"), or before a plural ("payment and billing
// services"), so that "search and indexing service" stays one owner.
func ownerNames(cell string) []string {
	var names []string
	for _, n := range ownerSplit.Split(cell, -1) {
		parts := andSplit.Split(n, -1)
		if !pluralNoun.MatchString(strings.TrimSpace(n)) {
			for _, p := range parts {
				if !serviceNoun.match(p) {
					parts = []string{n}
					break
				}
			}
		}
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				names = append(names, p)
			}
		}
	}
	return names
}

// rowWriters reads the writers a row names in owner column col. Beside
// the owner cell, a writer column of its own counts when the owner cell
// names nobody ("none", "shared"), and so do names in parentheses after
// "shared". several is set when the row says there are several writers
// without naming two.
func rowWriters(t Table, r Row, col int) (names []string, several bool) {
	cell := r.Cells[col]
	bare := strings.TrimSpace(parenRe.ReplaceAllString(cell, ""))
	if !nobody(cell) {
		return ownerNames(bare), false
	}
	several = severalOwners.MatchString(bare)
	if several {
		for _, in := range parenRe.FindAllString(cell, -1) {
			names = append(names, ownerNames(strings.Trim(in, "()"))...)
		}
	}
	for i, h := range t.Header {
		if i != col && i < len(r.Cells) && writerColumn.in(h) && !readerWord.in(h) {
			if c := strings.TrimSpace(parenRe.ReplaceAllString(r.Cells[i], "")); !noOwner.MatchString(c) && !placeholder(c) {
				names = append(names, ownerNames(c)...)
			}
		}
	}
	return names, several && len(names) < 2
}

// nobody says whether an owner cell names no single owner: "none",
// "TBD", "shared".
func nobody(cell string) bool {
	bare := strings.TrimSpace(parenRe.ReplaceAllString(cell, ""))
	return noOwner.MatchString(bare) || severalOwners.MatchString(bare)
}

// ownershipTables returns the proposal's tables with an owner column.
func (rv *reviewer) ownershipTables() []Table {
	var out []Table
	for _, t := range rv.d.Tables {
		if ownerCol(t) >= 0 && len(t.Rows) > 0 && !rv.d.within(t.Section, discussTitles) {
			out = append(out, t)
		}
	}
	return out
}

// dataset gathers the writers the ownership tables give one dataset.
type dataset struct {
	name    string
	writers []string
	// line is the row where a second writer appeared, 0 while there is one.
	line int
}

func (ds *dataset) add(names []string, line int) {
	for _, n := range names {
		if !containsFold(ds.writers, n) {
			ds.writers = append(ds.writers, n)
		}
	}
	if len(ds.writers) > 1 && ds.line == 0 {
		ds.line = line
	}
}

func containsFold(xs []string, x string) bool {
	for _, v := range xs {
		if strings.EqualFold(v, x) {
			return true
		}
	}
	return false
}

// derivedTable says whether an ownership table lists derived state (a
// "Derived from" column): a copy every service derives for itself is not
// one dataset with several writers.
func derivedTable(t Table) bool {
	for _, h := range t.Header {
		if strings.Contains(strings.ToLower(h), "derived") {
			return true
		}
	}
	return false
}

// sharedWriters flags a dataset with several writers (in one cell, or over
// several rows), a dataset with no owner, and prose about shared databases
// or many writers.
func (rv *reviewer) sharedWriters() {
	var sets []*dataset
	byKey := map[string]*dataset{}
	for _, t := range rv.ownershipTables() {
		col := ownerCol(t)
		for _, r := range t.Rows {
			if col >= len(r.Cells) || len(r.Cells) == 0 || placeholder(strings.Join(r.Cells, " ")) {
				continue // an empty row is the section's placeholder finding
			}
			data := r.Cells[0]
			if col == 0 && len(r.Cells) > 1 {
				data = r.Cells[1]
			}
			names, several := rowWriters(t, r, col)
			switch {
			case several && (privateCopy.MatchString(strings.ToLower(strings.Join(r.Cells, " "))) || derivedTable(t)):
				continue // each process keeps its own copy, rebuilt from the source: nothing is shared
			case several:
				rv.sharedWriter(data, fmt.Sprintf("several services the table does not name (%q)", r.Cells[col]), r.Line)
				continue
			case len(names) == 0:
				rv.raise(rStateOwnerUnnamed, rv.ref(r.Line),
					fmt.Sprintf("The ownership table gives %q no single writer (%q).", data, r.Cells[col]), data)
				continue
			}
			key := strings.ToLower(data)
			ds := byKey[key]
			if ds == nil {
				ds = &dataset{name: data}
				byKey[key] = ds
				sets = append(sets, ds)
			}
			ds.add(names, r.Line)
		}
	}
	for _, ds := range sets {
		if len(ds.writers) > 1 {
			rv.sharedWriter(ds.name, strings.Join(ds.writers, ", "), ds.line)
		}
	}
	rv.sharedWritersInProse()
}

// sharedWritersInProse reports the first sentence that has several
// services write one dataset, or share a database; one is enough to act
// on.
func (rv *reviewer) sharedWritersInProse() {
	for _, c := range rv.claims(multiWriterRe, true) {
		if !ownOnlyRe.matchG(c.lower, c.grams) {
			rv.sharedInProse(rSharedWriterProse, c)
			return
		}
	}
	if cs := rv.claims(sharedDBRe, true); len(cs) > 0 {
		r := rSharedDatabase
		if writeVerbRe.match(cs[0].lower) {
			r = rSharedDatabaseWritten
		}
		rv.sharedInProse(r, cs[0])
	}
}

func (rv *reviewer) sharedInProse(r rule, c claim) {
	rv.raise(r, rv.ref(c.Line),
		fmt.Sprintf("%q: a database written by several services couples them through its schema; no one owns the data's rules, and a change in one breaks the others.", c.match))
}

func (rv *reviewer) sharedWriter(data, writers string, line int) {
	rv.raise(rSharedWriterDataset, rv.ref(line),
		fmt.Sprintf("%q is written by %s. With several writers no service can keep the data's rules, changes collide, and the services can no longer be deployed or scaled apart.", data, writers),
		data)
}
