package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// mergeMCPJSON returns an .mcp.json file (path is for messages) with
// sysarch registered under mcpServers, and a note when an existing entry was
// kept.
//
// The edit is textual: it inserts the sysarch member, or replaces the text
// of its value, and leaves every other byte alone — layout, key order,
// number literals and the presence or absence of a final newline. An entry
// that already starts reg.command over stdio is left as it is; one that
// differs (another path, extra arguments, another transport) is kept unless
// reg.force is set, because someone chose it.
func mergeMCPJSON(path string, old []byte, reg registration) ([]byte, string, error) {
	if len(bytes.TrimSpace(old)) == 0 {
		return freshMCPJSON(reg), "", nil
	}
	if err := checkJSON(old); err != nil {
		return nil, "", fmt.Errorf("cannot parse %s: %v: fix it by hand; nothing was changed", path, err)
	}
	top, ok := scanJSONObject(old, 0)
	if !ok {
		return nil, "", fmt.Errorf("%s does not hold a JSON object: fix it by hand; nothing was changed", path)
	}
	style := detectJSONStyle(old, top)
	found := top.lookup("mcpServers")
	if len(found) > 1 {
		return nil, "", fmt.Errorf("%s has mcpServers twice: keep one and run the export again; nothing was changed", path)
	}
	var out []byte
	if len(found) == 0 {
		servers := []byte(`{` + string(jsonString(ServerName)) + `:` + string(entryJSON(reg.command, nil)) + `}`)
		out = insertMember(old, top, "mcpServers", servers, style, len(top.members) == 0 || top.multiline(old))
	} else {
		servers, ok := scanJSONObject(old, found[0].valueStart)
		if !ok {
			return nil, "", fmt.Errorf("mcpServers in %s is not an object: fix it by hand; nothing was changed", path)
		}
		entries := servers.lookup(ServerName)
		switch {
		case len(entries) > 1:
			return nil, "", fmt.Errorf("%s registers %s twice under mcpServers: keep one and run the export again; nothing was changed", path, ServerName)
		case len(entries) == 0:
			out = insertMember(old, servers, ServerName, entryJSON(reg.command, nil), style, servers.multiline(old) || top.multiline(old) && len(servers.members) == 0)
		default:
			e := entries[0]
			raw := old[e.valueStart:e.valEnd]
			if registeredJSON(raw, reg.command) {
				return old, "", nil
			}
			if !reg.force {
				return old, keptNote(path, describeJSONEntry(raw), reg.command), nil
			}
			value := entryJSON(reg.command, keptMembers(raw))
			if servers.multiline(old) {
				value = indentJSON(value, lineIndent(old, e.keyStart), style)
			} else if style.colon != ":" {
				value = spacedJSON(value)
			}
			out = splice(old, e.valueStart, e.valEnd, value)
		}
	}
	if err := checkMergedJSON(old, out, reg.command); err != nil {
		return nil, "", fmt.Errorf("cannot update %s safely (%v): add the %s entry by hand; nothing was changed", path, err, ServerName)
	}
	return out, "", nil
}

// freshMCPJSON is a new .mcp.json that registers only sysarch.
func freshMCPJSON(reg registration) []byte {
	servers := `{"mcpServers":{` + string(jsonString(ServerName)) + `:` + string(entryJSON(reg.command, nil)) + `}}`
	return append(indentJSON([]byte(servers), "", jsonStyle{newline: "\n", unit: "  "}), '\n')
}

// entryJSON is sysarch's mcpServers entry on one line, followed by the
// members of an older entry that are not about the transport.
func entryJSON(command string, kept []jsonRaw) []byte {
	args, _ := json.Marshal(serverArgs())
	var b bytes.Buffer
	b.WriteString(`{"command":` + string(jsonString(command)) + `,"args":` + string(args))
	for _, m := range kept {
		b.WriteString("," + string(jsonString(m.key)) + ":")
		b.Write(m.value)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// jsonRaw is a member with its value as compact JSON text.
type jsonRaw struct {
	key   string
	value []byte
}

// keptMembers returns the members of an entry that the transport does not
// own (env, timeouts…), compacted, in their order.
func keptMembers(raw []byte) []jsonRaw {
	o, ok := scanJSONObject(raw, 0)
	if !ok {
		return nil
	}
	var kept []jsonRaw
	for _, m := range o.members {
		switch m.key {
		case "command", "args", "url", "headers", "type":
			continue
		}
		var c bytes.Buffer
		if json.Compact(&c, raw[m.valueStart:m.valEnd]) == nil {
			kept = append(kept, jsonRaw{m.key, c.Bytes()})
		}
	}
	return kept
}

// insertMember adds key: value (compact JSON) as the last member of o. In a
// multi-line layout the member goes on its own line at the indentation of
// its siblings; otherwise it joins the line.
func insertMember(data []byte, o jsonObject, key string, value []byte, s jsonStyle, multiline bool) []byte {
	if !multiline {
		colon := strings.TrimLeft(s.colon, "\r\n")
		if colon != ":" {
			value = spacedJSON(value)
		}
		text := string(jsonString(key)) + colon + string(value)
		if n := len(o.members); n > 0 {
			return splice(data, o.members[n-1].valEnd, o.members[n-1].valEnd, []byte(s.comma+text))
		}
		return splice(data, o.open+1, o.close, []byte(text))
	}
	outer := lineIndent(data, o.open)
	indent := outer + s.unit
	if n := len(o.members); n > 0 {
		if got := lineIndent(data, o.members[n-1].keyStart); o.multiline(data) && len(got) > len(outer) {
			indent = got
		}
	}
	colon := s.colon
	if strings.ContainsAny(colon, "\r\n") {
		colon = ": "
	}
	text := s.newline + indent + string(jsonString(key)) + colon + string(indentJSON(value, indent, s))
	if n := len(o.members); n > 0 {
		return splice(data, o.members[n-1].valEnd, o.members[n-1].valEnd, []byte(","+text))
	}
	return splice(data, o.open+1, o.close, []byte(text+s.newline+outer))
}

// indentJSON lays out compact JSON over several lines whose nesting starts
// at prefix.
func indentJSON(compact []byte, prefix string, s jsonStyle) []byte {
	var b bytes.Buffer
	if err := json.Indent(&b, compact, prefix, s.unit); err != nil {
		return compact
	}
	if s.newline != "\n" {
		return bytes.ReplaceAll(b.Bytes(), []byte("\n"), []byte(s.newline))
	}
	return b.Bytes()
}

// spacedJSON writes compact JSON on one line with a space after each colon
// and comma, the way people write JSON by hand.
func spacedJSON(compact []byte) []byte {
	var b bytes.Buffer
	for i := 0; i < len(compact); i++ {
		c := compact[i]
		if c == '"' {
			end := skipJSONString(compact, i)
			b.Write(compact[i:end])
			i = end - 1
			continue
		}
		b.WriteByte(c)
		if c == ':' || c == ',' {
			b.WriteByte(' ')
		}
	}
	return b.Bytes()
}

// splice replaces data[from:to] with text in a new slice.
func splice(data []byte, from, to int, text []byte) []byte {
	out := make([]byte, 0, len(data)-(to-from)+len(text))
	out = append(out, data[:from]...)
	out = append(out, text...)
	return append(out, data[to:]...)
}

// registeredJSON reports whether an mcpServers entry already starts
// command over stdio with sysarch's arguments.
func registeredJSON(raw []byte, command string) bool {
	var e struct {
		Type    string   `json:"type"`
		Command string   `json:"command"`
		Args    []string `json:"args"`
		URL     string   `json:"url"`
	}
	if json.Unmarshal(raw, &e) != nil {
		return false
	}
	return e.Command == command && e.URL == "" && (e.Type == "" || e.Type == "stdio") && equalArgs(e.Args)
}

func equalArgs(args []string) bool {
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

// describeJSONEntry says in a few words what an entry starts.
func describeJSONEntry(raw []byte) string {
	var e struct {
		Command string   `json:"command"`
		Args    []string `json:"args"`
		URL     string   `json:"url"`
	}
	if json.Unmarshal(raw, &e) != nil {
		return "not an object"
	}
	if e.URL != "" {
		return e.URL
	}
	return strings.TrimSpace(e.Command + " " + strings.Join(e.Args, " "))
}

// keptNote tells the person that their own entry stays.
func keptNote(path, current, command string) string {
	return fmt.Sprintf("kept the customised %s entry in %s (%s); pass --force to replace it with %s %s",
		ServerName, path, current, command, strings.Join(serverArgs(), " "))
}

// checkMergedJSON makes sure an edit did what it meant to: the result
// parses, registers command, and means the same as the old file in every
// other respect.
func checkMergedJSON(old, merged []byte, command string) error {
	if !json.Valid(merged) {
		return errors.New("the result is not valid JSON")
	}
	before, err := decodeJSONNumbers(old)
	if err != nil {
		return err
	}
	after, err := decodeJSONNumbers(merged)
	if err != nil {
		return fmt.Errorf("the result is not valid JSON: %v", err)
	}
	servers, _ := after["mcpServers"].(map[string]any)
	entry, _ := json.Marshal(servers[ServerName])
	if !registeredJSON(entry, command) {
		return errors.New("the result does not register sysarch")
	}
	delete(servers, ServerName)
	if len(servers) == 0 {
		delete(after, "mcpServers")
	}
	if s, ok := before["mcpServers"].(map[string]any); ok {
		delete(s, ServerName)
		if len(s) == 0 {
			delete(before, "mcpServers")
		}
	}
	if !reflect.DeepEqual(before, after) {
		return errors.New("the result changes other settings")
	}
	return nil
}

func decodeJSONNumbers(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v map[string]any
	err := dec.Decode(&v)
	return v, err
}

// checkJSON reports a syntax error with its line and column.
func checkJSON(data []byte) error {
	var v any
	err := json.Unmarshal(data, &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bytes read, the offending one included.
		line, col := lineCol(data, max(se.Offset-1, 0))
		return fmt.Errorf("line %d, column %d: %v", line, col, se)
	}
	return err
}

func lineCol(data []byte, offset int64) (line, col int) {
	if offset > int64(len(data)) {
		offset = int64(len(data))
	}
	before := data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	col = len(before) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// jsonString encodes s as a JSON string, leaving <, > and & as they are.
func jsonString(s string) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
