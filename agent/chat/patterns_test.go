package chat

import (
	"strings"
	"testing"
)

// /patterns lists what the requirements call for; add and drop pin an
// archetype for the session, over the interview's next snapshots.
func TestPatternsCommand(t *testing.T) {
	r, _ := runChatErr(t, nil, "Chat app\n/patterns\n/patterns drop chat\n/patterns add rate-limiter\n/patterns add nope\n/patterns drop\nskip\n/requirements\n/patterns\n", nil)
	for _, s := range []string{
		"chat (named): title:",
		"chat dropped: the design leaves it out",
		"rate-limiter added: the design merges its mechanism",
		`unknown archetype "nope"; known: account-aggregation,`,
		"usage: /patterns [add|drop ID]",
		"- -chat\n",
		"- rate-limiter\n",
		"rate-limiter (forced): patterns: rate-limiter",
		"chat dropped for this session",
	} {
		if !strings.Contains(r.err, s) {
			t.Errorf("conversation lacks %q:\n%s", s, r.err)
		}
	}
	if i, j := strings.LastIndex(r.err, "chat (named)"), strings.Index(r.err, "chat dropped:"); i > j {
		t.Errorf("chat is still listed after /patterns drop chat:\n%s", r.err)
	}
}

// An ask no archetype fits says so.
func TestPatternsCommandWhenNothingFits(t *testing.T) {
	r, _ := runChatErr(t, nil, "An expense-approval app for employees\n/patterns\n", nil)
	if !strings.Contains(r.err, "No known archetype fits; the mechanism is the open question.") {
		t.Errorf("conversation lacks the note that nothing fits:\n%s", r.err)
	}
	if strings.Contains(r.err, "account-aggregation (") {
		t.Errorf("an expense-approval app lists personal finance:\n%s", r.err)
	}
}
