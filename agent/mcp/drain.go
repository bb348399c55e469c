package mcp

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
)

// drainGrace bounds how long the end of input waits for answers.
const drainGrace = 10 * time.Second

// maxInFlight bounds the calls read but not yet answered. Reading stops
// there until one is answered, so a client that pipes thousands of calls
// holds the server to this many sets of arguments in memory at once.
const maxInFlight = 64

// draining wraps a transport so that the end of its input waits until every
// request read has been answered, and so that no more than maxInFlight
// calls are read ahead of their answers. Without it, a script that pipes its
// requests in and closes stdin (printf … | sysarch mcp) gets no answers:
// the session ends at EOF and drops the calls still running.
func draining(t sdk.Transport) sdk.Transport { return drainTransport{t} }

type drainTransport struct{ sdk.Transport }

func (t drainTransport) Connect(ctx context.Context) (sdk.Connection, error) {
	c, err := t.Transport.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &drainConn{Connection: c, changed: make(chan struct{}), closed: make(chan struct{})}, nil
}

// drainConn counts the calls read and the responses written.
type drainConn struct {
	sdk.Connection

	mu      sync.Mutex
	pending int
	changed chan struct{} // closed and replaced whenever pending drops

	closeOnce sync.Once
	closed    chan struct{}
}

func (c *drainConn) Read(ctx context.Context) (jsonrpc.Message, error) {
	c.waitPending(ctx, maxInFlight-1, nil)
	msg, err := c.Connection.Read(ctx)
	if err != nil {
		if errors.Is(err, io.EOF) {
			deadline := time.NewTimer(drainGrace)
			defer deadline.Stop()
			c.waitPending(ctx, 0, deadline.C)
		}
		return nil, err
	}
	if req, ok := msg.(*jsonrpc.Request); ok && req.IsCall() {
		c.mu.Lock()
		c.pending++
		c.mu.Unlock()
	}
	return msg, nil
}

func (c *drainConn) Write(ctx context.Context, msg jsonrpc.Message) error {
	err := c.Connection.Write(ctx, msg)
	if _, ok := msg.(*jsonrpc.Response); ok {
		c.mu.Lock()
		c.pending--
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
	}
	return err
}

func (c *drainConn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return c.Connection.Close()
}

// waitPending returns when at most n calls wait for their response, or
// the connection closes, ctx ends or timeout fires.
func (c *drainConn) waitPending(ctx context.Context, n int, timeout <-chan time.Time) {
	for {
		c.mu.Lock()
		pending, changed := c.pending, c.changed
		c.mu.Unlock()
		if pending <= n {
			return
		}
		select {
		case <-changed:
		case <-c.closed:
			return
		case <-ctx.Done():
			return
		case <-timeout:
			return
		}
	}
}
