package mcp_test

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/mcp"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// connect starts a server with opts and returns a client session to it over
// in-memory transports. version, when set, is the protocol version the
// client asks for.
func connect(t testing.TB, opts mcp.Options, version string) *sdk.ClientSession {
	t.Helper()
	ctx := context.Background()
	st, ct := sdk.NewInMemoryTransports()
	ss, err := mcp.NewServer(opts).Connect(ctx, st, nil)
	if err != nil {
		t.Fatalf("server connect: %v", err)
	}
	client := sdk.NewClient(&sdk.Implementation{Name: "test-client", Version: "v0.0.1"}, nil)
	cs, err := client.Connect(ctx, ct, &sdk.ClientSessionOptions{ProtocolVersion: version})
	if err != nil {
		t.Fatalf("client connect: %v", err)
	}
	t.Cleanup(func() {
		cs.Close()
		ss.Wait()
	})
	return cs
}

// roundTrip returns v as a client decodes it from JSON.
func roundTrip(t testing.TB, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func call(t testing.TB, cs *sdk.ClientSession, name string, args string) *sdk.CallToolResult {
	t.Helper()
	res, err := cs.CallTool(context.Background(), &sdk.CallToolParams{Name: name, Arguments: json.RawMessage(args)})
	if err != nil {
		t.Fatalf("call %s %s: protocol error: %v", name, args, err)
	}
	return res
}

func text(res *sdk.CallToolResult) string {
	var parts []string
	for _, c := range res.Content {
		if tc, ok := c.(*sdk.TextContent); ok {
			parts = append(parts, tc.Text)
		}
	}
	return strings.Join(parts, "\n")
}

func TestListToolsMatchesRegistry(t *testing.T) {
	for _, version := range []string{"", "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"} {
		t.Run("protocol "+version, func(t *testing.T) {
			cs := connect(t, mcp.Options{}, version)
			res, err := cs.ListTools(t.Context(), nil)
			if err != nil {
				t.Fatal(err)
			}
			// The list comes sorted by name; match each tool to the registry's.
			got := map[string]*sdk.Tool{}
			for _, tool := range res.Tools {
				got[tool.Name] = tool
			}
			// The registry's capacity tools and the patterns catalogue.
			if n := len(capacity.Default().Names()) + 1; len(got) != n || len(res.Tools) != n || got["patterns"] == nil {
				t.Fatalf("got %d tools, want the registry's %d and patterns", len(res.Tools), n-1)
			}
			for _, want := range capacity.Default().Tools() {
				g, ok := got[want.Name]
				if !ok {
					t.Errorf("tool %s is not listed", want.Name)
					continue
				}
				if g.Description != want.Description {
					t.Errorf("%s: got description %q, want %q", want.Name, g.Description, want.Description)
				}
				if diff := cmp.Diff(roundTrip(t, want.Schema()), g.InputSchema); diff != "" {
					t.Errorf("%s input schema differs from the registry's (-want +got):\n%s", want.Name, diff)
				}
				if g.OutputSchema == nil {
					t.Errorf("%s has no output schema", want.Name)
				}
				if g.Annotations == nil || !g.Annotations.ReadOnlyHint {
					t.Errorf("%s is not marked read-only: %+v", want.Name, g.Annotations)
				}
			}
		})
	}
}

func TestToolsGolden(t *testing.T) {
	cs := connect(t, mcp.Options{Designer: fakeDesigner, Reviewer: fakeReviewer}, "")
	res, err := cs.ListTools(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, tool := range res.Tools {
		b.WriteString(tool.Name + "\n\t" + tool.Description + "\n")
	}
	golden := filepath.Join("testdata", "tools.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), b.String()); diff != "" {
		t.Errorf("tools list differs from %s (-want +got):\n%s", golden, diff)
	}
}

// validCalls holds one valid input for every capacity tool.
var validCalls = map[string]string{
	"cost":             `{"component":"compute","vcpu":4,"memory":"16GiB","count":3}`,
	"throughput":       `{"count":"4B","per":"month","seconds_per_month":"2.5M"}`,
	"storage":          `{"item_bytes":"1.27KB","count":"10M","per":"month","retention":"3y","replication":3}`,
	"bandwidth":        `{"item_bytes":"500B","count":"100M","per":"month"}`,
	"servers":          `{"peak_rps":3200,"per_server_rps":"1000"}`,
	"concurrency":      `{"rate_per_second":2000,"latency":"250ms"}`,
	"availability":     `{"components":["99.9%","99.95%"],"topology":"serial"}`,
	"cache":            `{"items":"360M","item_bytes":"1.27KB","read_per_second":10000}`,
	"window":           `{"rate_per_second":"1M/s","window":"5m","item_bytes":"200B"}`,
	"partitions":       `{"rate_per_second":"1M/s","item_bytes":"1KB"}`,
	"latency_budget":   `{"target":"250ms","stages":{"auth":"20ms","orders query":"610ms","render":"90ms"}}`,
	"choose_component": `{"need":"queue","messages_per_hour":"2M"}`,
	"scaling_phase":    `{"peak_rps":3200}`,
}

func TestCallMatchesRegistry(t *testing.T) {
	cs := connect(t, mcp.Options{}, "")
	// The schema the server advertises, which a client may check the
	// structured content against.
	tools, err := cs.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var outSchema jsonschema.Schema
	for _, tool := range tools.Tools {
		if tool.Name == "throughput" {
			b, _ := json.Marshal(tool.OutputSchema)
			if err := json.Unmarshal(b, &outSchema); err != nil {
				t.Fatal(err)
			}
		}
	}
	resolved, err := outSchema.Resolve(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range capacity.Default().Names() {
		t.Run(name, func(t *testing.T) {
			args, ok := validCalls[name]
			if !ok {
				t.Fatalf("no valid input for %s in validCalls", name)
			}
			want, err := capacity.Default().Call(name, json.RawMessage(args))
			if err != nil {
				t.Fatalf("registry: %v", err)
			}
			res := call(t, cs, name, args)
			if res.IsError {
				t.Fatalf("got isError: %s", text(res))
			}
			// The structured content is the Result led by the text
			// content, for clients that show a model only the former.
			wantStructured := roundTrip(t, want).(map[string]any)
			wantStructured["summary"] = text(res)
			if diff := cmp.Diff(any(wantStructured), res.StructuredContent); diff != "" {
				t.Errorf("structured content differs from the registry's Result and summary (-want +got):\n%s", diff)
			}
			if err := resolved.Validate(res.StructuredContent); err != nil {
				t.Errorf("structured content does not match the output schema: %v", err)
			}
			txt := text(res)
			if !strings.Contains(txt, "formula: "+want.Formula) {
				t.Errorf("text lacks the formula %q:\n%s", want.Formula, txt)
			}
			for k := range want.Outputs {
				if !strings.Contains(txt, "\n"+k+": ") {
					t.Errorf("text lacks output %s:\n%s", k, txt)
				}
			}
		})
	}
}

func TestThroughputText(t *testing.T) {
	cs := connect(t, mcp.Options{}, "")
	res := call(t, cs, "throughput", validCalls["throughput"])
	want := `throughput
per_second: 1,600/s
peak_per_second: 3,200/s
per_minute: 96,000
per_hour: 5,760,000
per_day: 138,240,000
per_month: 4,000,000,000
formula: 4,000,000,000 per month / 2,500,000 s = 1,600/s; peak ×2 = 3,200/s`
	if diff := cmp.Diff(want, text(res)); diff != "" {
		t.Errorf("text (-want +got):\n%s", diff)
	}
}

// Codex passes the model a tool's structured content instead of its text
// content, so the structured content leads with the rounded text too.
func TestStructuredContentLeadsWithSummary(t *testing.T) {
	cs := connect(t, mcp.Options{}, "")
	res := call(t, cs, "throughput", `{"count":"100M","per":"month"}`)
	got, _ := res.StructuredContent.(map[string]any)["summary"].(string)
	if got != text(res) {
		t.Errorf("structured summary %q differs from the text content %q", got, text(res))
	}
	for _, want := range []string{"\nper_second: 38.03/s\n", "\nformula: 100,000,000 per month / 2,629,746 s = 38.03/s"} {
		if !strings.Contains(got, want) {
			t.Errorf("structured summary lacks %q:\n%s", want, got)
		}
	}
}

// The text content formats numbers as `sysarch calc` does: a utilisation
// is a percentage with two decimals, never a raw float.
func TestServersTextFormatsRatio(t *testing.T) {
	cs := connect(t, mcp.Options{}, "")
	res := call(t, cs, "servers", `{"peak_rps": 8000, "per_server_rps": 1000}`)
	txt := text(res)
	if !strings.Contains(txt, "\nutilization_at_peak: 61.54%\n") {
		t.Errorf("text does not give the utilisation as calc does (61.54%%):\n%s", txt)
	}
	if regexp.MustCompile(`\d\.\d{5,}`).MatchString(strings.Split(txt, "formula:")[0]) {
		t.Errorf("text has an unrounded number:\n%s", txt)
	}
}

func TestBadInputIsToolError(t *testing.T) {
	cs := connect(t, mcp.Options{Designer: fakeDesigner, Reviewer: fakeReviewer}, "")
	tests := []struct {
		tool, args string
		want       string // the start of the error text
	}{
		{"throughput", `{"count":"lots"}`, "throughput: count: "},
		{"throughput", `{}`, "throughput: count: is required"},
		{"throughput", `{"count":"4B","per":"fortnight"}`, "throughput: per: unknown period"},
		{"throughput", `{"count":"4B","cnt":1}`, "throughput: cnt: unknown input"},
		{"storage", `{"count":"10M","item_bytes":true}`, "storage: item_bytes: "},
		{"availability", `{"target":"250%"}`, "availability: target: "},
		{"latency_budget", `{"target":"250ms","stages":["db"]}`, "latency_budget: stages: "},
		{"choose_component", `{"need":"teleporter"}`, "choose_component: need: "},
		{"design", `{}`, "design: requirements: is required"},
		{"design", `{"requirements":"title: x","format":"pdf"}`, "design: format: unknown format"},
		{"design", `{"requirements":"title: x","colour":"red"}`, "design: colour: unknown input"},
		{"design", `{"requirements":"bad"}`, "design: title: is required"},
		{"review", `{"document":42}`, "review: document: expected a string, got a number"},
		{"review", `{"document":"   "}`, "review: document: is required"},
		{"review", `[]`, "review: arguments must be a JSON object"},
		{"patterns", `{"action":"fly"}`, `patterns: action: unknown action "fly"; expected list, get or match`},
		{"patterns", `{"action":"match","requirements":"x"}`, "patterns: requirements: expected an object, got a string"},
		{"patterns", `{"action":"match","requirements":{"title":"x","colour":1}}`, `patterns: arguments: json: unknown field "colour"`},
	}
	for _, tt := range tests {
		t.Run(tt.tool+" "+tt.args, func(t *testing.T) {
			res := call(t, cs, tt.tool, tt.args)
			got := text(res)
			if !res.IsError {
				t.Fatalf("got a result without isError: %s", got)
			}
			if !strings.HasPrefix(got, tt.want) || strings.Contains(got, "\n") {
				t.Errorf("got %q, want one line starting %q", got, tt.want)
			}
			if res.StructuredContent != nil {
				t.Errorf("an error result carries structured content: %v", res.StructuredContent)
			}
		})
	}
}

func TestUnknownToolListsTools(t *testing.T) {
	cs := connect(t, mcp.Options{}, "")
	_, err := cs.CallTool(t.Context(), &sdk.CallToolParams{Name: "throughputs", Arguments: map[string]any{}})
	if err == nil {
		t.Fatal("got no error for an unknown tool")
	}
	if got := err.Error(); !strings.Contains(got, `unknown tool "throughputs"`) || !strings.Contains(got, "throughput, storage, bandwidth") {
		t.Errorf("got %q, want the unknown name and the list of tools", got)
	}
}

func TestVersion(t *testing.T) {
	cs := connect(t, mcp.Options{Version: "v1.2.3"}, "2025-06-18")
	got := cs.InitializeResult().ServerInfo
	if got.Name != "sysarch" || got.Version != "v1.2.3" {
		t.Errorf("got server %s %s, want sysarch v1.2.3", got.Name, got.Version)
	}
}

func TestServeEndsWhenClientLeaves(t *testing.T) {
	st, ct := sdk.NewInMemoryTransports()
	done := make(chan error, 1)
	go func() { done <- mcp.Serve(t.Context(), st, mcp.Options{}) }()
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "c", Version: "v0"}, nil).Connect(t.Context(), ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	call(t, cs, "scaling_phase", `{"peak_rps":100}`)
	cs.Close()
	if err := <-done; err != nil {
		t.Errorf("Serve after the client closed: got %v, want nil", err)
	}
}

func TestServeEndsWithContext(t *testing.T) {
	st, _ := sdk.NewInMemoryTransports()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- mcp.Serve(ctx, st, mcp.Options{}) }()
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve after cancel: got %v, want nil", err)
	}
}

// A script that pipes its requests in and closes its input gets every
// answer before the server ends.
func TestServeAnswersPipedRequests(t *testing.T) {
	in := strings.Join([]string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"script","version":"0"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"scaling_phase","arguments":{"peak_rps":3200}}}`,
		`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"scaling_phase","arguments":{}}}`,
	}, "\n") + "\n"
	var out strings.Builder
	tr := &sdk.IOTransport{Reader: io.NopCloser(strings.NewReader(in)), Writer: nopCloser{&out}}
	if err := mcp.Serve(t.Context(), tr, mcp.Options{}); err != nil {
		t.Fatalf("Serve: %v", err)
	}
	var ids []float64
	for line := range strings.Lines(out.String()) {
		var msg struct {
			ID float64 `json:"id"`
		}
		if err := json.Unmarshal([]byte(line), &msg); err != nil {
			t.Fatalf("output line is not JSON: %q", line)
		}
		ids = append(ids, msg.ID)
	}
	slices.Sort(ids)
	if diff := cmp.Diff([]float64{1, 2, 3, 4}, ids); diff != "" {
		t.Errorf("answered ids (-want +got):\n%s\noutput:\n%s", diff, out.String())
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
