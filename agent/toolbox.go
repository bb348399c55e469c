package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/google/jsonschema-go/jsonschema"
)

// Tool is something the model may call.
type Tool struct {
	Def ToolDef
	// Run executes the tool. An error is returned to the model as a tool
	// result marked as an error, never as a failure of the loop.
	Run func(ctx context.Context, args json.RawMessage) (string, error)
	// Final ends the run once the tool has succeeded: the work is done and
	// no closing words from the model are needed.
	Final bool
	// Check, when set, is the schema the arguments are validated against
	// in place of Def.Parameters: a tool may show the model a shorter
	// schema than the one it accepts.
	Check json.RawMessage

	// schema resolves the parameters on first use: a run calls few of
	// its tools, and resolving every schema up front is most of the cost
	// of building a toolbox.
	schema func() (*jsonschema.Resolved, error)
}

// Toolbox holds the tools of a conversation by name.
type Toolbox struct {
	tools []Tool
}

// NewToolbox builds a toolbox; each tool's parameters must be a valid JSON
// Schema, which is used to check the model's arguments before running.
func NewToolbox(tools ...Tool) (*Toolbox, error) {
	tb := &Toolbox{}
	for _, t := range tools {
		params := t.Def.Parameters
		if t.Check != nil {
			params = t.Check
		}
		var s jsonschema.Schema
		if err := json.Unmarshal(params, &s); err != nil {
			return nil, fmt.Errorf("tool %s: parameters: %v", t.Def.Name, err)
		}
		t.schema = sync.OnceValues(func() (*jsonschema.Resolved, error) { return s.Resolve(nil) })
		tb.tools = append(tb.tools, t)
	}
	return tb, nil
}

// Defs returns the tool definitions for a request.
func (tb *Toolbox) Defs() []ToolDef {
	defs := make([]ToolDef, len(tb.tools))
	for i, t := range tb.tools {
		defs[i] = t.Def
	}
	return defs
}

// Names returns the tool names.
func (tb *Toolbox) Names() []string {
	names := make([]string, len(tb.tools))
	for i, t := range tb.tools {
		names[i] = t.Def.Name
	}
	return names
}

// isFinal says whether the named tool ends a run.
func (tb *Toolbox) isFinal(name string) bool {
	i := slices.IndexFunc(tb.tools, func(t Tool) bool { return t.Def.Name == name })
	return i >= 0 && tb.tools[i].Final
}

// Call runs one tool call and returns its result text and whether it is
// an error. Unknown tools and invalid arguments are errors for the model
// to read and correct. A tool that panics becomes a tool error too: one
// bad call must not end the conversation it belongs to.
func (tb *Toolbox) Call(ctx context.Context, call ToolCall) (text string, isError bool) {
	defer func() {
		if r := recover(); r != nil {
			text, isError = fmt.Sprintf("%s failed inside sysarch (%v); try other arguments or continue without it", call.Name, r), true
		}
	}()
	i := slices.IndexFunc(tb.tools, func(t Tool) bool { return t.Def.Name == call.Name })
	if i < 0 {
		return fmt.Sprintf("unknown tool %q; the tools are: %s", call.Name, strings.Join(tb.Names(), ", ")), true
	}
	t := tb.tools[i]
	args := strings.TrimSpace(call.Arguments)
	if args == "" {
		args = "{}"
	}
	var v any
	if err := json.Unmarshal([]byte(args), &v); err != nil {
		return fmt.Sprintf("arguments of %s are not valid JSON: %v; send a JSON object", call.Name, err), true
	}
	rs, err := t.schema()
	if err != nil {
		return fmt.Sprintf("the schema of %s does not resolve: %v", call.Name, err), true
	}
	if err := rs.Validate(v); err != nil {
		return fmt.Sprintf("arguments of %s do not match its schema: %v", call.Name, err), true
	}
	out, err := t.Run(ctx, json.RawMessage(args))
	if err != nil {
		return err.Error(), true
	}
	return out, false
}
