package architect

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/requirements"
	"github.com/sysarch/sysarch/prompts"
)

// TestPromptNamesOnlyItsTools: every tool the session prompt and the
// instructions name is a tool of the session.
func TestPromptNamesOnlyItsTools(t *testing.T) {
	var names []string
	for _, tool := range (&Session{}).Tools() {
		names = append(names, tool.Def.Name)
	}
	text := prompts.Session() + OneShotInstructions + ChatInstructions
	for _, m := range regexp.MustCompile("`([a-z]+_[a-z_]+)`").FindAllStringSubmatch(text, -1) {
		if m[1] != "figure_ids" && !slices.Contains(names, m[1]) {
			t.Errorf("the prompt names %s, which is not a tool", m[1])
		}
	}
	for _, word := range []string{"record_requirements", "submit_design", "read_design", "add_component", "route_flow", "patterns", "choose_component"} {
		if !strings.Contains(prompts.Session(), word) {
			t.Errorf("the session prompt does not mention %s", word)
		}
	}
}

// TestAnswersAgreeWithTheInstructions: what record_requirements tells the
// model to do next is what its mode's instructions say. A one-shot run is
// told to ask no questions, so its answers never tell it to ask; an
// interview is told to submit once the phases are captured, so its
// answers say to ask while one is missing and to submit only after.
func TestAnswersAgreeWithTheInstructions(t *testing.T) {
	partial := requirements.Requirements{Title: "Links", Workloads: []requirements.Workload{{Name: "redirect", Kind: "read", Rate: quantity.Flow{Count: 1e9, Per: "month"}, ItemSize: 500, LatencyP99: 0.05}}}
	full := partial
	full.Functional = []string{"shorten", "redirect"}
	full.Availability, full.Durability = 0.999, "no link is lost"
	full.Constraints = &requirements.Constraints{Team: "2 engineers"}
	next := func(s *Session, req requirements.Requirements) DraftView {
		t.Helper()
		b, _ := json.Marshal(req)
		out, isErr := mustToolbox(t, s).Call(context.Background(), agent.ToolCall{ID: "1", Name: "record_requirements", Arguments: string(b)})
		if isErr {
			t.Fatal(out)
		}
		var v DraftView
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if !strings.Contains(OneShotInstructions, "Ask no questions") || !strings.Contains(ChatInstructions, "When the four phases are captured") {
		t.Fatal("the instructions changed; restate what this test holds the answers to")
	}
	for _, req := range []requirements.Requirements{partial, full} {
		v := next(&Session{}, req)
		if strings.Contains(strings.ToLower(v.Next), "ask") || len(v.Missing) > 0 {
			t.Errorf("a one-shot answer tells the model to ask: %q %v", v.Next, v.Missing)
		}
		if !strings.Contains(v.Next, "submit_design") {
			t.Errorf("a one-shot answer does not lead to submit_design: %q", v.Next)
		}
	}
	v := next(&Session{Interview: true}, partial)
	if len(v.Missing) == 0 || !strings.HasPrefix(v.Next, "Ask the user") || !strings.Contains(v.Next, "once the phases are captured") {
		t.Errorf("an interview with phases missing is not told to ask first: %q %v", v.Next, v.Missing)
	}
	v = next(&Session{Interview: true}, full)
	if len(v.Missing) > 0 || strings.Contains(v.Next, "Ask") || !strings.Contains(v.Next, "submit_design") {
		t.Errorf("an interview with every phase captured is not told to submit: %q %v", v.Next, v.Missing)
	}
}

// TestToolsNeedingADraftWaitForOne: before requirements are recorded a
// chat is not offered the tools that work on a draft; afterwards it is
// offered every tool.
func TestToolsNeedingADraftWaitForOne(t *testing.T) {
	s := &Session{Interview: true}
	var defs []agent.ToolDef
	for _, tool := range s.Tools() {
		defs = append(defs, tool.Def)
	}
	names := func(ds []agent.ToolDef) (out []string) {
		for _, d := range ds {
			out = append(out, d.Name)
		}
		return out
	}
	before := names(s.Offer(defs))
	if slices.Contains(before, "submit_design") || slices.Contains(before, "add_component") || !slices.Contains(before, "record_requirements") || !slices.Contains(before, "throughput") {
		t.Errorf("offered before recording: %v", before)
	}
	if _, err := s.Record(requirements.Requirements{Title: "Links", Workloads: []requirements.Workload{{Name: "redirect", Kind: "read", Rate: quantity.Flow{Count: 10, Per: "second"}}}}); err != nil {
		t.Fatal(err)
	}
	if after := s.Offer(defs); len(after) != len(defs) {
		t.Errorf("offered %d of %d tools after recording", len(after), len(defs))
	}
}

func mustToolbox(t *testing.T, s *Session) *agent.Toolbox {
	t.Helper()
	tb, err := agent.NewToolbox(s.Tools()...)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}
