package main

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// fakeKey finds a script's fake server among its testscript values.
type fakeKey struct{}

// scriptSetup gives each script a slot for its fake server, and $DOCS,
// the review package's folder of test documents.
func scriptSetup(env *testscript.Env) error {
	env.Values[fakeKey{}] = new(*fakeopenai.Server)
	docs, err := filepath.Abs(filepath.Join("..", "..", "agent", "review", "testdata"))
	if err != nil {
		return err
	}
	env.Setenv("DOCS", docs)
	env.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	return nil
}

// scriptCmds are testscript commands of our own.
func scriptCmds() map[string]func(ts *testscript.TestScript, neg bool, args []string) {
	return map[string]func(*testscript.TestScript, bool, []string){
		"fakeopenai": fakeOpenAICmd,
		"roundtrips": roundTripsCmd,
	}
}

// fakeOpenAICmd starts the strict fake OpenAI-compatible server on
// 127.0.0.1 with a JSON script (usage: fakeopenai SCRIPT.json [ENVVAR]),
// and points ENVVAR (default OPENAI_BASE_URL) at it. When the script ends,
// any request the server found malformed fails the test.
func fakeOpenAICmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: fakeopenai SCRIPT.json [ENVVAR]")
	}
	opts, err := fakeopenai.ParseScript([]byte(ts.ReadFile(args[0])))
	ts.Check(err)
	srv := fakeopenai.NewServer(opts...)
	ts.Check(srv.Start("127.0.0.1:0"))
	name := "OPENAI_BASE_URL"
	if len(args) == 2 {
		name = args[1]
	}
	ts.Setenv(name, srv.URL())
	*ts.Value(fakeKey{}).(**fakeopenai.Server) = srv
	ts.Defer(func() {
		srv.Close()
		if f := srv.Failures(); len(f) > 0 {
			ts.Fatalf("the fake server rejected requests:\n%s", strings.Join(f, "\n"))
		}
	})
}

// roundTripsCmd checks how many requests the fake server has answered
// (usage: roundtrips N).
func roundTripsCmd(ts *testscript.TestScript, neg bool, args []string) {
	srv := *ts.Value(fakeKey{}).(**fakeopenai.Server)
	if srv == nil || len(args) != 1 {
		ts.Fatalf("usage: roundtrips N, after fakeopenai")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	if got := srv.RoundTrips(); (got == want) == neg {
		ts.Fatalf("round trips = %d, want %s%d", got, map[bool]string{true: "not ", false: ""}[neg], want)
	}
}
