package mcp_test

import (
	"encoding/json"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/mcp"
)

// BenchmarkCallThroughput measures one tools/call round trip over
// in-memory transports: encode, dispatch, run the tool, encode the result,
// decode it in the client; under the stateless protocol, where every
// request carries its _meta, and under the initialize handshake.
func BenchmarkCallThroughput(b *testing.B) {
	for _, version := range []string{"2026-07-28", "2025-06-18"} {
		b.Run(version, func(b *testing.B) {
			cs := connect(b, mcp.Options{}, version)
			params := &sdk.CallToolParams{Name: "throughput", Arguments: json.RawMessage(validCalls["throughput"])}
			b.ReportAllocs()
			for b.Loop() {
				res, err := cs.CallTool(b.Context(), params)
				if err != nil || res.IsError {
					b.Fatalf("call: %v %v", err, res)
				}
			}
		})
	}
}

// BenchmarkRegistryThroughput is the same tool called directly, the floor
// that the protocol adds to.
func BenchmarkRegistryThroughput(b *testing.B) {
	args := json.RawMessage(validCalls["throughput"])
	b.ReportAllocs()
	for b.Loop() {
		if _, err := capacity.Default().Call("throughput", args); err != nil {
			b.Fatal(err)
		}
	}
}
