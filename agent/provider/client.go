package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/sysarch/sysarch/agent"
)

// Client is an agent.Model over an OpenAI-compatible chat endpoint.
type Client struct {
	cfg    Config
	api    *openai.Client
	doer   *retryDoer
	logger *slog.Logger
	tries  int
	nextID atomic.Int64 // numbers the requests in the logs
}

// Options tune a Client.
type Options struct {
	Timeout time.Duration // per request until the answer starts; 0 means 120 s
	Logger  *slog.Logger  // request logs; nil means none
	// Backoff is the first retry wait; 0 means 500 ms (tests shorten it).
	Backoff time.Duration
}

// New returns a client for the configuration.
func New(cfg Config, opts Options) *Client {
	if opts.Timeout <= 0 {
		opts.Timeout = 120 * time.Second
	}
	doer := newRetryDoer(opts.Timeout)
	if opts.Backoff > 0 {
		doer.base = opts.Backoff
	}
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = doer
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc), doer: doer, logger: logger, tries: 4}
}

// Model returns the model the client asks for.
func (c *Client) Model() string { return c.cfg.Model }

// SetModel changes the model for later requests.
func (c *Client) SetModel(m string) { c.cfg.Model = m }

// Stream sends one request and streams the answer. A stream cut before
// any text was shown is retried; after that the error is returned with
// what arrived.
func (c *Client) Stream(ctx context.Context, req agent.Request, onText func(string)) (agent.Response, error) {
	retries := 0
	c.doer.onRetry = func(attempt, status int, wait time.Duration, err error) {
		retries++
		c.logger.Info("retry", "model", c.cfg.Model, "attempt", attempt, "status", status, "wait", wait.String(), "error", errString(err))
	}
	for attempt := 1; ; attempt++ {
		start := time.Now()
		shown := false
		resp, err := c.streamOnce(ctx, req, func(s string) {
			shown = true
			onText(s)
		})
		resp.Retries = retries
		c.logRequest(req, resp, err, time.Since(start), retries)
		if err == nil {
			return resp, nil
		}
		var cut *cutError
		if errors.As(err, &cut) && !shown && attempt < c.tries && ctx.Err() == nil {
			retries++
			if err := sleepCtx(ctx, c.doer.backoff(attempt, nil)); err != nil {
				return resp, err
			}
			continue
		}
		return resp, c.explain(err)
	}
}

// cutError is a stream that ended before the model finished.
type cutError struct{ err error }

func (e *cutError) Error() string { return "the answer stream was cut: " + e.err.Error() }
func (e *cutError) Unwrap() error { return e.err }

func (c *Client) streamOnce(ctx context.Context, req agent.Request, onText func(string)) (agent.Response, error) {
	creq := openai.ChatCompletionRequest{
		Model:         c.cfg.Model,
		Messages:      toOpenAIMessages(req.Messages),
		Stream:        true,
		StreamOptions: &openai.StreamOptions{IncludeUsage: true},
	}
	for _, t := range req.Tools {
		creq.Tools = append(creq.Tools, openai.Tool{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{
			Name: t.Name, Description: t.Description, Parameters: t.Parameters,
		}})
	}
	stream, err := c.api.CreateChatCompletionStream(ctx, creq)
	if err != nil {
		return agent.Response{}, err
	}
	defer stream.Close()
	var acc accumulator
	finished := false
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return acc.response(), &cutError{err}
		}
		if chunk.Usage != nil {
			acc.usage = agent.Usage{PromptTokens: chunk.Usage.PromptTokens, CompletionTokens: chunk.Usage.CompletionTokens}
		}
		for _, ch := range chunk.Choices {
			if ch.Delta.Content != "" {
				acc.text.WriteString(ch.Delta.Content)
				onText(ch.Delta.Content)
			}
			acc.addCalls(ch.Delta.ToolCalls)
			if ch.FinishReason != "" {
				finished = true
			}
		}
	}
	if !finished && acc.text.Len() == 0 && len(acc.calls) == 0 {
		// A stream that ends cleanly with nothing in it, not even a
		// finish reason, was cut before the model said anything. (A
		// connection dropped mid-answer fails in Recv above.)
		return acc.response(), &cutError{io.ErrUnexpectedEOF}
	}
	return acc.response(), nil
}

// accumulator gathers a streamed answer: text, and tool calls whose
// pieces arrive by index, without an index, or whole in one chunk.
type accumulator struct {
	text  strings.Builder
	calls []agent.ToolCall
	index map[int]int // stream index → position in calls
	usage agent.Usage
}

func (a *accumulator) addCalls(deltas []openai.ToolCall) {
	if a.index == nil {
		a.index = map[int]int{}
	}
	for _, d := range deltas {
		pos := -1
		switch {
		case d.Index != nil:
			if p, ok := a.index[*d.Index]; ok {
				pos = p
			}
		case d.ID == "" && len(a.calls) > 0:
			// No index and no id: a continuation of the last call.
			pos = len(a.calls) - 1
		}
		if pos >= 0 && d.ID != "" && a.calls[pos].ID != "" && a.calls[pos].ID != d.ID {
			pos = -1 // a reused index with a new id is a new call
		}
		if pos < 0 {
			a.calls = append(a.calls, agent.ToolCall{})
			pos = len(a.calls) - 1
			if d.Index != nil {
				a.index[*d.Index] = pos
			}
		}
		c := &a.calls[pos]
		if d.ID != "" {
			c.ID = d.ID
		}
		if d.Function.Name != "" {
			c.Name = d.Function.Name
		}
		c.Arguments += d.Function.Arguments
	}
}

func (a *accumulator) response() agent.Response {
	msg := agent.Message{Role: agent.Assistant, Content: a.text.String()}
	for i, c := range a.calls {
		if c.ID == "" {
			c.ID = fmt.Sprintf("call_%d", i)
		}
		msg.ToolCalls = append(msg.ToolCalls, c)
	}
	return agent.Response{Message: msg, Usage: a.usage}
}

func toOpenAIMessages(msgs []agent.Message) []openai.ChatCompletionMessage {
	out := make([]openai.ChatCompletionMessage, 0, len(msgs))
	for _, m := range msgs {
		om := openai.ChatCompletionMessage{Role: string(m.Role), Content: m.Content, ToolCallID: m.ToolCallID}
		for _, tc := range m.ToolCalls {
			args := tc.Arguments
			if !json.Valid([]byte(args)) {
				// Echo invalid arguments back as a JSON string so the
				// conversation stays well-formed; the tool result says what
				// was wrong.
				b, _ := json.Marshal(args)
				args = string(b)
			}
			om.ToolCalls = append(om.ToolCalls, openai.ToolCall{ID: tc.ID, Type: openai.ToolTypeFunction,
				Function: openai.FunctionCall{Name: tc.Name, Arguments: args}})
		}
		out = append(out, om)
	}
	return out
}

// explain turns an API failure into one line that says what is wrong and
// where, without the key.
func (c *Client) explain(err error) error {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	status, detail := 0, ""
	switch {
	case errors.As(err, &apiErr):
		status, detail = apiErr.HTTPStatusCode, apiErr.Message
	case errors.As(err, &reqErr):
		status, detail = reqErr.HTTPStatusCode, errString(reqErr.Err)
	}
	where := c.cfg.BaseURL
	var msg string
	switch status {
	case 0:
		msg = fmt.Sprintf("could not reach %s: %s", where, errString(err))
	case http.StatusUnauthorized, http.StatusForbidden:
		src := c.cfg.KeySource
		if src == "" {
			msg = fmt.Sprintf("%s refused the request (%d): no API key is set; set the provider's key variable (e.g. OPENAI_API_KEY)", where, status)
		} else {
			msg = fmt.Sprintf("the API key in %s was rejected by %s: %d", src, where, status)
		}
	case http.StatusNotFound:
		msg = fmt.Sprintf("%s answered 404 for model %q: check --model and --base-url", where, c.cfg.Model)
	case http.StatusBadRequest:
		msg = fmt.Sprintf("%s rejected the request (400)", where)
	case http.StatusTooManyRequests:
		msg = fmt.Sprintf("%s is rate limiting (429) after %d tries; wait and try again", where, c.tries)
	default:
		msg = fmt.Sprintf("%s failed with %d after %d tries", where, status, c.tries)
	}
	if detail != "" {
		msg += ": " + redact(detail, c.cfg.APIKey)
	}
	return errors.New(redact(msg, c.cfg.APIKey))
}

// redact removes the key from text that may echo it.
func redact(s, key string) string {
	if len(key) >= 4 {
		s = strings.ReplaceAll(s, key, "****")
	}
	return strings.Join(strings.Fields(s), " ")
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func (c *Client) logRequest(req agent.Request, resp agent.Response, err error, d time.Duration, retries int) {
	outcome := "ok"
	if err != nil {
		outcome = redact(err.Error(), c.cfg.APIKey)
	}
	c.logger.Info("request", "id", c.nextID.Add(1), "model", c.cfg.Model, "messages", len(req.Messages), "latency_ms", d.Milliseconds(),
		"prompt_tokens", resp.Usage.PromptTokens, "completion_tokens", resp.Usage.CompletionTokens,
		"tool_calls", len(resp.Message.ToolCalls), "retries", retries, "outcome", outcome)
}
