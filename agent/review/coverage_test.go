package review

import (
	"testing"
)

// TestEvaluate runs a made-up coverage check over small documents and
// checks each verdict of the substance rules: met, met without every kind,
// incomplete (with the key kind's rule when it lacks that kind), missing,
// and not needed.
func TestEvaluate(t *testing.T) {
	greek := func(enough int) *coverCheck {
		return &coverCheck{
			titles: newTerms("greek"),
			kinds: []kind{
				{name: "alpha", terms: newTerms("alpha"), fix: "add alpha"},
				{name: "beta", terms: newTerms("beta"), key: true, fix: "add beta"},
				{name: "gamma", terms: newTerms("gamma"), fix: "add gamma"},
			},
			substance: coveredKinds, enough: enough, missingBelow: 2,
			missing: rFailureMissing, detail: "none at all", sectionDetail: "section %q has none", missingText: "not found",
			lacking: rFailureIncompleteMinor, keyLacking: rFailureIncomplete, lackingFix: true,
			lackingDetail: "never mentions %[4]s", lackingText: "%[1]s, but no %[2]s",
		}
	}
	letters := &coverCheck{
		substance: anyKind,
		kinds:     []kind{{name: "delta", terms: newTerms("delta"), proof: "%q at %s"}},
		neededIf: func(rv *reviewer) (hit, bool) {
			h := rv.d.searchAll(newTerms("epsilon"))
			if len(h) == 0 {
				return hit{}, false
			}
			return h[0], true
		},
		unneeded: "nothing needs it",
		missing:  rIndexesMissing, detail: "%[1]q needs delta", missingText: "not found: %[2]s at %[1]s",
	}
	tests := []struct {
		name, doc    string
		check        *coverCheck
		ok           bool
		evidence     string
		id, sev, fix string // the finding, if any
	}{
		{"all kinds", "# D\n\nalpha, beta and gamma.\n", greek(0), true, `"D", line 3: alpha, beta, gamma`, "", "", ""},
		{"enough kinds", "# D\n\nalpha and beta.\n", greek(2), true, `"D", line 3: alpha, beta (no gamma)`, "", "", ""},
		{"one kind in the section", "# D\n\n## Greek\n\nalpha only.\n", greek(0), false, `"Greek", line 3, but no beta, no gamma`,
			"failure-handling-incomplete", "medium", "Add beta; add gamma."},
		{"lacking a minor kind", "# D\n\nalpha and beta.\n", greek(0), false, `"D", line 3, but no gamma`,
			"failure-handling-incomplete", "low", "Add gamma."},
		{"one kind elsewhere", "# D\n\nalpha only.\n", greek(0), false, "not found", "failure-handling-missing", "high", ""},
		{"an empty section", "# D\n\n## Greek\n\nNothing here.\n", greek(0), false, "not found", "failure-handling-missing", "high", ""},
		{"found", "# D\n\nepsilon and delta.\n", letters, true, `"delta" at "D", line 3`, "", "", ""},
		{"not needed", "# D\n\nNothing.\n", letters, true, "nothing needs it", "", "", ""},
		{"needed and missing", "# D\n\nSome epsilon.\n", letters, false, `not found: epsilon at "D", line 3`, "indexes-missing", "medium", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Parse([]byte(tt.doc))
			sents := d.sentences()
			annotate(d, sents)
			rv := &reviewer{d: d, sents: sents}
			rv.title, rv.titleLine = d.Title()
			rv.placeholders()
			ok, evidence := rv.evaluate(tt.check)
			if ok != tt.ok || evidence != tt.evidence {
				t.Errorf("evaluate = %v, %q; want %v, %q", ok, evidence, tt.ok, tt.evidence)
			}
			switch {
			case tt.id == "" && len(rv.findings) > 0:
				t.Errorf("findings %v, want none", rv.findings)
			case tt.id != "" && len(rv.findings) != 1:
				t.Fatalf("findings %v, want one %s", rv.findings, tt.id)
			case tt.id != "":
				f := rv.findings[0]
				if f.ID != tt.id || string(f.Severity) != tt.sev || tt.fix != "" && f.Fix != tt.fix {
					t.Errorf("finding %s %s %q, want %s %s %q", f.ID, f.Severity, f.Fix, tt.id, tt.sev, tt.fix)
				}
			}
		})
	}
}
