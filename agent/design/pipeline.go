package design

import (
	"fmt"
	"slices"

	"github.com/sysarch/sysarch/agent/requirements"
)

// FromText is the one pipeline every entry point runs, offline: the text
// of a requirements file (Markdown with front matter, YAML or prose) is
// parsed, validated and mined, then built into a Design. name labels the
// source in errors. The requirements are returned beside the design for
// callers that go on with a model.
func FromText(text []byte, name string, opts Options) (requirements.Requirements, *Design, error) {
	req, err := requirements.ParseRequirements(text, name)
	if err != nil {
		return req, nil, err
	}
	d, err := Build(req, opts)
	if err != nil {
		return req, nil, fmt.Errorf("%s: %w", name, err)
	}
	return req, d, nil
}

// AddAssumptions lists assumptions made outside the engine (in a
// conversation, by a model) beside the engine's own, once each.
func (d *Design) AddAssumptions(lines ...string) {
	for _, a := range lines {
		if a != "" && !slices.Contains(d.Assumptions, a) {
			d.Assumptions = append(d.Assumptions, a)
		}
	}
}
