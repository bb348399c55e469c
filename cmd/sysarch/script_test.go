package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary run as the sysarch command inside scripts.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sysarch": func() { os.Exit(run(os.Args[1:], newSystemIO())) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. $DOCS is the
// review package's folder of test documents. UPDATE_SCRIPTS=1 rewrites the
// expected output that scripts compare with cmp (an environment variable
// rather than a flag, so that it never collides with a golden-file flag of
// another test in this package).
func TestScript(t *testing.T) {
	docs, err := filepath.Abs(filepath.Join("..", "..", "agent", "review", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") == "1",
		Setup: func(env *testscript.Env) error {
			env.Setenv("DOCS", docs)
			return nil
		},
	})
}
