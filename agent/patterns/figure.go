package patterns

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Figure is a capacity figure an archetype adds: one call of a capacity
// tool. Inputs are literals in the quantity grammar ("1KB", "0.9", "second")
// or references the engine resolves:
//
//	$peak.KIND   peak per second of the workloads of that kind ($peak.total: all)
//	$avg.KIND    average per second ($avg.total: all)
//	$stored.KIND total stored bytes of the workloads of that kind
//	$item.KIND   bytes per item of that kind
//	$dau         daily active users
//	$online.NAME daily active users × the share a Parameter gives: those
//	             connected at once
//	$param.NAME  a Parameter of the archetype (its Default when not given)
//
// KIND is read, write, search, event, message or job.
type Figure struct {
	Label   string   `yaml:"label" json:"label"`
	Tool    string   `yaml:"tool" json:"tool"`
	Inputs  Inputs   `yaml:"inputs" json:"inputs"`
	Outputs []string `yaml:"outputs" json:"outputs"`
	// Sizes names the archetype's component whose node count this figure
	// is (its servers output): the engine prices that many nodes for it.
	Sizes string `yaml:"sizes,omitempty" json:"sizes,omitempty"`
	// MeasuredBy names the workloads that state this figure outright (the
	// fan-out deliveries a "deliver post to followers" workload gives): when
	// one of them is in the requirements, its own rows are the figure and
	// the estimate from parameters is not made, so the two never disagree.
	MeasuredBy *WorkloadMatch `yaml:"measured_by,omitempty" json:"measured_by,omitempty"`
	// Part names the component (one with needed_when) this figure
	// concerns alone: it goes when the load leaves that part out.
	Part string `yaml:"part,omitempty" json:"part,omitempty"`
}

// Inputs are a figure's inputs, sorted by name. They are written as a
// mapping (name: value) in the YAML and the JSON; a sorted list rather
// than a map lets the generated catalogue be data the linker lays out,
// where a map would be built in every process.
type Inputs []FigureInput

// FigureInput is one input of a figure: the tool's argument and its value.
type FigureInput struct {
	Name, Value string
}

// Get returns the value of the input of that name.
func (in Inputs) Get(name string) (string, bool) {
	i, ok := slices.BinarySearchFunc(in, name, func(x FigureInput, n string) int { return strings.Compare(x.Name, n) })
	if !ok {
		return "", false
	}
	return in[i].Value, true
}

// UnmarshalYAML reads the mapping of name to value.
func (in *Inputs) UnmarshalYAML(n *yaml.Node) error {
	var m map[string]string
	if err := n.Decode(&m); err != nil {
		return err
	}
	if m == nil {
		*in = nil
		return nil
	}
	out := make(Inputs, 0, len(m))
	for k, v := range m {
		out = append(out, FigureInput{Name: k, Value: v})
	}
	slices.SortFunc(out, func(x, y FigureInput) int { return strings.Compare(x.Name, y.Name) })
	*in = out
	return nil
}

// MarshalJSON writes the inputs as an object, its keys sorted: what a
// map of them gave.
func (in Inputs) MarshalJSON() ([]byte, error) {
	if in == nil {
		return []byte("null"), nil
	}
	var b bytes.Buffer
	b.WriteByte('{')
	for i, x := range in {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(x.Name)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(x.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Args returns the tool arguments with literals kept as strings and
// references replaced by the numbers lookup gives, and the references
// lookup could not resolve, sorted.
func (f Figure) Args(lookup func(ref string) (float64, bool)) (args map[string]any, missing []string) {
	args = make(map[string]any, len(f.Inputs))
	for _, in := range f.Inputs {
		k, v := in.Name, in.Value
		if !strings.HasPrefix(v, "$") {
			args[k] = v
			continue
		}
		if x, ok := lookup(v); ok {
			args[k] = x
			continue
		}
		if !slices.Contains(missing, v) {
			missing = append(missing, v)
		}
	}
	slices.Sort(missing)
	return args, missing
}

// Refs returns the references the figure's inputs name, sorted, without
// duplicates.
func (f Figure) Refs() []string {
	var refs []string
	for _, in := range f.Inputs {
		if v := in.Value; strings.HasPrefix(v, "$") && !slices.Contains(refs, v) {
			refs = append(refs, v)
		}
	}
	slices.Sort(refs)
	return refs
}

// checkRef says whether ref is a reference the engine knows.
func checkRef(a *Archetype, ref string) error {
	head, tail, dotted := strings.Cut(strings.TrimPrefix(ref, "$"), ".")
	switch head {
	case "dau":
		if !dotted {
			return nil
		}
	case "peak", "avg":
		if tail == "total" || slices.Contains(workloadKinds, tail) {
			return nil
		}
	case "stored", "item":
		if slices.Contains(workloadKinds, tail) {
			return nil
		}
	case "param", "online":
		for _, p := range a.Parameters {
			if p.Name == tail {
				return nil
			}
		}
		return fmt.Errorf("%s names no parameter of %s", ref, a.ID)
	}
	return fmt.Errorf("unknown reference %s; use $peak.KIND, $avg.KIND, $stored.KIND, $item.KIND, $dau, $online.NAME or $param.NAME (KIND: %s, or total for peak and avg)", ref, strings.Join(workloadKinds, ", "))
}
