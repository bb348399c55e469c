package mcp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
)

// idTable stands between the client's request ids and the SDK's. The SDK
// reads a number id as an integer (1.5 was answered as 1) and answers a
// second call under an id still in flight with an error under no id, so
// its caller waits for ever. So every call is handed to the SDK under an
// id of our own, the response goes back under the client's id exactly as
// it was written, and a call reusing an id still in flight is answered at
// once with an error under that id.
type idTable struct {
	mu     sync.Mutex
	next   int
	byOurs map[string]json.RawMessage // our id -> the client's id as written
	byRaw  map[string]string          // the client's id as written -> ours
}

func newIDTable() *idTable {
	return &idTable{byOurs: map[string]json.RawMessage{}, byRaw: map[string]string{}}
}

// ourPrefix marks the ids the table made.
const ourPrefix = "sysarch-call-"

// inbound rewrites a message read from line: a call gets an id of our own,
// a cancellation names the call by our id. It returns the encoded error
// that answers a call reusing an id in flight instead.
func (t *idTable) inbound(msg jsonrpc.Message, line []byte) (jsonrpc.Message, []byte) {
	req, ok := msg.(*jsonrpc.Request)
	if !ok {
		return msg, nil
	}
	if !req.IsCall() {
		if req.Method == "notifications/cancelled" {
			t.cancelled(req)
		}
		return msg, nil
	}
	raw := findID(line)
	if raw == nil {
		return msg, nil // the SDK found an id findID cannot: leave it be
	}
	key := string(raw)
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.byRaw[key]; dup {
		return nil, errorReply(raw, jsonrpc.CodeInvalidRequest,
			fmt.Sprintf("invalid request: id %s is already used by a request still in flight; give each request its own id", key))
	}
	t.next++
	ours := ourPrefix + strconv.Itoa(t.next)
	id, _ := jsonrpc.MakeID(ours)
	t.byOurs[ours], t.byRaw[key] = append(json.RawMessage(nil), raw...), ours
	return &jsonrpc.Request{ID: id, Method: req.Method, Params: req.Params, Extra: req.Extra}, nil
}

// cancelled points a cancellation at our id for the call it names.
func (t *idTable) cancelled(req *jsonrpc.Request) {
	var p map[string]json.RawMessage
	if json.Unmarshal(req.Params, &p) != nil || p["requestId"] == nil {
		return
	}
	t.mu.Lock()
	ours, ok := t.byRaw[string(bytes.TrimSpace(p["requestId"]))]
	t.mu.Unlock()
	if !ok {
		return
	}
	p["requestId"], _ = json.Marshal(ours)
	req.Params, _ = json.Marshal(p)
}

// outbound encodes a response under the client's id and forgets the call;
// ok is false for a message that is not the response to one of ours.
func (t *idTable) outbound(resp *jsonrpc.Response, data []byte) ([]byte, bool) {
	ours, isString := resp.ID.Raw().(string)
	if !isString || !strings.HasPrefix(ours, ourPrefix) {
		return data, false
	}
	t.mu.Lock()
	raw, ok := t.byOurs[ours]
	if ok {
		delete(t.byOurs, ours)
		delete(t.byRaw, string(raw))
	}
	t.mu.Unlock()
	if !ok {
		return data, false
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return data, false
	}
	m["id"] = raw
	out, err := marshalVerbatim(m)
	if err != nil {
		return data, false
	}
	return out, true
}
