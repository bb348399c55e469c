package capacity

import (
	"fmt"

	"github.com/sysarch/sysarch/agent/quantity"
	"go.yaml.in/yaml/v3"
)

// stagesForm is what a YAML or JSON stages value looks like.
const stagesForm = "a mapping of stage name to duration, like {auth: 20ms, db: 120ms}"

// UnmarshalYAML reads a mapping of stage name to duration, keeping the
// order in which the stages were written. A stage named twice is an error.
// A bad duration comes back as a *quantity.YAMLError naming the stage and
// its line.
func (s *Stages) UnmarshalYAML(n *yaml.Node) error {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" {
		*s = nil
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		return &quantity.FormError{Input: n.Value, Want: stagesForm}
	case yaml.MappingNode:
	default:
		return fmt.Errorf("expected %s, got %s", stagesForm, quantity.NodeText(n))
	}
	out := make(Stages, 0, len(n.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, val := n.Content[i], n.Content[i+1]
		if key.Kind != yaml.ScalarNode {
			return &quantity.YAMLError{Line: key.Line, Column: key.Column, Err: fmt.Errorf("expected %s; a stage name must be text", stagesForm)}
		}
		name := key.Value
		if line, dup := seen[name]; dup {
			return &quantity.YAMLError{Path: name, Line: key.Line, Column: key.Column,
				Err: fmt.Errorf("stage given twice (first on line %d)", line)}
		}
		seen[name] = key.Line
		var d quantity.Duration
		if err := d.UnmarshalYAML(val); err != nil {
			return &quantity.YAMLError{Path: name, Line: val.Line, Column: val.Column, Err: err}
		}
		out = append(out, Stage{Name: name, Seconds: float64(d)})
	}
	*s = out
	return nil
}

// MarshalYAML writes the stages as a mapping in their order, each duration
// in the short form that reads back exactly ("20ms").
func (s Stages) MarshalYAML() (any, error) {
	m := &yaml.Node{Kind: yaml.MappingNode}
	for _, st := range s {
		v, err := quantity.Duration(st.Seconds).MarshalYAML()
		if err != nil {
			return nil, err
		}
		var val yaml.Node
		if err := val.Encode(v); err != nil {
			return nil, err
		}
		m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: st.Name}, &val)
	}
	return m, nil
}
