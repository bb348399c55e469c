package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// unlinked are packages the binary must not link because their package
// init costs every process start-up time for work sysarch does not use:
// chroma's lexers and styles registered themselves (20–30 ms; the
// terminal renderer needs no highlighter), glamour imported chroma, and
// goldmark's extension package compiled its linkify, table and task-list
// regular expressions (about 3 ms and 160 page faults; agent/mdext parses
// the same syntax). A path ending in "/" stands for everything under it.
var unlinked = []string{
	"github.com/alecthomas/chroma/",
	"github.com/charmbracelet/glamour",
	"github.com/charmbracelet/glamour/",
	"github.com/yuin/goldmark/extension",
}

// TestLinksNoCostlyInit lists the packages the sysarch command links and
// fails when one of those above is among them.
func TestLinksNoCostlyInit(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to list the binary's packages")
	}
	out, err := exec.Command(gobin, "list", "-deps", "github.com/sysarch/sysarch/cmd/sysarch").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 || !slices.Contains(deps, "github.com/yuin/goldmark") || !slices.Contains(deps, "github.com/yuin/goldmark/extension/ast") {
		t.Fatalf("go list -deps printed %d packages, without goldmark's; the listing is not the binary's:\n%s", len(deps), out)
	}
	for _, dep := range deps {
		for _, bad := range unlinked {
			if dep == bad || strings.HasSuffix(bad, "/") && strings.HasPrefix(dep+"/", bad) {
				t.Errorf("sysarch links %s, whose package init every process would pay for", dep)
			}
		}
	}
}
