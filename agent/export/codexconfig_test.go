package export

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/pelletier/go-toml/v2"
)

func TestMergeCodexConfig(t *testing.T) {
	tests := []struct {
		name string
		in   string
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
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, note, err := mergeCodexConfig("config.toml", []byte(tt.in), registration{command: "sysarch", force: true})
			if err != nil || note != "" {
				t.Fatal(err, note)
			}
			golden(t, "codexconfig/"+strings.ReplaceAll(tt.name, " ", "-")+".toml", got)
			for _, line := range strings.Split(tt.in, "\n") {
				if transportKeyRE.MatchString(line) {
					continue // sysarch's own lines are replaced, comments and all
				}
				if i := strings.Index(line, "#"); i >= 0 && !strings.Contains(string(got), line[i:]) {
					t.Errorf("comment %q was lost", line[i:])
				}
			}
			checkCodexConfig(t, []byte(tt.in), got)

			again, note, err := mergeCodexConfig("config.toml", got, registration{command: "sysarch"})
			if err != nil || string(again) != string(got) || note != "" {
				t.Errorf("merging twice changed the file: %v %q", err, note)
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

func TestMergeCodexConfigRefusesInlineAndDotted(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"inline table", "mcp_servers = { docs = { command = \"docs-server\" } }\n# keep me\nmodel = \"o3\"\n",
			[]string{"line 1", "inline table", `add sysarch = { command = "sysarch", args = ["mcp"] } inside its braces`}},
		{"dotted keys at the top", "model = \"o3\"\nmcp_servers.docs.command = \"docs-server\"\n",
			[]string{"dotted keys (line 2)", `mcp_servers.sysarch = { command = "sysarch", args = ["mcp"] }`}},
		{"dotted keys in the table", "[mcp_servers]\ndocs.command = \"docs-server\"\n",
			[]string{"(line 2)", `add the line sysarch = { command = "sysarch", args = ["mcp"] } under [mcp_servers]`}},
		{"sysarch written inline", "[mcp_servers]\nsysarch = { command = \"/old/sysarch\", args = [\"mcp\"] }\n",
			[]string{"written inline or with dotted keys", "replace it by hand"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := mergeCodexConfig("config.toml", []byte(tt.in), registration{command: "sysarch", force: true})
			if err == nil {
				t.Fatal("the file was merged; want a refusal")
			}
			for _, w := range append(tt.want, "nothing was changed") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "--scope agent") {
				t.Errorf("error %q offers --scope agent, which gives a Codex agent no tools", err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans several lines: %q", err)
			}
		})
	}
}

func TestMergeCodexConfigKeepsCustomisedEntry(t *testing.T) {
	in := "# mine\n[mcp_servers.sysarch]\ncommand = \"/opt/bin/sysarch\" # pinned\nargs = [\"mcp\", \"--verbose\"]\n"
	got, note, err := mergeCodexConfig("config.toml", []byte(in), registration{command: "sysarch"})
	if err != nil || string(got) != in {
		t.Fatalf("the customised entry was changed without force: %v\n%s", err, got)
	}
	if !strings.Contains(note, "kept the customised sysarch entry in config.toml (/opt/bin/sysarch mcp --verbose)") {
		t.Errorf("note = %q", note)
	}
	got, _, err = mergeCodexConfig("config.toml", []byte(in), registration{command: "/usr/local/bin/sysarch", force: true})
	if err != nil {
		t.Fatal(err)
	}
	want := "# mine\n[mcp_servers.sysarch]\ncommand = \"/usr/local/bin/sysarch\"\nargs = [\"mcp\"]\n"
	if string(got) != want {
		t.Errorf("forced merge:\n%s\nwant:\n%s", got, want)
	}
}

// TestMergeCodexConfigAppendsOnly checks that adding sysarch leaves every
// byte of the old file in place: the result starts with it.
func TestMergeCodexConfigAppendsOnly(t *testing.T) {
	for _, in := range []string{
		"# settings\nmodel = 'o3'   # single quotes stay\n\n[mcp_servers.docs]\ncommand = \"docs\"\nargs = [ 'x' ]",
		"[mcp_servers]\n\n[mcp_servers.\"a.b\"]\ncommand = \"ab\"\n",
	} {
		got, _, err := mergeCodexConfig("config.toml", []byte(in), registration{command: "sysarch"})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(got), in) || !strings.HasSuffix(string(got), codexServerTable("sysarch")) {
			t.Errorf("merge of %q rewrote the file:\n%s", in, got)
		}
		checkCodexConfig(t, []byte(in), got)
	}
}
