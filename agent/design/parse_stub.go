package design

// This file is a stand-in for the requirements parser (parse.go), which
// replaces it: same function, fewer checks and no prose mining. Delete it
// when parse.go lands.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ParseRequirements reads a requirements file: Markdown with YAML front
// matter, or plain YAML. name is used in error messages.
func ParseRequirements(data []byte, name string) (Requirements, error) {
	var req Requirements
	if len(bytes.TrimSpace(data)) == 0 {
		return req, fmt.Errorf("%s is empty: write the requirements as YAML (sysarch init writes a template)", name)
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return req, fmt.Errorf("%s is not a text file: expected Markdown or YAML", name)
	}
	front, body := splitFrontMatter(data)
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		return req, fmt.Errorf("%s: %v", name, err)
	}
	var buf bytes.Buffer
	if err := nodeJSON(&buf, &doc); err != nil {
		return req, fmt.Errorf("%s: %v", name, err)
	}
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, fmt.Errorf("%s: %v", name, err)
	}
	req.Body = strings.TrimSpace(string(body))
	if strings.TrimSpace(req.Title) == "" {
		return req, fmt.Errorf("%s: title is required", name)
	}
	return req, nil
}

// splitFrontMatter returns the YAML between leading --- lines and the
// Markdown after them; without front matter the whole file is YAML.
func splitFrontMatter(data []byte) (front, body []byte) {
	s := string(data)
	if !strings.HasPrefix(s, "---\n") && !strings.HasPrefix(s, "---\r\n") {
		return data, nil
	}
	rest := s[strings.Index(s, "\n")+1:]
	end := strings.Index(rest, "\n---")
	if end < 0 {
		return []byte(rest), nil
	}
	after := rest[end+4:]
	if i := strings.Index(after, "\n"); i >= 0 {
		after = after[i+1:]
	} else {
		after = ""
	}
	return []byte(rest[:end+1]), []byte(after)
}

// nodeJSON writes a YAML node as JSON, keeping mapping order (the order
// of latency stages matters).
func nodeJSON(buf *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case 0:
		buf.WriteString("{}")
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			buf.WriteString("{}")
			return nil
		}
		return nodeJSON(buf, n.Content[0])
	case yaml.AliasNode:
		return nodeJSON(buf, n.Alias)
	case yaml.MappingNode:
		buf.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				buf.WriteByte(',')
			}
			k, _ := json.Marshal(n.Content[i].Value)
			buf.Write(k)
			buf.WriteByte(':')
			if err := nodeJSON(buf, n.Content[i+1]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	case yaml.SequenceNode:
		buf.WriteByte('[')
		for i, c := range n.Content {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := nodeJSON(buf, c); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case yaml.ScalarNode:
		scalarJSON(buf, n)
	default:
		return errors.New("unsupported YAML")
	}
	return nil
}

func scalarJSON(buf *bytes.Buffer, n *yaml.Node) {
	switch n.Tag {
	case "!!null":
		buf.WriteString("null")
		return
	case "!!bool":
		if b, err := strconv.ParseBool(n.Value); err == nil {
			buf.WriteString(strconv.FormatBool(b))
			return
		}
	case "!!int", "!!float":
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil && json.Valid([]byte(n.Value)) {
			buf.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
			return
		}
	}
	s, _ := json.Marshal(n.Value)
	buf.Write(s)
}
