package fakeopenai_test

import (
	"context"
	"errors"
	"fmt"
	"io"

	openai "github.com/sashabaranov/go-openai"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// A streamed answer in three pieces, read with go-openai. In a test, use
// fakeopenai.New(t, ...) instead: it starts the server and closes it, and
// fails the test on a malformed request.
func Example() {
	srv := fakeopenai.NewServer(fakeopenai.Replies(fakeopenai.Text("38 requests per second.").InChunks(3)))
	if err := srv.Start("127.0.0.1:0"); err != nil {
		panic(err)
	}
	defer srv.Close()

	cfg := openai.DefaultConfig("any-key")
	cfg.BaseURL = srv.URL()
	stream, err := openai.NewClientWithConfig(cfg).CreateChatCompletionStream(context.Background(),
		openai.ChatCompletionRequest{
			Model:    "gpt-test",
			Messages: []openai.ChatCompletionMessage{{Role: "user", Content: "100M a month is how many per second?"}},
		})
	if err != nil {
		panic(err)
	}
	defer stream.Close()
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			panic(err)
		}
		if c := chunk.Choices[0]; c.Delta.Content != "" || c.FinishReason != "" {
			fmt.Printf("%q %q\n", c.Delta.Content, c.FinishReason)
		}
	}
	fmt.Println(srv.RoundTrips(), "round trip")
	// Output:
	// "38 requ" ""
	// "ests per" ""
	// " second." ""
	// "" "stop"
	// 1 round trip
}
