package export

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// codexServerTable is the config.toml table that registers sysarch.
func codexServerTable() string {
	var args []string
	for _, a := range serverArgs() {
		args = append(args, fmt.Sprintf("%q", a))
	}
	return "[mcp_servers." + ServerName + "]\n" +
		fmt.Sprintf("command = %q\n", ServerCommand) +
		"args = [" + strings.Join(args, ", ") + "]\n"
}

// mergeCodexConfig returns the content of a Codex config.toml (path is for
// error messages) with sysarch registered under [mcp_servers.sysarch].
//
// The merge edits the text, so comments and layout survive: the table is
// appended when missing, or its command and args lines are replaced. Each
// edit is checked by parsing the result and comparing it with the intended
// settings. When no text edit passes that check (an unusual layout such as
// an inline mcp_servers table), the file is re-encoded from its parsed form,
// which keeps every setting but drops comments and key order; a note says so.
func mergeCodexConfig(path string, old []byte) ([]byte, []string, error) {
	var cfg map[string]any
	if err := toml.Unmarshal(old, &cfg); err != nil {
		return nil, nil, fmt.Errorf("cannot parse %s: %s: fix it by hand; nothing was changed", path, tomlErrorLine(err))
	}
	if cfg == nil {
		cfg = map[string]any{}
	}
	servers, ok := cfg["mcp_servers"].(map[string]any)
	if _, present := cfg["mcp_servers"]; present && !ok {
		return nil, nil, fmt.Errorf("mcp_servers in %s is not a table: fix it by hand; nothing was changed", path)
	}
	if servers == nil {
		servers = map[string]any{}
		cfg["mcp_servers"] = servers
	}
	entry, present := servers[ServerName].(map[string]any)
	if present && registeredTOML(entry) {
		return old, nil, nil
	}
	want := map[string]any{}
	for k, v := range entry {
		switch k {
		case "command", "args", "url", "bearer_token_env_var", "http_headers", "env_http_headers":
			// The transport is sysarch's to set.
		default:
			want[k] = v
		}
	}
	want["command"] = ServerCommand
	var args []any
	for _, a := range serverArgs() {
		args = append(args, a)
	}
	want["args"] = args
	servers[ServerName] = want

	for _, candidate := range [][]byte{appendTable(old), replaceTransport(old)} {
		if candidate == nil {
			continue
		}
		var got map[string]any
		if toml.Unmarshal(candidate, &got) == nil && reflect.DeepEqual(got, cfg) {
			return candidate, nil, nil
		}
	}
	out, err := toml.Marshal(cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot update %s: %v: add the [mcp_servers.%s] table by hand", path, err, ServerName)
	}
	return out, []string{path + " was re-encoded to add sysarch: its settings are kept, its comments and key order are not"}, nil
}

// registeredTOML reports whether an mcp_servers entry already starts
// sysarch over stdio.
func registeredTOML(entry map[string]any) bool {
	if entry["command"] != ServerCommand || entry["url"] != nil {
		return false
	}
	args, _ := entry["args"].([]any)
	want := serverArgs()
	if len(args) != len(want) {
		return false
	}
	for i := range want {
		if args[i] != want[i] {
			return false
		}
	}
	return true
}

// appendTable adds sysarch's table at the end of the file.
func appendTable(old []byte) []byte {
	var b bytes.Buffer
	b.Write(old)
	if len(bytes.TrimSpace(old)) > 0 {
		if !bytes.HasSuffix(old, []byte("\n")) {
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
	}
	b.WriteString(codexServerTable())
	return b.Bytes()
}

var (
	serverHeaderRE = regexp.MustCompile(`^\s*\[\s*mcp_servers\s*\.\s*("` + ServerName + `"|'` + ServerName + `'|` + ServerName + `)\s*\]\s*(#.*)?$`)
	tableHeaderRE  = regexp.MustCompile(`^\s*\[`)
	transportKeyRE = regexp.MustCompile(`^\s*(command|args|url|bearer_token_env_var|http_headers|env_http_headers)\s*=`)
)

// replaceTransport rewrites an existing [mcp_servers.sysarch] table in
// place: its transport lines go, and the command and args lines follow the
// header. It returns nil when the file has no such header.
func replaceTransport(old []byte) []byte {
	lines := strings.SplitAfter(string(old), "\n")
	start := -1
	for i, l := range lines {
		if serverHeaderRE.MatchString(strings.TrimRight(l, "\r\n")) {
			start = i
			break
		}
	}
	if start < 0 {
		return nil
	}
	var b strings.Builder
	for _, l := range lines[:start+1] {
		b.WriteString(l)
	}
	if !strings.HasSuffix(lines[start], "\n") {
		b.WriteByte('\n')
	}
	table := codexServerTable()
	b.WriteString(table[strings.Index(table, "\n")+1:])
	inTable := true
	for _, l := range lines[start+1:] {
		if inTable && tableHeaderRE.MatchString(l) {
			inTable = false
		}
		if inTable && transportKeyRE.MatchString(l) {
			continue
		}
		b.WriteString(l)
	}
	return []byte(b.String())
}

// tomlErrorLine gives a TOML decoding error with its line and column.
func tomlErrorLine(err error) string {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return fmt.Sprintf("line %d, column %d: %s", row, col, strings.TrimPrefix(de.Error(), "toml: "))
	}
	return strings.Join(strings.Fields(err.Error()), " ")
}
