package mcp

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
)

// FuzzIDs sends a call under any id: a line the SDK reads as a call is
// answered under the id exactly as written, and a second call under the
// same id while the first is in flight is refused under that id too.
func FuzzIDs(f *testing.F) {
	for _, id := range []string{`1`, `1.5`, `"abc"`, `-0`, `1e400`, `9007199254740993`, `"\u0000"`, `null`, `{}`, `0.1e1`} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		line := []byte(`{"jsonrpc":"2.0","id":` + id + `,"method":"ping"}`)
		msg, bad := decodeFrame(line, false)
		if bad != nil {
			return
		}
		tab := newIDTable()
		in, bad := tab.inbound(msg, line)
		req, ok := in.(*jsonrpc.Request)
		if bad != nil || !ok || !req.IsCall() {
			return
		}
		if _, dup := tab.inbound(msg, line); dup == nil {
			t.Fatalf("id %s: a second call in flight was not refused", id)
		} else if got := idOf(t, dup); !bytes.Equal(got, findID(line)) {
			t.Fatalf("id %s: refused under id %s", id, got)
		}
		data, err := jsonrpc.EncodeMessage(&jsonrpc.Response{ID: req.ID, Result: json.RawMessage(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		out, ours := tab.outbound(&jsonrpc.Response{ID: req.ID}, data)
		if got := idOf(t, out); !ours || !bytes.Equal(got, findID(line)) {
			t.Fatalf("id %s: answered under id %s", id, got)
		}
		if _, dup := tab.inbound(msg, line); dup != nil {
			t.Fatalf("id %s: refused once its call was answered", id)
		}
	})
}

func idOf(t *testing.T, data []byte) json.RawMessage {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("not JSON: %q", data)
	}
	return m["id"]
}
