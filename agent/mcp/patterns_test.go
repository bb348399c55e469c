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
