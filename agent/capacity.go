package agent

import (
	"context"
	"encoding/json"

	"github.com/sysarch/sysarch/agent/capacity"
)

// CapacityTools exposes every tool of the registry to the model. A tool's
// result is its Result as JSON, formula included, so the model can cite it.
func CapacityTools(reg *capacity.Registry) []Tool {
	var out []Tool
	for _, t := range reg.Tools() {
		params, err := json.Marshal(t.Schema())
		if err != nil {
			panic(err) // a generated schema always marshals
		}
		out = append(out, Tool{
			Def: ToolDef{Name: t.Name, Description: t.Description, Parameters: params},
			Run: func(_ context.Context, args json.RawMessage) (string, error) {
				res, err := t.Run(args)
				if err != nil {
					return "", err
				}
				b, err := json.Marshal(res)
				return string(b), err
			},
		})
	}
	return out
}
