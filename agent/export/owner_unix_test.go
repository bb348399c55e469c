//go:build unix

package export

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/sysarch/sysarch/prompts"
)

// Run as root (as in a container), an export must not hand a user's config
// to root: the merged file keeps its owner and group.
func TestMergeKeepsOwner(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root can create a file owned by someone else")
	}
	dir := t.TempDir()
	mcpPath := filepath.Join(dir, ".mcp.json")
	writeFile(t, mcpPath, `{"mcpServers": {}}`)
	if err := os.Chown(mcpPath, 1234, 5678); err != nil {
		t.Fatal(err)
	}
	if _, err := Claude(dir, prompts.Builtin(), ClaudeOptions{Tools: capacityTools, Scope: ScopeProject}); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(mcpPath)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	if st.Uid != 1234 || st.Gid != 5678 {
		t.Errorf("owner %d:%d after the merge, want 1234:5678 as before", st.Uid, st.Gid)
	}
}
