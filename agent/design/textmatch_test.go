package design

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// textMatchers are the calls that decide by searching text.
var textMatchers = map[string][]string{
	"strings": {"Contains", "ContainsAny", "ContainsFunc", "HasPrefix", "HasSuffix", "Index", "IndexAny", "IndexByte", "IndexFunc",
		"LastIndex", "Cut", "CutPrefix", "CutSuffix", "EqualFold", "Count"},
	// methods of a compiled expression (lazyre or regexp)
	"": {"MatchString", "FindString", "FindStringSubmatch", "FindAllString", "FindAllStringSubmatch", "FindStringIndex", "Match"},
}

// readsInput are the only functions of the engine that may search text,
// each with what it reads. Everything else decides on typed fields: a
// verdict's option, a decision's question, a part's id and kind, a
// flow's kind, a cause's id, a fact's id.
var readsInput = map[string]string{
	// the requirements' own words
	"ruledOut":           "the requirements' text: the technologies it rules out",
	"checkRequirements":  "the requirements' text: data that does not fit on one machine",
	"saysNotOneMachine":  "the requirements' text",
	"relational":         "the requirements' text: the data must stay relational",
	"officeHours":        "the requirements' text: office hours",
	"securityMitigation": "the requirements' text: public or internal users",
	"hasWord":            "a workload's or stage's name, as the requirements give it",
	"guessKind":          "a workload's name, as the requirements give it",
	"named":              "a workload's name, as an edit or the requirements give it",
	"budgetUSD":          "constraints.budget, as the requirements give it",
	"patternInput":       "the requirements' patterns: list (-ID excludes one)",
	"archetypeHotPaths":  "a catalogue hot path's name against a workload's name, as the requirements give it",
	"existing":           "constraints.existing, against a technology's first word",
	"teamSize":           "constraints.team, as the requirements give it",
	"containsAny":        "a selection question's or a requirement's words",
	"existingFleet":      "constraints.existing, as the requirements give it",
	"cloudElsewhere":     "constraints.existing, against the price table's region",
	"plural":             "the English of a workload's name",
	"firstSentence":      "cuts a mechanism to its first sentence when rendering",
	"cell":               "escapes a table cell when rendering",
	"placeIndexes":       "a functional line of the requirements",
	"stem":               "the words of a functional line",
	"byFields":           "a functional line: the fields after 'by'",
	"perFields":          "a functional line: the fields after 'per' or 'same'",
	"entityOf":           "a functional line: the entity it is about",
	"withoutFields":      "a functional line, without its fields",
	"addPart":            "an edit's part name, against the parts' names in any case",
	"decide":             "a set_decision edit's question, against the Decision Log's names in any case",
	"wideColumnOption":   "an archetype's decision options (catalogue): the one naming a wide-column store",
	"lintProse":          "the design's sentences for how figures are written and for claims a narrative makes that no field types; decides no part",
	"quotable":           "the requirements' own words, whether one is long enough to blank where the design quotes it; decides no part",
	"withoutQuotes":      "the design's sentences less the requirements' own words they quote, before the lint reads them; decides no part",
	"falseWithin":        "the design's sentences: a 'within N' whose figure exceeds N (a lint of how a figure is written)",
	"describeRef":        "an archetype's figure reference ($peak.write), catalogue syntax",
	"resolveRef":         "an archetype's figure reference, catalogue syntax",
	"settleCovers":       "a catalogue covers: reference, ARCHETYPE/name",
	"endSentence":        "punctuation of a catalogue sentence",
	"slug":               "writes an id from a name",
	"ownWords":           "renders an archetype's words without their weights",
	"hasWordStart":       "a workload's name, as the requirements give it: words that mark a file",
	"proseCount":         "the requirements' text: a count of the thing a read flow is named for (its key space)",
	"ownedByUsers":       "the requirements' text: the thing a read flow is named for, spoken of as each user's own",
	"ttlNear":            "the requirements' text: the TTL it gives a short-lived record",
	"releasedAfter":      "the requirements' text: a lifetime it gives a write flow's records (released or expiring after a duration)",
}

// TestNoTextDecidesTheDesign parses the engine's Go files and fails on a
// text search (strings.Contains, HasPrefix, Index, a regexp's
// MatchString…) outside the functions that read input, so no display
// string the engine wrote decides anything.
func TestNoTextDecidesTheDesign(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, decl := range f.Decls {
			var fn string
			var body ast.Node = decl
			if fd, ok := decl.(*ast.FuncDecl); ok {
				fn = fd.Name.Name
			}
			ast.Inspect(body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				pkg := ""
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "strings" {
					pkg = "strings"
				}
				if !slices.Contains(textMatchers[pkg], sel.Sel.Name) {
					return true
				}
				if _, ok := readsInput[fn]; ok {
					used[fn] = true
					return true
				}
				t.Errorf("%s: %s searches text in %s, which reads no input: decide on a typed field (an option, a question id, a part id or kind), or add the function to readsInput with what it reads", fset.Position(call.Pos()), sel.Sel.Name, orTop(fn))
				return true
			})
		}
	}
	for fn := range readsInput {
		if !used[fn] {
			t.Errorf("readsInput lists %s, which searches no text (or no longer exists): take it off", fn)
		}
	}
}

func orTop(fn string) string {
	if fn == "" {
		return "a package-level declaration"
	}
	return fn
}
