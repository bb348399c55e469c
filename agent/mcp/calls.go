package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/fileio"
)

// calls puts around every tool call what each needs, whichever way the
// tool was added: a log line and a result, never a protocol error, even
// when the work panics or its result cannot be encoded; a bound on the
// arguments; a bound on the calls computing at once; and, for the typed
// tools, sysarch's own check of the arguments before the SDK's.
type calls struct {
	log   *slog.Logger
	slots chan struct{} // one token per call allowed to compute at once
	// checks holds, by tool name, the argument check that answers a bad
	// call in sysarch's words (the field, what is wrong, what is accepted)
	// rather than in the schema validator's.
	checks map[string]func(json.RawMessage) error
	// now times calls for the debug log; nil logs no durations.
	now func() time.Time
}

func newCalls(log *slog.Logger, concurrent int, now func() time.Time) *calls {
	return &calls{log: log, now: now, slots: make(chan struct{}, max(1, concurrent)), checks: map[string]func(json.RawMessage) error{}}
}

// middleware runs every tools/call through call. Other methods, and a call
// to a tool that does not exist (a protocol error the SDK answers), pass
// through untouched.
func (c *calls) middleware(known map[string]bool) sdk.Middleware {
	return func(next sdk.MethodHandler) sdk.MethodHandler {
		return func(ctx context.Context, method string, req sdk.Request) (sdk.Result, error) {
			ct, ok := req.(*sdk.CallToolRequest)
			if method != "tools/call" || !ok || ct.Params == nil || !known[ct.Params.Name] {
				return next(ctx, method, req)
			}
			res, err := c.call(ctx, ct.Params.Name, ct.Params.Arguments, func() (sdk.Result, error) { return next(ctx, method, req) })
			if err != nil {
				return nil, err
			}
			return res, nil
		}
	}
}

// call runs one call of the tool name through run.
func (c *calls) call(ctx context.Context, name string, args json.RawMessage, run func() (sdk.Result, error)) (res *sdk.CallToolResult, err error) {
	if len(args) > fileio.MaxInput {
		return toolError(fmt.Errorf("%s: the arguments are %d bytes, over the limit of %s; send less text", name, len(args), fileio.Size(fileio.MaxInput))), nil
	}
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		return toolError(fmt.Errorf("%s: cancelled before it ran", name)), nil
	}
	var start time.Time
	if c.now != nil {
		start = c.now()
	}
	defer func() {
		if p := recover(); p != nil {
			// A bug in one tool must not end the session of the agent using it.
			c.log.Error("tool panicked", "tool", name, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			res, err = toolError(fmt.Errorf("%s: internal error: %v (a bug in sysarch; please report it)", name, p)), nil
		}
		if res != nil {
			c.log.Debug("tool call", "tool", name, "is_error", res.IsError, "elapsed", c.elapsed(start))
		}
	}()
	if check := c.checks[name]; check != nil {
		if err := check(args); err != nil {
			return toolError(err), nil
		}
	}
	out, err := run()
	var rpcErr *jsonrpc.Error
	if errors.As(err, &rpcErr) {
		return nil, err
	}
	if err != nil {
		return toolError(failure(name, args, err)), nil
	}
	res, ok := out.(*sdk.CallToolResult)
	if !ok || res == nil {
		return toolError(fmt.Errorf("%s: internal error: no result (a bug in sysarch; please report it)", name)), nil
	}
	if res.IsError {
		oneLine(res)
	}
	return encodable(name, args, res), nil
}

// failure words an error the SDK returned for a typed tool's output. An
// output it cannot encode holds a figure that overflowed, the input's
// fault; anything else is sysarch's.
func failure(name string, args json.RawMessage, err error) error {
	var uv *json.UnsupportedValueError
	if errors.As(err, &uv) {
		return tooLarge(name, args, err)
	}
	return fmt.Errorf("%s: internal error: %v (a bug in sysarch; please report it)", name, err)
}

// encodable returns res if it encodes as JSON, and otherwise an error
// result naming the input. A figure that overflowed to ±Inf or NaN cannot
// be sent; without this check the call would get no answer at all.
func encodable(name string, args json.RawMessage, res *sdk.CallToolResult) *sdk.CallToolResult {
	if _, err := json.Marshal(res); err != nil {
		return toolError(tooLarge(name, args, err))
	}
	return res
}

// tooLarge says which input gave a figure that cannot be encoded.
func tooLarge(name string, args json.RawMessage, err error) error {
	in := string(args)
	if len(in) > 200 {
		in = in[:200] + "…"
	}
	return fmt.Errorf("%s: the inputs %s give a figure too large to compute (%v); give realistic values", name, in, err)
}

// toolError is a failed call as the calling model sees it: isError and the
// error on one line.
func toolError(err error) *sdk.CallToolResult {
	return oneLine(&sdk.CallToolResult{IsError: true, Content: []sdk.Content{&sdk.TextContent{Text: err.Error()}}})
}

// oneLine puts each text of res on one line: a model reads an error
// best as one sentence, whoever wrote it.
func oneLine(res *sdk.CallToolResult) *sdk.CallToolResult {
	for _, c := range res.Content {
		if t, ok := c.(*sdk.TextContent); ok {
			t.Text = strings.Join(strings.Fields(t.Text), " ")
		}
	}
	return res
}

// elapsed is the time since start by the server's clock, or 0 without one.
func (c *calls) elapsed(start time.Time) time.Duration {
	if c.now == nil {
		return 0
	}
	return c.now().Sub(start)
}
