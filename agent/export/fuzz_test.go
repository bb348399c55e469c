package export

import (
	"bytes"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// FuzzMergeMCPJSON checks, for any .mcp.json, that the merge never panics,
// that a result registers sysarch and means the old file otherwise (the
// merge checks that itself), and that merging the result again changes
// nothing.
func FuzzMergeMCPJSON(f *testing.F) {
	for _, seed := range []string{
		"", "{}", "[]", "null", `{"mcpServers": {}}`, "{\n\t\"mcpServers\": {\n\t}\n}",
		`{"mcpServers": {"sysarch": {"command": "/x", "args": ["--v"], "env": {"A": 1e3}}}}`,
		"{\r\n  \"a\": [1, 2.50],\r\n  \"mcpServers\": {\"b\": {}}\r\n}",
		`{"mcpServers": {"sysarch": 1}}`, `{"mcpServers": {"s\u0079sarch": {}}}`, `{"a":"\"}{"}`,
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, old []byte, force bool) {
		reg := registration{command: DefaultCommand, force: force}
		out, note, err := mergeMCPJSON(".mcp.json", old, reg)
		if err != nil || note != "" {
			return
		}
		if len(bytes.TrimSpace(old)) > 0 && !bytes.Equal(out, old) {
			if err := checkMergedJSON(old, out, reg.command); err != nil {
				t.Fatalf("merge of %q gave %q: %v", old, out, err)
			}
		}
		again, note, err := mergeMCPJSON(".mcp.json", out, registration{command: DefaultCommand})
		if err != nil || note != "" || !bytes.Equal(again, out) {
			t.Fatalf("merging %q twice changed it: %q %q %v", old, again, note, err)
		}
	})
}

// FuzzMergeCodexConfig checks the same for a Codex config.toml: no panic, a
// result parses and registers sysarch, and a second merge changes nothing.
func FuzzMergeCodexConfig(f *testing.F) {
	for _, seed := range []string{
		"", "model = \"o3\"\n", "[mcp_servers.docs]\ncommand = \"d\"\n",
		"mcp_servers = { docs = { command = \"d\" } }\n", "mcp_servers.docs.command = \"d\"\n",
		"[mcp_servers]\ndocs.command = \"d\"\n", "[mcp_servers.\"a.b\"]\ncommand = \"x\"\n",
		"[mcp_servers.sysarch]\ncommand = \"/opt/sysarch\" # mine\nargs = [\n  \"mcp\",\n]\n[mcp_servers.sysarch.env]\nA = 1\n",
		"x = \"\"\"\n[mcp_servers.sysarch]\n\"\"\"\n", "[[mcp_servers]]\ncommand = \"x\"\n",
	} {
		f.Add([]byte(seed), false)
		f.Add([]byte(seed), true)
	}
	f.Fuzz(func(t *testing.T, old []byte, force bool) {
		out, note, err := mergeCodexConfig("config.toml", old, registration{command: DefaultCommand, force: force})
		if err != nil || note != "" {
			return
		}
		var cfg map[string]any
		if err := toml.Unmarshal(out, &cfg); err != nil {
			t.Fatalf("merge of %q gave invalid TOML %q: %v", old, out, err)
		}
		servers, _ := cfg["mcp_servers"].(map[string]any)
		entry, _ := servers[ServerName].(map[string]any)
		if !registeredTOML(entry, DefaultCommand) {
			t.Fatalf("merge of %q does not register sysarch: %q", old, out)
		}
		again, note, err := mergeCodexConfig("config.toml", out, registration{command: DefaultCommand})
		if err != nil || note != "" || !bytes.Equal(again, out) {
			t.Fatalf("merging %q twice changed it: %q %q %v", old, again, note, err)
		}
	})
}
