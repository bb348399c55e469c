package mcp_test

import (
	"encoding/json"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/mcp"
)

// TestPatternsTool calls the patterns tool through the SDK's client: list,
// get, match, and an unknown id as a tool error.
func TestPatternsTool(t *testing.T) {
	cs := connect(t, mcp.Options{}, "")
	call := func(args string) *sdk.CallToolResult {
		t.Helper()
		res, err := cs.CallTool(t.Context(), &sdk.CallToolParams{Name: "patterns", Arguments: json.RawMessage(args)})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	text := func(r *sdk.CallToolResult) string { return r.Content[0].(*sdk.TextContent).Text }
	if r := call(`{"action":"list"}`); r.IsError || !strings.Contains(text(r), `"id": "leaderboard"`) {
		t.Errorf("list: %s", text(r))
	}
	if r := call(`{"action":"get","id":"short-links"}`); r.IsError || !strings.Contains(text(r), "base62") {
		t.Errorf("get short-links: %s", text(r))
	}
	match := `{"action":"match","requirements":{"title":"URL shortener","functional":["create short links"],` +
		`"workloads":[{"name":"create link","kind":"write","rate":"100M/month"}]}}`
	if r := call(match); r.IsError || !strings.Contains(text(r), `"id": "short-links"`) {
		t.Errorf("match: %s", text(r))
	}
	if r := call(`{"action":"get","id":"nope"}`); !r.IsError || !strings.Contains(text(r), `unknown archetype "nope"`) {
		t.Errorf("get nope: %v %s", r.IsError, text(r))
	}
}

// Every archetype in full passes the output schema the SDK checks it
// against: the schema is generated from the same Go types.
func TestPatternsGetEveryArchetype(t *testing.T) {
	cs := connect(t, mcp.Options{}, "")
	list, err := cs.CallTool(t.Context(), &sdk.CallToolParams{Name: "patterns", Arguments: json.RawMessage(`{"action":"list"}`)})
	if err != nil || list.IsError {
		t.Fatalf("list: %v %v", err, list)
	}
	var ans struct{ Archetypes []struct{ ID string } }
	if err := json.Unmarshal([]byte(list.Content[0].(*sdk.TextContent).Text), &ans); err != nil || len(ans.Archetypes) == 0 {
		t.Fatalf("list: %v, %d archetypes", err, len(ans.Archetypes))
	}
	for _, a := range ans.Archetypes {
		res, err := cs.CallTool(t.Context(), &sdk.CallToolParams{Name: "patterns", Arguments: map[string]any{"action": "get", "id": a.ID}})
		if err != nil || res.IsError {
			t.Errorf("get %s: %v %v", a.ID, err, res.Content)
		}
	}
}
