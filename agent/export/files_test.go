package export

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/prompts"
)

// A merged file keeps its permissions: .mcp.json and config.toml often hold
// other servers' tokens and are kept 0600.
func TestMergeKeepsMode(t *testing.T) {
	dir := t.TempDir()
	mcpPath := filepath.Join(dir, ".mcp.json")
	writeFile(t, mcpPath, `{"mcpServers": {"private": {"command": "x", "env": {"TOKEN": "secret"}}}}`)
	if err := os.Chmod(mcpPath, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Scope: ScopeProject}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(mcpPath)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf(".mcp.json has mode %v after the merge, want 0600 as before", fi.Mode().Perm())
	}
	if !strings.Contains(string(readFile(t, mcpPath)), `"sysarch"`) {
		t.Error("sysarch was not added")
	}
}

// A symlinked config is written through the link: the link stays, and the
// file it points to gets the change.
func TestMergeWritesThroughSymlink(t *testing.T) {
	dir := t.TempDir()
	dotfiles := filepath.Join(dir, "dotfiles", "codex.toml")
	writeFile(t, dotfiles, "# kept in dotfiles\nmodel = \"o3\"\n")
	if err := os.Chmod(dotfiles, 0o640); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(dir, "home")
	link := filepath.Join(home, ".codex", "config.toml")
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dotfiles, link); err != nil {
		t.Fatal(err)
	}
	if _, err := CodexUser(home, prompts.Builtin(), CodexOptions{Scope: ScopeProject}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Lstat(link)
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a file: %v %v", fi.Mode(), err)
	}
	got := string(readFile(t, dotfiles))
	if !strings.HasPrefix(got, "# kept in dotfiles\n") || !strings.Contains(got, "[mcp_servers.sysarch]") {
		t.Errorf("the link's target was not updated:\n%s", got)
	}
	if fi, _ := os.Stat(dotfiles); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640 as before", fi.Mode().Perm())
	}
}

func TestMergeRefusesDanglingSymlink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(dir, "missing.json"), filepath.Join(dir, ".mcp.json")); err != nil {
		t.Fatal(err)
	}
	_, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Scope: ScopeProject})
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("error = %v, want a refusal naming the symbolic link", err)
	}
	if exists(filepath.Join(dir, ".claude")) {
		t.Error("the agent file was written although the export was refused")
	}
}

func TestReadBoundedRefusesLargeFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "config.toml")
	writeFile(t, path, strings.Repeat("#", maxConfigBytes+1))
	_, _, err := readBounded(path)
	if !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "larger than 1 MiB") {
		t.Errorf("error = %v, want a refusal of the size", err)
	}
	writeFile(t, path, strings.Repeat("#", maxConfigBytes))
	if _, ok, err := readBounded(path); err != nil || !ok {
		t.Errorf("a file of exactly 1 MiB: %v, %v", ok, err)
	}
}
