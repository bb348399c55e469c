package fileio

import (
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
)

// tempGuard removes a temporary file when SIGINT or SIGTERM arrives while
// it exists, then lets the signal take its usual course. Without it,
// Ctrl-C during a write leaves a hidden partial file beside the target.
type tempGuard struct {
	sigs  chan os.Signal
	done  chan struct{}
	once  sync.Once
	fired atomic.Bool // the file was removed on a signal
}

func removeOnSignal(name string) *tempGuard {
	g := &tempGuard{sigs: make(chan os.Signal, 1), done: make(chan struct{})}
	signal.Notify(g.sigs, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case sig := <-g.sigs:
			g.fired.Store(true)
			os.Remove(name)
			// Stop listening, then deliver the signal again: a process
			// that does not handle it itself ends as it would have, and
			// one that does (a signal context) has already seen it.
			signal.Stop(g.sigs)
			if p, err := os.FindProcess(os.Getpid()); err == nil {
				p.Signal(sig)
			}
		case <-g.done:
		}
	}()
	return g
}

// release stops watching for signals once the file is renamed or removed.
func (g *tempGuard) release() {
	g.once.Do(func() {
		signal.Stop(g.sigs)
		close(g.done)
	})
}
