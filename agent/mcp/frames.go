package mcp

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/fileio"
)

// MaxFrame is the longest line the server reads: the 1 MiB of arguments
// any input may carry, and room for the envelope around them.
const MaxFrame = fileio.MaxInput + 64<<10

// StreamTransport speaks newline-delimited JSON-RPC over a reader and a
// writer, as the stdio transport of MCP does. Unlike the SDK's IOTransport,
// a bad line does not end the session: a line that is not JSON is answered
// with a parse error (-32700), one that is JSON but not a JSON-RPC message,
// or that is longer than MaxFrame, with an invalid-request error (-32600),
// and the next line is read. The error carries the request's id when it
// can be found, so that the caller waiting for it gets its answer.
// Batches (JSON arrays) are refused the same way: the protocol versions
// since 2025-06-18 have none.
type StreamTransport struct {
	In  io.Reader
	Out io.Writer
}

// Connect starts reading In.
func (t *StreamTransport) Connect(context.Context) (sdk.Connection, error) {
	c := &streamConn{out: t.Out, frames: make(chan frame), closed: make(chan struct{}), ids: newIDTable()}
	go c.readLoop(t.In)
	return c, nil
}

// frame is one message read, or the error that ended the input.
type frame struct {
	msg jsonrpc.Message
	err error
}

type streamConn struct {
	writeMu sync.Mutex
	out     io.Writer

	frames    chan frame
	ids       *idTable
	closeOnce sync.Once
	closed    chan struct{}
}

func (c *streamConn) SessionID() string { return "" }

func (c *streamConn) Read(ctx context.Context) (jsonrpc.Message, error) {
	select {
	case f := <-c.frames:
		return f.msg, f.err
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-c.closed:
		return nil, io.EOF
	}
}

// Write sends one message on one line. A response that cannot be encoded
// is replaced by an internal error for the same id, so that the request is
// still answered.
func (c *streamConn) Write(ctx context.Context, msg jsonrpc.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if resp, ok := msg.(*jsonrpc.Response); ok {
		msg = fixResponse(resp)
	}
	data, err := jsonrpc.EncodeMessage(msg)
	if resp, ok := msg.(*jsonrpc.Response); ok && err != nil {
		data, err = jsonrpc.EncodeMessage(&jsonrpc.Response{ID: resp.ID, Error: &jsonrpc.Error{
			Code: jsonrpc.CodeInternalError, Message: "the result cannot be encoded as JSON: " + err.Error(),
		}})
	}
	if err != nil {
		return fmt.Errorf("encoding a message: %w", err)
	}
	if resp, ok := msg.(*jsonrpc.Response); ok {
		data, _ = c.ids.outbound(resp, data)
	}
	return c.writeLine(data)
}

func (c *streamConn) writeLine(data []byte) error {
	c.writeMu.Lock()
	defer c.writeMu.Unlock()
	_, err := c.out.Write(append(data, '\n'))
	return err
}

// Close ends reading; the input itself is left open, as stdin may be.
func (c *streamConn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return nil
}

// readLoop reads lines until the input ends, answering the bad ones
// itself and handing the good ones to Read.
func (c *streamConn) readLoop(in io.Reader) {
	br := bufio.NewReaderSize(in, 64<<10)
	for {
		line, long, err := readFrame(br, MaxFrame)
		if len(bytes.TrimSpace(line)) > 0 || long {
			msg, bad := decodeFrame(line, long)
			if bad == nil {
				msg, bad = c.ids.inbound(msg, line)
			}
			if bad != nil {
				c.writeLine(bad)
			} else if !c.deliver(frame{msg: msg}) {
				return
			}
		}
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.EOF // the end of input, however the reader says it
			}
			c.deliver(frame{err: err})
			return
		}
	}
}

func (c *streamConn) deliver(f frame) bool {
	select {
	case c.frames <- f:
		return true
	case <-c.closed:
		return false
	}
}

// idPrefix is how much of a line too long to keep, to find its id in.
const idPrefix = 4 << 10

// readFrame reads one line without its newline. A line longer than limit is
// read to its end but not kept: long reports it, and line holds its first
// bytes only, so that memory stays bounded whatever the input.
func readFrame(br *bufio.Reader, limit int) (line []byte, long bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !long && len(line)+len(chunk) > limit {
			long = true
			line = append(line, chunk[:min(len(chunk), max(0, idPrefix-len(line)))]...)
		} else if !long {
			line = append(line, chunk...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), long, err
	}
}
