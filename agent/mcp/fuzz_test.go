package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/review"
)

// FuzzFrame feeds one line of input to the frame decoder: it must return
// a message or an error reply, never both or neither, never panic, and a
// reply must be one JSON-RPC error with a standard code.
func FuzzFrame(f *testing.F) {
	for _, seed := range []string{
		`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"servers","arguments":{"peak_rps":1e308}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":"a","result":{}}`,
		`{"jsonrpc":"1.0","id":3,"method":"ping"}`,
		`{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}`,
		`{"jsonrpc":"2.0","id":1,"method":`,
		`[]`, `null`, `[{"jsonrpc":"2.0","id":2,"method":"ping"}]`, "\xff\x00", `"x"`,
	} {
		f.Add([]byte(seed), false)
	}
	f.Fuzz(func(t *testing.T, line []byte, long bool) {
		if len(bytes.TrimSpace(line)) == 0 && !long {
			return // the reader skips blank lines before decoding
		}
		msg, reply := decodeFrame(line, long)
		if (msg == nil) == (reply == nil) {
			t.Fatalf("got message %v and reply %q; want exactly one", msg, reply)
		}
		if reply == nil {
			return
		}
		var r struct {
			JSONRPC string          `json:"jsonrpc"`
			ID      json.RawMessage `json:"id"`
			Error   struct{ Code int }
		}
		if err := json.Unmarshal(reply, &r); err != nil || r.JSONRPC != "2.0" || r.ID == nil {
			t.Fatalf("reply is not a JSON-RPC response: %q", reply)
		}
		if r.Error.Code != -32700 && r.Error.Code != -32600 {
			t.Fatalf("reply code %d: %q", r.Error.Code, reply)
		}
	})
}

// FuzzArguments calls every tool with arbitrary arguments through the
// server, so through the checks every call goes through: whatever the
// input, the answer is a result (an isError result at worst), never a
// protocol error, and nothing panics.
func FuzzArguments(f *testing.F) {
	for _, seed := range []string{
		`{"peak_rps":1e308,"per_server_rps":1e-308}`, `{"item_bytes":"1e308B","count":"1e9"}`,
		`{"window":"1e300y","rate_per_second":"10/s"}`, `{"requirements":"title: x"}`,
		`{"document":"# Design\n"}`, `[]`, `null`, `{"count":"ȺȺȺ per 0"}`, `{"target":"99.9%","stages":{"a":"1ms"}}`,
		`{"action":"match","requirements":{"title":"x","workloads":[{"name":"a","rate":"1e308/s"}]}}`,
	} {
		f.Add(uint8(0), []byte(seed))
	}
	names := append(capacity.Default().Names(), "patterns", "review")
	ctx := context.Background()
	st, ct := sdk.NewInMemoryTransports()
	srv := NewServer(Options{MaxConcurrentCalls: 1, Reviewer: func(doc string) (review.Report, error) {
		return review.Report{Document: doc}, nil
	}})
	ss, err := srv.Connect(ctx, st, nil)
	if err != nil {
		f.Fatal(err)
	}
	cs, err := sdk.NewClient(&sdk.Implementation{Name: "fuzz", Version: "v0"}, nil).Connect(ctx, ct, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { cs.Close(); ss.Wait() })
	f.Fuzz(func(t *testing.T, which uint8, args []byte) {
		if len(args) > 4<<10 || !json.Valid(args) {
			return // the frame decoder answers invalid JSON before any tool runs
		}
		name := names[int(which)%len(names)]
		res, err := cs.CallTool(ctx, &sdk.CallToolParams{Name: name, Arguments: json.RawMessage(args)})
		if err != nil || res == nil {
			t.Fatalf("%s %s: protocol error %v or no result", name, args, err)
		}
	})
}
