package requirements

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParseRequirements checks that no input makes the parser panic and
// that every error is an *InputError of one line.
func FuzzParseRequirements(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: URL shortener\nworkloads:\n  - name: create link\n    kind: write\n    rate: 100M/month\n    item_size: 500B\n---\nShort links.\n",
		"title: x\ncurrent: {stages: {db: 1ms, app: slow}}\n",
		"title: a: b\n",
		"Process 1M events/sec from mobile apps with 5-min analytics window",
		"API p95 jumped from 250ms to 900ms after new features",
		"Event sourcing vs CRUD for order management?",
		"# T\n\n10M DAU, 99.9% availability, GDPR, store for 5 years, 1KB events.",
		"a: &a [*a]\n",
		"title: x\nworkloads: [{name: a, <<: {kind: read}}]\n",
		Template(),
	} {
		f.Add([]byte(seed), "r.md")
	}
	f.Add([]byte("title: x\n"), "r.yaml")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		_, err := ParseRequirements(data, name)
		if err == nil {
			return
		}
		if msg := err.Error(); strings.ContainsAny(msg, "\n\r") {
			t.Errorf("error is not one line: %q", msg)
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("got %T (%v), want *InputError", err, err)
		}
	})
}
