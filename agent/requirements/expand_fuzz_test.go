package requirements

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/termsafe"
)

// FuzzYAMLExpansion builds files whose aliases repeat an anchored string:
// whatever the sizes, a file is refused or holds, aliases written out, no
// more text than the size limit, is read in bounded time, and every text
// field it yields is free of control characters.
func FuzzYAMLExpansion(f *testing.F) {
	f.Add("x", uint32(500_000), uint16(100))
	f.Add("\x1b]52;c;QQ==\x07", uint32(10), uint16(3))
	f.Add("a\u202eb", uint32(1000), uint16(2000))
	f.Fuzz(func(t *testing.T, unit string, n uint32, k uint16) {
		if unit == "" {
			return
		}
		s := strings.Repeat(unit, int(n)%(MaxRequirementsSize/len(unit)+1))
		if len(s) > MaxRequirementsSize-100 {
			s = s[:MaxRequirementsSize-100]
		}
		var b strings.Builder
		b.WriteString("title: &a " + strconv.Quote(s) + "\nfunctional:\n")
		for range int(k % 5000) {
			b.WriteString("  - *a\n")
		}
		start := time.Now()
		r, err := ParseRequirements([]byte(b.String()), "r.yaml")
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("%d bytes repeated %d times took %v", len(s), k, d)
		}
		if err != nil {
			return
		}
		total := len(r.Title) + len(r.Body)
		for _, l := range r.Functional {
			total += len(l)
		}
		// Sanitising lengthens a control character: ESC is four bytes shown.
		if total > 6*MaxRequirementsSize {
			t.Fatalf("accepted %d bytes of text", total)
		}
		for _, v := range append([]string{r.Title, r.Body}, r.Functional...) {
			if !termsafe.Clean([]byte(v)) {
				t.Fatalf("a field holds a control character: %q", v[:min(len(v), 40)])
			}
		}
	})
}
