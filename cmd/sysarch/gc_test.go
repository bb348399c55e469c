package main

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// collections runs sysarch with GODEBUG=gctrace=1 and returns its
// garbage collections' trace lines.
func collections(t *testing.T, env []string, args ...string) []string {
	t.Helper()
	cmd := exec.Command(buildSysarch(t), args...)
	cmd.Env = append(append(cmd.Environ(), "GODEBUG=gctrace=1"), env...)
	out, _ := cmd.CombinedOutput() // a review exits 1 on high findings
	var gcs []string
	for line := range strings.SplitSeq(string(out), "\n") {
		if strings.HasPrefix(line, "gc ") {
			gcs = append(gcs, line)
		}
	}
	return gcs
}

// TestShortRunsCollectNothing: a design or a review of a 500-line
// document ends before its heap reaches the first collection's size, so
// it spends nothing on garbage collection.
func TestShortRunsCollectNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	if raceEnabled {
		t.Skip("the race detector's build allocates more than a user's")
	}
	for _, args := range [][]string{
		{"design", "-f", "../../examples/chat.md", "--offline"},
		{"review", "../../testdata/perf/review500.md"},
	} {
		if gcs := collections(t, nil, args...); len(gcs) > 0 {
			t.Errorf("sysarch %s collected garbage %d times:\n%s", strings.Join(args, " "), len(gcs), strings.Join(gcs, "\n"))
		}
	}
	// A user's GOGC is theirs: with it set, the runtime paces as told.
	if gcs := collections(t, []string{"GOGC=10"}, "design", "-f", "../../examples/chat.md", "--offline"); len(gcs) == 0 {
		t.Error("with GOGC=10 a design collected nothing: the user's setting was overridden")
	}
}

// TestLongRunsCollectAsUsual: a review of a large document passes the
// first collection's size and keeps collecting, so its heap stays
// bounded by what it holds.
func TestLongRunsCollectAsUsual(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	doc, err := os.ReadFile("../../testdata/perf/review1000.md")
	if err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(t.TempDir(), "big.md")
	var b strings.Builder
	for b.Len() < 700_000 {
		b.Write(doc)
	}
	if err := os.WriteFile(big, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if gcs := collections(t, nil, "review", big); len(gcs) < 2 {
		t.Fatalf("a 700 kB review collected %d times:\n%s", len(gcs), strings.Join(gcs, "\n"))
	}
}

// TestFirstCollectionRestoresPacing: once the first collection has run,
// the process is paced by GOGC=100 with no memory limit, as if nothing
// had been changed.
func TestFirstCollectionRestoresPacing(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent := func() int { p := debug.SetGCPercent(0); debug.SetGCPercent(p); return p }
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	deferFirstCollection(1 << 40)
	if p, limit := percent(), debug.SetMemoryLimit(-1); p != -1 || limit != 1<<40 {
		t.Fatalf("before the first collection: GOGC %d, limit %d; want off, 1 TiB", p, limit)
	}
	for range 100 {
		runtime.GC() // the collection the limit would have started
		if percent() == 100 && debug.SetMemoryLimit(-1) == math.MaxInt64 {
			return
		}
		time.Sleep(10 * time.Millisecond) // the cleanup runs on its own goroutine
	}
	t.Fatalf("after collecting: GOGC %d, limit %d; want 100 and none", percent(), debug.SetMemoryLimit(-1))
}
