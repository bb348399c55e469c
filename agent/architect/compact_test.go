package architect

import (
	"context"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/requirements"
)

// TestCompactSchemasCheckTheFullOne: the model is shown shorter schemas,
// but every argument the full schema takes still passes and an unknown
// one is still refused with the field it meant.
func TestCompactSchemasCheckTheFullOne(t *testing.T) {
	s := &Session{}
	tools := s.Tools()
	tb := mustToolbox(t, s)
	for _, tool := range tools {
		if tool.Check == nil || len(tool.Def.Parameters) >= len(tool.Check) {
			t.Errorf("%s: shown %d bytes of a %d-byte schema", tool.Def.Name, len(tool.Def.Parameters), len(tool.Check))
		}
		if tool.Def.Name == "throughput" && strings.Contains(string(tool.Def.Parameters), "seconds_per_month") {
			t.Error("throughput shows seconds_per_month")
		}
	}
	call := func(name, args string) (string, bool) {
		return tb.Call(context.Background(), agent.ToolCall{ID: "1", Name: name, Arguments: args})
	}
	if out, isErr := call("throughput", `{"count": 20000000, "per": "day", "seconds_per_month": 2500000}`); isErr || !strings.Contains(out, `"seconds_per_month":2500000`) {
		t.Errorf("a field the model is not shown was refused or ignored: %s", out)
	}
	if out, isErr := call("throughput", `{"cnt": "20M/day"}`); !isErr || !strings.Contains(out, "cnt") {
		t.Errorf("an unknown field passed: %s", out)
	}
	if out, isErr := call("patterns", `{"action": "match"}`); !isErr || !strings.Contains(out, "requirements") {
		t.Errorf("a match with nothing recorded should ask for requirements: %s", out)
	}
	if _, err := s.Record(mustParse(t)); err != nil {
		t.Fatal(err)
	}
	if out, isErr := call("patterns", `{"action": "match"}`); isErr || !strings.Contains(out, `"action":"match"`) {
		t.Errorf("a match without requirements does not match the recorded ones: %s", out)
	}
}

func mustParse(t *testing.T) requirements.Requirements {
	t.Helper()
	req, err := requirements.ParseRequirements([]byte(reqYAML), "req.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return req
}
