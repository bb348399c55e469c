package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/sysarch/sysarch/agent/capacity"
	"github.com/sysarch/sysarch/agent/design"
	"github.com/sysarch/sysarch/agent/export"
	"github.com/sysarch/sysarch/agent/mcp"
)

// mcpToolDefs lists the tools `sysarch mcp` serves, by asking an in-process
// server as a client would, so an export names exactly those tools.
func mcpToolDefs(ctx context.Context) ([]export.ToolDef, error) {
	serverT, clientT := sdk.NewInMemoryTransports()
	server := mcp.NewServer(mcp.Options{Version: version(), Designer: designForMCP(design.Options{}), Reviewer: reviewForMCP})
	ss, err := server.Connect(ctx, serverT, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot start the MCP server to list its tools: %v", err)
	}
	defer ss.Close()
	client := sdk.NewClient(&sdk.Implementation{Name: "sysarch-export", Version: version()}, nil)
	cs, err := client.Connect(ctx, clientT, nil)
	if err != nil {
		return nil, fmt.Errorf("cannot list the MCP server's tools: %v", err)
	}
	defer cs.Close()
	var defs []export.ToolDef
	for tool, err := range cs.Tools(ctx, nil) {
		if err != nil {
			return nil, fmt.Errorf("cannot list the MCP server's tools: %v", err)
		}
		defs = append(defs, export.ToolDef{Name: tool.Name, Description: tool.Description})
	}
	// The server lists tools by name; the registry's order reads better
	// (rates before storage before servers), with design and review last.
	order := capacity.Default().Names()
	rank := func(name string) int {
		if i := slices.Index(order, name); i >= 0 {
			return i
		}
		return len(order)
	}
	slices.SortStableFunc(defs, func(a, b export.ToolDef) int { return rank(a.Name) - rank(b.Name) })
	return defs, nil
}

// mcpToolNames is mcpToolDefs' names.
func mcpToolNames(ctx context.Context) ([]string, error) {
	defs, err := mcpToolDefs(ctx)
	var names []string
	for _, d := range defs {
		names = append(names, d.Name)
	}
	return names, err
}

// warnCommand tells the person, on stderr, when the program the export
// registered cannot be started as written: sysarch not on PATH (common
// after go install), or a --command path that is not an executable file.
func warnCommand(ios *IOStreams, command string) {
	if command != export.DefaultCommand {
		if fi, err := os.Stat(command); err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
			fmt.Fprintf(ios.ErrOut, "warning: %s is not an executable file, so the MCP client cannot start it; check the --command path\n", command)
		}
		return
	}
	if onPath(ios.Getenv("PATH"), command) {
		return
	}
	hint := "$(command -v sysarch)"
	if exe, err := os.Executable(); err == nil {
		hint = exe
	}
	fmt.Fprintf(ios.ErrOut, "warning: sysarch is not on your PATH, so the MCP client cannot start it; add its directory to PATH, or export again with --command %s\n", hint)
}

// onPath reports whether name is an executable file in one of the
// directories of path.
func onPath(path, name string) bool {
	for _, dir := range filepath.SplitList(path) {
		if dir == "" {
			dir = "."
		}
		fi, err := os.Stat(filepath.Join(dir, name))
		if err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0 {
			return true
		}
	}
	return false
}
