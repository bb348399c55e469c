package mcp_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/mcp"
	"github.com/sysarch/sysarch/agent/review"
)

// pipeServer runs Serve over a pipe and returns the writer of its input
// and a channel of the messages it writes, closed when Serve returns.
func pipeServer(t *testing.T, opts mcp.Options) (io.WriteCloser, <-chan map[string]any, <-chan error) {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- mcp.Serve(t.Context(), &mcp.StreamTransport{In: inR, Out: outW}, opts)
		outW.Close()
	}()
	msgs := make(chan map[string]any, 100)
	go func() {
		defer close(msgs)
		sc := bufio.NewScanner(outR)
		sc.Buffer(nil, 4<<20)
		for sc.Scan() {
			var m map[string]any
			if err := json.Unmarshal(sc.Bytes(), &m); err != nil || m["jsonrpc"] != "2.0" {
				t.Errorf("output line is not a JSON-RPC message: %q", sc.Text())
				continue
			}
			msgs <- m
		}
	}()
	t.Cleanup(func() { inW.Close(); outR.Close() })
	return inW, msgs, done
}

func next(t *testing.T, msgs <-chan map[string]any) map[string]any {
	t.Helper()
	select {
	case m, ok := <-msgs:
		if !ok {
			t.Fatal("the server ended its output early")
		}
		return m
	case <-time.After(10 * time.Second):
		t.Fatal("no answer within 10s")
	}
	return nil
}

// errorOf returns the id and the error code of a response.
func errorOf(m map[string]any) (any, float64) {
	e, _ := m["error"].(map[string]any)
	code, _ := e["code"].(float64)
	return m["id"], code
}

const initLine = `{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"0"}}}`

// Every bad line gets one JSON-RPC error, under its id when it has one,
// and the session goes on to answer the next good line.
func TestBadFramesAreAnswered(t *testing.T) {
	in, msgs, done := pipeServer(t, mcp.Options{})
	send := func(s string) { io.WriteString(in, s+"\n") }
	send(initLine)
	next(t, msgs)
	send(`{"jsonrpc":"2.0","method":"notifications/initialized"}`)
	huge := `{"jsonrpc":"2.0","id":"big","method":"tools/call","params":{"name":"design","arguments":{"requirements":"` + strings.Repeat("a", 17<<20) + `"}}}`
	cases := []struct {
		line string
		id   any
		code float64
	}{
		{`{"jsonrpc":"2.0","id":1,"method":`, 1.0, -32700},
		{`not json at all`, nil, -32700},
		{`[]`, nil, -32600},
		{`null`, nil, -32600},
		{`42`, nil, -32600},
		{`[{"jsonrpc":"2.0","id":2,"method":"ping"}]`, nil, -32600},
		{`{"jsonrpc":"1.0","id":3,"method":"ping"}`, 3.0, -32600},
		{`{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}`, nil, -32600},
		{huge, "big", -32600},
	}
	for _, c := range cases {
		send(c.line)
		id, code := errorOf(next(t, msgs))
		if id != c.id || code != c.code {
			t.Errorf("%.60s: got id %v code %v, want id %v code %v", c.line, id, code, c.id, c.code)
		}
		send(`{"jsonrpc":"2.0","id":100,"method":"ping"}`)
		if m := next(t, msgs); m["id"] != 100.0 || m["error"] != nil {
			t.Fatalf("after %.60s the session did not go on: %v", c.line, m)
		}
	}
	// A line cut by the end of input is answered, then the server ends cleanly.
	io.WriteString(in, `{"jsonrpc":"2.0","id":5,"method":"tools/list"`)
	in.Close()
	if id, code := errorOf(next(t, msgs)); id != 5.0 || code != -32700 {
		t.Errorf("cut line: got id %v code %v, want 5 and -32700", id, code)
	}
	if err := <-done; err != nil {
		t.Errorf("Serve at the end of input: %v", err)
	}
}

// A call before initialize gets a JSON-RPC code, not 0.
func TestCallBeforeInitialize(t *testing.T) {
	in, msgs, _ := pipeServer(t, mcp.Options{})
	io.WriteString(in, `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"scaling_phase","arguments":{"peak_rps":1}}}`+"\n")
	m := next(t, msgs)
	if id, code := errorOf(m); id != 1.0 || code != -32600 {
		t.Errorf("got %v, want id 1 and code -32600", m)
	}
}

// A result that overflows to ±Inf cannot be encoded: the caller gets an
// isError result instead of waiting forever.
func TestOverflowIsToolError(t *testing.T) {
	inf := func(string) (string, *design.Design, error) {
		return "doc", &design.Design{Capacity: []design.CapacityRow{{Value: posInf()}}}, nil
	}
	cs := connect(t, mcp.Options{Designer: inf}, "")
	res := call(t, cs, "design", `{"requirements":"title: x"}`)
	if !res.IsError || !strings.Contains(text(res), "too large to compute") || !strings.Contains(text(res), "title: x") {
		t.Errorf("got isError=%v %q, want an error naming the input", res.IsError, text(res))
	}
	res = call(t, cs, "servers", `{"peak_rps":1e308,"per_server_rps":1e-308}`)
	if !res.IsError {
		t.Errorf("servers 1e308/1e-308: got %q, want isError", text(res))
	}
}

func posInf() float64 { z := 0.0; return 1 / z }

func TestArgumentsOverLimit(t *testing.T) {
	cs := connect(t, mcp.Options{Reviewer: func(string) (review.Report, error) { return review.Report{}, nil }}, "")
	doc := strings.Repeat("a", 1<<20)
	res := call(t, cs, "review", fmt.Sprintf(`{"document":%q}`, doc))
	if !res.IsError || !strings.Contains(text(res), "over the limit of 1 MiB") {
		t.Errorf("got isError=%v %.100q, want the limit named", res.IsError, text(res))
	}
}

// No more calls compute at once than MaxConcurrentCalls; the others wait
// and are answered.
func TestConcurrentCallsBounded(t *testing.T) {
	var running, peak atomic.Int32
	slow := func(string) (string, *design.Design, error) {
		n := running.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		running.Add(-1)
		return "doc", &design.Design{}, nil
	}
	cs := connect(t, mcp.Options{Designer: slow, MaxConcurrentCalls: 2}, "")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if res := call(t, cs, "design", `{"requirements":"title: x"}`); res.IsError {
				t.Errorf("call: %s", text(res))
			}
		})
	}
	wg.Wait()
	if got := peak.Load(); got != 2 {
		t.Errorf("peak concurrent calls: got %d, want 2", got)
	}
}

// The SDK's own client over the stream transport sees a bad frame from
// someone else's client as nothing more than a message it ignores.
func TestSDKClientOverStream(t *testing.T) {
	cr, sw := io.Pipe()
	sr, cw := io.Pipe()
	go mcp.Serve(t.Context(), &mcp.StreamTransport{In: sr, Out: sw}, mcp.Options{})
	client := sdk.NewClient(&sdk.Implementation{Name: "c", Version: "v0"}, nil)
	cs, err := client.Connect(t.Context(), &sdk.IOTransport{Reader: cr, Writer: cw}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	res := call(t, cs, "scaling_phase", `{"peak_rps":3200}`)
	got := res.StructuredContent.(map[string]any)["outputs"].(map[string]any)["phase"]
	if diff := cmp.Diff("vertical", got); diff != "" {
		t.Errorf("phase (-want +got):\n%s", diff)
	}
}
