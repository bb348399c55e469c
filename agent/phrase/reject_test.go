package phrase

import (
	"strings"
	"testing"
)

func TestRejects(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"We avoid a shared database.", true},
		{"Kafka would be overkill at 40 events a second.", true},
		{"Caching is used instead.", true},
		{"A shared database is an anti-pattern here.", true},
		{"Two writers to one table are a red flag.", true},
		{"We do not shard.", true},
		{"The API doesn't call the billing service.", true},
		{"Rather than a queue, the job runs in the request.", true},
		{"We shard the orders table by customer id.", false},
		{"The API calls the billing service.", false},
		// A word that merely begins like a rejection is one: the stems are
		// prefixes, as in the review's old lists.
		{"Avoidance of hot keys is handled by salting.", true},
		{"The red team tests the flag service.", false},
	}
	for _, tt := range tests {
		if got := RejectsText(tt.text); got != tt.want {
			t.Errorf("RejectsText(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestNegatedAt(t *testing.T) {
	tests := []struct {
		text, at string // at: the words whose negation is asked
		want     bool
	}{
		{"we write the row and publish without an outbox", "outbox", true},
		{"we write the row and publish through an outbox", "outbox", false},
		{"the job runs instead of a background worker", "background", true},
		{"it lacks an index on created_at", "index", true},
		{"not now, but an outbox later", "outbox", false}, // the comma ends the reach
		{"no cache is ever put in front of the slow query", "slow", false},
		{"we never really use an outbox", "outbox", true},
		{"no one two three four five outbox", "outbox", false},     // beyond the reach
		{"we are not building a wallet or ledger", "ledger", true}, // "or" keeps the denial
		{"not building a wallet and a ledger", "ledger", false},    // "and" ends it
		{"not one two three four or five six seven eight ledger", "ledger", false},
	}
	for _, tt := range tests {
		at := strings.Index(tt.text, tt.at)
		if got := NegatedAt(tt.text, at); got != tt.want {
			t.Errorf("NegatedAt(%q, %q) = %v, want %v", tt.text, tt.at, got, tt.want)
		}
	}
}
