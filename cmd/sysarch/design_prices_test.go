package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sysarch/sysarch/agent/fakeopenai"
)

// TestDesignWithModelPricesWithTheFile: `design --llm --prices FILE`
// prices the document, and the model's own cost tool, with FILE: the
// options built from the flags reach the model's design session too.
func TestDesignWithModelPricesWithTheFile(t *testing.T) {
	own, err := os.ReadFile("../../agent/capacity/data/prices.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Another cloud whose compute costs ten times as much.
	table := strings.Replace(string(own), "region: AWS us-east-1, on-demand", "region: Test cloud, list", 1)
	table = strings.Replace(table, "{name: m7i.large, vcpu: 2, memory: 8GiB, hourly: 0.1008}", "{name: m7i.large, vcpu: 2, memory: 8GiB, hourly: 1.008}", 1)
	pricesFile := filepath.Join(t.TempDir(), "prices.yaml")
	if err := os.WriteFile(pricesFile, []byte(table), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := fakeopenai.New(t, fakeopenai.APIKey(llmKey), fakeopenai.Replies(
		fakeopenai.Calls(fakeopenai.Call("cost", `{"component": "compute", "instance": "m7i.large"}`)),
		fakeopenai.Calls(fakeopenai.Call("submit_design", narrative)),
	))
	code, out, errOut := designLLM(t, srv, nil, "--prices", pricesFile, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	if !strings.Contains(errOut, "narrative: the model's") {
		t.Errorf("the model's narrative was not used:\n%s", errOut)
	}
	var d struct {
		CostSummary struct {
			PriceTable string  `json:"price_table"`
			TotalUSD   float64 `json:"total_usd"`
		} `json:"cost_summary"`
	}
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	if d.CostSummary.PriceTable != "Test cloud, list" {
		t.Errorf("the document priced with %q, want the --prices table", d.CostSummary.PriceTable)
	}
	// The model's cost call was answered from the file: 1.008 × 730 h.
	reqs := srv.Requests()
	if len(reqs) < 2 {
		t.Fatalf("%d requests, want the cost call answered", len(reqs))
	}
	var answered bool
	for _, m := range reqs[1].Messages {
		if m.Role == "tool" && strings.Contains(string(m.Content), "735.84") {
			answered = true
		}
	}
	if !answered {
		t.Errorf("the model's cost tool did not price with the file: %v", reqs[1].Messages)
	}
}
