package export

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/sysarch/sysarch/agent/lazyre"
)

// codexInline is sysarch's server as a TOML inline table.
func codexInline(command string) string {
	var args []string
	for _, a := range serverArgs() {
		args = append(args, fmt.Sprintf("%q", a))
	}
	return fmt.Sprintf("{ command = %s, args = [%s] }", tomlQuote(command), strings.Join(args, ", "))
}

// codexServerTable is the config.toml table that registers sysarch.
func codexServerTable(command string) string {
	var args []string
	for _, a := range serverArgs() {
		args = append(args, fmt.Sprintf("%q", a))
	}
	return "[mcp_servers." + ServerName + "]\n" +
		"command = " + tomlQuote(command) + "\n" +
		"args = [" + strings.Join(args, ", ") + "]\n"
}

// mergeCodexConfig returns a Codex config.toml (path is for messages) with
// sysarch registered under [mcp_servers.sysarch], and a note when an
// existing entry was kept.
//
// The edit is textual, so comments, quoting and layout survive: the table
// is appended when missing, or, with reg.force, the command and args lines
// of an existing table are replaced. When mcp_servers is an inline table or
// written with dotted keys, the file is refused with the line to add by
// hand: rewriting it would lose what the person wrote. Every edit is
// checked by parsing the result against the intended settings.
func mergeCodexConfig(path string, old []byte, reg registration) ([]byte, string, error) {
	var cfg map[string]any
	if err := toml.Unmarshal(old, &cfg); err != nil {
		return nil, "", fmt.Errorf("cannot parse %s: %s: fix it by hand; nothing was changed", path, tomlErrorLine(err))
	}
	if cfg == nil {
		cfg = map[string]any{}
	}
	servers, ok := cfg["mcp_servers"].(map[string]any)
	if _, present := cfg["mcp_servers"]; present && !ok {
		return nil, "", fmt.Errorf("mcp_servers in %s is not a table: fix it by hand; nothing was changed", path)
	}
	if servers == nil {
		servers = map[string]any{}
		cfg["mcp_servers"] = servers
	}
	entry, present := servers[ServerName].(map[string]any)
	if present && registeredTOML(entry, reg.command) {
		return old, "", nil
	}
	if _, exists := servers[ServerName]; exists && !present {
		return nil, "", fmt.Errorf("mcp_servers.%s in %s is not a table: fix it by hand; nothing was changed", ServerName, path)
	}
	layout := scanCodexLayout(old)
	if _, table := layout.headers[ServerName]; present && !reg.force {
		if !table {
			// --force would be refused too: say what to do by hand.
			return old, fmt.Sprintf("kept the customised %s entry in %s (%s); it is written inline or with dotted keys, which sysarch does not rewrite: to use sysarch's, replace it by hand with %s = %s",
				ServerName, path, describeTOMLEntry(entry), ServerName, codexInline(reg.command)), nil
		}
		return old, keptNote(path, describeTOMLEntry(entry), reg.command), nil
	}
	if err := layout.refusal(path, servers, reg.command); err != nil {
		return nil, "", err
	}
	var candidate []byte
	if present {
		candidate = replaceTransport(old, reg.command)
	} else {
		candidate = appendTable(old, reg.command)
	}
	servers[ServerName] = intendedTOML(entry, reg.command)
	var got map[string]any
	if candidate == nil || toml.Unmarshal(candidate, &got) != nil || !reflect.DeepEqual(got, cfg) {
		return nil, "", fmt.Errorf("cannot add sysarch to %s without rewriting it; nothing was changed: add this table by hand: %s",
			path, strings.ReplaceAll(strings.TrimSpace(codexServerTable(reg.command)), "\n", " "))
	}
	return candidate, "", nil
}

// intendedTOML is the sysarch entry after the edit: the new transport, and
// the old entry's other settings (env, timeouts…).
func intendedTOML(entry map[string]any, command string) map[string]any {
	want := map[string]any{}
	for k, v := range entry {
		switch k {
		case "command", "args", "url", "bearer_token_env_var", "http_headers", "env_http_headers":
			// The transport is sysarch's to set.
		default:
			want[k] = v
		}
	}
	want["command"] = command
	var args []any
	for _, a := range serverArgs() {
		args = append(args, a)
	}
	want["args"] = args
	return want
}

// registeredTOML reports whether an mcp_servers entry already starts
// command over stdio with sysarch's arguments.
func registeredTOML(entry map[string]any, command string) bool {
	if entry["command"] != command || entry["url"] != nil {
		return false
	}
	raw, _ := entry["args"].([]any)
	args := make([]string, len(raw))
	for i, a := range raw {
		s, ok := a.(string)
		if !ok {
			return false
		}
		args[i] = s
	}
	return equalArgs(args)
}

// describeTOMLEntry says in a few words what an entry starts.
func describeTOMLEntry(entry map[string]any) string {
	if u, ok := entry["url"].(string); ok {
		return u
	}
	parts := []string{fmt.Sprint(entry["command"])}
	if args, ok := entry["args"].([]any); ok {
		for _, a := range args {
			parts = append(parts, fmt.Sprint(a))
		}
	}
	return strings.Join(parts, " ")
}

// codexLayout is how a config.toml writes its mcp_servers.
type codexLayout struct {
	headers    map[string]int // server name -> line of its [mcp_servers.NAME…] header
	inlineLine int            // line of "mcp_servers = {…}" at the top level
	dottedLine int            // first line of a dotted key under mcp_servers
	underTable bool           // the dotted key is inside an [mcp_servers] table
}

var (
	headerRE       = lazyre.New(`^\s*\[\s*([^\[\]#]+?)\s*\]\s*(#.*)?$`)
	inlineServerRE = lazyre.New(`^\s*mcp_servers\s*=`)
	dottedServerRE = lazyre.New(`^\s*mcp_servers\s*\.`)
	dottedKeyRE    = lazyre.New(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*\.`)
	bareKeyRE      = lazyre.New(`^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=`)
)

// scanCodexLayout finds where mcp_servers is defined. Lines inside
// multi-line strings are not told apart; the parse check after the edit
// catches what this misreads.
func scanCodexLayout(data []byte) codexLayout {
	l := codexLayout{headers: map[string]int{}}
	table := ""
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if m := headerRE.FindStringSubmatch(line); m != nil && !strings.HasPrefix(strings.TrimSpace(line), "[[") {
			parts := keyParts(m[1])
			table = strings.Join(parts, "\x00")
			if len(parts) > 1 && parts[0] == "mcp_servers" {
				if _, seen := l.headers[parts[1]]; !seen {
					l.headers[parts[1]] = i + 1
				}
			}
			continue
		}
		switch {
		case table == "" && inlineServerRE.MatchString(line) && l.inlineLine == 0:
			l.inlineLine = i + 1
		case table == "" && dottedServerRE.MatchString(line) && l.dottedLine == 0:
			l.dottedLine = i + 1
		case table == "mcp_servers" && (dottedKeyRE.MatchString(line) || bareKeyRE.MatchString(line)) && l.dottedLine == 0:
			l.dottedLine, l.underTable = i+1, true
		}
	}
	return l
}

// keyParts splits a header's dotted key into its names, with the quotes of
// quoted names removed (escapes are rare in server names and not decoded).
func keyParts(key string) []string {
	var parts []string
	for _, p := range splitDotted(key) {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' && p[len(p)-1] == '"' || p[0] == '\'' && p[len(p)-1] == '\'') {
			p = p[1 : len(p)-1]
		}
		parts = append(parts, p)
	}
	return parts
}

// splitDotted splits a dotted key at the dots outside quotes.
func splitDotted(key string) []string {
	var parts []string
	var quote byte
	start := 0
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '.':
			parts = append(parts, key[start:i])
			start = i + 1
		}
	}
	return append(parts, key[start:])
}

// refusal explains, with the line to add, why the file is not edited: its
// mcp_servers are written inline or with dotted keys, or the sysarch entry
// is.
func (l codexLayout) refusal(path string, servers map[string]any, command string) error {
	line := ServerName + " = " + codexInline(command)
	if _, present := servers[ServerName]; present {
		if _, ok := l.headers[ServerName]; !ok {
			return fmt.Errorf("the %s entry in %s is written inline or with dotted keys, which sysarch does not rewrite; nothing was changed: replace it by hand with %s", ServerName, path, line)
		}
		return nil
	}
	switch {
	case l.inlineLine > 0:
		return fmt.Errorf("mcp_servers on line %d of %s is an inline table, which sysarch does not rewrite; nothing was changed: add %s inside its braces", l.inlineLine, path, line)
	case l.dottedLine > 0 && l.underTable:
		return fmt.Errorf("[mcp_servers] in %s defines a server inline or with dotted keys (line %d), which sysarch does not rewrite; nothing was changed: add the line %s under [mcp_servers]", path, l.dottedLine, line)
	case l.dottedLine > 0:
		return fmt.Errorf("%s defines mcp_servers with dotted keys (line %d), which sysarch does not rewrite; nothing was changed: add the line mcp_servers.%s before the first table", path, l.dottedLine, line)
	}
	for name := range servers {
		if _, ok := l.headers[name]; !ok {
			return fmt.Errorf("the %s server in %s is not written as an [mcp_servers.%s] table, which sysarch does not rewrite; nothing was changed: add the line mcp_servers.%s at the top of the file", name, path, name, line)
		}
	}
	return nil
}

// appendTable adds sysarch's table at the end of the file, after one blank
// line, in the file's line endings.
func appendTable(old []byte, command string) []byte {
	eol := lineEnding(old)
	var b bytes.Buffer
	b.Write(old)
	if len(bytes.TrimSpace(old)) > 0 {
		if !bytes.HasSuffix(old, []byte("\n")) {
			b.WriteString(eol)
		}
		b.WriteString(eol)
	}
	b.WriteString(strings.ReplaceAll(codexServerTable(command), "\n", eol))
	return b.Bytes()
}

// lineEnding is the line ending a file uses: CRLF if its first line ends
// so, LF otherwise.
func lineEnding(data []byte) string {
	if i := bytes.IndexByte(data, '\n'); i > 0 && data[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

var (
	serverHeaderRE = lazyre.New(`^\s*\[\s*mcp_servers\s*\.\s*("` + ServerName + `"|'` + ServerName + `'|` + ServerName + `)\s*\]\s*(#.*)?$`)
	tableHeaderRE  = lazyre.New(`^\s*\[`)
	transportKeyRE = lazyre.New(`^\s*(command|args|url|bearer_token_env_var|http_headers|env_http_headers)\s*=`)
)

// replaceTransport rewrites an existing [mcp_servers.sysarch] table in
// place: its transport lines go, and the command and args lines follow the
// header. It returns nil when the file has no such header.
func replaceTransport(old []byte, command string) []byte {
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
	eol := "\n"
	if strings.HasSuffix(lines[start], "\r\n") || !strings.HasSuffix(lines[start], "\n") && lineEnding(old) == "\r\n" {
		eol = "\r\n"
	}
	if !strings.HasSuffix(lines[start], "\n") {
		b.WriteString(eol)
	}
	table := codexServerTable(command)
	b.WriteString(strings.ReplaceAll(table[strings.Index(table, "\n")+1:], "\n", eol))
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
