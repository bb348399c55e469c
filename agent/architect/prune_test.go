package architect

import (
	"testing"

	"github.com/sysarch/sysarch/agent"
)

func TestPruneStaleKeepsOnlyCurrentDrafts(t *testing.T) {
	call := func(id, name string) agent.Message {
		return agent.Message{Role: agent.Assistant, ToolCalls: []agent.ToolCall{{ID: id, Name: name}}}
	}
	result := func(id, content string) agent.Message {
		return agent.Message{Role: agent.ToolRole, ToolCallID: id, Content: content}
	}
	msgs := []agent.Message{
		{Role: agent.User, Content: "design it"},
		call("1", "record_requirements"), result("1", "DRAFT-1"),
		call("2", "read_design"), result("2", "SECTION"),
		call("3", "add_component"), result("3", "PART"),
		call("4", "throughput"), result("4", "FIGURE"),
		call("5", "read_design"), result("5", "SECTION-2"),
	}
	got := PruneStale(msgs)
	want := map[int]string{2: staleAnswer, 4: staleAnswer, 6: "PART", 8: "FIGURE", 10: "SECTION-2"}
	for i, w := range want {
		if got[i].Content != w {
			t.Errorf("message %d = %q, want %q", i, got[i].Content, w)
		}
	}
	if msgs[2].Content != "DRAFT-1" {
		t.Error("the conversation itself was changed")
	}
	if fresh := msgs[:3]; &PruneStale(fresh)[0] != &fresh[0] {
		t.Error("nothing stale, yet the messages were copied")
	}
}
