package patterns

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in, want string // want: words, "|" before a word that starts a clause
	}{
		{"Fan-out tweets to Followers", "fan out tweet to follower"},
		{"No chat. Feeds, please", "no chat |feed |please"},
		{"respect robots.txt on mint.com; 20,000 pages", "respect robot txt on mint com |20 000 page"},
		{"don't cache (yet)", "don t cach |yet"},
		{"caches, companies, boxes, status, analysis", "cach |company |box |status |analysis"},
		{"Café naïve", "café naïve"},
		{"cache matches match niche niches", "cach match match nich nich"},
	}
	for _, tt := range tests {
		var b strings.Builder
		for i, tok := range tokenize(tt.in) {
			if i > 0 {
				b.WriteByte(' ')
			}
			if tok.clause {
				b.WriteByte('|')
			}
			b.WriteString(tok.word)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

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
