package provider

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/sysarch/sysarch/agent"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// BenchmarkRoundTrip measures one round trip of the loop against the fake
// server at zero latency: a tool call streamed in pieces, the tool run,
// and its result sent back. The server runs in the same process, so the
// figure is an upper bound of the loop's own cost.
func BenchmarkRoundTrip(b *testing.B) {
	srv := fakeopenai.New(b, fakeopenai.Replies(fakeopenai.Forever(fakeopenai.Func(func(r fakeopenai.Request) fakeopenai.Reply {
		if _, ok := r.Last("tool"); ok && r.Messages[len(r.Messages)-1].Role == "tool" {
			return fakeopenai.Text("done").InChunks(4)
		}
		return fakeopenai.Calls(fakeopenai.Call("throughput", `{"count": "100M", "per": "month"}`)).InChunks(4)
	}))))
	tb, err := agent.NewToolbox(agent.CapacityTools(capacity.Default())...)
	if err != nil {
		b.Fatal(err)
	}
	c := New(Config{Model: "m", BaseURL: srv.URL(), APIKey: "k"}, Options{Timeout: 5 * time.Second})
	loop := &agent.Loop{Model: c, Tools: tb}
	msgs := []agent.Message{{Role: agent.User, Content: "rate?"}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := loop.Run(context.Background(), msgs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/2, "ns/roundtrip")
}

// BenchmarkLoopOwnCost is the loop's own cost per round trip: the server
// answers from canned bytes without reading the request, so nearly all the
// CPU is the client's — building and sending the request, parsing the
// stream, running the tool.
func BenchmarkLoopOwnCost(b *testing.B) {
	call := "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"throughput\",\"arguments\":\"{\\\"count\\\": \\\"100M\\\", \\\"per\\\": \\\"month\\\"}\"}}]},\"finish_reason\":null}]}\n\n" +
		"data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n"
	text := "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"done\"},\"finish_reason\":null}]}\n\n" +
		"data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
	var n int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/event-stream")
		if n%2 == 0 {
			io.WriteString(w, call)
		} else {
			io.WriteString(w, text)
		}
		n++
	}))
	defer srv.Close()
	tb, err := agent.NewToolbox(agent.CapacityTools(capacity.Default())...)
	if err != nil {
		b.Fatal(err)
	}
	c := New(Config{Model: "m", BaseURL: srv.URL + "/v1", APIKey: "k"}, Options{Timeout: 5 * time.Second})
	loop := &agent.Loop{Model: c, Tools: tb}
	msgs := []agent.Message{{Role: agent.User, Content: "rate?"}}
	b.ResetTimer()
	for b.Loop() {
		if _, err := loop.Run(context.Background(), msgs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/2, "ns/roundtrip")
}
