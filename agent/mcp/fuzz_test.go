package mcp

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
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
// wrapper every call goes through: whatever the input, the result is one
// that encodes as JSON (an isError result at worst), and nothing panics.
func FuzzArguments(f *testing.F) {
	for _, seed := range []string{
		`{"peak_rps":1e308,"per_server_rps":1e-308}`, `{"item_bytes":"1e308B","count":"1e9"}`,
		`{"window":"1e300y","rate_per_second":"10/s"}`, `{"requirements":"title: x"}`,
		`{"document":"# Design\n"}`, `[]`, `null`, `{"count":"ȺȺȺ per 0"}`, `{"target":"99.9%","stages":{"a":"1ms"}}`,
	} {
		f.Add(uint8(0), []byte(seed))
	}
	reg := capacity.Default()
	h := newHandlers(slog.New(slog.DiscardHandler), 1)
	var handlers []sdk.ToolHandler
	for _, t := range reg.Tools() {
		handlers = append(handlers, h.wrap(t.Name, capacityHandler(t)))
	}
	handlers = append(handlers, h.wrap("review", reviewHandler(func(doc string) (any, bool, error) { return len(doc), false, nil })))
	f.Fuzz(func(t *testing.T, which uint8, args []byte) {
		if len(args) > 4<<10 || !json.Valid(args) {
			return // the frame decoder answers invalid JSON before any tool runs
		}
		run := handlers[int(which)%len(handlers)]
		res, err := run(context.Background(), &sdk.CallToolRequest{Params: &sdk.CallToolParamsRaw{Arguments: json.RawMessage(args)}})
		if err != nil || res == nil {
			t.Fatalf("protocol error %v or no result", err)
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result does not encode: %v", err)
		}
	})
}
