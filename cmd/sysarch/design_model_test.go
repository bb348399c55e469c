package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/sysarch/sysarch/agent/fakeopenai"
	"github.com/sysarch/sysarch/agent/requirements"
)

// relayReq matches two archetypes on stray words (a chat assistant, a
// rate limit, a feed of past conversations) that the model excludes.
const relayReq = `---
title: Inference relay
workloads:
  - name: prompts
    kind: write
    rate: 20M/day
    item_size: 4KB
  - name: history
    kind: read
    rate: 50M/day
availability: 99.9%
---
A relay in front of GPU replicas for our chat assistant. Each tenant has a rate limiter on its API key; users scroll a news feed of their past conversations.
`

// relayScript is the model's side of the conversation: it excludes the
// two archetypes, adds four parts and routes the prompts through them,
// computes three figures, logs three trade-offs and submits a narrative
// that cites its figures.
func relayScript(t *testing.T, refusals *[]string, mu *sync.Mutex) []fakeopenai.Reply {
	req, err := requirements.ParseRequirements([]byte(relayReq), "relay.md")
	if err != nil {
		t.Fatal(err)
	}
	req.Patterns = []string{"-rate-limiter", "-news-feed"}
	recorded, _ := json.Marshal(req)
	part := func(name, kind, tech, role string, extra string) fakeopenai.ToolCall {
		return fakeopenai.Call("add_component", `{"name": "`+name+`", "kind": "`+kind+`", "technology": "`+tech+`", "role": "`+role+`"`+extra+`}`)
	}
	// Every tool answer the model got must be a result (JSON), not a
	// refusal; the last request shows them all.
	watch := func(r fakeopenai.Reply) fakeopenai.Reply {
		return fakeopenai.Func(func(req fakeopenai.Request) fakeopenai.Reply {
			mu.Lock()
			defer mu.Unlock()
			*refusals = nil
			for _, m := range req.Messages {
				if m.Role == "tool" && !strings.HasPrefix(m.Text(), "{") {
					*refusals = append(*refusals, m.Text())
				}
			}
			return r
		})
	}
	return []fakeopenai.Reply{
		fakeopenai.Calls(fakeopenai.Call("record_requirements", string(recorded))),
		fakeopenai.Calls(
			part("Admission scheduler", "service", "Go service", "admits requests by tenant priority", `, "state": ["per-priority queues"], "from": ["lb"]`),
			part("Load-aware router", "service", "Envoy", "sends each prompt to the least-loaded replica", ""),
			part("Streaming relay", "worker", "Go workers", "streams tokens back to the client", ""),
			part("Prompt log", "store", "ScyllaDB", "keeps every prompt and answer", `, "existing": true`)),
		fakeopenai.Calls(fakeopenai.Call("route_flow", `{"workloads": ["prompts"], "path": ["client", "lb", "admission_scheduler", "load_aware_router", "streaming_relay", "prompt_log"]}`)),
		fakeopenai.Calls(fakeopenai.Call("throughput", `{"count": 20000000, "per": "day"}`)),
		fakeopenai.Calls(fakeopenai.Call("servers", `{"peak_rps": 463, "per_server_rps": 4}`)),
		fakeopenai.Calls(fakeopenai.Call("bandwidth", `{"count": 20000000, "per": "day", "item_bytes": 4000}`)),
		fakeopenai.Calls(fakeopenai.Call("add_notes", `{"trade_offs": [
			{"choice": "priority admission", "over": "first come, first served", "reason": "paying tenants keep their latency under load"},
			{"choice": "at-least-once delivery", "over": "exactly-once", "reason": "the prompt log is written idempotently"},
			{"choice": "one region", "over": "multi-region", "reason": "the GPUs are in one region"}]}`)),
		watch(fakeopenai.Calls(fakeopenai.Call("submit_design", `{"executive_summary": "Prompts peak at 463 requests per second [M1], which needs 167 GPU replicas [M7]; the relay streams at [M10]. The admission scheduler keeps paying tenants ahead when the replicas are full."}`))),
	}
}

func TestTheModelBuildsTheDesign(t *testing.T) {
	var refusals []string
	var mu sync.Mutex
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(relayScript(t, &refusals, &mu)...))
	p := filepath.Join(t.TempDir(), "relay.md")
	if err := os.WriteFile(p, []byte(relayReq), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, out, errOut := ttyIO(false, map[string]string{"OPENAI_API_KEY": llmKey, "OPENAI_BASE_URL": srv.URL()})
	code := run([]string{"design", "-f", p, "--llm", "--detail", "full", "--verbose"}, ios)
	doc := out.String()
	if code != exitOK || !strings.Contains(errOut.String(), "narrative: the model's") || strings.Contains(errOut.String(), "warning:") {
		t.Fatalf("exit %d; the model's design was not taken:\n%s", code, errOut)
	}
	if !strings.Contains(errOut.String(), " bytes=") || !strings.Contains(errOut.String(), " prompt_tokens=") {
		t.Errorf("--verbose does not say what each request cost:\n%s", errOut)
	}
	mu.Lock()
	if len(refusals) > 0 {
		t.Errorf("tool calls were refused: %q", refusals)
	}
	mu.Unlock()
	section := func(title string) string {
		_, rest, ok := strings.Cut(doc, "## "+title+"\n")
		if !ok {
			t.Fatalf("no section %s", title)
		}
		s, _, _ := strings.Cut(rest, "\n#")
		return s
	}
	components, flow, cost, failures, capacity, decisions := section("Core Components"), section("Data Flow"), section("Cost Estimate"), section("Failure Scenarios"), section("Capacity"), section("Decision Log")
	for _, name := range []string{"Admission scheduler", "Load-aware router", "Streaming relay", "Prompt log"} {
		if !strings.Contains(components, "| "+name+" |") {
			t.Errorf("%s is not in the components table", name)
		}
		if strings.Count(flow, name) < 3 { // the Mermaid chart, the boxes and the routed step
			t.Errorf("%s is in the data flow %d times, want both diagrams and the step", name, strings.Count(flow, name))
		}
		if !strings.Contains(cost, name) {
			t.Errorf("%s is neither priced nor marked in the cost", name)
		}
		if !strings.Contains(failures, name) {
			t.Errorf("%s has no failure scenario", name)
		}
	}
	if !strings.Contains(flow, "Admission scheduler → Load-aware router → Streaming relay → Prompt log") {
		t.Error("the prompts are not routed through the model's parts")
	}
	if strings.Contains(flow, `writes ("prompts"): API`) {
		t.Error("the data flow still describes the old path of the prompts")
	}
	for _, id := range []string{"M1", "M7", "M10"} {
		if !strings.Contains(capacity, "| "+id+" |") {
			t.Errorf("%s is not a capacity row", id)
		}
	}
	if n := strings.Count(decisions, "Trade-off: "); n != 3 {
		t.Errorf("%d trade-off rows, want 3", n)
	}
	if strings.Contains(doc, "Rate limiter") || strings.Contains(doc, "Fan-out workers") {
		t.Error("an excluded archetype's parts are still in the design")
	}
}

// TestBytesSentForTheScriptedDesign measures what the scripted design
// sends to the model (`go test ./cmd/sysarch -run BytesSent -v`): the
// README's performance section quotes it. The draft travels as a compact
// summary, the prompt and the tool schemas are short, so the requests
// stay within a third of what they were.
func TestBytesSentForTheScriptedDesign(t *testing.T) {
	var refusals []string
	var mu sync.Mutex
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(relayScript(t, &refusals, &mu)...))
	p := filepath.Join(t.TempDir(), "relay.md")
	if err := os.WriteFile(p, []byte(relayReq), 0o644); err != nil {
		t.Fatal(err)
	}
	ios, _, errOut := ttyIO(false, map[string]string{"OPENAI_API_KEY": llmKey, "OPENAI_BASE_URL": srv.URL()})
	if code := run([]string{"design", "-f", p, "--llm", "--verbose"}, ios); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	// What --verbose says of each request: its bytes and prompt tokens.
	for _, line := range strings.Split(errOut.String(), "\n") {
		if i := strings.Index(line, " id="); i >= 0 && strings.Contains(line, " bytes=") {
			t.Log(line[i+1:])
		}
	}
	total, fixed := 0, 0
	for _, r := range srv.Requests() {
		var body struct {
			Tools    json.RawMessage   `json:"tools"`
			Messages []json.RawMessage `json:"messages"`
		}
		if err := json.Unmarshal(r.Body, &body); err != nil {
			t.Fatal(err)
		}
		total += len(r.Body)
		fixed += len(body.Tools) + len(body.Messages[0])
	}
	n := len(srv.Requests())
	t.Logf("%d requests, %d bytes in all (%d a request); the system prompt and the tool definitions are %d of them", n, total, total/n, fixed)
	// A third of the 828,013 bytes the same design sent when the first
	// message carried the rendered document and every request the full
	// persona and tool schemas.
	if budget := 828_013 / 3; total > budget {
		t.Errorf("the scripted design sent %d bytes, over its budget of %d", total, budget)
	}
}

// TestResumeSavesTheModelsDesign: a chat in which the model built the
// design is left, resumed and saved; the saved document is byte for
// byte the one saved before it was left.
func TestResumeSavesTheModelsDesign(t *testing.T) {
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(
		fakeopenai.Calls(fakeopenai.Call("record_requirements", `{"title": "Inventory", "workloads": [{"name": "list items", "kind": "read", "rate": "20/s"}]}`)),
		fakeopenai.Calls(fakeopenai.Call("add_component", `{"name": "Stock checker", "kind": "worker", "technology": "Go workers", "role": "reconciles stock nightly"}`),
			fakeopenai.Call("throughput", `{"count": 20, "per": "second"}`)),
		fakeopenai.Calls(fakeopenai.Call("add_notes", `{"trade_offs": [{"choice": "nightly reconciliation", "over": "live sync", "reason": "stock moves slowly"}, {"choice": "one region", "over": "two", "reason": "one warehouse"}]}`)),
		fakeopenai.Calls(fakeopenai.Call("submit_design", `{"executive_summary": "Reads run at 40 requests per second at peak [M1]; a nightly worker reconciles stock."}`)),
		fakeopenai.Text("Here is the design.")))
	dir := t.TempDir()
	env := map[string]string{"SYSARCH_API_KEY": llmKey, "XDG_STATE_HOME": filepath.Join(dir, "state"), "HOME": dir}
	chat := func(input string, extra ...string) string {
		ios, _, errOut := ttyIO(false, env)
		ios.In = strings.NewReader(input)
		if code := run(append([]string{"chat", "--provider", "openai", "--base-url", srv.URL()}, extra...), ios); code != exitOK {
			t.Fatalf("exit %d\n%s", code, errOut)
		}
		return errOut.String()
	}
	first, second := filepath.Join(dir, "first.md"), filepath.Join(dir, "second.md")
	chat("An inventory service, 20 reads a second.\n/save " + first + "\n")
	chat("/save "+second+"\n", "--resume")
	a, err := os.ReadFile(first)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(second)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Reads run at 40 requests per second at peak [M1]", "| Stock checker |", "Trade-off: one region over two", "| M1 |"} {
		if !strings.Contains(string(a), want) {
			t.Errorf("the design before leaving lacks %q", want)
		}
	}
	if string(a) != string(b) {
		t.Errorf("the resumed design differs from the one before leaving:\n--- before\n%.1500s\n--- after\n%.1500s", a, b)
	}
}
