package export

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMergeMCPJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"absent", ""},
		{"blank", "  \n"},
		{"other servers and keys", `{
  "$schema": "https://example.com/mcp.schema.json",
  "mcpServers": {
    "github": {"type": "http", "url": "https://api.example.com/mcp", "headers": {"Authorization": "Bearer ${TOKEN}"}},
    "files": {"command": "npx", "args": ["-y", "files-server", "<dir>"], "env": {"DEBUG": "1"}}
  },
  "zzz": [1, 2.50, {"nested": true}]
}`},
		{"no mcpServers yet", `{"inputs": [], "note": "kept"}`},
		{"stale sysarch entry", `{"mcpServers": {"sysarch": {"type": "stdio", "command": "/old/bin/sysarch", "args": ["serve"], "env": {"LOG_LEVEL": "debug"}}, "after": {"command": "x"}}}`},
		{"sysarch over http", `{"mcpServers": {"sysarch": {"type": "http", "url": "http://localhost:1/mcp"}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mergeMCPJSON(".mcp.json", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "mcpjson/"+strings.ReplaceAll(tt.name, " ", "-")+".json", got)
			checkMCPJSON(t, []byte(tt.in), got)

			again, err := mergeMCPJSON(".mcp.json", got)
			if err != nil || string(again) != string(got) {
				t.Errorf("merging twice changed the file: %v", err)
			}
		})
	}
}

// checkMCPJSON parses the merged file and checks that sysarch is registered
// and that everything else in the old file is still there.
func checkMCPJSON(t *testing.T, old, merged []byte) {
	t.Helper()
	var got map[string]any
	if err := json.Unmarshal(merged, &got); err != nil {
		t.Fatalf("merged file is not JSON: %v", err)
	}
	servers, _ := got["mcpServers"].(map[string]any)
	entry, _ := servers["sysarch"].(map[string]any)
	if entry["command"] != "sysarch" || !cmp.Equal(entry["args"], []any{"mcp"}) {
		t.Errorf("sysarch entry = %v, want command sysarch and args [mcp]", entry)
	}
	var before map[string]any
	if strings.TrimSpace(string(old)) == "" {
		return
	}
	if err := json.Unmarshal(old, &before); err != nil {
		t.Fatal(err)
	}
	oldServers, _ := before["mcpServers"].(map[string]any)
	delete(oldServers, "sysarch")
	delete(servers, "sysarch")
	if len(oldServers) == 0 {
		delete(before, "mcpServers")
	}
	if len(servers) == 0 {
		delete(got, "mcpServers")
	}
	if diff := cmp.Diff(before, got); diff != "" {
		t.Errorf("keys other than sysarch changed (-old +merged):\n%s", diff)
	}
}

func TestMergeMCPJSONKeepsRegisteredFileAsIs(t *testing.T) {
	in := "{\"mcpServers\":{\"sysarch\":{\"type\":\"stdio\",\"command\":\"sysarch\",\"args\":[\"mcp\"]}},\n\n    \"odd\":   \"layout\"}"
	got, err := mergeMCPJSON(".mcp.json", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != in {
		t.Errorf("a file that already registers sysarch was reformatted:\n%s", got)
	}
}

func TestLineCol(t *testing.T) {
	data := []byte("ab\ncd\nef")
	tests := []struct {
		offset          int64
		wantLine, wantC int
	}{{0, 1, 1}, {1, 1, 2}, {3, 2, 1}, {7, 3, 2}, {99, 3, 3}}
	for _, tt := range tests {
		if l, c := lineCol(data, tt.offset); l != tt.wantLine || c != tt.wantC {
			t.Errorf("lineCol(%d) = %d:%d, want %d:%d", tt.offset, l, c, tt.wantLine, tt.wantC)
		}
	}
}
