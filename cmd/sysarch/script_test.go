package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run sysarch in this test binary, so they test
// the command line end to end without building it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sysarch": func() { os.Exit(run(os.Args[1:], newSystemIO())) },
	})
}

// TestScript runs the .txtar scripts in testdata/script.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"json-valid": jsonValid,
		},
	})
}

// jsonValid checks that each file named holds one JSON value.
func jsonValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) == 0 {
		ts.Fatalf("usage: json-valid FILE...")
	}
	for _, f := range args {
		var v any
		err := json.Unmarshal([]byte(ts.ReadFile(f)), &v)
		switch {
		case err != nil && !neg:
			ts.Fatalf("%s is not valid JSON: %v", f, err)
		case err == nil && neg:
			ts.Fatalf("%s is valid JSON", f)
		}
	}
}
