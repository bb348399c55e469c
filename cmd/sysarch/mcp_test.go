package main

import (
	"bytes"
	"context"
	"encoding/json"
	"github.com/sysarch/sysarch/agent/design"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/mcp"
)

// mcpBinary is the sysarch binary TestMain put on PATH.
func mcpBinary(t *testing.T) string {
	t.Helper()
	return buildSysarch(t)
}

// lockedBuffer collects a child's stderr while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// mcpCalls holds one valid input for every capacity tool.
var mcpCalls = map[string]string{
	"cost":             `{"component":"egress","transfer_per_month":"5TB"}`,
	"throughput":       `{"count":"4B","per":"month","seconds_per_month":"2.5M"}`,
	"storage":          `{"item_bytes":"1.27KB","count":"10M","per":"month","retention":"3y"}`,
	"bandwidth":        `{"item_bytes":"500B","count":"100M","per":"month","peak_factor":3}`,
	"servers":          `{"peak_rps":"1M/hour","per_server_rps":200}`,
	"concurrency":      `{"rate_per_second":"100M/day","latency":"250ms"}`,
	"availability":     `{"target":"99.95%"}`,
	"cache":            `{"items":"360M","item_bytes":"1.27KB"}`,
	"window":           `{"rate_per_second":"50K/s","window":"5m","item_bytes":"200B"}`,
	"partitions":       `{"rate_per_second":"200K/s","item_bytes":"1KB","consumer_events_per_second":"5K/s"}`,
	"latency_budget":   `{"target":"250ms","stages":{"auth":"20ms","orders query":"610ms","render":"90ms"}}`,
	"choose_component": `{"need":"database","writes_per_second":"150K/s"}`,
	"scaling_phase":    `{"peak_rps":"50K/s"}`,
}

// TestMCPCommandWithSDKClient talks to the real binary the way an agent
// does: start it, list the tools, call each one.
func TestMCPCommandWithSDKClient(t *testing.T) {
	bin := mcpBinary(t)
	var stderr lockedBuffer
	cmd := exec.Command(bin, "mcp")
	cmd.Stderr = &stderr
	client := sdk.NewClient(&sdk.Implementation{Name: "sysarch-test", Version: "v0"}, nil)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	cs, err := client.Connect(ctx, &sdk.CommandTransport{Command: cmd}, nil)
	if err != nil {
		t.Fatalf("connect: %v\nstderr: %s", err, stderr.String())
	}
	if got := cs.InitializeResult().ServerInfo.Name; got != "sysarch" {
		t.Errorf("server name: got %q, want sysarch", got)
	}

	res, err := cs.ListTools(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, tool := range res.Tools {
		names = append(names, tool.Name)
	}
	want := capacity.Default().Names()
	if diff := cmp.Diff(append(want, mcpDocumentTools...), names, cmpSorted); diff != "" {
		t.Errorf("tools (-want +got):\n%s", diff)
	}

	for _, name := range want {
		got, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: json.RawMessage(mcpCalls[name])})
		if err != nil {
			t.Fatalf("call %s: %v", name, err)
		}
		if got.IsError {
			t.Errorf("call %s: isError: %v", name, got.Content)
			continue
		}
		r, err := capacity.Default().Call(name, json.RawMessage(mcpCalls[name]))
		if err != nil {
			t.Fatalf("registry %s: %v", name, err)
		}
		want := asJSON(t, r).(map[string]any)
		want["summary"] = got.Content[0].(*sdk.TextContent).Text
		if diff := cmp.Diff(any(want), got.StructuredContent); diff != "" {
			t.Errorf("%s: structured content differs from the registry (-want +got):\n%s", name, diff)
		}
	}

	got, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "throughput", Arguments: json.RawMessage(mcpCalls["throughput"])})
	if err != nil {
		t.Fatal(err)
	}
	outputs := got.StructuredContent.(map[string]any)["outputs"].(map[string]any)
	if outputs["per_second"] != 1600.0 {
		t.Errorf("throughput per_second: got %v, want 1600", outputs["per_second"])
	}

	req, err := os.ReadFile("../../examples/url-shortener.md")
	if err != nil {
		t.Fatal(err)
	}
	args, _ := json.Marshal(map[string]string{"requirements": string(req)})
	doc, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "design", Arguments: json.RawMessage(args)})
	if err != nil || doc.IsError {
		t.Fatalf("design: %v %v", err, doc)
	}
	wantDoc, _ := os.ReadFile("../../examples/url-shortener.design.md")
	if md := doc.StructuredContent.(map[string]any)["markdown"]; md != string(wantDoc) {
		t.Errorf("design over MCP differs from examples/url-shortener.design.md (-want +got):\n%s", cmp.Diff(string(wantDoc), md))
	}
	bad, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "design", Arguments: json.RawMessage(`{"requirements": "title: x\nworkloads: [{name: a, rate: fast}]"}`)})
	if err != nil || !bad.IsError {
		t.Errorf("design with a bad rate: %v %+v, want an isError result", err, bad)
	}

	args, _ = json.Marshal(map[string]string{"document": "# A design\n\nWe run one server.\n"})
	rev, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: "review", Arguments: json.RawMessage(args)})
	if err != nil || rev.IsError {
		t.Fatalf("review: %v %v", err, rev)
	}
	if high, _ := rev.StructuredContent.(map[string]any)["high"].(bool); !high {
		t.Errorf("a design without failure handling passed review over MCP: %v", rev.StructuredContent)
	}

	if err := cs.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if code := cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code after stdin closed: got %d, want 0\nstderr: %s", code, stderr.String())
	}
	if s := stderr.String(); s != "" {
		t.Errorf("stderr without --verbose: got %q, want nothing", s)
	}
}

var cmpSorted = cmp.Transformer("sorted", func(in []string) []string {
	out := append([]string(nil), in...)
	slices.Sort(out)
	return out
})

// asJSON returns v as a client decodes it from JSON.
func asJSON(t *testing.T, v any) any {
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

// TestMCPCommandSignals checks that Ctrl-C and SIGTERM end a session that
// is waiting for input, with exit code 0 and nothing but protocol on stdout.
func TestMCPCommandSignals(t *testing.T) {
	bin := mcpBinary(t)
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) {
			w := startWire(t, bin, "mcp")
			w.initialize("2025-06-18")
			if err := w.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := w.wait(); code != 0 {
				t.Errorf("exit code after %v: got %d, want 0\nstderr: %s", sig, code, w.stderr.String())
			}
		})
	}
}

// TestMCPInProcess runs the command through run, as main does, over
// in-memory streams.
func TestMCPInProcess(t *testing.T) {
	in := strings.Join([]string{
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"script","version":"0"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"throughput","arguments":{"count":"4B","per":"month","seconds_per_month":"2.5M"}}}`,
	}, "\n") + "\n"
	var out, errOut bytes.Buffer
	ios := &IOStreams{Now: testNow, In: strings.NewReader(in), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
	if code := run([]string{"mcp", "--verbose"}, ios); code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut.String())
	}
	if !strings.Contains(out.String(), `"per_second":1600`) {
		t.Errorf("stdout lacks the throughput result:\n%s", out.String())
	}
	if !strings.Contains(errOut.String(), "tool=throughput") {
		t.Errorf("--verbose did not log the tool call to stderr:\n%s", errOut.String())
	}
}

func TestMCPUsage(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
		wantErr  string
	}{
		{[]string{"mcp", "extra"}, exitUsage, `sysarch: mcp takes no arguments, got "extra" (see 'sysarch mcp --help')` + "\n"},
		{[]string{"mcp", "--port", "80"}, exitUsage, "sysarch: unknown flag: --port (see 'sysarch mcp --help')\n"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var out, errOut bytes.Buffer
			ios := &IOStreams{Now: testNow, In: strings.NewReader(""), Out: &out, ErrOut: &errOut, Getenv: func(string) string { return "" }}
			if got := run(tt.args, ios); got != tt.wantCode {
				t.Errorf("exit code: got %d, want %d", got, tt.wantCode)
			}
			if diff := cmp.Diff(tt.wantErr, errOut.String()); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
			if out.Len() != 0 {
				t.Errorf("stdout: got %q, want nothing", out.String())
			}
		})
	}
}

// mcpDocumentTools are served beside the capacity tools.
var mcpDocumentTools = []string{"design", "patterns", "review"}

// Every example designs and reviews over MCP: the SDK checks each typed
// output against the schema generated from its Go type, so a Design or a
// report that marshals to another shape than its type says fails here.
func TestMCPTypedOutputsForEveryExample(t *testing.T) {
	ctx := t.Context()
	st, ct := sdk.NewInMemoryTransports()
	ss, err := mcp.NewServer(mcp.Options{Designer: designForMCP(design.Options{Now: testNow}), Reviewer: reviewForMCP}).Connect(ctx, st, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "test", Version: "v0"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	docs, _ := filepath.Glob("../../examples/*.design.md")
	if len(docs) == 0 {
		t.Fatal("no examples found")
	}
	for _, doc := range docs {
		req, err := os.ReadFile(strings.TrimSuffix(doc, ".design.md") + ".md")
		if err != nil {
			t.Fatal(err)
		}
		for tool, arg := range map[string]string{"design": "requirements", "review": "document"} {
			text := string(req)
			if tool == "review" {
				b, _ := os.ReadFile(doc)
				text = string(b)
			}
			res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: tool, Arguments: map[string]string{arg: text}})
			if err != nil || res.IsError || res.StructuredContent == nil {
				t.Errorf("%s %s: %v %v", tool, filepath.Base(doc), err, res.Content)
			}
		}
	}
}
