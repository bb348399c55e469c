package main

// These tests drive `sysarch mcp` the way a client that is not ours does:
// newline-delimited JSON-RPC written to its stdin, read back from its
// stdout, checked as raw JSON rather than through the SDK's types.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sysarch/sysarch/agent/capacity"
)

// wire is a running `sysarch mcp` and its raw streams.
type wire struct {
	t      *testing.T
	cmd    *exec.Cmd
	in     io.WriteCloser
	lines  chan []byte
	stderr *lockedBuffer
}

func startWire(t *testing.T, bin string, args ...string) *wire {
	t.Helper()
	w := &wire{t: t, cmd: exec.Command(bin, args...), lines: make(chan []byte, 64), stderr: &lockedBuffer{}}
	w.cmd.Stderr = w.stderr
	var err error
	if w.in, err = w.cmd.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	out, err := w.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		sc.Buffer(nil, 16<<20)
		for sc.Scan() {
			w.lines <- append([]byte(nil), sc.Bytes()...)
		}
		close(w.lines)
	}()
	t.Cleanup(func() {
		if w.cmd.ProcessState == nil {
			w.cmd.Process.Kill()
			for range w.lines {
			}
			w.cmd.Wait()
		}
	})
	return w
}

func (w *wire) send(line string) {
	w.t.Helper()
	if _, err := io.WriteString(w.in, line+"\n"); err != nil {
		w.t.Fatalf("write to stdin: %v", err)
	}
}

// next returns the next message on stdout, failing on a line that is not a
// JSON-RPC 2.0 message: stdout carries the protocol and nothing else.
func (w *wire) next() map[string]any {
	w.t.Helper()
	select {
	case line, ok := <-w.lines:
		if !ok {
			w.t.Fatalf("stdout closed early; stderr: %s", w.stderr.String())
		}
		return protocolLine(w.t, line)
	case <-time.After(10 * time.Second):
		w.t.Fatalf("no message within 10s; stderr: %s", w.stderr.String())
	}
	return nil
}

func protocolLine(t *testing.T, line []byte) map[string]any {
	t.Helper()
	var msg map[string]any
	if err := json.Unmarshal(line, &msg); err != nil || msg["jsonrpc"] != "2.0" {
		t.Fatalf("stdout line is not a JSON-RPC 2.0 message: %q", line)
	}
	return msg
}

// call sends a request and returns its response.
func (w *wire) call(id int, method, params string) map[string]any {
	w.t.Helper()
	w.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":%q,"params":%s}`, id, method, params))
	msg := w.next()
	if msg["id"] != float64(id) {
		w.t.Fatalf("%s: got a message for id %v, want the response to %d: %v", method, msg["id"], id, msg)
	}
	return msg
}

// initialize runs the handshake of the protocol versions up to 2025-11-25.
func (w *wire) initialize(version string) map[string]any {
	w.t.Helper()
	res := w.call(0, "initialize", fmt.Sprintf(`{"protocolVersion":%q,"capabilities":{},"clientInfo":{"name":"wire-test","version":"0"}}`, version))
	w.send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	return res
}

// wait returns the exit code once the process ends, checking that the rest
// of stdout is protocol too.
func (w *wire) wait() int {
	w.t.Helper()
	timer := time.AfterFunc(10*time.Second, func() { w.cmd.Process.Kill() })
	defer timer.Stop()
	for line := range w.lines {
		protocolLine(w.t, line)
	}
	w.cmd.Wait()
	return w.cmd.ProcessState.ExitCode()
}

func result(t *testing.T, msg map[string]any) map[string]any {
	t.Helper()
	r, ok := msg["result"].(map[string]any)
	if !ok {
		t.Fatalf("got no result: %v", msg)
	}
	return r
}

func TestMCPWireVersionNegotiation(t *testing.T) {
	bin := mcpBinary(t)
	tests := []struct{ asked, want string }{
		{"2025-11-25", "2025-11-25"},
		{"2025-06-18", "2025-06-18"},
		{"2025-03-26", "2025-03-26"},
		{"2024-11-05", "2024-11-05"},
		// A version the server does not know: it answers with the newest it
		// can speak over initialize, and the client decides.
		{"2099-01-01", "2025-11-25"},
		// 2026-07-28 has no initialize; asked through it, the server answers
		// with the newest version that has one.
		{"2026-07-28", "2025-11-25"},
	}
	for _, tt := range tests {
		t.Run(tt.asked, func(t *testing.T) {
			w := startWire(t, bin, "mcp")
			r := result(t, w.initialize(tt.asked))
			if r["protocolVersion"] != tt.want {
				t.Errorf("protocolVersion: got %v, want %s", r["protocolVersion"], tt.want)
			}
			info, _ := r["serverInfo"].(map[string]any)
			if info["name"] != "sysarch" || info["version"] == "" {
				t.Errorf("serverInfo: got %v, want name sysarch and a version", info)
			}
			caps, _ := r["capabilities"].(map[string]any)
			if _, ok := caps["tools"].(map[string]any); !ok {
				t.Errorf("capabilities: got %v, want tools", caps)
			}
			w.in.Close()
			if code := w.wait(); code != 0 {
				t.Errorf("exit code: got %d, want 0", code)
			}
		})
	}
}

func TestMCPWireSession(t *testing.T) {
	bin := mcpBinary(t)
	w := startWire(t, bin, "mcp")
	w.initialize("2025-06-18")

	// tools/list: every registry tool, with the registry's input schema.
	list := result(t, w.call(1, "tools/list", `{}`))
	listed := map[string]map[string]any{}
	for _, v := range list["tools"].([]any) {
		tool := v.(map[string]any)
		listed[tool["name"].(string)] = tool
	}
	if want := len(capacity.Default().Names()) + len(mcpDocumentTools); len(listed) != want {
		t.Errorf("got %d tools, want %d", len(listed), want)
	}
	for _, want := range capacity.Default().Tools() {
		got, ok := listed[want.Name]
		if !ok {
			t.Errorf("%s is not listed", want.Name)
			continue
		}
		if got["description"] != want.Description {
			t.Errorf("%s description: got %v, want %q", want.Name, got["description"], want.Description)
		}
		if diff := cmp.Diff(asJSON(t, want.Schema()), got["inputSchema"]); diff != "" {
			t.Errorf("%s inputSchema (-registry +wire):\n%s", want.Name, diff)
		}
		if out, _ := got["outputSchema"].(map[string]any); out["type"] != "object" {
			t.Errorf("%s outputSchema: got %v, want an object schema", want.Name, got["outputSchema"])
		}
	}

	// A call: the Result as structuredContent, the same as sysarch calc.
	r := result(t, w.call(2, "tools/call", `{"name":"throughput","arguments":{"count":"4B","per":"month","seconds_per_month":"2.5M"}}`))
	calc, err := exec.Command(bin, "calc", "throughput", "--count", "4B", "--per", "month", "--seconds-per-month", "2.5M", "--json").Output()
	if err != nil {
		t.Fatalf("sysarch calc: %v", err)
	}
	var fromCalc any
	if err := json.Unmarshal(calc, &fromCalc); err != nil {
		t.Fatal(err)
	}
	// The structured content is calc's Result led by the text summary.
	structured := r["structuredContent"].(map[string]any)
	if summary, _ := structured["summary"].(string); !strings.HasPrefix(summary, "throughput\nper_second: 1,600/s\n") {
		t.Errorf("structuredContent summary: got %q, want the rounded text", summary)
	}
	withoutSummary := maps.Clone(structured)
	delete(withoutSummary, "summary")
	if diff := cmp.Diff(fromCalc, any(withoutSummary)); diff != "" {
		t.Errorf("structuredContent differs from sysarch calc --json (-calc +mcp):\n%s", diff)
	}
	if got := r["structuredContent"].(map[string]any)["outputs"].(map[string]any)["per_second"]; got != 1600.0 {
		t.Errorf("per_second: got %v, want 1600", got)
	}
	content := r["content"].([]any)
	if len(content) != 1 || content[0].(map[string]any)["type"] != "text" {
		t.Errorf("content: got %v, want one text item", content)
	}
	if _, ok := r["isError"]; ok {
		t.Errorf("a successful call carries isError: %v", r)
	}

	// Bad input: a result with isError and the one-line error, exactly.
	r = result(t, w.call(3, "tools/call", `{"name":"throughput","arguments":{"count":"lots","per":"month"}}`))
	want := map[string]any{
		"content": []any{map[string]any{"type": "text", "text": `throughput: count: expected a count like 10M, 4B or 1,000, got "lots" (no number)`}},
		"isError": true,
	}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("bad input result (-want +got):\n%s", diff)
	}

	// An unknown tool is a protocol error that lists the tools.
	msg := w.call(4, "tools/call", `{"name":"thruput","arguments":{}}`)
	rpcErr, _ := msg["error"].(map[string]any)
	if rpcErr["code"] != -32602.0 || !strings.Contains(fmt.Sprint(rpcErr["message"]), "throughput") {
		t.Errorf("unknown tool: got %v, want code -32602 and the list of tools", msg)
	}

	w.in.Close()
	if code := w.wait(); code != 0 {
		t.Errorf("exit code after stdin closed: got %d, want 0", code)
	}
	if s := w.stderr.String(); s != "" {
		t.Errorf("stderr without --verbose: got %q, want nothing", s)
	}
}

// TestMCPWireStateless speaks protocol 2026-07-28: no handshake, every
// request carries its version and capabilities in _meta.
func TestMCPWireStateless(t *testing.T) {
	bin := mcpBinary(t)
	w := startWire(t, bin, "mcp")
	meta := `"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"wire-test","version":"0"}}`

	d := result(t, w.call(1, "server/discover", "{"+meta+"}"))
	versions := fmt.Sprint(d["supportedVersions"])
	for _, v := range []string{"2026-07-28", "2025-11-25", "2025-06-18"} {
		if !strings.Contains(versions, v) {
			t.Errorf("supportedVersions %s lacks %s", versions, v)
		}
	}

	r := result(t, w.call(2, "tools/call", `{`+meta+`,"name":"servers","arguments":{"peak_rps":3200,"per_server_rps":1000}}`))
	outputs := r["structuredContent"].(map[string]any)["outputs"].(map[string]any)
	if outputs["servers"] != 6.0 {
		t.Errorf("servers: got %v, want 6 (3,200 / (1,000 × 0.7) = 4.6 → 5, plus 1 spare)", outputs["servers"])
	}
	info, _ := r["_meta"].(map[string]any)["io.modelcontextprotocol/serverInfo"].(map[string]any)
	if info["name"] != "sysarch" {
		t.Errorf("_meta serverInfo: got %v, want sysarch", r["_meta"])
	}

	r = result(t, w.call(3, "tools/call", `{`+meta+`,"name":"servers","arguments":{"peak_rps":3200}}`))
	if r["isError"] != true {
		t.Errorf("missing per_server_rps: got %v, want isError", r)
	}
	w.in.Close()
	if code := w.wait(); code != 0 {
		t.Errorf("exit code: got %d, want 0", code)
	}
}

// TestMCPWirePipedScript writes a whole session and closes stdin at once,
// as `printf … | sysarch mcp` does: every request is still answered, and
// --verbose logs go to stderr only.
func TestMCPWirePipedScript(t *testing.T) {
	bin := mcpBinary(t)
	w := startWire(t, bin, "mcp", "--verbose")
	w.send(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"script","version":"0"}}}`)
	w.send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	for id := 2; id <= 13; id++ {
		w.send(fmt.Sprintf(`{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"concurrency","arguments":{"rate_per_second":%d,"latency":"1s"}}}`, id, id))
	}
	w.in.Close()
	answered := map[float64]bool{}
	for line := range w.lines {
		msg := protocolLine(t, line)
		answered[msg["id"].(float64)] = true
	}
	if code := w.wait(); code != 0 {
		t.Errorf("exit code: got %d, want 0", code)
	}
	for id := 1; id <= 13; id++ {
		if !answered[float64(id)] {
			t.Errorf("request %d was not answered", id)
		}
	}
	if !strings.Contains(w.stderr.String(), "tool=concurrency") {
		t.Errorf("--verbose logged no tool call to stderr:\n%s", w.stderr.String())
	}
}

// Bad lines from a client are answered with JSON-RPC errors and the
// session goes on; overflowing figures come back as isError results; the
// process ends with 0 at the end of input.
func TestMCPWireHostileFrames(t *testing.T) {
	w := startWire(t, mcpBinary(t), "mcp")
	w.send(`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`)
	if e, _ := w.next()["error"].(map[string]any); e["code"] != float64(-32600) {
		t.Errorf("a call before initialize: got %v, want code -32600", e)
	}
	w.initialize("2025-06-18")
	for _, c := range []struct {
		line string
		code float64
	}{
		{`{"jsonrpc":"2.0","id":2,"method":`, -32700},
		{`[]`, -32600},
		{`null`, -32600},
		{`{"jsonrpc":"1.0","id":3,"method":"ping"}`, -32600},
	} {
		w.send(c.line)
		if e, _ := w.next()["error"].(map[string]any); e["code"] != c.code {
			t.Errorf("%s: got %v, want code %v", c.line, e, c.code)
		}
	}
	res := result(t, w.call(4, "tools/call", `{"name":"servers","arguments":{"peak_rps":1e308,"per_server_rps":1e-308}}`))
	if res["isError"] != true {
		t.Errorf("servers 1e308/1e-308: got %v, want isError", res)
	}
	w.in.Close()
	if code := w.wait(); code != 0 {
		t.Errorf("exit code at the end of input: got %d, want 0", code)
	}
}
