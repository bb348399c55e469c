// Package mcp serves sysarch's capacity tools to other agents over the Model
// Context Protocol.
//
// Every tool of the registry is exposed under its registry name, with its
// description and its generated input schema. A call returns the tool's
// Result as structured content and a short text (outputs and formula) for
// clients that only read text. Optional tools, design and review, run the
// offline engine and the document review when the caller wires them in.
//
// A tool that fails on its input answers with a result marked isError whose
// text is the one-line error, never with a protocol error: the calling model
// reads it and corrects its arguments. On stdio, stdout carries the protocol
// and nothing else; logs go to the Logger, which the command points at
// stderr.
//
// Hostile input is answered, never fatal: a line that is not a JSON-RPC
// message gets a parse (-32700) or invalid-request (-32600) error and the
// session goes on (see StreamTransport); a result that cannot be encoded
// (a figure at ±Inf) becomes an isError result; arguments over 1 MiB are
// refused; at most one call per CPU computes at once and at most 64 are
// read ahead of their answers; at the end of input, what was read is
// answered before Serve returns.
//
// Typical use:
//
//	err := mcp.Serve(ctx, &mcp.StreamTransport{In: os.Stdin, Out: os.Stdout}, mcp.Options{Version: v})
package mcp

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/review"
)

// Name is the server name announced to clients.
const Name = "sysarch"

// Designer turns requirements text (YAML, or Markdown with YAML front
// matter) into a design document as Markdown and the Design it was
// rendered from. An error means the requirements are wrong and says how.
type Designer func(requirements string) (markdown string, d *design.Design, err error)

// Reviewer reviews a design document. An error means the document could
// not be reviewed; findings, high ones included, are a report.
type Reviewer func(document string) (review.Report, error)

// Options configure a server. The zero value serves the twelve capacity
// tools of capacity.Default.
type Options struct {
	// Registry holds the capacity tools; nil means capacity.Default().
	Registry *capacity.Registry
	// Version is announced to clients; empty means the module version from
	// the build info.
	Version string
	// Designer, when set, adds the design tool.
	Designer Designer
	// Reviewer, when set, adds the review tool.
	Reviewer Reviewer
	// Logger receives the server's logs; nil discards them. On stdio it must
	// not write to stdout.
	Logger *slog.Logger
	// MaxConcurrentCalls bounds the tool calls computing at once; more wait
	// their turn. Zero means one per CPU: the tools only compute.
	MaxConcurrentCalls int
	// Now is the clock tool calls are timed by in the debug log; nil logs
	// no durations.
	Now func() time.Time
}

// instructions tell the calling model how to use the tools.
const instructions = `sysarch's capacity tools compute system-design figures exactly: rates, storage, bandwidth, servers, concurrency, availability, cache memory, windows, partitions, latency budgets, component choice and scaling phase. Call a tool instead of doing the arithmetic, and cite its formula. Quantities accept numbers or strings such as 10M, 4B (billion), 1.27KB, 2GiB, 250ms, 3y, 100M/month, 99.9%. Outputs are in base units: seconds, bytes, per second.`

//go:generate go test -run TestGeneratedSchemas -update-generated .

// NewServer builds an MCP server with the capacity tools of opts.Registry
// and, when wired, the design and review tools.
func NewServer(opts Options) *sdk.Server {
	reg := opts.Registry
	if reg == nil {
		reg = capacity.Default()
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	version := opts.Version
	if version == "" {
		version = buildVersion()
	}
	s := sdk.NewServer(&sdk.Implementation{Name: Name, Title: "sysarch system architect", Version: version}, &sdk.ServerOptions{
		Instructions: instructions,
		Logger:       log,
		// Tools only; the list never changes while the server runs.
		Capabilities: &sdk.ServerCapabilities{Tools: &sdk.ToolCapabilities{}},
	})
	c := newCalls(log, cmp.Or(opts.MaxConcurrentCalls, runtime.GOMAXPROCS(0)), opts.Now)
	var names []string
	for _, t := range reg.Tools() {
		tool := capacityTool(t, opts.Registry == nil)
		s.AddTool(tool, capacityHandler(t))
		names = append(names, t.Name)
	}
	// The document tools are typed: the SDK decodes their input and
	// encodes their output from the Go types their schemas come from.
	addTyped(s, c, patternsSpec, patternsHandler)
	names = append(names, "patterns")
	if opts.Designer != nil {
		addTyped(s, c, designSpec, designHandler(opts.Designer))
		names = append(names, "design")
	}
	if opts.Reviewer != nil {
		addTyped(s, c, reviewSpec, reviewHandler(opts.Reviewer))
		names = append(names, "review")
	}
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	s.AddReceivingMiddleware(c.middleware(known), unknownToolMiddleware(names))
	return s
}

// Serve runs a server over t until the client disconnects or ctx ends.
// Either is a clean end and returns nil.
func Serve(ctx context.Context, t sdk.Transport, opts Options) error {
	err := NewServer(opts).Run(ctx, draining(t))
	if err == nil || ctx.Err() != nil && errors.Is(err, ctx.Err()) || isClosed(err) {
		return nil
	}
	return err
}

// isClosed reports whether err only says that the peer went away.
func isClosed(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrClosedPipe) || errors.Is(err, sdk.ErrConnectionClosed)
}

// buildVersion is the main module's version from the build info.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok || info.Main.Version == "" {
		return "(devel)"
	}
	return info.Main.Version
}

// unknownToolMiddleware answers a call to a tool that does not exist with
// the list of tools there are, so that the caller can correct itself.
func unknownToolMiddleware(names []string) sdk.Middleware {
	known := strings.Join(names, ", ")
	return func(next sdk.MethodHandler) sdk.MethodHandler {
		return func(ctx context.Context, method string, req sdk.Request) (sdk.Result, error) {
			res, err := next(ctx, method, req)
			var rpcErr *jsonrpc.Error
			if method != "tools/call" || !errors.As(err, &rpcErr) || !strings.HasPrefix(rpcErr.Message, "unknown tool") {
				return res, err
			}
			msg := fmt.Sprintf("%s; the tools are: %s", rpcErr.Message, known)
			return res, &jsonrpc.Error{Code: rpcErr.Code, Message: msg, Data: rpcErr.Data}
		}
	}
}
