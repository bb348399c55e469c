package provider

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/architect"
	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// presetClient is a client configured as the named preset would be, at
// srv's address.
func presetClient(t *testing.T, name string, srv *fakeopenai.Server) *Client {
	t.Helper()
	flags := Flags{BaseURL: srv.URL()}
	if name != custom {
		flags.Provider = name
	}
	cfg, err := Resolve(flags, env(map[string]string{"SYSARCH_API_KEY": testKey}), FileConfig{}, "")
	if err != nil {
		t.Fatal(err)
	}
	c := New(cfg, Options{Backoff: time.Millisecond, Timeout: 5 * time.Second})
	c.doer.sleep = func(context.Context, time.Duration) error { return nil }
	return c
}

// serverFor is the fake server behaving like the named preset's provider;
// an unknown endpoint is played by a strict gateway.
func serverFor(t *testing.T, name string, replies ...fakeopenai.Reply) *fakeopenai.Server {
	mode := fakeopenai.Quirks(fakeopenai.RejectStreamOptions, fakeopenai.RejectListTypes)
	if name != custom {
		mode = fakeopenai.Preset(name)
	}
	return fakeopenai.New(t, mode, fakeopenai.APIKey(testKey), fakeopenai.Replies(replies...))
}

// designTools are every tool the model gets in a design run.
func designTools(t *testing.T) *agent.Toolbox {
	t.Helper()
	tb, err := agent.NewToolbox((&architect.Session{}).Tools()...)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// TestEveryPresetTalksToItsProvider runs two round trips — a tool call
// with reasoning, then the answer — against the fake playing each
// preset's provider, with every design tool offered. The fake refuses
// what the real provider refuses (list types for Gemini, stream_options
// for Azure and Mistral, a missing reasoning_content for DeepSeek, a
// missing thought signature for Gemini 3).
func TestEveryPresetTalksToItsProvider(t *testing.T) {
	for _, p := range Presets() {
		t.Run(p.Name, func(t *testing.T) {
			t.Parallel()
			srv := serverFor(t, p.Name,
				fakeopenai.Calls(fakeopenai.Call("throughput", `{"count": "100M", "per": "month"}`)).InChunks(3).WithReasoning("Rates first."),
				fakeopenai.Text("38 per second.").InChunks(2))
			c := presetClient(t, p.Name, srv)
			var shown strings.Builder
			loop := &agent.Loop{Model: c, Tools: designTools(t), OnEvent: func(e agent.Event) {
				if e.Kind == agent.TextDelta {
					shown.WriteString(e.Text)
				}
			}}
			added, err := loop.Run(t.Context(), userSays("rate?"))
			if err != nil {
				t.Fatal(err)
			}
			if got := added[len(added)-1].Content; got != "38 per second." || shown.String() != got {
				t.Errorf("answer %q, shown %q; want the text alone, no reasoning", got, shown.String())
			}
			if srv.RoundTrips() != 2 {
				t.Errorf("round trips = %d, want 2", srv.RoundTrips())
			}
		})
	}
}

// TestConservativeSchemasFollowTheirRules checks every design tool's
// schema, in each dialect, against that dialect's rules.
func TestConservativeSchemasFollowTheirRules(t *testing.T) {
	for _, def := range designTools(t).Defs() {
		for _, d := range []Dialect{FullSchema, Conservative} {
			var s any
			if err := json.Unmarshal(inDialect(def.Parameters, d), &s); err != nil {
				t.Fatalf("%s in %s: %v", def.Name, d, err)
			}
			if err := dialectRules(s, d, def.Name); err != nil {
				t.Errorf("%s in %s: %v", def.Name, d, err)
			}
		}
	}
}

// dialectRules walks a schema: every type name is known; in the
// conservative dialect it is one name, never null, and every property
// says what it holds.
func dialectRules(node any, d Dialect, at string) error {
	m, ok := node.(map[string]any)
	if !ok {
		return nil
	}
	switch ty := m["type"].(type) {
	case []any:
		if d == Conservative {
			return errorAt(at, "a list of types")
		}
		if len(ty) == 1 && ty[0] == "null" && m["anyOf"] != nil {
			return errorAt(at, "a null type beside anyOf, which no value satisfies")
		}
	case string:
		if d == Conservative && ty == "null" {
			return errorAt(at, "the null type")
		}
	}
	if props, ok := m["properties"].(map[string]any); ok {
		for name, p := range props {
			pm, _ := p.(map[string]any)
			if d == Conservative && pm["type"] == nil && pm["anyOf"] == nil {
				return errorAt(at+"."+name, "no type")
			}
			if err := dialectRules(p, d, at+"."+name); err != nil {
				return err
			}
		}
	}
	for _, k := range []string{"items", "additionalProperties"} {
		if err := dialectRules(m[k], d, at+"."+k); err != nil {
			return err
		}
	}
	if branches, ok := m["anyOf"].([]any); ok {
		for _, b := range branches {
			if err := dialectRules(b, d, at+".anyOf"); err != nil {
				return err
			}
		}
	}
	return nil
}

type ruleError string

func (e ruleError) Error() string { return string(e) }

func errorAt(at, what string) error { return ruleError(at + ": " + what) }
