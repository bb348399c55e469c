package render

import (
	"os"
	"path/filepath"
	"testing"

	upstream "github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/styles"
	"github.com/muesli/termenv"
	"github.com/sysarch/sysarch/agent/render/internal/glamour"
)

// TestSameAsUpstreamGlamour renders every example and doc with the
// internal copy of glamour and with glamour itself, configured as
// sysarch configured it before the copy, and requires the same bytes:
// leaving out the highlighter must change nothing on screen. Upstream
// glamour is a test dependency only; the binary does not link it.
func TestSameAsUpstreamGlamour(t *testing.T) {
	var files []string
	for _, g := range []string{"../../examples/*.md", "../../docs/*.md"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d documents to compare", len(files))
	}
	up := styles.DarkStyleConfig
	up.CodeBlock.Chroma = nil
	up.CodeBlock.Theme = ""
	up.Document.Color = nil
	up.CodeBlock.Color = nil
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []termenv.Profile{termenv.TrueColor, termenv.Ascii} {
			for _, w := range []int{60, MaxWidth} {
				u, err := upstream.NewTermRenderer(upstream.WithStyles(up), upstream.WithColorProfile(p), upstream.WithWordWrap(w))
				if err != nil {
					t.Fatal(err)
				}
				want, err := u.Render(string(b))
				if err != nil {
					t.Fatal(err)
				}
				got, err := glamour.NewTermRenderer(style(), p, w).Render(string(b))
				if err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s (profile %v, width %d): the internal renderer differs from glamour", f, p, w)
				}
			}
		}
	}
}
