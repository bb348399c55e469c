package export

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pelletier/go-toml/v2"
)

func TestMergeCodexConfig(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		rewritten bool // comments are lost and a note says so
	}{
		{name: "absent", in: ""},
		{name: "comments and other tables", in: `# My Codex settings.
model = "o3"            # the default model
approval_policy = "on-request"

[mcp_servers.docs]
command = "docs-server"
args = ["--port", "4000"]
env = { "API_KEY" = "value" }

[profiles.fast]
model = "o4-mini"`},
		{name: "stale sysarch table", in: `model = "o3"

# sysarch, added by hand
[mcp_servers.sysarch]
command = "/opt/old/sysarch"   # old path
args = ["serve"]
startup_timeout_sec = 20

[mcp_servers.sysarch.env]
LOG_LEVEL = "debug"

[tui]
notifications = true
`},
		{name: "inline mcp_servers table", in: "mcp_servers = { docs = { command = \"docs-server\" } }\n# a comment that will be lost\nmodel = \"o3\"\n", rewritten: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, notes, err := mergeCodexConfig("config.toml", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			golden(t, "codexconfig/"+strings.ReplaceAll(tt.name, " ", "-")+".toml", got)
			if (len(notes) > 0) != tt.rewritten {
				t.Errorf("notes = %q, want a note: %v", notes, tt.rewritten)
			}
			if !tt.rewritten {
				for _, line := range strings.Split(tt.in, "\n") {
					if transportKeyRE.MatchString(line) {
						continue // sysarch's own lines are replaced, comments and all
					}
					if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(string(got), line[i:]) {
						t.Errorf("comment %q was lost", line[i:])
					}
				}
			}
			checkCodexConfig(t, []byte(tt.in), got)

			again, notes, err := mergeCodexConfig("config.toml", got)
			if err != nil || string(again) != string(got) || len(notes) > 0 {
				t.Errorf("merging twice changed the file: %v %q", err, notes)
			}
		})
	}
}

// checkCodexConfig parses the merged file and checks that sysarch is
// registered and every other setting is still there.
func checkCodexConfig(t *testing.T, old, merged []byte) {
	t.Helper()
	var got, before map[string]any
	if err := toml.Unmarshal(merged, &got); err != nil {
		t.Fatalf("merged file is not TOML: %v", err)
	}
	if err := toml.Unmarshal(old, &before); err != nil {
		t.Fatal(err)
	}
	servers, _ := got["mcp_servers"].(map[string]any)
	entry, _ := servers["sysarch"].(map[string]any)
	if entry["command"] != "sysarch" || !cmp.Equal(entry["args"], []any{"mcp"}) {
		t.Fatalf("sysarch entry = %v, want command sysarch and args [mcp]", entry)
	}
	if before == nil {
		before = map[string]any{}
	}
	oldServers, _ := before["mcp_servers"].(map[string]any)
	if oldEntry, ok := oldServers["sysarch"].(map[string]any); ok {
		for k, v := range oldEntry {
			if k != "command" && k != "args" && !cmp.Equal(entry[k], v) {
				t.Errorf("sysarch setting %s = %v, want it kept as %v", k, entry[k], v)
			}
		}
	}
	delete(oldServers, "sysarch")
	delete(servers, "sysarch")
	if len(oldServers) == 0 {
		delete(before, "mcp_servers")
	}
	if len(servers) == 0 {
		delete(got, "mcp_servers")
	}
	if diff := cmp.Diff(before, got); diff != "" {
		t.Errorf("settings other than sysarch changed (-old +merged):\n%s", diff)
	}
}
