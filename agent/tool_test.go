package agent

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type greetIn struct {
	Name  string `json:"name" jsonschema:"who to greet"`
	Times int    `json:"times,omitempty"`
}

type greetOut struct {
	Text string `json:"text"`
}

func greetTool() Tool {
	return NewTool("greet", "Greets someone.", func(_ context.Context, in greetIn) (greetOut, error) {
		if in.Name == "nobody" {
			return greetOut{}, errors.New("greet: nobody to greet; give a name")
		}
		return greetOut{Text: strings.Repeat("hello "+in.Name+" ", max(1, in.Times))}, nil
	})
}

// NewTool's schema comes from the typed input, and a call goes through
// the toolbox's checks, the strict decoding and back as JSON.
func TestNewTool(t *testing.T) {
	tool := greetTool()
	var schema struct {
		Type       string
		Required   []string
		Properties map[string]struct{ Description string }
	}
	if err := json.Unmarshal(tool.Def.Parameters, &schema); err != nil {
		t.Fatal(err)
	}
	if schema.Type != "object" || !cmp.Equal(schema.Required, []string{"name"}) || schema.Properties["name"].Description != "who to greet" {
		t.Errorf("schema: got %s", tool.Def.Parameters)
	}
	tb, err := NewToolbox(tool)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args, want string
		isError    bool
	}{
		{`{"name":"Ada"}`, `{"text":"hello Ada "}`, false},
		{`{"name":"Ada","times":2}`, `{"text":"hello Ada hello Ada "}`, false},
		{`{"name":"nobody"}`, "greet: nobody to greet; give a name", true},
		{`{"times":2}`, "arguments of greet do not match its schema", true},
		{`{"name":"Ada","colour":"red"}`, "arguments of greet", true},
	}
	for _, tt := range tests {
		got, isError := tb.Call(t.Context(), ToolCall{Name: "greet", Arguments: tt.args})
		if isError != tt.isError || !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: got %q (error %v), want %q (error %v)", tt.args, got, isError, tt.want, tt.isError)
		}
	}
}

// Fields the schema does not list are refused by the decoder even when
// the schema itself would let them through.
func TestNewToolDecodesStrictly(t *testing.T) {
	_, err := greetTool().Run(t.Context(), json.RawMessage(`{"name":"Ada","colour":"red"}`))
	if err == nil || !strings.Contains(err.Error(), `unknown field "colour"`) {
		t.Errorf("got %v, want the unknown field named", err)
	}
}
