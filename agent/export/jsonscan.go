package export

import (
	"bytes"
	"encoding/json"
	"strings"
)

// The scanner below walks JSON that has already been checked with
// json.Valid, so it never meets a syntax error: it only needs the byte
// offsets of members, which encoding/json does not give, so that an edit can
// touch one member and leave every other byte where it was.

// jsonMember is one member of an object, by byte offsets into the document.
type jsonMember struct {
	key                string
	keyStart, keyEnd   int // the quoted key
	valueStart, valEnd int // the value
}

// jsonObject is an object's members and the offsets of its braces.
type jsonObject struct {
	open, close int // offsets of '{' and '}'
	members     []jsonMember
}

// lookup returns the members named key.
func (o jsonObject) lookup(key string) []jsonMember {
	var found []jsonMember
	for _, m := range o.members {
		if m.key == key {
			found = append(found, m)
		}
	}
	return found
}

func isJSONSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && isJSONSpace(data[i]) {
		i++
	}
	return i
}

// skipJSONString returns the offset just past the string that starts at i.
func skipJSONString(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(data)
}

// skipJSONValue returns the offset just past the value that starts at i.
func skipJSONValue(data []byte, i int) int {
	if i >= len(data) {
		return i
	}
	switch data[i] {
	case '"':
		return skipJSONString(data, i)
	case '{', '[':
		depth := 0
		for ; i < len(data); i++ {
			switch data[i] {
			case '"':
				i = skipJSONString(data, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(data)
	}
	for i < len(data) && !isJSONSpace(data[i]) && data[i] != ',' && data[i] != '}' && data[i] != ']' {
		i++
	}
	return i
}

// scanJSONObject reads the object at offset i; ok is false when the value
// there is not an object.
func scanJSONObject(data []byte, i int) (jsonObject, bool) {
	i = skipJSONSpace(data, i)
	if i >= len(data) || data[i] != '{' {
		return jsonObject{}, false
	}
	o := jsonObject{open: i}
	i = skipJSONSpace(data, i+1)
	for i < len(data) && data[i] != '}' {
		if data[i] == ',' {
			i = skipJSONSpace(data, i+1)
			continue
		}
		var m jsonMember
		m.keyStart = i
		m.keyEnd = skipJSONString(data, i)
		if json.Unmarshal(data[m.keyStart:m.keyEnd], &m.key) != nil {
			return jsonObject{}, false // unreachable for valid JSON
		}
		i = skipJSONSpace(data, m.keyEnd)
		i = skipJSONSpace(data, i+1) // the colon
		m.valueStart = i
		m.valEnd = skipJSONValue(data, i)
		o.members = append(o.members, m)
		i = skipJSONSpace(data, m.valEnd)
	}
	o.close = i
	return o, i < len(data)
}

// jsonStyle is the layout of the file an edit must blend into.
type jsonStyle struct {
	newline string // "\n" or "\r\n"
	unit    string // one level of indentation
	colon   string // what separates a key from its value: ": " or ":"
	comma   string // what separates members on one line: ", " or ","
}

// detectJSONStyle reads the layout from the document: its line ending, the
// smallest indentation step, and the key-value separator of its first
// member.
func detectJSONStyle(data []byte, top jsonObject) jsonStyle {
	s := jsonStyle{newline: "\n", unit: "  ", colon: ": "}
	if bytes.Contains(data, []byte("\r\n")) {
		s.newline = "\r\n"
	}
	best := ""
	for _, line := range bytes.Split(data, []byte("\n")) {
		n := 0
		for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
			n++
		}
		if n == 0 || n == len(line) || line[n] == '\r' {
			continue
		}
		if best == "" || n < len(best) {
			best = string(line[:n])
		}
	}
	if best != "" {
		s.unit = best
	}
	s.comma = ","
	if len(top.members) > 0 {
		m := top.members[0]
		s.colon = string(data[m.keyEnd:m.valueStart])
		if s.colon != ":" {
			s.comma = ", "
		}
	}
	if len(top.members) > 1 {
		between := string(data[top.members[0].valEnd:top.members[1].keyStart])
		if !strings.ContainsAny(between, "\r\n") {
			s.comma = between
		}
	}
	return s
}

// lineIndent returns the whitespace that starts the line holding offset i.
func lineIndent(data []byte, i int) string {
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	end := start
	for end < len(data) && (data[end] == ' ' || data[end] == '\t') {
		end++
	}
	return string(data[start:end])
}

// multiline reports whether an object spreads over several lines.
func (o jsonObject) multiline(data []byte) bool {
	return bytes.IndexByte(data[o.open:o.close], '\n') >= 0
}
