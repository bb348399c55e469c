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
			got, note, err := mergeMCPJSON(".mcp.json", []byte(tt.in), registration{command: "sysarch", force: true})
			if err != nil || note != "" {
				t.Fatal(err, note)
			}
			golden(t, "mcpjson/"+strings.ReplaceAll(tt.name, " ", "-")+".json", got)
			checkMCPJSON(t, []byte(tt.in), got)

			again, _, err := mergeMCPJSON(".mcp.json", got, registration{command: "sysarch"})
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
	got, _, err := mergeMCPJSON(".mcp.json", []byte(in), registration{command: "sysarch"})
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

// TestMergeMCPJSONKeepsBytes checks that an edit touches only the sysarch
// entry: the old file and the new one share everything before and after
// it, byte for byte.
func TestMergeMCPJSONKeepsBytes(t *testing.T) {
	tests := []struct {
		name, in string
		force    bool
	}{
		{"four spaces no final newline", "{\n    \"mcpServers\": {\n        \"docs\": {\"command\": \"docs\", \"timeout\": 1.50e3}\n    },\n    \"z\": 10.0\n}", false},
		{"tabs and CRLF", "{\r\n\t\"mcpServers\": {\r\n\t\t\"docs\": {\r\n\t\t\t\"command\": \"docs\"\r\n\t\t}\r\n\t}\r\n}\r\n", false},
		{"empty servers", "{\n  \"mcpServers\": {},\n  \"n\": 1E2\n}\n", false},
		{"no servers, compact", `{"a":1,"b":[1.0,2]}`, false},
		{"customised entry forced", "{\n   \"mcpServers\": {\n      \"a\": {\"command\": \"a\"},\n      \"sysarch\": {\"command\": \"/opt/bin/sysarch\", \"args\": [\"--verbose\"], \"env\": {\"N\": 1.0}},\n      \"b\": {\"command\": \"b\"}\n   }\n}", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, err := mergeMCPJSON(".mcp.json", []byte(tt.in), registration{command: "sysarch", force: tt.force})
			if err != nil || note != "" {
				t.Fatal(err, note)
			}
			golden(t, "mcpjson/bytes-"+strings.NewReplacer(" ", "-", ",", "").Replace(tt.name)+".json", got)
			checkMCPJSON(t, []byte(tt.in), got)
			checkOnlySysarchChanged(t, []byte(tt.in), got)
		})
	}
}

// checkOnlySysarchChanged fails unless the bytes that differ between old
// and merged lie within the sysarch member (or its new container) of
// merged, and within the old sysarch member of old.
func checkOnlySysarchChanged(t *testing.T, old, merged []byte) {
	t.Helper()
	p := 0
	for p < len(old) && p < len(merged) && old[p] == merged[p] {
		p++
	}
	q := 0
	for q < len(old)-p && q < len(merged)-p && old[len(old)-1-q] == merged[len(merged)-1-q] {
		q++
	}
	removed, inserted := string(old[p:len(old)-q]), string(merged[p:len(merged)-q])
	if !strings.Contains(inserted, `"sysarch"`) && !strings.Contains(inserted, `"mcp"`) && inserted != "" {
		t.Errorf("the change %q does not add the sysarch entry", inserted)
	}
	if removed == "" {
		return
	}
	top, _ := scanJSONObject(old, 0)
	servers, _ := scanJSONObject(old, top.lookup("mcpServers")[0].valueStart)
	entry := servers.lookup("sysarch")
	if len(entry) == 0 || p < entry[0].keyStart || len(old)-q > entry[0].valEnd {
		t.Errorf("bytes outside the sysarch entry changed: %q became %q", removed, inserted)
	}
}

func TestMergeMCPJSONKeepsCustomisedEntry(t *testing.T) {
	in := `{"mcpServers": {"sysarch": {"command": "/opt/bin/sysarch", "args": ["mcp", "--verbose"]}}}`
	got, note, err := mergeMCPJSON(".mcp.json", []byte(in), registration{command: "sysarch"})
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != in {
		t.Errorf("the customised entry was changed without force:\n%s", got)
	}
	for _, want := range []string{"kept the customised sysarch entry", "/opt/bin/sysarch mcp --verbose", "--force"} {
		if !strings.Contains(note, want) {
			t.Errorf("note %q does not say %q", note, want)
		}
	}
	// The same entry is the registered one when it is the command asked for.
	in = `{"mcpServers": {"sysarch": {"command": "/opt/bin/sysarch", "args": ["mcp"]}}}`
	got, note, err = mergeMCPJSON(".mcp.json", []byte(in), registration{command: "/opt/bin/sysarch"})
	if err != nil || note != "" || string(got) != in {
		t.Errorf("an entry that starts the asked-for command was not left alone: %v %q %s", err, note, got)
	}
}

func TestMergeMCPJSONRefusesDuplicates(t *testing.T) {
	for _, in := range []string{
		`{"mcpServers": {}, "mcpServers": {}}`,
		`{"mcpServers": {"sysarch": {}, "sysarch": {}}}`,
	} {
		if _, _, err := mergeMCPJSON(".mcp.json", []byte(in), registration{command: "sysarch", force: true}); err == nil || !strings.Contains(err.Error(), "twice") {
			t.Errorf("%s: error = %v, want a refusal of the duplicate", in, err)
		}
	}
}
