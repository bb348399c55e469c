package fakeopenai_test

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	openai "github.com/sashabaranov/go-openai"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

const testKey = "test-key"

// client is a go-openai client of srv.
func client(srv *fakeopenai.Server) *openai.Client {
	cfg := openai.DefaultConfig(testKey)
	cfg.BaseURL = srv.URL()
	return openai.NewClientWithConfig(cfg)
}

// chatRequest is a valid request that offers the throughput and storage tools.
func chatRequest(stream bool) openai.ChatCompletionRequest {
	params := map[string]any{
		"type":       "object",
		"properties": map[string]any{"count": map[string]any{"type": "string"}, "per": map[string]any{"type": "string"}},
		"required":   []string{"count"},
	}
	return openai.ChatCompletionRequest{
		Model:  "gpt-test",
		Stream: stream,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: "You are a system architect."},
			{Role: openai.ChatMessageRoleUser, Content: "100M requests a month: how many per second?"},
		},
		Tools: []openai.Tool{
			{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{Name: "throughput", Parameters: params}},
			{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{Name: "storage", Parameters: params}},
		},
	}
}

// streamAll reads a whole stream into its chunks.
func streamAll(t *testing.T, c *openai.Client, req openai.ChatCompletionRequest) []openai.ChatCompletionStreamResponse {
	t.Helper()
	stream, err := c.CreateChatCompletionStream(t.Context(), req)
	if err != nil {
		t.Fatalf("CreateChatCompletionStream: %v", err)
	}
	defer stream.Close()
	var chunks []openai.ChatCompletionStreamResponse
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return chunks
		}
		if err != nil {
			t.Fatalf("Recv: %v", err)
		}
		chunks = append(chunks, chunk)
	}
}

// turn is what a client accumulates from a stream.
type turn struct {
	Text         string
	Pieces       int // deltas with non-empty content
	Calls        []openai.ToolCall
	FinishReason openai.FinishReason
}

// accumulate merges streamed deltas by tool call index, as the API intends.
func accumulate(chunks []openai.ChatCompletionStreamResponse) turn {
	var got turn
	for _, c := range chunks {
		for _, ch := range c.Choices {
			if ch.Delta.Content != "" {
				got.Text += ch.Delta.Content
				got.Pieces++
			}
			for _, d := range ch.Delta.ToolCalls {
				i := *d.Index
				for len(got.Calls) <= i {
					got.Calls = append(got.Calls, openai.ToolCall{})
				}
				call := &got.Calls[i]
				call.ID += d.ID
				call.Type = openai.ToolType(string(call.Type) + string(d.Type))
				call.Function.Name += d.Function.Name
				call.Function.Arguments += d.Function.Arguments
			}
			if ch.FinishReason != "" {
				got.FinishReason = ch.FinishReason
			}
		}
	}
	return got
}

func TestStreamText(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(fakeopenai.Text("Hello, world").InChunks(3)))
	got := accumulate(streamAll(t, client(srv), chatRequest(true)))
	want := turn{Text: "Hello, world", Pieces: 3, FinishReason: openai.FinishReasonStop}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stream (-want +got):\n%s", diff)
	}
}

func TestStreamToolCallsSplitAcrossChunks(t *testing.T) {
	args := `{"count":"100M","per":"month"}`
	srv := fakeopenai.New(t, fakeopenai.Replies(
		fakeopenai.Calls(fakeopenai.Call("throughput", args), fakeopenai.Call("storage", `{"count":"1"}`)).InChunks(4),
	))
	chunks := streamAll(t, client(srv), chatRequest(true))
	got := accumulate(chunks)
	want := turn{FinishReason: openai.FinishReasonToolCalls, Calls: []openai.ToolCall{
		{ID: "call_1_0", Type: "function", Function: openai.FunctionCall{Name: "throughput", Arguments: args}},
		{ID: "call_1_1", Type: "function", Function: openai.FunctionCall{Name: "storage", Arguments: `{"count":"1"}`}},
	}}
	if diff := cmp.Diff(want, got, cmp.FilterPath(isIndex, cmp.Ignore())); diff != "" {
		t.Errorf("tool calls (-want +got):\n%s", diff)
	}
	var argDeltas int
	for _, c := range chunks {
		for _, d := range c.Choices[0].Delta.ToolCalls {
			if d.Index == nil {
				t.Errorf("delta %+v has no index", d)
			}
			if d.ID == "" && d.Function.Arguments != "" {
				argDeltas++
			}
		}
	}
	if argDeltas != 8 {
		t.Errorf("argument deltas = %d, want 8 (4 per call)", argDeltas)
	}
}

func isIndex(p cmp.Path) bool { return p.Last().String() == ".Index" }

func TestStreamShapesOfCompatibleServers(t *testing.T) {
	call := fakeopenai.Call("throughput", `{"count":"10M"}`)
	tests := []struct {
		name        string
		reply       fakeopenai.Reply
		wantChunks  int // chunks with choices, including the finish chunk
		wantIndex   bool
		wantFinish  openai.FinishReason
		wantInFirst int // tool calls in the first chunk
	}{
		{"openai", fakeopenai.Calls(call, call).InChunks(2), 8, true, openai.FinishReasonToolCalls, 0},
		{"ollama", fakeopenai.Calls(call, call).AsOllama(), 2, true, openai.FinishReasonToolCalls, 2},
		{"no index", fakeopenai.Calls(call).WithoutIndex(), 4, false, openai.FinishReasonToolCalls, 0},
		{"stop with calls", fakeopenai.Calls(call).FinishWith("stop"), 4, true, openai.FinishReasonStop, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := fakeopenai.New(t, fakeopenai.Replies(tt.reply))
			chunks := streamAll(t, client(srv), chatRequest(true))
			if got := len(chunks); got != tt.wantChunks {
				t.Errorf("chunks = %d, want %d", got, tt.wantChunks)
			}
			if got := len(chunks[0].Choices[0].Delta.ToolCalls); got != tt.wantInFirst {
				t.Errorf("tool calls in the first chunk = %d, want %d", got, tt.wantInFirst)
			}
			for _, c := range chunks {
				for _, d := range c.Choices[0].Delta.ToolCalls {
					if got := d.Index != nil; got != tt.wantIndex {
						t.Errorf("delta has index = %v, want %v", got, tt.wantIndex)
					}
				}
			}
			last := chunks[len(chunks)-1].Choices[0]
			if last.FinishReason != tt.wantFinish {
				t.Errorf("finish reason = %q, want %q", last.FinishReason, tt.wantFinish)
			}
		})
	}
}

func TestStreamUsageChunk(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(
		fakeopenai.Text("hi").WithUsage(120, 7),
		fakeopenai.Text("hi"),
	))
	req := chatRequest(true)
	req.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	chunks := streamAll(t, client(srv), req)
	last := chunks[len(chunks)-1]
	if len(last.Choices) != 0 {
		t.Errorf("usage chunk has %d choices, want 0", len(last.Choices))
	}
	want := &openai.Usage{PromptTokens: 120, CompletionTokens: 7, TotalTokens: 127}
	if diff := cmp.Diff(want, last.Usage); diff != "" {
		t.Errorf("usage (-want +got):\n%s", diff)
	}
	for _, c := range chunks[:len(chunks)-1] {
		if c.Usage != nil {
			t.Errorf("chunk before the last has usage %+v, want none", c.Usage)
		}
	}

	for _, c := range streamAll(t, client(srv), chatRequest(true)) {
		if c.Usage != nil || len(c.Choices) == 0 {
			t.Errorf("without include_usage got chunk %+v, want choices and no usage", c)
		}
	}
}

func TestNonStreaming(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(
		fakeopenai.Text("38 per second."),
		fakeopenai.Calls(fakeopenai.Call("throughput", `{"count":"100M"}`)),
	))
	c := client(srv)
	resp, err := c.CreateChatCompletion(t.Context(), chatRequest(false))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := resp.Choices[0].Message.Content, "38 per second."; got != want {
		t.Errorf("content = %q, want %q", got, want)
	}
	if resp.Object != "chat.completion" || resp.Usage.TotalTokens == 0 {
		t.Errorf("object = %q, usage = %+v; want chat.completion with usage", resp.Object, resp.Usage)
	}
	resp, err = c.CreateChatCompletion(t.Context(), chatRequest(false))
	if err != nil {
		t.Fatal(err)
	}
	want := []openai.ToolCall{{ID: "call_2_0", Type: "function",
		Function: openai.FunctionCall{Name: "throughput", Arguments: `{"count":"100M"}`}}}
	if diff := cmp.Diff(want, resp.Choices[0].Message.ToolCalls); diff != "" {
		t.Errorf("tool calls (-want +got):\n%s", diff)
	}
	if got := resp.Choices[0].FinishReason; got != openai.FinishReasonToolCalls {
		t.Errorf("finish reason = %q, want tool_calls", got)
	}
}

// TestFuncReplyAnswersToolResults runs a two-step tool loop in which the
// second reply echoes the tool result the client sent back.
func TestFuncReplyAnswersToolResults(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Replies(
		fakeopenai.Calls(fakeopenai.Call("throughput", `{"count":"100M"}`)),
		fakeopenai.Func(func(r fakeopenai.Request) fakeopenai.Reply {
			m, _ := r.Last("tool")
			return fakeopenai.Text("the tool said " + m.Text())
		}),
	))
	c := client(srv)
	req := chatRequest(false)
	resp, err := c.CreateChatCompletion(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	asked := resp.Choices[0].Message
	req.Messages = append(req.Messages, asked, openai.ChatCompletionMessage{
		Role: openai.ChatMessageRoleTool, ToolCallID: asked.ToolCalls[0].ID, Content: "38.03/s",
	})
	resp, err = c.CreateChatCompletion(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := resp.Choices[0].Message.Content, "the tool said 38.03/s"; got != want {
		t.Errorf("content = %q, want %q", got, want)
	}
	if got := srv.RoundTrips(); got != 2 {
		t.Errorf("round trips = %d, want 2", got)
	}
	reqs := srv.Requests()
	if got := len(reqs[1].Messages); got != 4 {
		t.Errorf("second request has %d messages, want 4", got)
	}
	if got := reqs[1].Header.Get("Authorization"); got != "Bearer "+testKey {
		t.Errorf("Authorization = %q, want the bearer key", got)
	}
}

func TestModelsAndLatency(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.Model("gpt-test"),
		fakeopenai.Replies(fakeopenai.Text("slow").After(50*time.Millisecond)))
	c := client(srv)
	models, err := c.ListModels(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(models.Models) != 1 || models.Models[0].ID != "gpt-test" {
		t.Errorf("models = %+v, want gpt-test only", models.Models)
	}
	start := time.Now()
	got := accumulate(streamAll(t, c, chatRequest(true)))
	if elapsed := time.Since(start); elapsed < 50*time.Millisecond {
		t.Errorf("reply came after %v, want at least 50ms", elapsed)
	}
	if !strings.Contains(got.Text, "slow") {
		t.Errorf("text = %q, want slow", got.Text)
	}
}
