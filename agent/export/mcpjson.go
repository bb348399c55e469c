package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// mergeMCPJSON returns the content of an .mcp.json file (path is for error
// messages) with sysarch's server registered under mcpServers. Every other
// key and server is kept, in its original order; keys of an existing sysarch
// entry other than its transport are kept too. Content that already
// registers sysarch correctly comes back unchanged, byte for byte.
func mergeMCPJSON(path string, old []byte) ([]byte, error) {
	src := old
	if len(bytes.TrimSpace(src)) == 0 {
		src = []byte("{}")
	}
	if err := checkJSON(src); err != nil {
		return nil, fmt.Errorf("cannot parse %s: %v: fix it by hand; nothing was changed", path, err)
	}
	top, err := parseObject(src)
	if err != nil {
		return nil, fmt.Errorf("%s does not hold a JSON object: fix it by hand; nothing was changed", path)
	}
	var servers object
	if raw, ok := top.get("mcpServers"); ok {
		if servers, err = parseObject(raw); err != nil {
			return nil, fmt.Errorf("mcpServers in %s is not an object: fix it by hand; nothing was changed", path)
		}
	}
	var entry object
	if raw, ok := servers.get(ServerName); ok {
		if registeredJSON(raw) {
			return old, nil
		}
		entry, _ = parseObject(raw) // not an object: replaced outright
	}
	var kept object
	for _, m := range entry {
		switch m.key {
		case "command", "args", "url", "headers", "type":
			// The transport is sysarch's to set.
		default:
			kept = append(kept, m)
		}
	}
	args, _ := json.Marshal(serverArgs())
	entry = append(object{
		{"command", jsonString(ServerCommand)},
		{"args", args},
	}, kept...)
	servers = servers.set(ServerName, entry.compact())
	top = top.set("mcpServers", servers.compact())

	var out bytes.Buffer
	if err := json.Indent(&out, top.compact(), "", "  "); err != nil {
		return nil, err // cannot happen: every part was checked above
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// registeredJSON reports whether an mcpServers entry already starts sysarch
// over stdio.
func registeredJSON(raw json.RawMessage) bool {
	var e struct {
		Type    string   `json:"type"`
		Command string   `json:"command"`
		Args    []string `json:"args"`
		URL     string   `json:"url"`
	}
	if json.Unmarshal(raw, &e) != nil {
		return false
	}
	want := serverArgs()
	if e.Command != ServerCommand || e.URL != "" || (e.Type != "" && e.Type != "stdio") || len(e.Args) != len(want) {
		return false
	}
	for i := range want {
		if e.Args[i] != want[i] {
			return false
		}
	}
	return true
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

// member is one key of a JSON object with its raw value.
type member struct {
	key   string
	value json.RawMessage
}

// object is a JSON object that keeps its keys in their original order.
type object []member

// parseObject reads a JSON object, keeping key order and raw values.
func parseObject(data []byte) (object, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not an object")
	}
	var o object
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		o = append(o, member{key, raw})
	}
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the object")
	}
	return o, nil
}

func (o object) get(key string) (json.RawMessage, bool) {
	for _, m := range o {
		if m.key == key {
			return m.value, true
		}
	}
	return nil, false
}

// set replaces key's value where it stands, or appends it.
func (o object) set(key string, value json.RawMessage) object {
	for i, m := range o {
		if m.key == key {
			out := append(object(nil), o...)
			out[i].value = value
			return out
		}
	}
	return append(append(object(nil), o...), member{key, value})
}

// compact encodes the object on one line.
func (o object) compact() json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonString(m.key))
		b.WriteByte(':')
		if err := json.Compact(&b, m.value); err != nil {
			b.WriteString("null") // unreachable: values come from a parsed document
		}
	}
	b.WriteByte('}')
	return b.Bytes()
}

// jsonString encodes s as a JSON string, leaving <, > and & as they are.
func jsonString(s string) json.RawMessage {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}
