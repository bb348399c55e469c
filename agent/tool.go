package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/sysarch/sysarch/agent/capacity"
)

// NewTool makes a tool of a typed function. Its parameters are the JSON
// Schema of In from capacity.SchemaFor, the one generator behind every
// tool sysarch offers, so a tool's schema is never written by hand. The
// arguments are decoded into In strictly: a field In does not have is an
// error the model reads and corrects, not a value silently dropped. The
// answer is Out as JSON.
//
// A schema that cannot be generated is a programming error and panics,
// which every test that builds the tool catches.
func NewTool[In, Out any](name, desc string, run func(context.Context, In) (Out, error)) Tool {
	sc, err := capacity.SchemaFor[In]()
	if err != nil {
		panic(fmt.Sprintf("tool %s: schema: %v", name, err))
	}
	params, err := json.Marshal(sc)
	if err != nil {
		panic(fmt.Sprintf("tool %s: schema: %v", name, err))
	}
	return Tool{
		Def: ToolDef{Name: name, Description: desc, Parameters: params},
		Run: func(ctx context.Context, args json.RawMessage) (string, error) {
			var in In
			dec := json.NewDecoder(bytes.NewReader(args))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&in); err != nil {
				return "", fmt.Errorf("arguments of %s: %v%s", name, err, fieldHint(err, params))
			}
			out, err := run(ctx, in)
			if err != nil {
				return "", err
			}
			b, err := json.Marshal(out)
			return string(b), err
		},
	}
}
