package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected output in testdata/script")

// TestMain lets the test binary run as the sysarch command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sysarch": func() { os.Exit(run(os.Args[1:], newSystemIO())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. $DOCS is the
// review package's folder of test documents.
func TestScript(t *testing.T) {
	docs, err := filepath.Abs(filepath.Join("..", "..", "agent", "review", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("DOCS", docs)
			return nil
		},
	})
}
