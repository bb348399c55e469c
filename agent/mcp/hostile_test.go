package mcp_test

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/mcp"
)

// initialised starts a server over a pipe and initialises the session.
func initialised(t *testing.T, opts mcp.Options) (io.WriteCloser, <-chan map[string]any, <-chan error) {
	t.Helper()
	in, msgs, done := pipeServer(t, opts)
	io.WriteString(in, initLine+"\n")
	next(t, msgs)
	io.WriteString(in, `{"jsonrpc":"2.0","method":"notifications/initialized"}`+"\n")
	return in, msgs, done
}

// Ids that are not integers come back exactly as they were sent.
func TestIDsEchoedExactly(t *testing.T) {
	in, msgs, _ := initialised(t, mcp.Options{})
	for _, id := range []string{`1.5`, `"abc"`, `-7`, `1e3`, `"1"`, `9007199254740993`, `""`} {
		fmt.Fprintf(in, `{"jsonrpc":"2.0","id":%s,"method":"ping"}`+"\n", id)
		m := next(t, msgs)
		got, _ := json.Marshal(m["id"])
		want, _ := json.Marshal(mustDecode(t, id))
		if string(got) != string(want) || m["error"] != nil {
			t.Errorf("id %s: answered %v", id, m)
		}
	}
}

func mustDecode(t *testing.T, s string) any {
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// A hundred calls sharing one id while the first is in flight: every one
// is answered, the repeats with an invalid-request error under that id,
// and the server ends promptly when its input does.
func TestDuplicateIDsInFlight(t *testing.T) {
	release := make(chan struct{})
	slow := func(string) (string, *design.Design, error) {
		<-release
		return "doc", &design.Design{}, nil
	}
	in, msgs, done := initialised(t, mcp.Options{Designer: slow})
	call := `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"design","arguments":{"requirements":"title: x"}}}` + "\n"
	for range 100 {
		io.WriteString(in, call)
	}
	for i := range 99 {
		if id, code := errorOf(next(t, msgs)); id != 7.0 || code != -32600 {
			t.Fatalf("repeat %d: id %v code %v, want 7 and -32600", i+1, id, code)
		}
	}
	close(release)
	if m := next(t, msgs); m["id"] != 7.0 || m["result"] == nil {
		t.Fatalf("the first call: %v", m)
	}
	// Once answered, the id may be used again.
	io.WriteString(in, call)
	if m := next(t, msgs); m["id"] != 7.0 || m["result"] == nil {
		t.Fatalf("the id reused after its answer: %v", m)
	}
	start := time.Now()
	in.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Serve took %v to end after its input did", d)
	}
}

// A cancelled call gives up its slot: with one slot, the next call is
// answered while the cancelled one's work still runs.
func TestCancelFreesSlot(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	designer := func(req string) (string, *design.Design, error) {
		if strings.Contains(req, "slow") {
			<-release
		}
		return "doc", &design.Design{}, nil
	}
	in, msgs, done := initialised(t, mcp.Options{Designer: designer, MaxConcurrentCalls: 1})
	io.WriteString(in, `{"jsonrpc":"2.0","id":1.5,"method":"tools/call","params":{"name":"design","arguments":{"requirements":"title: slow"}}}`+"\n")
	time.Sleep(50 * time.Millisecond) // let it take the slot
	io.WriteString(in, `{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1.5,"reason":"user"}}`+"\n")
	io.WriteString(in, `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"design","arguments":{"requirements":"title: fast"}}}`+"\n")
	start := time.Now()
	for {
		m := next(t, msgs)
		if m["id"] == 2.0 {
			if m["result"] == nil {
				t.Errorf("the call after the cancelled one: %v", m)
			}
			break
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the next call waited %v for the cancelled one's slot", d)
	}
	// The cancelled call's work still runs; the end of input ends the
	// server all the same.
	start = time.Now()
	in.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Serve took %v to end after its input did", d)
	}
}
