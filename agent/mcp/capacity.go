package mcp

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/fileio"
)

// handlers wraps each tool's work in what every call needs: a log line and
// a result, never a protocol error, even when the work panics or its
// result cannot be encoded; a bound on the arguments; and a bound on the
// calls computing at once.
type handlers struct {
	log   *slog.Logger
	slots chan struct{} // one token per call allowed to compute at once
}

func newHandlers(log *slog.Logger, concurrent int) handlers {
	return handlers{log: log, slots: make(chan struct{}, max(1, concurrent))}
}

func (h handlers) wrap(name string, run func(args json.RawMessage) *sdk.CallToolResult) sdk.ToolHandler {
	return func(ctx context.Context, req *sdk.CallToolRequest) (res *sdk.CallToolResult, _ error) {
		var args json.RawMessage
		if req != nil && req.Params != nil {
			args = req.Params.Arguments
		}
		if len(args) > fileio.MaxInput {
			return toolError(fmt.Errorf("%s: the arguments are %d bytes, over the limit of %s; send less text", name, len(args), fileio.Size(fileio.MaxInput))), nil
		}
		select {
		case h.slots <- struct{}{}:
			defer func() { <-h.slots }()
		case <-ctx.Done():
			return toolError(fmt.Errorf("%s: cancelled before it ran", name)), nil
		}
		start := time.Now()
		defer func() {
			if p := recover(); p != nil {
				// A bug in one tool must not end the session of the agent using it.
				h.log.Error("tool panicked", "tool", name, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				res = toolError(fmt.Errorf("%s: internal error: %v (a bug in sysarch; please report it)", name, p))
			}
			h.log.Debug("tool call", "tool", name, "is_error", res.IsError, "elapsed", time.Since(start))
		}()
		return encodable(name, args, run(args)), nil
	}
}

// encodable returns res if it encodes as JSON, and otherwise an error
// result naming the input. A figure that overflowed to ±Inf or NaN cannot
// be sent; without this check the call would get no answer at all.
func encodable(name string, args json.RawMessage, res *sdk.CallToolResult) *sdk.CallToolResult {
	if _, err := json.Marshal(res); err != nil {
		in := string(args)
		if len(in) > 200 {
			in = in[:200] + "…"
		}
		return toolError(fmt.Errorf("%s: the inputs %s give a figure too large to compute (%v); give realistic values", name, in, err))
	}
	return res
}

// toolError is a failed call as the calling model sees it: isError and the
// error on one line.
func toolError(err error) *sdk.CallToolResult {
	msg := strings.Join(strings.Fields(err.Error()), " ")
	return &sdk.CallToolResult{IsError: true, Content: []sdk.Content{&sdk.TextContent{Text: msg}}}
}

// resultSchema is the output schema of every capacity tool: a capacity.Result.
var resultSchema = sync.OnceValue(func() *jsonschema.Schema {
	s, err := jsonschema.For[capacity.Result](nil)
	if err != nil {
		panic("mcp: result schema: " + err.Error()) // a programming error, caught by every test
	}
	s.Description = "The tool's Result: its inputs after defaults, its outputs in base units (seconds, bytes, per second), the unit of each output, the formula that produced them and notes."
	return s
})

// pure marks a tool that only computes: no side effects, same answer for
// the same input, nothing outside the process consulted.
func pure() *sdk.ToolAnnotations {
	no := false
	return &sdk.ToolAnnotations{ReadOnlyHint: true, IdempotentHint: true, DestructiveHint: &no, OpenWorldHint: &no}
}

// capacityTool describes a registry tool with the registry's own name,
// description and generated input schema.
func capacityTool(t capacity.Tool) *sdk.Tool {
	return &sdk.Tool{
		Name:         t.Name,
		Description:  t.Description,
		InputSchema:  t.Schema,
		OutputSchema: resultSchema(),
		Annotations:  pure(),
	}
}

// capacityHandler runs a registry tool: the Result as structured content,
// its outputs and formula as text.
func capacityHandler(t capacity.Tool) func(json.RawMessage) *sdk.CallToolResult {
	return func(args json.RawMessage) *sdk.CallToolResult {
		r, err := t.Run(args)
		if err != nil {
			return toolError(err)
		}
		return &sdk.CallToolResult{
			Content:           []sdk.Content{&sdk.TextContent{Text: summary(r)}},
			StructuredContent: r,
		}
	}
}

// summary writes a Result for a reader of text: one line per output in
// reading order, formatted as `sysarch calc` prints them (the exact values
// are in the structured content), then the formula and notes.
func summary(r capacity.Result) string {
	var b strings.Builder
	b.WriteString(r.Tool + "\n")
	keys := r.Order
	if len(keys) == 0 {
		for k := range r.Outputs {
			keys = append(keys, k)
		}
		slices.Sort(keys)
	}
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\n", k, design.FormatOutput(r.Outputs[k], r.Units[k]))
	}
	b.WriteString("formula: " + r.Formula)
	for _, n := range r.Notes {
		b.WriteString("\nnote: " + n)
	}
	return b.String()
}
