package architect

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
)

// figureTools wraps the capacity tools so that every figure the model
// computes becomes a capacity row of the design, M1, M2…, with its formula
// and inputs: citable in the prose and in decisions, and accepted by the
// number check. The same call (tool and arguments) keeps its ids, and the
// rows are kept across re-recorded requirements.
func (s *Session) figureTools(tools []agent.Tool) []agent.Tool {
	out := make([]agent.Tool, len(tools))
	for i, t := range tools {
		run, name := t.Run, t.Def.Name
		t.Run = func(ctx context.Context, args json.RawMessage) (string, error) {
			res, err := run(ctx, args)
			if err != nil {
				return res, err
			}
			return s.cite(name, args, res), nil
		}
		out[i] = t
	}
	return out
}

// cite records the figures of one capacity result and returns the result
// with the id of each figure added under "figure_ids".
func (s *Session) cite(tool string, args json.RawMessage, res string) string {
	var r capacity.Result
	if json.Unmarshal([]byte(res), &r) != nil || len(r.Outputs) == 0 {
		return res
	}
	var compact bytes.Buffer
	if json.Compact(&compact, args) != nil {
		compact.Reset()
		compact.Write(args)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := map[string]string{}
	keys := make([]string, 0, len(r.Outputs))
	for k := range r.Outputs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		v, ok := r.Outputs[k].(float64)
		if !ok {
			continue
		}
		ids[k] = s.figureID(tool, compact.String(), k, v, r)
	}
	var m map[string]any
	if json.Unmarshal([]byte(res), &m) != nil {
		return res
	}
	m["figure_ids"] = ids
	b, err := json.Marshal(m)
	if err != nil {
		return res
	}
	return string(b)
}

// figureID returns the id of a figure, adding its row the first time.
func (s *Session) figureID(tool, args, key string, v float64, r capacity.Result) string {
	for _, f := range s.figures {
		if f.Tool == tool && string(f.Inputs) == args && f.Quantity == key {
			return f.ID
		}
	}
	row := design.CapacityRow{ID: fmt.Sprintf("M%d", len(s.figures)+1), Workload: "computed in the conversation", Tool: tool, Quantity: key,
		Value: v, Unit: r.Units[key], Formula: r.Formula, Inputs: json.RawMessage(args)}
	s.figures = append(s.figures, row)
	return row.ID
}

// Figure finds a figure of the design by its id (C3, D1, M2).
func Figure(d *design.Design, id string) (design.CapacityRow, bool) {
	for _, r := range slices.Concat(d.Capacity, d.Derived) {
		if strings.EqualFold(r.ID, id) {
			return r, true
		}
	}
	return design.CapacityRow{}, false
}
