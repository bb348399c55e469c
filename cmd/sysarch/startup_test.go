package main

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// startupBudgetBytes bounds what `sysarch --help` and `sysarch calc
// throughput …` allocate from main on: neither needs the capacity
// registry's schemas, the price table or the archetype catalogue, which
// together allocated over 1 MB when every command built them (about
// 0.15 MB without).
const startupBudgetBytes = 512 << 10

// TestStartupLoadsNothing runs each command line in a fresh process (this
// test binary, re-run) and fails when it allocates more than the budget:
// a command that starts loading data it does not use shows up here.
func TestStartupLoadsNothing(t *testing.T) {
	if args := os.Getenv("SYSARCH_STARTUP_ARGS"); args != "" {
		ios, out, _ := testIO()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		code := run(strings.Fields(args), ios)
		runtime.ReadMemStats(&after)
		fmt.Printf("code=%d bytes=%d out=%d\n", code, after.TotalAlloc-before.TotalAlloc, out.Len())
		return
	}
	for _, args := range []string{"--help", "calc throughput --count 100M --per month", "version"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStartupLoadsNothing$")
		cmd.Env = append(os.Environ(), "SYSARCH_STARTUP_ARGS="+args)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", args, err, out)
		}
		var code, bytes, n int
		i := strings.Index(string(out), "code=")
		if i < 0 {
			t.Fatalf("%s: no figures in\n%s", args, out)
		}
		if _, err := fmt.Sscanf(string(out[i:]), "code=%d bytes=%d out=%d", &code, &bytes, &n); err != nil {
			t.Fatalf("%s: %v in\n%s", args, err, out)
		}
		if code != 0 || n == 0 {
			t.Errorf("%s: exit %d with %d bytes of output", args, code, n)
		}
		if bytes > startupBudgetBytes {
			t.Errorf("sysarch %s allocates %s bytes, over the budget of %s: does it build what it does not use?", args, strconv.Itoa(bytes), strconv.Itoa(startupBudgetBytes))
		}
	}
}

// newRootCmd builds the whole command tree, calc's tool commands included.
func newRootCmd(ios *IOStreams) *cobra.Command {
	return newRootCmdFor(ios, []string{"help"})
}
