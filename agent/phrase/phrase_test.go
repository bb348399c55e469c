package phrase

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
		for i, tok := range Tokenize(tt.in) {
			if i > 0 {
				b.WriteByte(' ')
			}
			if tok.Clause {
				b.WriteByte('|')
			}
			b.WriteString(tok.Word)
		}
		if got := b.String(); got != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
