package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync"
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
	// clock times requests for the logs; nil logs no durations.
	clock  func() time.Time
	nextID atomic.Int64 // numbers the requests in the logs

	mu sync.Mutex // guards the fields below
	// reasoning is the reasoning of each turn that called tools, by its
	// first call's id, for providers that need it back (EchoReasoning).
	reasoning map[string]string
	// extras are the extra fields each tool call came with, by call id,
	// for providers that need them back (KeepCallExtras).
	extras map[string]json.RawMessage
	// noStreamOptions is set once the server refused stream_options.
	noStreamOptions bool
}

// Options tune a Client.
type Options struct {
	Timeout time.Duration // per request until the answer starts; 0 means 120 s
	Logger  *slog.Logger  // request logs; nil means none
	// Backoff is the first retry wait; 0 means 500 ms (tests shorten it).
	Backoff time.Duration
	// Now is the clock requests are timed by in the logs and Retry-After
	// dates are read against; nil logs no durations and ignores dates.
	Now func() time.Time
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
	doer.now = opts.Now
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	oc.HTTPClient = doer
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &Client{cfg: cfg, api: openai.NewClientWithConfig(oc), doer: doer, logger: logger, tries: 4, clock: opts.Now,
		reasoning: map[string]string{}, extras: map[string]json.RawMessage{}}
}

// Model returns the model the client asks for.
func (c *Client) Model() string { return c.cfg.Model }

// SetModel changes the model for later requests.
func (c *Client) SetModel(m string) { c.cfg.Model = m }

// Stream sends one request and streams the answer. A stream cut before
// any text was shown is retried; after that the error is returned with
// what arrived. A server that refuses stream_options is asked again
// without them, and is not sent them again.
func (c *Client) Stream(ctx context.Context, req agent.Request, onText func(string)) (agent.Response, error) {
	retries := 0
	c.doer.onRetry = func(attempt, status int, wait time.Duration, err error) {
		retries++
		c.logger.Info("retry", "model", c.cfg.Model, "attempt", attempt, "status", status, "wait", wait.String(), "error", redact(errString(err), c.cfg.APIKey))
	}
	for attempt := 1; ; attempt++ {
		start := c.now()
		shown := false
		resp, err := c.streamOnce(ctx, req, func(s string) {
			shown = true
			onText(s)
		})
		resp.Retries = retries
		c.logRequest(req, resp, err, c.now().Sub(start), retries)
		if err == nil {
			return resp, nil
		}
		if c.refusedStreamOptions(err) {
			c.logger.Info("retry", "model", c.cfg.Model, "reason", "the server refused stream_options; sending none from now on")
			retries++
			continue
		}
		var cut *cutError
		if errors.As(err, &cut) && !shown && attempt < c.tries && ctx.Err() == nil {
			retries++
			if err := sleepCtx(ctx, c.doer.backoff(attempt, nil)); err != nil {
				return resp, err
			}
			continue
		}
		return resp, c.explain(err, retries+1)
	}
}

// refusedStreamOptions says whether err is a rejection of the
// stream_options the request carried, and if so stops sending them.
func (c *Client) refusedStreamOptions(err error) bool {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	text, status := "", 0
	switch {
	case errors.As(err, &apiErr):
		text, status = apiErr.Message, apiErr.HTTPStatusCode
	case errors.As(err, &reqErr):
		text, status = string(reqErr.Body), reqErr.HTTPStatusCode
	}
	if status < 400 || status >= 500 || !strings.Contains(text, "stream_options") {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.cfg.StreamOptions || c.noStreamOptions {
		return false
	}
	c.noStreamOptions = true
	return true
}

// cutError is a stream that ended before the model finished.
type cutError struct{ err error }

func (e *cutError) Error() string { return "the answer stream was cut: " + e.err.Error() }
func (e *cutError) Unwrap() error { return e.err }

func (c *Client) request(req agent.Request) openai.ChatCompletionRequest {
	creq := openai.ChatCompletionRequest{Model: c.cfg.Model, Messages: c.toOpenAIMessages(req.Messages), Stream: true}
	c.mu.Lock()
	if c.cfg.StreamOptions && !c.noStreamOptions {
		creq.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	}
	c.mu.Unlock()
	for _, t := range req.Tools {
		creq.Tools = append(creq.Tools, openai.Tool{Type: openai.ToolTypeFunction, Function: &openai.FunctionDefinition{
			Name: t.Name, Description: t.Description, Parameters: inDialect(t.Parameters, c.cfg.Dialect),
		}})
	}
	return creq
}

func (c *Client) streamOnce(ctx context.Context, req agent.Request, onText func(string)) (agent.Response, error) {
	c.doer.patch = c.extrasPatch(req.Messages)
	stream, err := c.api.CreateChatCompletionStream(ctx, c.request(req))
	if err != nil {
		return agent.Response{}, err
	}
	defer stream.Close()
	acc := accumulator{seq: c.nextID.Load() + 1}
	finished := false
	for {
		raw, err := stream.RecvRaw()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return acc.response(), &cutError{err}
		}
		var ch chunk
		if err := json.Unmarshal(raw, &ch); err != nil {
			return acc.response(), &cutError{fmt.Errorf("a chunk that is not JSON: %v", err)}
		}
		if err := ch.inStreamError(); err != nil {
			return acc.response(), err
		}
		if ch.Usage != nil {
			acc.usage = agent.Usage{PromptTokens: ch.Usage.PromptTokens, CompletionTokens: ch.Usage.CompletionTokens}
		}
		for _, choice := range ch.Choices {
			d := choice.Delta
			if d.Content != "" {
				acc.text.WriteString(d.Content)
				onText(d.Content)
			}
			// Reasoning is kept for the round trip, never shown as the answer.
			acc.reasoning.WriteString(d.ReasoningContent + d.Reasoning)
			acc.addCalls(d.ToolCalls)
			if choice.FinishReason != "" {
				finished = true
			}
		}
	}
	if !finished && acc.text.Len() == 0 && len(acc.calls) == 0 {
		// A stream that ends cleanly with nothing in it, not even a
		// finish reason, was cut before the model said anything. (A
		// connection dropped mid-answer fails in RecvRaw above.)
		return acc.response(), &cutError{io.ErrUnexpectedEOF}
	}
	resp := acc.response()
	c.remember(resp.Message, acc)
	return resp, nil
}

// remember keeps what the provider needs back on the next round trip.
func (c *Client) remember(msg agent.Message, acc accumulator) {
	if len(msg.ToolCalls) == 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.cfg.EchoReasoning && acc.reasoning.Len() > 0 {
		c.reasoning[msg.ToolCalls[0].ID] = acc.reasoning.String()
	}
	if c.cfg.KeepCallExtras {
		for i, x := range acc.extras {
			if len(x) > 0 && i < len(msg.ToolCalls) {
				c.extras[msg.ToolCalls[i].ID] = x
			}
		}
	}
}

// accumulator gathers a streamed answer: text, reasoning, and tool calls
// whose pieces arrive by index, without an index, or whole in one chunk.
type accumulator struct {
	seq       int64 // numbers the ids given to calls that came without one
	text      strings.Builder
	reasoning strings.Builder
	calls     []agent.ToolCall
	extras    []json.RawMessage // per call
	index     map[int]int       // stream index → position in calls
	usage     agent.Usage
}

func (a *accumulator) addCalls(deltas []wireCall) {
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
			a.extras = append(a.extras, nil)
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
		c.Arguments += d.arguments()
		if len(d.ExtraContent) > 0 && string(d.ExtraContent) != "null" {
			a.extras[pos] = d.ExtraContent
		}
	}
}

// response is the answer as a message: arguments repaired where a model
// fenced them or left tags behind, and tool calls printed as text made
// into calls.
func (a *accumulator) response() agent.Response {
	msg := agent.Message{Role: agent.Assistant, Content: a.text.String()}
	calls := a.calls
	if len(calls) == 0 {
		calls, msg.Content = textToolCalls(msg.Content)
	}
	for i, c := range calls {
		if c.ID == "" {
			c.ID = fmt.Sprintf("call_%d_%d", a.seq, i)
		}
		c.Arguments = repairArguments(c.Arguments)
		msg.ToolCalls = append(msg.ToolCalls, c)
	}
	return agent.Response{Message: msg, Usage: a.usage}
}

func (c *Client) toOpenAIMessages(msgs []agent.Message) []openai.ChatCompletionMessage {
	out := make([]openai.ChatCompletionMessage, 0, len(msgs))
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, m := range msgs {
		om := openai.ChatCompletionMessage{Role: string(m.Role), Content: m.Content, ToolCallID: m.ToolCallID}
		if len(m.ToolCalls) > 0 && c.cfg.EchoReasoning {
			om.ReasoningContent = c.reasoning[m.ToolCalls[0].ID]
		}
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
	if !c.logger.Enabled(context.Background(), slog.LevelInfo) {
		return
	}
	// The size of the request as JSON: what a long conversation costs on
	// the wire, beside the tokens the server counted.
	body, _ := json.Marshal(c.request(req))
	c.logger.Info("request", "id", c.nextID.Add(1), "model", c.cfg.Model, "messages", len(req.Messages), "bytes", len(body), "latency_ms", d.Milliseconds(),
		"prompt_tokens", resp.Usage.PromptTokens, "completion_tokens", resp.Usage.CompletionTokens,
		"tool_calls", len(resp.Message.ToolCalls), "retries", retries, "outcome", outcome)
}

// now reads the client's clock, or the zero time without one, so durations
// in the logs are 0 rather than a wall-clock read below the command.
func (c *Client) now() time.Time {
	if c.clock == nil {
		return time.Time{}
	}
	return c.clock()
}
