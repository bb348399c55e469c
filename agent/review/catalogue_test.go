package review

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// catalogueExamples raise the rules the other test documents do not.
var catalogueExamples = []string{
	"# Shop\n\nThe shop serves 50 requests/s at peak.\n\n## Services\n\n- User service: accounts\n- Order service: orders\n- Payment service: payments\n- Stock service: stock\n- Email service: emails\n- Search service: search\n",
	"# Links\n\n## Hot Paths\n\nThe redirect is the hot path.\n",
	"# Shop\n\nAll five services connect to the shared PostgreSQL database.\n",
	"# Shop\n\nThe reports job updates the shared database every night.\n",
	"# Shop\n\nWe build the shop as microservices.\n",
	"# Clicks\n\nKafka carries the clicks.\n",
	"# Shop\n\nOrders are sharded across four MySQL primaries.\n",
	"# Shop\n\nLoad is 100 requests/s. Istio runs as the service mesh.\n",
	"# News feed\n\nEach post fans out on write to the followers' home timelines in Redis.\n",
	"# Sizing\n\nTraffic: 1 billion requests per month is 4,000 per second.\n",
	"# Sizing\n\n* 12.7 GB of new content per month\n    * ~900 GB of new content in 3 years\n",
	"# Sizing\n\nThree replicas handle 40k reads/s.\n",
	"# Sizing\n\n3,000 users × 250 entries a year × 200 bytes = 1.5 TB a year.\n",
	"# Answers\n\nAnswers stream for 4–12 s.\n\nThe gateway applies an 800 ms timeout to every answer stream.\n",
	"# Video\n\nThe design stays within the $20,000 a month budget.\n\nEgress alone costs about $34,000 a month.\n",
	"# Entries\n\nPostgreSQL is the source of truth for entries.\n\nThe source of truth for entries is DynamoDB.\n",
	"# Reads\n\nThe uncached reads never reach PostgreSQL.\n\nA cache miss reads the entry from PostgreSQL.\n",
	"# System Design: Delivery tracker\n\n## Patterns\n\n### Video upload, transcoding and streaming (`video-streaming`)\n\nUploads are transcoded into an HLS ladder and served from a CDN.\n\n## Requirements\n\nCouriers report each parcel's position every minute; customers see where their parcel is.\n",
	"# Store\n\n| Decision | Choice |\n| --- | --- |\n| Database | PostgreSQL |\n| Database | MongoDB |\n",
	"# Store\n\nSessions are stored in Redis: 100 GB in total.\n",
	"# Store\n\nSessions are stored in Redis: 400 GB in total.\n",
	"# Store\n\nOrders are stored in one PostgreSQL database: 8 TB in total.\n",
	"# Store\n\nPosts live in PostgreSQL. The archive holds 72 PB after five years.\n",
	"# Links\n\nA peak of 1,500/s [D1] needs one server [C2].\n\n## Capacity\n\n| ID | Value | Formula |\n| --- | --- | --- |\n| D1 | 1,200/s | stated |\n",
}

// catalogueDocuments returns every document the tests review: the test
// documents, the public ones, the rule cases and the examples above.
func catalogueDocuments(t *testing.T) map[string][]byte {
	t.Helper()
	docs := map[string][]byte{}
	for _, pattern := range []string{"testdata/*.md", "testdata/public/*.md"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			docs[p] = b
		}
	}
	for _, c := range ruleCases {
		docs["rule case "+c.name] = []byte(c.doc)
	}
	rs, err := loadPhraseRules(antipatternsYAML)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		for i, c := range r.Cases.Report {
			docs[fmt.Sprintf("phrase case %s %d", r.ID, i)] = []byte("# Design\n\n" + c + "\n")
		}
	}
	for i, d := range catalogueExamples {
		docs[fmt.Sprintf("catalogue example %d", i)] = []byte(d)
	}
	return docs
}

// TestCatalogueRaised checks that every rule of the catalogue is raised by
// at least one test document, and that every finding those documents get
// is the catalogue's: its ID, severity and category, its templates filled.
func TestCatalogueRaised(t *testing.T) {
	raised := map[rule]bool{}
	for name, doc := range catalogueDocuments(t) {
		r, rules := review(doc, name)
		for _, x := range rules {
			raised[x] = true
		}
		for _, f := range r.Findings {
			if !inCatalogue(f) {
				t.Errorf("%s: finding %s (%s, %s) is not in the catalogue", name, f.ID, f.Severity, f.Category)
			}
			if strings.Contains(f.Title+f.Fix, "%!") {
				t.Errorf("%s: %s has a template filled wrongly: %q / %q", name, f.ID, f.Title, f.Fix)
			}
		}
	}
	for x := range numRules {
		if !raised[x] {
			e := catalogue[x]
			t.Errorf("rule %d (%s, %s, %q) is raised by no test document; add one to catalogueExamples", x, e.id, e.severity, e.title)
		}
	}
}

func inCatalogue(f Finding) bool {
	for _, e := range catalogue {
		if e.id == f.ID && e.severity == f.Severity && e.category == f.Category {
			return true
		}
	}
	return false
}

// TestCatalogueEntries checks each entry: all fields given, a known
// severity, templates with explicit argument indexes (the rules of one ID
// share an argument list, so a title and a fix may each use a part of
// it), and one category per ID.
func TestCatalogueEntries(t *testing.T) {
	verb := regexp.MustCompile(`%(\[\d+\])?`)
	category := map[string]string{}
	for x, e := range catalogue {
		if e.id == "" || e.category == "" || e.title == "" || e.fix == "" {
			t.Errorf("rule %d has an empty field: %+v", x, e)
			continue
		}
		if !slices.Contains([]Severity{High, Medium, Low}, e.severity) {
			t.Errorf("rule %d (%s) has severity %q", x, e.id, e.severity)
		}
		for _, tmpl := range []string{e.title, e.fix} {
			for _, m := range verb.FindAllStringSubmatchIndex(strings.ReplaceAll(tmpl, "%%", ""), -1) {
				if m[2] < 0 {
					t.Errorf("rule %d (%s): %q has a verb without an argument index", x, e.id, tmpl)
				}
			}
		}
		if c, ok := category[e.id]; ok && c != e.category {
			t.Errorf("%s is in categories %q and %q", e.id, c, e.category)
		}
		category[e.id] = e.category
	}
}

// TestTestIDsInCatalogue checks that the IDs the tests expect or forbid
// exist: a misspelt ID in a "must not raise" list would always pass.
func TestTestIDsInCatalogue(t *testing.T) {
	known := map[string]bool{}
	for _, e := range catalogue {
		known[e.id] = true
	}
	var named []string
	for _, c := range ruleCases {
		named = append(named, c.want...)
		named = append(named, c.notWant...)
	}
	for _, c := range documentCases {
		named = append(named, c.want...)
		named = append(named, c.notWant...)
		named = append(named, c.wantHigh...)
	}
	for _, id := range named {
		if !known[id] {
			t.Errorf("the tests name %q, which the catalogue does not have", id)
		}
	}
}

// TestFindingsOnlyRaised checks that no finding is built outside the
// catalogue's raise: a Finding literal elsewhere would bypass it.
func TestFindingsOnlyRaised(t *testing.T) {
	paths, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, p := range paths {
		if strings.HasSuffix(p, "_test.go") || p == "rules.go" {
			continue
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.CompositeLit); ok {
				if id, ok := lit.Type.(*ast.Ident); ok && id.Name == "Finding" {
					t.Errorf("%s: a Finding built outside raise", fset.Position(lit.Pos()))
				}
			}
			return true
		})
	}
}
