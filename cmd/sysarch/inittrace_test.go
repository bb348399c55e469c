package main

import (
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/lazyre"
)

// initBudgetBytes is what sysarch's own packages may allocate, together,
// before main runs. Start-up work belongs to the command that needs it:
// before regular expressions were compiled on first use, the packages'
// init allocated 5.5 MB; now about 0.25 MB (mostly the review's term
// lists, kept as text until used).
const initBudgetBytes = 400_000

// initLine is one line of GODEBUG=inittrace=1: the package, its clock
// time and the bytes its init allocated.
var initLine = regexp.MustCompile(`^init (\S+) @\S+ \S+, (\S+) ms clock, (\d+) bytes, (\d+) allocs`)

// TestInitBudget runs `sysarch --help` with GODEBUG=inittrace=1 and fails
// when sysarch's own packages' init allocates more than the budget, so a
// table or pattern compiled at package level shows up in review. Bytes,
// not clock time, are the budget: they do not vary with the machine's
// load.
func TestInitBudget(t *testing.T) {
	bin := buildSysarch(t)
	cmd := exec.Command(bin, "--help")
	cmd.Env = append(cmd.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("sysarch --help: %v\n%s", err, out)
	}
	var total int
	var seen int
	var report strings.Builder
	for line := range strings.SplitSeq(string(out), "\n") {
		m := initLine.FindStringSubmatch(line)
		if m == nil || !strings.HasPrefix(m[1], "github.com/sysarch/sysarch/agent/") {
			continue
		}
		seen++
		n, _ := strconv.Atoi(m[3])
		total += n
		report.WriteString(line + "\n")
	}
	if seen == 0 {
		t.Fatalf("no init trace of sysarch's packages in:\n%s", out)
	}
	if total > initBudgetBytes {
		t.Errorf("sysarch's packages allocate %d bytes at init, over the budget of %d; compile or load on first use instead:\n%s", total, initBudgetBytes, report.String())
	}
}

// TestPatternsCompile compiles every regular expression the linked
// packages declare: they compile on first use, so a bad one would
// otherwise surface only when a user's input reaches it.
func TestPatternsCompile(t *testing.T) {
	if bad, err := lazyre.CompileAll(); err != nil {
		t.Fatalf("pattern %q does not compile: %v", bad, err)
	}
}
