package render

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// numberPattern finds the numbers a reader must see whole: 3,802.65,
// 11,407.95, 62^7, 99.95.
var numberPattern = regexp.MustCompile(`[0-9][0-9,.]*[0-9]`)

// SplitNumbers returns the numbers of md that the rendering out does not
// show whole as often as md has them.
func splitNumbers(md, out string) []string {
	plain := stripEscapes(out)
	var split []string
	seen := map[string]bool{}
	for _, n := range numberPattern.FindAllString(md, -1) {
		if seen[n] {
			continue
		}
		seen[n] = true
		if want, got := countNumber(md, n), countNumber(plain, n); got < want {
			split = append(split, n)
		}
	}
	return split
}

// countNumber counts n where it stands as a whole number, not inside a
// longer one.
func countNumber(s, n string) int {
	count := 0
	for i := 0; ; {
		k := strings.Index(s[i:], n)
		if k < 0 {
			return count
		}
		start, end := i+k, i+k+len(n)
		i = start + 1
		if start > 0 && strings.ContainsRune("0123456789,.", rune(s[start-1])) {
			continue
		}
		if end < len(s) && isDigit(s[end]) {
			continue
		}
		if end+1 < len(s) && (s[end] == ',' || s[end] == '.') && isDigit(s[end+1]) {
			continue
		}
		count++
	}
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func TestNoNumberSplitAcrossLines(t *testing.T) {
	for _, name := range []string{"url-shortener", "event-pipeline", "notification-fanout"} {
		md, err := os.ReadFile("../../examples/" + name + ".design.md")
		if err != nil {
			t.Fatal(err)
		}
		for _, width := range []int{160, 120, 100, 80, 60} {
			out, err := Terminal(md, width)
			if err != nil {
				t.Fatal(err)
			}
			if split := splitNumbers(string(md), string(out)); len(split) > 0 {
				t.Errorf("%s at %d columns: numbers not shown whole: %q", name, width, split)
			}
			code := codeLines(string(md))
			for i, line := range strings.Split(stripEscapes(string(out)), "\n") {
				if code[strings.TrimSpace(line)] {
					continue // a diagram is drawn as written, never wrapped
				}
				if w := runewidth.StringWidth(strings.TrimRight(line, " ")); w > max(width, 0) {
					t.Errorf("%s at %d columns: line %d is %d wide: %q", name, width, i+1, w, line)
					break
				}
			}
		}
	}
}

// codeLines returns the lines inside md's fenced code blocks, trimmed.
func codeLines(md string) map[string]bool {
	code := map[string]bool{}
	in := false
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			in = !in
			continue
		}
		if in {
			code[strings.TrimSpace(l)] = true
		}
	}
	return code
}

func TestTableKeepsColumnsAndFallsBackToRecords(t *testing.T) {
	md := "| ID | Value | Formula |\n| --- | ---: | --- |\n| C1 | 3,802.65/s | 10,000,000,000 per month / 2,629,746 s = 3,802.65/s; peak ×3 = 11,407.95/s |\n| C2 \\| x | 50 GB | `code` and **bold** |\n"
	wide, err := Terminal([]byte(md), 80)
	if err != nil {
		t.Fatal(err)
	}
	got := stripEscapes(string(wide))
	for _, want := range []string{" ID    │ Value      │ Formula\n", "│ 3,802.65/s │", " C2 |  ", "code and bold\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("80 columns: no %q in\n%s", want, got)
		}
	}
	narrow, err := Terminal([]byte(md), 30)
	if err != nil {
		t.Fatal(err)
	}
	got = stripEscapes(string(narrow))
	for _, want := range []string{"  C1\n", "    Value: 3,802.65/s", "    Formula: 10,000,000,000"} {
		if !strings.Contains(got, want) {
			t.Errorf("30 columns: no %q in\n%s", want, got)
		}
	}
}

func TestTablesInCodeBlocksStayCode(t *testing.T) {
	md := "```\n| a | b |\n| --- | --- |\n| 1 | 2 |\n```\n"
	out, err := Terminal([]byte(md), 80)
	if err != nil {
		t.Fatal(err)
	}
	if got := stripEscapes(string(out)); !strings.Contains(got, "| a | b |") || strings.Contains(got, "│") {
		t.Errorf("a table in a code block was redrawn:\n%s", got)
	}
}

func TestHyphenatedWordsDoNotSplitNumbers(t *testing.T) {
	md := "A link id is a 64-bit number written in base62 (a-z, A-Z, 0-9): seven characters cover 62^7 ≈ 3.5 trillion ids. Ids come from a counter."
	out, err := Terminal([]byte(md), 100)
	if err != nil {
		t.Fatal(err)
	}
	got := stripEscapes(string(out))
	if !strings.Contains(got, "3.5 trillion") && !strings.Contains(got, "3.5\n") {
		t.Errorf("3.5 is split:\n%s", got)
	}
	if strings.ContainsAny(got, "\u2011\ue000\ue001") || !strings.Contains(got, "64-bit") || !strings.Contains(got, "(a-z, A-Z, 0-9)") {
		t.Errorf("hyphens not restored:\n%s", got)
	}
}

func TestListItemsKeepNumbersWhole(t *testing.T) {
	md := "- Availability: 99.9%; durability: a notification is delivered at least once; duplicates are suppressed; compliance: GDPR; retention: publish notification kept 2.96mo.\n- 3,802.65/s at peak, e.g. twice the average\n"
	for _, width := range []int{40, 50, 60, 70} {
		out, err := Terminal([]byte(md), width)
		if err != nil {
			t.Fatal(err)
		}
		if split := splitNumbers(md, string(out)); len(split) > 0 {
			t.Errorf("%d columns: numbers split: %q\n%s", width, split, stripEscapes(string(out)))
		}
	}
}

func TestWrapWordsKeepsNumberAndUnit(t *testing.T) {
	got := wrapWords("= 50 GB/month; × 60 months retention", 12)
	want := []string{"= 50", "GB/month; ×", "60 months", "retention"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		// "50 GB/month;" is 12 wide and must stay whole
		want = []string{"=", "50 GB/month;", "× 60 months", "retention"}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("wrapWords = %q, want %q", got, want)
		}
	}
}
