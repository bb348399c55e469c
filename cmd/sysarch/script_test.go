package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sysarch": func() { os.Exit(run(os.Args[1:], newSystemIO())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script: each runs the
// sysarch binary as a user would and checks its output and exit code.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", Setup: scriptSetup, Cmds: scriptCmds()})
}
