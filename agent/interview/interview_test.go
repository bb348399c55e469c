package interview

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/conversation"
	"github.com/sysarch/sysarch/agent/phase"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/agent/session"
)

const year = 12 * quantity.DefaultSecondsPerMonth

// run answers every question in turn and returns the interview and the ids
// of the questions asked, one per answer.
func run(t *testing.T, answers ...string) (*Interview, []string, []Reply) {
	t.Helper()
	iv := New()
	var asked []string
	var replies []Reply
	for _, a := range answers {
		q, ok := iv.Current()
		if !ok {
			q.ID = "(done)"
		}
		asked = append(asked, q.ID)
		replies = append(replies, iv.Answer(a))
	}
	return iv, asked, replies
}

var shortenerAnswers = []string{
	"URL shortener: turns long links into short ones",
	"create short links, redirect, expire old links",
	"create link", "write", "100M/month", "3 times", "500B", "100ms", "5y", "yes",
	"redirect", "reads", "10B/month", "none", "500B", "p95 20ms", "yes", "no",
	"10M", "99.95%", "no acknowledged write is lost", "GDPR",
	"3 backend engineers", "2000 USD/month", "3 months", "PostgreSQL, AWS",
	"2x in 6 months, 4x in 1 year and 20x in 3 years",
}

func TestInterviewEndToEnd(t *testing.T) {
	iv, asked, replies := run(t, shortenerAnswers...)
	wantAsked := []string{
		"title", "functional",
		"workload.name", "workload.kind", "workload.rate", "workload.peak", "workload.size", "workload.latency", "workload.retention", "workload.more",
		"workload.name", "workload.kind", "workload.rate", "workload.peak", "workload.size", "workload.latency", "workload.cacheable", "workload.more",
		"users", "availability", "durability", "compliance", "team", "budget", "timeline", "existing", "growth",
	}
	if diff := cmp.Diff(wantAsked, asked); diff != "" {
		t.Errorf("questions asked (-want +got):\n%s", diff)
	}
	want := requirements.Requirements{
		Title: "URL shortener", Summary: "turns long links into short ones",
		Functional: []string{"create short links", "redirect", "expire old links"},
		Workloads: []requirements.Workload{
			{Name: "create link", Kind: "write", Rate: quantity.Flow{Count: 1e8, Per: "month"}, PeakFactor: 3, ItemSize: 500, LatencyP99: 0.1, Retention: quantity.Duration(5 * year)},
			{Name: "redirect", Kind: "read", Rate: quantity.Flow{Count: 1e10, Per: "month"}, ItemSize: 500, LatencyP95: 0.02, Cacheable: true},
		},
		Users:        &requirements.Users{DAU: 1e7},
		Availability: 0.9995, Durability: "no acknowledged write is lost", Compliance: []string{"GDPR"},
		Constraints: &requirements.Constraints{Team: "3 backend engineers", Budget: "2000 USD/month", Timeline: "3 months", Existing: []string{"PostgreSQL", "AWS"}},
		Growth:      map[string]quantity.Factor{"6mo": 2, "1y": 4, "3y": 20},
	}
	if diff := cmp.Diff(want, iv.Requirements()); diff != "" {
		t.Errorf("requirements (-want +got):\n%s", diff)
	}
	if !iv.Done() || !replies[len(replies)-1].Done {
		t.Errorf("not done after the last answer")
	}
	if got := phase.Assess(iv.Requirements()); !got.Complete() {
		t.Errorf("phase tracker says missing: %v", got.MissingText())
	}
	if iv.Phase() != phase.Document {
		t.Errorf("Phase() = %v after the interview, want document", iv.Phase())
	}
}

func TestReask(t *testing.T) {
	tests := []struct {
		name     string
		answers  []string // after "t", "f", "w"
		wantSay  string   // in the last reply
		wantNext string   // question id after the last answer
	}{
		{"bad kind", []string{"sometimes"}, `Could not read "sometimes" as a kind`, "workload.kind"},
		{"bad rate", []string{"read", "fast"}, `Could not read "fast": I need a rate like 100M/month, 5k/min or 1M/s. For example: 100M/month`, "workload.rate"},
		{"peak below the average", []string{"read", "1k/s", "0.5x"}, `Could not read "0.5x": I need a factor of 1 or more like 3x, or none`, "workload.peak"},
		{"size given as a rate", []string{"read", "1k/s", "3x", "lots"}, `Could not read "lots": I need a size`, "workload.size"},
		{"negative latency", []string{"read", "1k/s", "none", "1KB", "-5ms"}, `"-5ms" is not a usable value here`, "workload.latency"},
		{"empty", []string{""}, "I need an answer here", "workload.kind"},
		{"yes or no", []string{"read", "1k/s", "none", "1KB", "50ms", "perhaps"}, "I need yes or no", "workload.cacheable"},
		{"no, then words", []string{"read", "1k/s", "none", "1KB", "50ms", "no, they change too often"}, "", "workload.more"},
		{"growth in words", []string{"skip", "skip", "skip", "skip", "no", "skip", "skip", "skip", "skip", "skip", "skip", "skip", "skip", "skip", "2x by next year"}, "", "(none)"},
		{"help", []string{"?"}, "Reads may be cached", "workload.kind"},
		{"what if too early", []string{"what if traffic is 10x?"}, "finish the requirements first", "workload.kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			iv, _, replies := run(t, append([]string{"t", "f", "w"}, tt.answers...)...)
			got := strings.Join(replies[len(replies)-1].Say, " ")
			if tt.wantSay == "" && strings.Contains(got, "Could not read") || !strings.Contains(got, tt.wantSay) {
				t.Errorf("reply %q does not contain %q", got, tt.wantSay)
			}
			q, ok := iv.Current()
			if !ok {
				q.ID = "(none)"
			}
			if q.ID != tt.wantNext {
				t.Errorf("next question %q, want %q", q.ID, tt.wantNext)
			}
		})
	}
}

func TestSkipRecordsAssumptions(t *testing.T) {
	answers := []string{"skip", "skip", "api", "skip", "skip", "skip", "skip", "skip", "no"}
	for range 9 { // users … growth
		answers = append(answers, "skip")
	}
	iv, _, _ := run(t, answers...)
	if !iv.Done() {
		q, _ := iv.Current()
		t.Fatalf("not done; waiting for %s", q.ID)
	}
	wantAssumptions := []string{
		`the system is called "Unnamed system"`,
		"no capabilities were listed",
		"the api flow is a read",
		"the rate of api is unknown, so it has no capacity figures",
		"one item of api is 1 KB",
		"the p99 latency target of api is 200ms",
		"the answers to api are not cached",
		"the number of daily users is unknown",
		"the availability target is 99.9%",
		"no acknowledged write may be lost",
		"no regulation applies",
		"a small team builds and runs it",
		"there is no set budget",
		"there is no deadline",
		"nothing is in place yet",
		"the growth is unknown, so the design assumes 1.5x in 6 months, 2x in a year and 5x in 3 years",
	}
	if diff := cmp.Diff(wantAssumptions, iv.Assumptions()); diff != "" {
		t.Errorf("assumptions (-want +got):\n%s", diff)
	}
	req := iv.Requirements()
	if req.Availability != 0.999 || req.Workloads[0].ItemSize != 1000 || req.Constraints.Team != "a small team" {
		t.Errorf("skipped defaults not stored: %+v", req)
	}
}

func TestSkipFirstWorkload(t *testing.T) {
	iv, asked, _ := run(t, "t", "f", "skip", "none")
	if diff := cmp.Diff([]string{"title", "functional", "workload.name", "users"}, asked); diff != "" {
		t.Errorf("asked (-want +got):\n%s", diff)
	}
	if len(iv.Requirements().Workloads) != 0 || iv.Requirements().Users != nil {
		t.Errorf("requirements: %+v", iv.Requirements())
	}
}

func TestEventAndJobFollowUps(t *testing.T) {
	_, asked, _ := run(t, "t", "f",
		"clicks", "event", "1M/s", "4x", "200B", "1s", "30d", "5m", "yes",
		"thumbnails", "background job", "10/s", "none", "2MB", "no")
	want := []string{"title", "functional",
		"workload.name", "workload.kind", "workload.rate", "workload.peak", "workload.size", "workload.latency", "workload.retention", "workload.window", "workload.more",
		"workload.name", "workload.kind", "workload.rate", "workload.peak", "workload.size", "workload.more"}
	if diff := cmp.Diff(want, asked); diff != "" {
		t.Errorf("asked (-want +got):\n%s", diff)
	}
}

func TestWhatIfAfterDone(t *testing.T) {
	iv, _, _ := run(t, shortenerAnswers...)
	tests := []struct {
		in   string
		want float64
	}{
		{"what if traffic is 10x?", 10},
		{"What if it grows 2.5 times", 2.5},
		{"what if traffic doubles", 2},
		{"what if it's 1x again", 1},
	}
	for _, tt := range tests {
		if got := iv.Answer(tt.in); got.Scale != tt.want {
			t.Errorf("Answer(%q).Scale = %v, want %v", tt.in, got.Scale, tt.want)
		}
	}
	if r := iv.Answer("thanks"); r.Scale != 0 || !strings.Contains(r.Say[0], "complete") {
		t.Errorf("Answer(thanks) = %+v", r)
	}
	if _, ok := WhatIf("what is 10x?"); ok {
		t.Error(`WhatIf("what is 10x?") matched`)
	}
}

func TestAcknowledgements(t *testing.T) {
	_, _, replies := run(t, "t", "f", "w", "read", "100M/month")
	if got, want := replies[4].Say, []string{"That is 38.03/s on average."}; !cmp.Equal(got, want) {
		t.Errorf("rate acknowledgement = %q, want %q", got, want)
	}
}

func TestRequirementsIsACopy(t *testing.T) {
	iv, _, _ := run(t, "t", "f", "w", "read")
	snap := iv.Requirements()
	iv.Answer("1k/s")
	if !snap.Workloads[0].Rate.IsZero() {
		t.Errorf("an earlier snapshot changed with a later answer: %+v", snap.Workloads[0])
	}
}

func TestResponderReplaysHistory(t *testing.T) {
	var history []session.Event
	for _, a := range []string{"t", "f", "redirect", "read"} {
		history = append(history, session.Event{Type: session.User, Text: a})
	}
	r, _ := NewResponder(history)
	ch, err := r.Respond(t.Context(), conversation.Turn{})
	if err != nil {
		t.Fatal(err)
	}
	var text string
	var kinds []conversation.Kind
	for e := range ch {
		kinds = append(kinds, e.Kind)
		text += e.Text
	}
	if want := "What is the average rate of redirect? A count per period will do.\n"; text != want {
		t.Errorf("opening after replay = %q, want %q", text, want)
	}
	if diff := cmp.Diff([]conversation.Kind{conversation.Requirements, conversation.TextDelta, conversation.Done}, kinds); diff != "" {
		t.Errorf("kinds (-want +got):\n%s", diff)
	}
	if p := r.(conversation.Phaser).Phase(); p != phase.Scale {
		t.Errorf("Phase() = %v, want scale", p)
	}
}

func TestResponderShowsDesignWhenDone(t *testing.T) {
	var history []session.Event
	for _, a := range shortenerAnswers[:len(shortenerAnswers)-1] {
		history = append(history, session.Event{Type: session.User, Text: a})
	}
	r, _ := NewResponder(history)
	for _, tt := range []struct {
		answer string
		want   []conversation.Kind
		scale  float64
	}{
		{"none", []conversation.Kind{conversation.TextDelta, conversation.Requirements, conversation.ShowDesign, conversation.Done}, 1},
		{"what if traffic is 10x?", []conversation.Kind{conversation.TextDelta, conversation.ShowDesign, conversation.Done}, 10},
	} {
		ch, _ := r.Respond(t.Context(), conversation.Turn{Text: tt.answer})
		var kinds []conversation.Kind
		for e := range ch {
			kinds = append(kinds, e.Kind)
			if e.Kind == conversation.ShowDesign && e.Scale != tt.scale {
				t.Errorf("%q: scale %v, want %v", tt.answer, e.Scale, tt.scale)
			}
		}
		if diff := cmp.Diff(tt.want, kinds); diff != "" {
			t.Errorf("%q: kinds (-want +got):\n%s", tt.answer, diff)
		}
	}
}
