// Package fakeopenai is a strict, scripted OpenAI-compatible HTTP server for
// tests.
//
// It speaks the Chat Completions wire format on loopback — streaming (SSE)
// and whole responses — and answers each request with the next reply of a
// script: assistant text, tool calls, the odd shapes some compatible servers
// produce (whole calls in one chunk, missing indexes, "stop" with tool calls
// pending) and faults (429 with Retry-After, 5xx, a connection dropped
// mid-stream, malformed SSE). A client under test is exercised against a real
// server, not a mock of its HTTP library.
//
// Every request is checked the way the real API checks it: known top-level
// fields only, valid roles, each tool message answering a tool call of the
// preceding assistant message, unique tool call ids, tool parameters that are
// valid JSON Schema objects, and so on. A request that breaks a rule is
// answered with 400 and the API's error JSON, and — because a correct client
// never sends one — also fails the test. Conditions a correct client can meet
// at run time (a rejected API key, an unknown model, a fault from the script)
// are answered like the real API and are not test failures.
//
// In a test:
//
//	srv := fakeopenai.New(t, fakeopenai.Replies(
//		fakeopenai.Calls(fakeopenai.Call("throughput", `{"count":"10M","per":"month"}`)).InChunks(3),
//		fakeopenai.Text("38 requests per second on average.").InChunks(4),
//	))
//	cfg := openai.DefaultConfig("test-key")
//	cfg.BaseURL = srv.URL()
//
// Outside a test, [NewServer] and [Server.Start] run the same server — a
// testscript command can start one, set $OPENAI_BASE_URL to [Server.URL] and
// check [Server.Failures] at the end — and [Main] serves a JSON script
// ([ParseScript]) from the command line.
package fakeopenai
