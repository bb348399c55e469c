package requirements

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/sysarch/sysarch/agent/quantity"
	"github.com/sysarch/sysarch/agent/termsafe"
	"go.yaml.in/yaml/v3"
)

// walker decodes a YAML node tree into the Requirements types itself,
// rather than through yaml.Decoder, so that every error can name the
// field path (workloads[1].rate), its line and column, and suggest the
// key that was meant.
type walker struct {
	line0    int                 // lines of the file before the YAML text
	explicit map[string]position // paths given a value in the file, and where
	budget   int                 // nodes left to visit; aliases can repeat a node exponentially
	bytes    int                 // text left to take in, aliases counted at their expanded size
}

type position struct{ line, column int }

// newWalker returns a walker for a document of size nodes (aliases not
// followed). The visit budget allows generous reuse of anchors but stops
// a "billion laughs" of nested aliases and merge keys.
func newWalker(line0, size int) *walker {
	return &walker{line0: line0, explicit: map[string]position{}, budget: 10*size + 10000, bytes: MaxRequirementsSize}
}

// countNodes counts the nodes of a tree without following aliases.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

// at builds an InputError at node n.
func (w *walker) at(n *yaml.Node, path, format string, args ...any) *InputError {
	return &InputError{Line: n.Line + w.line0, Column: n.Column, Field: path, Msg: fmt.Sprintf(format, args...)}
}

// maxAliasDepth bounds alias chains; yaml.v3 rejects cycles, this is a
// second fence.
const maxAliasDepth = 100

func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < maxAliasDepth; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// walk decodes n into v, which must be addressable.
func (w *walker) walk(n *yaml.Node, v reflect.Value, path string) error {
	if w.budget--; w.budget < 0 {
		return w.at(n, path, "the aliases in this file repeat their anchors too many times; write the values out")
	}
	use := n // where an alias is used, not where its anchor is
	n = resolve(n)
	if isNull(n) || n.Kind == yaml.AliasNode {
		return nil
	}
	// A 500 KB string repeated by aliases a hundred times is 50 MB of
	// requirements from a file under the size limit; the limit holds for
	// the text as it reads once every alias is written out.
	if w.bytes -= len(n.Value); w.bytes < 0 {
		return w.at(use, path, "with its aliases written out this file holds more than %d MiB of text; write the values out once", MaxRequirementsSize>>20)
	}
	if path != "" {
		w.explicit[path] = position{n.Line + w.line0, n.Column}
	}
	if u, ok := v.Addr().Interface().(yaml.Unmarshaler); ok {
		if err := u.UnmarshalYAML(n); err != nil {
			return w.valueError(n, path, err)
		}
		return nil
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		return w.walk(n, v.Elem(), path)
	case reflect.Struct:
		return w.structure(n, v, path)
	case reflect.Slice:
		return w.list(n, v, path)
	case reflect.Map:
		return w.mapping(n, v, path)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			if n.Kind == yaml.MappingNode && len(n.Content) == 2 && n.Content[0].Kind == yaml.ScalarNode {
				// "- compute a pay run: gross, net" is a mapping in YAML:
				// the colon and space made it one.
				return w.at(n, path, "expected text, got a mapping: the \": \" after %q splits the line; put the whole line in quotes", n.Content[0].Value)
			}
			return w.at(n, path, "expected text, got %s", quantity.NodeText(n))
		}
		v.SetString(termsafe.String(n.Value))
		return nil
	case reflect.Bool:
		b, ok := parseBool(n)
		if !ok {
			return w.at(n, path, "expected true or false, got %s", quote(n))
		}
		v.SetBool(b)
		return nil
	}
	return w.at(n, path, "cannot hold a value of type %s", v.Type())
}

// valueError places a quantity's parse error at its node, or deeper when
// the value says where (a stage of current.stages).
func (w *walker) valueError(n *yaml.Node, path string, err error) error {
	var ye *quantity.YAMLError
	if errors.As(err, &ye) {
		if ye.Path != "" {
			path = joinKey(path, ye.Path)
		}
		return &InputError{Line: ye.Line + w.line0, Column: ye.Column, Field: path, Msg: ye.Err.Error()}
	}
	return w.at(n, path, "%s", err.Error())
}

func parseBool(n *yaml.Node) (bool, bool) {
	if n.Kind != yaml.ScalarNode {
		return false, false
	}
	switch strings.ToLower(n.Value) {
	case "true", "yes", "on":
		return true, true
	case "false", "no", "off":
		return false, true
	}
	return false, false
}

// quote shows a node in an error: a scalar quoted, others by kind.
func quote(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return strconv.Quote(n.Value)
	}
	return quantity.NodeText(n)
}

// joinKey appends a mapping key to a path.
func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// structure decodes a mapping into a struct by the fields' yaml names.
func (w *walker) structure(n *yaml.Node, v reflect.Value, path string) error {
	fields := yamlFields(v.Type())
	if n.Kind != yaml.MappingNode {
		return w.at(n, path, "expected a mapping with keys such as %s, got %s",
			strings.Join(fields.names[:min(3, len(fields.names))], ", "), quote(n))
	}
	// Merged mappings (<<: *defaults) go first: the keys written here win.
	for i := 0; i+1 < len(n.Content); i += 2 {
		if key := resolve(n.Content[i]); key.Kind == yaml.ScalarNode && key.ShortTag() == "!!merge" {
			if err := w.merge(n.Content[i+1], v, path); err != nil {
				return err
			}
		}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := resolve(n.Content[i]), n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			return w.at(key, path, "a key must be a word such as %s, got %s", fields.names[0], quantity.NodeText(key))
		}
		if key.ShortTag() == "!!merge" {
			continue
		}
		name := key.Value
		idx, ok := fields.index[name]
		if !ok {
			return w.unknownKey(key, path, name, fields.names)
		}
		if line, dup := seen[name]; dup {
			return w.at(key, joinKey(path, name), "given twice (first on line %d); keep one", line)
		}
		seen[name] = key.Line + w.line0
		if err := w.walk(val, v.Field(idx), joinKey(path, name)); err != nil {
			return err
		}
	}
	return nil
}

// merge applies a YAML merge key (<<: *defaults) to a struct.
func (w *walker) merge(val *yaml.Node, v reflect.Value, path string) error {
	if w.budget -= 1 + len(val.Content); w.budget < 0 {
		return w.at(val, path, "the aliases in this file repeat their anchors too many times; write the values out")
	}
	val = resolve(val)
	if val.Kind == yaml.SequenceNode {
		for _, m := range val.Content {
			if err := w.structure(resolve(m), v, path); err != nil {
				return err
			}
		}
		return nil
	}
	return w.structure(val, v, path)
}

func (w *walker) unknownKey(key *yaml.Node, path, name string, known []string) error {
	p := joinKey(path, name)
	if s, ok := synonyms[strings.ToLower(name)]; ok && slices.Contains(known, s) {
		return w.at(key, p, "unknown key %q; did you mean %s?", name, s)
	}
	if s := suggest(name, known); s != "" {
		return w.at(key, p, "unknown key %q; did you mean %s?", name, s)
	}
	if where := elsewhere(name); where != "" && where != p {
		if where == name {
			// The key exists, one level up: say where it goes rather
			// than suggest the very name the file already has.
			return w.at(key, p, "%q is a top-level key, not part of %s; move it out to the top level", name, path)
		}
		return w.at(key, p, "unknown key %q here; did you mean %s?", name, where)
	}
	return w.at(key, p, "unknown key %q; the keys here are %s", name, strings.Join(known, ", "))
}

// synonyms are keys people write for a key of the schema; each applies
// only where its key is known.
var synonyms = map[string]string{
	"name": "title", "description": "summary", "desc": "summary", "overview": "summary",
	"requirements": "functional", "capabilities": "functional",
	"uptime": "availability", "sla": "availability", "slo": "availability",
	"regulations": "compliance", "traffic": "workloads", "flows": "workloads",
	"type": "kind", "qps": "rate", "rps": "rate", "throughput": "rate",
	"size": "item_size", "payload": "item_size", "payload_size": "item_size", "ttl": "retention",
	"p50": "latency_p50", "p95": "latency_p95", "p99": "latency_p99", "latency": "latency_p99",
	"peak": "peak_factor", "cache": "cacheable",
	"before": "latency_p95_before", "after": "latency_p95_after",
}

// list decodes a sequence; a single scalar is read as a one-item list of
// text, so "compliance: GDPR" works.
func (w *walker) list(n *yaml.Node, v reflect.Value, path string) error {
	elem := v.Type().Elem()
	if n.Kind == yaml.ScalarNode && elem.Kind() == reflect.String {
		v.Set(reflect.Append(reflect.MakeSlice(v.Type(), 0, 1), reflect.ValueOf(termsafe.String(n.Value)).Convert(elem)))
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		return w.at(n, path, "expected a list, one item per line starting with \"- \", got %s", quote(n))
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		if err := w.walk(item, out.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
			return err
		}
	}
	v.Set(out)
	return nil
}

// mapping decodes a mapping with text keys into a Go map.
func (w *walker) mapping(n *yaml.Node, v reflect.Value, path string) error {
	if n.Kind != yaml.MappingNode {
		return w.at(n, path, "expected a mapping of name: value pairs, got %s", quote(n))
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := resolve(n.Content[i]), n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			return w.at(key, path, "a key must be text, got %s", quantity.NodeText(key))
		}
		if w.bytes -= len(key.Value); w.bytes < 0 {
			return w.at(key, path, "with its aliases written out this file holds more than %d MiB of text; write the values out once", MaxRequirementsSize>>20)
		}
		p := joinKey(path, key.Value)
		if line, dup := seen[key.Value]; dup {
			return w.at(key, p, "given twice (first on line %d); keep one", line)
		}
		seen[key.Value] = key.Line + w.line0
		elem := reflect.New(v.Type().Elem()).Elem()
		if err := w.walk(val, elem, p); err != nil {
			return err
		}
		m.SetMapIndex(reflect.ValueOf(termsafe.String(key.Value)).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
	return nil
}

// fieldSet is a struct's fields by their yaml names, in declaration order.
type fieldSet struct {
	names []string
	index map[string]int
}

func yamlFields(t reflect.Type) fieldSet {
	fs := fieldSet{index: map[string]int{}}
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		fs.names = append(fs.names, name)
		fs.index[name] = i
	}
	return fs
}

// elsewhere finds where a key belongs when it was written at the wrong
// level: "dau" at the top belongs in users.dau.
func elsewhere(key string) string {
	var find func(t reflect.Type, path string, depth int) string
	find = func(t reflect.Type, path string, depth int) string {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			if t.Kind() == reflect.Slice {
				path += "[0]"
			}
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || depth > 3 {
			return ""
		}
		fs := yamlFields(t)
		if _, ok := fs.index[key]; ok {
			return joinKey(path, key)
		}
		for _, name := range fs.names {
			if p := find(t.Field(fs.index[name]).Type, joinKey(path, name), depth+1); p != "" {
				return p
			}
		}
		return ""
	}
	return find(reflect.TypeFor[Requirements](), "", 0)
}
