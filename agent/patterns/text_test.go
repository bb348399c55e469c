package patterns

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	text := "We run a shop. Users can upload a short video of the product they bought, and others watch it later on."
	i := strings.Index(text, "video")
	got := snippet(text, i, i+len("video"))
	if !strings.Contains(got, "video") || strings.Contains(got, "We run") || len(got) > 100 {
		t.Errorf("snippet = %q", got)
	}
	if got := snippet("chat", 0, 4); got != "chat" {
		t.Errorf("snippet of a whole text = %q", got)
	}
}
