package mdext

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// The tests parse the same text with these extensions and with goldmark's
// and compare the trees node by node. goldmark's extension package is
// linked only into this test binary.

// pairs are the combinations sysarch parses with (the terminal renderer's
// and the review's) and all four together, where the triggers they share
// (~ for strikethrough and bare URLs) meet.
var pairs = []struct {
	name         string
	ours, theirs []goldmark.Extender
}{
	{"render", []goldmark.Extender{Strikethrough, TaskList}, []goldmark.Extender{extension.Strikethrough, extension.TaskList}},
	{"review", []goldmark.Extender{Table, Linkify}, []goldmark.Extender{extension.Table, extension.Linkify}},
	{"all", []goldmark.Extender{Table, Linkify, Strikethrough, TaskList},
		[]goldmark.Extender{extension.Table, extension.Linkify, extension.Strikethrough, extension.TaskList}},
}

// dump writes the tree of src as text: every node's kind, a block's
// lines, a text's segment and line-break flags, and every attribute the
// two sets of extensions set (alignments, link destinations, check
// boxes).
func dump(md goldmark.Markdown, src []byte) (out string, panicked any) {
	defer func() {
		if r := recover(); r != nil {
			panicked = r
		}
	}()
	doc := md.Parser().Parse(text.NewReader(src))
	var b strings.Builder
	depth := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), n.Kind())
		depth++
		if n.Type() == ast.TypeBlock {
			fmt.Fprintf(&b, " blank=%v lines=", n.HasBlankPreviousLines())
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				fmt.Fprintf(&b, "[%d,%d)", s.Start, s.Stop)
			}
		}
		switch t := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " [%d,%d) %q soft=%v hard=%v raw=%v", t.Segment.Start, t.Segment.Stop,
				t.Segment.Value(src), t.SoftLineBreak(), t.HardLineBreak(), t.IsRaw())
		case *ast.String:
			fmt.Fprintf(&b, " %q code=%v raw=%v", t.Value, t.IsCode(), t.IsRaw())
		case *ast.AutoLink:
			fmt.Fprintf(&b, " type=%d protocol=%q url=%q label=%q", t.AutoLinkType, t.Protocol, t.URL(src), t.Label(src))
		case *ast.Link:
			fmt.Fprintf(&b, " dest=%q title=%q", t.Destination, t.Title)
		case *ast.Image:
			fmt.Fprintf(&b, " dest=%q title=%q", t.Destination, t.Title)
		case *ast.Heading:
			fmt.Fprintf(&b, " level=%d", t.Level)
		case *ast.Emphasis:
			fmt.Fprintf(&b, " level=%d", t.Level)
		case *ast.List:
			fmt.Fprintf(&b, " marker=%q start=%d tight=%v", t.Marker, t.Start, t.IsTight)
		case *ast.ListItem:
			fmt.Fprintf(&b, " offset=%d", t.Offset)
		case *extast.Table:
			fmt.Fprintf(&b, " aligns=%v", t.Alignments)
		case *extast.TableHeader:
			fmt.Fprintf(&b, " aligns=%v", t.Alignments)
		case *extast.TableRow:
			fmt.Fprintf(&b, " aligns=%v", t.Alignments)
		case *extast.TableCell:
			fmt.Fprintf(&b, " align=%v", t.Alignment)
		case *extast.TaskCheckBox:
			fmt.Fprintf(&b, " checked=%v", t.IsChecked)
		}
		b.WriteByte('\n')
		return ast.WalkContinue, nil
	})
	return b.String(), nil
}

// sameTree fails t when the two parsers disagree on src.
func sameTree(t *testing.T, name string, src []byte) {
	t.Helper()
	for _, p := range pairs {
		ours, oursPanic := dump(goldmark.New(goldmark.WithExtensions(p.ours...)), src)
		theirs, theirsPanic := dump(goldmark.New(goldmark.WithExtensions(p.theirs...)), src)
		if (oursPanic != nil) != (theirsPanic != nil) {
			t.Fatalf("%s (%s): ours panicked: %v; goldmark's panicked: %v\ninput %q", name, p.name, oursPanic, theirsPanic, src)
		}
		if ours != theirs {
			t.Fatalf("%s (%s): trees differ at\n%s\ninput %q", name, p.name, firstDifference(ours, theirs), src)
		}
	}
}

// firstDifference shows the first differing line of two dumps with a
// little context.
func firstDifference(ours, theirs string) string {
	a, b := strings.Split(ours, "\n"), strings.Split(theirs, "\n")
	for i := 0; i < max(len(a), len(b)); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			from := max(0, i-3)
			return fmt.Sprintf("context:\n%s\nours:   %s\ngoldmark: %s", strings.Join(a[from:i], "\n"), x, y)
		}
	}
	return ""
}

// edgeCases are inputs at the corners of each grammar.
var edgeCases = []string{
	// tables
	"| a | b |\n| --- | :-: |\n| 1 | 2 |\n",
	"a | b\n--|--\n1 | 2 | 3\n4\n",
	"| a |\n|:--|\n",
	"| a | b |\n| -- |\n",
	"intro line\n| a | b |\n|---|---:|\n| x | y |\n",
	"| a | b |\n|---|---|\n| `x \\| y` | `\\|` \\| z |\n",
	"| `a\\|b\\|c` | d |\n|---|---|\n| `e\\|` | f\\|g |\n",
	"| a \\| b |\n|---|\n",
	"a\n:-\n",
	"a\n-:\n",
	"a\n:-:\n",
	"a\n::\n",
	"a\n:\n",
	"a | b\n- | -\n",
	"|\n|\n",
	"||\n||\n",
	"| a |\n| |\n",
	"| a |\n|-- -|\n",
	"| a |\n    |---|\n",
	"| a |\n   |---|\n",
	"| a |\n|---|\n\n| b |\n",
	"[ref]: /url\n| a |\n|---|\n| [ref] |\n",
	"> | a |\n> |---|\n> | 1 |\n",
	"- | a |\n  |---|\n  | 1 |\n",
	"| a |\n|---|\t\n| 1 |\r\n",
	"| a |\n|\v---|\n",
	"| a |\n|\f---|\n",
	"| *a* | **b** |\n|---|---|\n| <b>c</b> | [d](/e) |\n",
	"\\| a |\n|---|\n",
	"| a |\n|---|\n| \\|\n",
	"# h\n| a |\n|---|\n",
	"a\nb\nc\n|---|\n",
	// bare links
	"see http://example.com.\n",
	"see https://example.com/path?q=1&r=2#frag, then.\n",
	"www.example.com/a_(b)_c) and (www.example.com)\n",
	"http://a.b.c.d.example.org:8080/x$y www.x.org/$y\n",
	"ftp://files.example.net/pub/\n",
	"http://localhost:8080/ and http://x\n",
	"https://EXAMPLE.COM/ https://example.COM https://example.c0m\n",
	"visit www.example.com&amp; or http://x.com/a&amp;\n",
	"visit http://x.com/a&b; http://x.com/&; http://x.com/;\n",
	"*http://x.com/* _www.x.org_ ~www.x.org~ (http://x.org)\n",
	"http://x.org?!.,:*_~\n",
	"http://x.org/a~ http://x.org/a_ http://x.org/a: http://x.org/a? http://x.org/a!, www.x.org/a~.\n",
	"~~http://x.org/~~ *http://x.org/a* _http://x.org/b_\n",
	"write to someone@example.com. Or a.b-c+d@x.y.z_ or me@host or me@host.\n",
	"mail me@example.com- me@example.com_ -me@example.com .me@example.com\n",
	"www.foo@bar.com www.x@y.COM\n",
	"[http://inside.a/label](http://dest.b) ![www.img.c](x.png)\n",
	"`http://in.code.span` <http://angle.bracket> <me@angle.com>\n",
	"http://" + strings.Repeat("a", 300) + ".com/\n",
	"http://" + strings.Repeat("a.", 200) + "com/\n",
	"www." + strings.Repeat("x", 255) + ".org and www." + strings.Repeat("x", 256) + ".org\n",
	"http://a.b/" + strings.Repeat("(", 5) + strings.Repeat(")", 9) + "\n",
	"http://a.b/x)y)\n",
	strings.Repeat("_www.a", 100) + "\n",
	"www." + strings.Repeat("a_", 300) + ".com " + strings.Repeat("~http://b", 60) + ".org\n",
	"http://a.b/\"><script>\n",
	"line one\nhttp://a.b/ at line head\n\tnext\thttp://tab.b\n",
	"é http://ü.de http://x.de/ü\n",
	"http://example.com:abc/ and http://example.com:/x\n",
	"www.\n www.a. www..b www.a.b.\n",
	"hTTp://x.com HTTP://x.com\n",
	"a(http://x.com) a*http://x.com* a_http://x.com_\n",
	"foo@bar.baz@qux.com\n",
	"@example.com x@.com x@y..com\n",
	// strikethrough
	"~~gone~~ ~one~ ~~~three~~~ ~~a~ ~b~~\n",
	"a~~b~~c ~~ spaced ~~ **~~both~~**\n",
	"~~unclosed and ~~~~ four\n",
	"~~http://x.com~~ ~www.y.org~\n",
	// task lists
	"- [ ] open\n- [x] done\n- [X] DONE\n- [y] no\n- [] no\n- [ ]\n- [\t] tab\n",
	"1. [x] ordered\n2. [ ]no space\n",
	"- text [ ] not first\n- > [ ] in quote\n-\n  [x] after blank\n",
	"- [ ] [link](/x)\n- [x]\n  next line\n",
	"[ ] not in a list\n",
	"- [ ]\n",
	"* [x]     spaces\n+ [ ]\r\n",
	"- [x] ~~struck~~ http://done.example/\n",
	"- - [ ] nested\n",
	// mixed
	"| ~~a~~ | http://x.com/ | [ ] |\n|---|---|---|\n| me@x.com | www.y.org. | - [x] |\n",
	"",
	"\n\n",
	"|",
	"~",
	"[",
	"http://",
	"www.",
}

// TestSameAsGoldmarkOnEdgeCases compares the trees on inputs at the
// corners of each grammar.
func TestSameAsGoldmarkOnEdgeCases(t *testing.T) {
	var all strings.Builder
	for i, src := range edgeCases {
		sameTree(t, fmt.Sprintf("edge case %d", i), []byte(src))
		tree, _ := dump(goldmark.New(goldmark.WithExtensions(Table, Linkify, Strikethrough, TaskList)), []byte(src))
		all.WriteString(tree)
	}
	// The comparison means something only if the cases reach every
	// construct: two parsers that both missed them would agree.
	for _, want := range []string{
		"Table blank=false lines= aligns=[none center]", "TableCell blank=false lines=[22,30) align=none", "align=right", "align=left",
		"AutoLink type=2 protocol=\"\" url=\"http://example.com\"", "AutoLink type=2 protocol=\"http\" url=\"http://www.example.com/a_(b)_c\"",
		"AutoLink type=1 protocol=\"\" url=\"someone@example.com\"",
		"Strikethrough", "TaskCheckBox checked=true", "TaskCheckBox checked=false",
	} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no edge case parses to %s", want)
		}
	}
}

// TestSameAsGoldmarkOnRepository compares the trees on every Markdown
// document of the repository, the examples and the test designs among
// them, and on the text files of tests (goldens, txtar archives).
func TestSameAsGoldmarkOnRepository(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		switch filepath.Ext(path) {
		case ".md", ".golden", ".txtar":
		default:
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		sameTree(t, path, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("compared %d files; expected the repository's Markdown (over 100 files)", n)
	}
}

// FuzzSameAsGoldmark compares the trees on random input.
func FuzzSameAsGoldmark(f *testing.F) {
	for _, src := range edgeCases {
		f.Add([]byte(src))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		sameTree(t, "fuzz input", src)
	})
}
