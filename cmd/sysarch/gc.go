package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
)

// firstCollectionAt is the heap size at which a sysarch process first
// collects garbage.
//
// Most runs are short: a design, a review, a calculation or --help
// allocate a few megabytes and exit. With the runtime's default pacing a
// design collected once, at 4 MB, and that collection (marking on the
// second core, the sweep, the mark bitmaps it touches) cost more CPU and
// more resident memory than leaving the garbage where it lay. So a
// process collects nothing until its heap first reaches this size; from
// that collection on, the runtime paces as it always does (GOGC=100), so
// a long chat, an MCP server or a review of a very large document keep a
// heap proportional to what they hold.
const firstCollectionAt = 32 << 20

// deferFirstCollection turns garbage collection off until the heap first
// reaches limit, then restores the default pacing. A user who sets GOGC or
// GOMEMLIMIT keeps their own settings.
func deferFirstCollection(limit int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(limit)
	// The first collection, which only the memory limit can start, finds
	// the sentinel unreachable and runs the cleanup: from then on the
	// usual pacing applies and the limit is gone.
	sentinel := new(struct{ _ *byte })
	runtime.AddCleanup(sentinel, func(struct{}) {
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}, struct{}{})
}
