package render

import (
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

const elements = "# Title of the design\n\n" +
	"## Section\n\n" +
	"A paragraph with *emphasis*, **strong words**, `code spans` and a [link](https://example.com/docs) " +
	"that runs long enough to be wrapped twice at forty columns, with 3,802.65/s and 50 GB/month in it.\n\n" +
	"- first item whose text is long enough to wrap onto a second line\n" +
	"  - nested item, also long enough to need a second line here\n" +
	"- second item\n\n" +
	"1. one\n2. two, with enough words in it to wrap under its own text\n\n" +
	"> a quoted remark that is long enough to wrap inside the quote bar\n\n" +
	"---\n\n" +
	"```mermaid\nflowchart TD\n    client --> a_very_long_node_name_that_is_wider_than_forty_columns_by_far\n```\n"

func render(t *testing.T, md string, width int, colour bool) string {
	t.Helper()
	draw := TerminalPlain
	if colour {
		draw = Terminal
	}
	out, err := draw([]byte(md), width)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestPlainIsColourWithoutEscapes(t *testing.T) {
	for _, width := range []int{40, 80, 120} {
		plain, colour := render(t, elements, width, false), render(t, elements, width, true)
		if strings.ContainsRune(plain, 0x1b) {
			t.Errorf("%d columns: plain output has an escape code:\n%q", width, plain)
		}
		if !strings.Contains(colour, "\x1b[") {
			t.Errorf("%d columns: colour output has no escape code", width)
		}
		if got := stripEscapes(colour); got != plain {
			t.Errorf("%d columns: the colour rendering laid out differently from the plain one:\n%s\n---\n%s", width, got, plain)
		}
	}
}

func TestWrapStaysWithinWidth(t *testing.T) {
	code := codeLines(elements)
	for _, width := range []int{30, 40, 60, 80} {
		out := render(t, elements, width, false)
		for _, l := range strings.Split(out, "\n") {
			if code[strings.TrimSpace(l)] {
				continue
			}
			if w := runewidth.StringWidth(l); w > width {
				t.Errorf("%d columns: line %q is %d wide", width, l, w)
			}
		}
		if split := splitNumbers(elements, out); len(split) > 0 {
			t.Errorf("%d columns: numbers split: %q", width, split)
		}
		if !strings.Contains(out, "50 GB/month") && !strings.Contains(out, "50 GB/month.") {
			t.Errorf("%d columns: a number is parted from its unit:\n%s", width, out)
		}
	}
}

func TestCodeBlockIsVerbatim(t *testing.T) {
	out := render(t, elements, 40, false)
	want := "      client --> a_very_long_node_name_that_is_wider_than_forty_columns_by_far\n"
	if !strings.Contains(out, want) {
		t.Errorf("the code block is not shown as written (indented, whole):\n%s", out)
	}
	if !strings.Contains(out, "\n    flowchart TD\n") {
		t.Errorf("the code block's first line is missing:\n%s", out)
	}
}

func TestListsIndentTheirContinuation(t *testing.T) {
	out := render(t, elements, 40, false)
	lines := strings.Split(out, "\n")
	at := func(s string) int {
		for i, l := range lines {
			if strings.Contains(l, s) {
				return i
			}
		}
		t.Fatalf("no %q in\n%s", s, out)
		return -1
	}
	first := at("• first item")
	if next := lines[first+1]; !strings.HasPrefix(next, "    ") || strings.HasPrefix(next, "     ") {
		t.Errorf("a wrapped item does not continue under its text: %q after %q", next, lines[first])
	}
	nested := at("◦ nested item")
	if !strings.HasPrefix(lines[nested], "    ◦ ") {
		t.Errorf("a nested item is not indented under its parent's text: %q", lines[nested])
	}
	if next := lines[nested+1]; !strings.HasPrefix(next, "      ") || strings.HasPrefix(next, "       ") {
		t.Errorf("a wrapped nested item does not continue under its text: %q", next)
	}
	two := at("2. two")
	if !strings.HasPrefix(lines[two], "  2. two") || !strings.HasPrefix(lines[two+1], "     ") {
		t.Errorf("a numbered item does not hang under its text:\n%s\n%s", lines[two], lines[two+1])
	}
}

func TestInlineElementsAndBlocks(t *testing.T) {
	plain := render(t, elements, 80, false)
	for _, want := range []string{
		"  Title of the design\n  " + strings.Repeat("═", len("Title of the design")) + "\n", // the title, underlined
		"  ## Section\n",
		"  │ a quoted remark",
		"  " + strings.Repeat("─", 76) + "\n",
	} {
		if !strings.Contains(plain, want) {
			t.Errorf("no %q in\n%s", want, plain)
		}
	}
	if words := strings.Join(strings.Fields(plain), " "); !strings.Contains(words, "emphasis, strong words, code spans and a link (https://example.com/docs) that") {
		t.Errorf("inline text or the link's address is lost:\n%s", plain)
	}
	colour := render(t, elements, 80, true)
	for name, want := range map[string]string{
		"emphasis":  "\x1b[3memphasis\x1b[0m",
		"strong":    "\x1b[1mstrong words\x1b[0m",
		"code span": "\x1b[" + sgrCode + "mcode spans\x1b[0m",
		"link":      "\x1b[" + sgrLink + "mlink\x1b[0m",
		"heading":   "\x1b[" + sgrSection + "m## Section\x1b[0m",
	} {
		if !strings.Contains(colour, want) {
			t.Errorf("%s is not styled: no %q in\n%q", name, want, colour)
		}
	}
}

func TestReferencesStaySafe(t *testing.T) {
	out := render(t, "Text &#27;[2J and &#x9b;31m and \\*stars\\* &amp; more\n", 80, true)
	if strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\u009b") {
		t.Errorf("a character reference reached the terminal as a control: %q", out)
	}
	if !strings.Contains(out, "*stars* & more") {
		t.Errorf("escapes and entities are not resolved: %q", out)
	}
}

func TestTaskListsShowTheirBoxes(t *testing.T) {
	out := render(t, "- [x] done and checked\n- [ ] still open\n", 80, false)
	if !strings.Contains(out, "  [✓] done and checked\n") || !strings.Contains(out, "  [ ] still open\n") {
		t.Errorf("task items are not drawn with their boxes:\n%s", out)
	}
}

func TestLinksShowTheirAddressOnce(t *testing.T) {
	md := "See [the docs](https://example.com/a), [https://example.com/b](https://example.com/b), <https://example.com/c> and <ops@example.com>.\n"
	got := strings.Join(strings.Fields(render(t, md, 100, false)), " ")
	want := "See the docs (https://example.com/a), https://example.com/b, https://example.com/c and ops@example.com."
	if got != want {
		t.Errorf("links drawn as\n%s\nwant\n%s", got, want)
	}
}
